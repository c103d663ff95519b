package org.vworkbook.numerics;

import java.util.function.DoubleUnaryOperator;
import org.vworkbook.util.Check;

/**
 * The integration rules of the library, in one dimension:
 *
 * <ul>
 *   <li>composite Gauss-Legendre with 16 nodes per panel ({@link #integrate}, {@link #moments},
 *       {@link #integrateLine}): with enough panels for the integrand's scale this is accurate to ~1e-12
 *       for smooth integrands; it is the independent check that the tests compare closed forms against;
 *   <li>composite Gauss-Legendre with 5 nodes per panel in the log domain ({@link #logIntegral}), for
 *       integrands whose logarithm is what one can compute (an evidence over a hyperparameter);
 *   <li>the trapezoid weights of a tabulated grid ({@link #trapezoidWeights}), the rule of the grid models;
 *   <li>expectations under a standard normal on a fixed grid: {@link StandardNormalGrid}.
 * </ul>
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

    // 5-point Gauss-Legendre nodes and weights on [-1, 1].
    private static final double[] NODES_5 = {-0.906179845938664, -0.538469310105683, 0.0, 0.538469310105683, 0.906179845938664};
    private static final double[] WEIGHTS_5 = {0.236926885056189, 0.478628670499366, 0.568888888888889, 0.478628670499366,
        0.236926885056189};

    private Quadrature() {}

    /**
     * The log of one weighted node of {@link #logIntegral}: log(w_i) + log f(u_i), where the rule hands
     * the term its log weight log(w_i) and the node u_i.
     */
    @FunctionalInterface
    public interface LogTerm {
        /**
         * @param u the node
         * @param logWeight the log of the node's weight (panel half-width times the Legendre weight)
         * @return logWeight + log f(u), in whatever order of additions the caller wants
         */
        double at(double u, double logWeight);
    }

    /**
     * log of the integral of f over [lo, hi], f given through its logarithm: composite 5-point
     * Gauss-Legendre with {@code panels} equal panels of width h, node u = mid + (h/2) x_i and weight
     * (h/2) w_i in each, the weighted terms summed by log-sum-exp,
     * log sum exp(t) = max + log sum exp(t - max) with t = log((h/2) w_i) + log f(u). So an integrand of
     * 1e-300 or 1e300 is no problem, as long as its log is finite somewhere.
     *
     * @param term log((h/2) w_i) + log f(u) at each node, from the node and its log weight
     */
    public static double logIntegral(LogTerm term, double lo, double hi, int panels) {
        if (term == null) {
            throw new IllegalArgumentException("Quadrature log term must not be null");
        }
        Check.finite("Quadrature", "lo", lo);
        Check.finite("Quadrature", "hi", hi);
        Check.atLeast("Quadrature", "panels", panels, 1);
        if (!(hi > lo)) {
            throw new IllegalArgumentException("Quadrature hi must be > lo, got lo = " + lo + ", hi = " + hi);
        }
        double h = (hi - lo) / panels;
        double[] logTerms = new double[panels * NODES_5.length];
        int idx = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < panels; p++) {
            double mid = lo + (p + 0.5) * h;
            for (int i = 0; i < NODES_5.length; i++) {
                double u = mid + 0.5 * h * NODES_5[i];
                double v = term.at(u, Math.log(0.5 * h * WEIGHTS_5[i]));
                logTerms[idx++] = v;
                max = Math.max(max, v);
            }
        }
        double sum = 0;
        for (double v : logTerms) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /**
     * The trapezoid weights of a strictly increasing grid z_0 < ... < z_{n-1}:
     * w_i = (z_{i+1} - z_{i-1}) / 2 inside, half cells (z_1 - z_0) / 2 and (z_{n-1} - z_{n-2}) / 2 at the
     * ends, so that sum_i w_i f(z_i) is the trapezoid rule for the integral of f over [z_0, z_{n-1}].
     *
     * @param grid finite, strictly increasing, at least 2 nodes
     */
    public static double[] trapezoidWeights(double[] grid) {
        if (grid == null || grid.length < 2) {
            throw new IllegalArgumentException("Quadrature grid must have at least 2 nodes, got "
                    + (grid == null ? "null" : grid.length));
        }
        double[] g = Check.finiteVector("Quadrature", "grid", grid);
        int n = g.length;
        for (int i = 1; i < n; i++) {
            if (!(g[i] > g[i - 1])) {
                throw new IllegalArgumentException("Quadrature grid must be strictly increasing, got grid[" + i + "] = "
                        + g[i] + " after grid[" + (i - 1) + "] = " + g[i - 1]);
            }
        }
        double[] w = new double[n];
        for (int i = 0; i + 1 < n; i++) {
            double h = 0.5 * (g[i + 1] - g[i]);
            w[i] += h;
            w[i + 1] += h;
        }
        return w;
    }

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
