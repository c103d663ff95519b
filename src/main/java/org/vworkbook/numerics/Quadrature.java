package org.vworkbook.numerics;

import java.util.function.DoubleUnaryOperator;
import org.vworkbook.util.Check;

/**
 * Deterministic integration in one dimension: composite Gauss-Legendre with 16 nodes per panel.
 * With enough panels for the integrand's scale this is accurate to ~1e-12 for smooth integrands;
 * it is the independent check that the tests compare closed forms against.
 */
public final class Quadrature {
    // 16-point Gauss-Legendre nodes and weights on [-1, 1] (positive half; symmetric).
    private static final double[] NODES = {
        0.0950125098376374401853193, 0.2816035507792589132304605, 0.4580167776572273863424194,
        0.6178762444026437484466718, 0.7554044083550030338951012, 0.8656312023878317438804679,
        0.9445750230732325760779884, 0.9894009349916499325961542
    };
    private static final double[] WEIGHTS = {
        0.1894506104550684962853967, 0.1826034150449235888667637, 0.1691565193950025381893121,
        0.1495959888165767320815017, 0.1246289712555338720524763, 0.0951585116824927848099251,
        0.0622535239386478928628438, 0.0271524594117540948517806
    };

    private Quadrature() {}

    /** The integral of f over [lo, hi] with {@code panels} Gauss-Legendre panels of 16 nodes. */
    public static double integrate(DoubleUnaryOperator f, double lo, double hi, int panels) {
        return moments(f, lo, hi, panels, 0)[0];
    }

    /**
     * The moments integrals m_k = integral of t^k f(t) over [lo, hi] for k = 0..maxPower, with the
     * same panels and nodes as {@link #integrate}, but f evaluated once per node for all k (the
     * way to get a normalising constant, mean and variance when f is costly). m_0 is
     * {@link #integrate}; m_k equals {@code integrate(t -> Math.pow(t, k) * f(t), lo, hi, panels)}
     * to the last bit for k <= 2.
     */
    public static double[] moments(DoubleUnaryOperator f, double lo, double hi, int panels, int maxPower) {
        Check.finite("Quadrature", "lo", lo);
        Check.finite("Quadrature", "hi", hi);
        Check.atLeast("Quadrature", "panels", panels, 1);
        Check.atLeast("Quadrature", "maxPower", maxPower, 0);
        if (!(hi > lo)) {
            throw new IllegalArgumentException("Quadrature hi must be > lo, got lo = " + lo + ", hi = " + hi);
        }
        double width = (hi - lo) / panels;
        double[] total = new double[maxPower + 1];
        double[] s = new double[maxPower + 1];
        for (int p = 0; p < panels; p++) {
            double a = lo + p * width;
            double mid = a + 0.5 * width;
            double half = 0.5 * width;
            java.util.Arrays.fill(s, 0.0);
            for (int k = 0; k < NODES.length; k++) {
                double dx = half * NODES[k];
                double left = mid - dx;
                double right = mid + dx;
                double fl = f.applyAsDouble(left);
                double fr = f.applyAsDouble(right);
                double pl = 1;
                double pr = 1;
                for (int j = 0; j <= maxPower; j++) {
                    s[j] += WEIGHTS[k] * (pl * fl + pr * fr);
                    pl *= left;
                    pr *= right;
                }
            }
            for (int j = 0; j <= maxPower; j++) {
                total[j] += s[j] * half;
            }
        }
        return total;
    }

    /**
     * The integral over the real line of an integrand concentrated near {@code center} with
     * spread {@code scale}: integrates over center +- 40 scale with 400 panels (the tails beyond
     * 40 scales are negligible for the Gaussian-tailed integrands used here).
     */
    public static double integrateLine(DoubleUnaryOperator f, double center, double scale) {
        Check.positive("Quadrature", "scale", scale);
        return integrate(f, center - 40 * scale, center + 40 * scale, 400);
    }
}
