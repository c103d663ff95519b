package org.vworkbook.cavi;

import java.util.function.DoubleUnaryOperator;
import org.vworkbook.distributions.Gamma;
import org.vworkbook.distributions.Normal;
import org.vworkbook.exact.NormalNormalGammaModel;
import org.vworkbook.numerics.Quadrature;
import org.vworkbook.util.Check;

/**
 * The single-factor update log q_j*(z_j) = E_-j[log p(x, z)] + const computed <b>numerically</b>
 * on a grid, for the two factors of the Normal-Normal-Gamma mean field, as an independent check of
 * the closed-form updates of {@link NormalGammaCavi}.
 *
 * <p>For each grid point z_j the expectation over the other factor is a Gauss-Legendre quadrature
 * of the model's log joint ({@link NormalNormalGammaModel#logJoint}, evaluated term by term; over tau
 * written in s = log tau, {@link #logJointAtLogTau}, because e^s underflows inside the window of a
 * small shape; no closed-form moment is used):
 *
 * <ul>
 *   <li>over mu on m +- 12 sd of q(mu), 24 panels (the integrand is a Gaussian times a quadratic);
 *   <li>over tau in the variable s = log tau, where the density of s, proportional to
 *       exp(a s - b e^s), is smooth for every shape a (the density of tau itself behaves like
 *       tau^(a-1) at 0). The window is where that density is above e^-40 of its peak; for a small
 *       shape it is long (about 40 / a on the left of the mode) while the density falls off on a
 *       scale of min(1, 1/sqrt(a)) near the mode, so the window is cut into segments whose length
 *       doubles away from the mode, starting at that scale, each with 4 panels of 16 nodes
 *       ({@link #integrateFromMode}): a fixed number of panels cannot serve both a0 = 0.05
 *       (window ~800 wide) and a = 1000 (sd 0.03).
 * </ul>
 *
 * The grid values are exponentiated after subtracting their maximum and normalised numerically:
 *
 * <ul>
 *   <li>q*(mu) on a grid uniform in mu over +- 12 sd of the closed-form q*(mu), by Simpson's rule;
 *   <li>q*(tau) on a grid uniform in s = log tau over the s where the closed-form density of s is
 *       above e^-30 of its peak, by the trapezoid rule in s applied to q(tau) tau (the density of
 *       s). A grid linear in tau cannot do this: near tau = 0 the density is tau^(a-1) with a
 *       possibly just above 1, whose derivatives blow up, and Simpson's rule on it lost 4e-4 of the
 *       peak. In s the integrand is smooth and decays at both ends of the window, where the
 *       trapezoid rule converges exponentially fast (Simpson's rule, (4 T_h - T_2h) / 3, inherits
 *       the error of the coarser T_2h: 1e-6 of the mass at 101 points and a = 1.05, against 1e-12
 *       for the trapezoid rule).
 * </ul>
 *
 * Only the windows are taken from the closed forms; the shapes and the normalisations are numerical.
 */
public final class NormalGammaGridUpdate {
    private static final int PANELS = 24;
    private static final int SEGMENT_PANELS = 4;

    /**
     * One factor on the grid.
     *
     * @param grid the grid points z_j
     * @param numerical the normalised exp E_-j[log p] on the grid
     * @param closedForm the closed-form update's density on the grid
     * @param maxAbsError the largest |numerical - closedForm| over the grid
     * @param maxAbsExpectedLogJoint the largest |E_-j[log p]| over the grid: rounding it to double precision
     *     changes the numerical density by about 1e-16 times this, relative (the limit of any such check)
     */
    public record FactorOnGrid(double[] grid, double[] numerical, double[] closedForm, double maxAbsError,
            double maxAbsExpectedLogJoint) {
        public FactorOnGrid {
            grid = Check.finiteVector("FactorOnGrid", "grid", grid);
            numerical = Check.finiteVector("FactorOnGrid", "numerical", numerical);
            closedForm = Check.finiteVector("FactorOnGrid", "closedForm", closedForm);
            Check.sameLength("FactorOnGrid", "grid", grid.length, "numerical", numerical.length);
            Check.sameLength("FactorOnGrid", "grid", grid.length, "closedForm", closedForm.length);
            Check.nonNegative("FactorOnGrid", "maxAbsError", maxAbsError);
            Check.nonNegative("FactorOnGrid", "maxAbsExpectedLogJoint", maxAbsExpectedLogJoint);
            densities("numerical", numerical);
            densities("closedForm", closedForm);
        }

        private static void densities(String name, double[] values) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] < 0) {
                    throw new IllegalArgumentException("FactorOnGrid " + name + "[" + i + "] must be >= 0 (a density), got " + values[i]);
                }
            }
        }

        /** The largest closed-form density on the grid. */
        public double peak() {
            double peak = 0;
            for (double v : closedForm) {
                peak = Math.max(peak, v);
            }
            return peak;
        }

        /**
         * {@link #maxAbsError} relative to {@link #peak}; on a grid where the closed form is 0 everywhere,
         * 0 if the numerical density is 0 too, else infinite.
         */
        public double relativeError() {
            double peak = peak();
            return peak > 0 ? maxAbsError / peak : maxAbsError == 0 ? 0 : Double.POSITIVE_INFINITY;
        }

        @Override
        public double[] grid() {
            return grid.clone();
        }

        @Override
        public double[] numerical() {
            return numerical.clone();
        }

        @Override
        public double[] closedForm() {
            return closedForm.clone();
        }
    }

    /**
     * The grid updates of a CAVI run's first and last sweeps against the closed forms: q*(mu) from the
     * state before the sweep, q*(tau) from that state with q(mu) updated (the order of a sweep).
     *
     * @param muFirst q*(mu) of the first sweep
     * @param tauFirst q*(tau) of the first sweep
     * @param muLast q*(mu) of the last sweep
     * @param tauLast q*(tau) of the last sweep
     */
    public record SweepComparison(FactorOnGrid muFirst, FactorOnGrid tauFirst, FactorOnGrid muLast, FactorOnGrid tauLast) {
        /** The largest |grid - closed form| of q*(mu) over both sweeps. */
        public double muError() {
            return Math.max(muFirst.maxAbsError(), muLast.maxAbsError());
        }

        /** The largest |grid - closed form| of q*(tau) over both sweeps. */
        public double tauError() {
            return Math.max(tauFirst.maxAbsError(), tauLast.maxAbsError());
        }

        /** The largest |grid - closed form| over both factors and both sweeps. */
        public double maxAbsDensityError() {
            return Math.max(muError(), tauError());
        }

        /** {@link #muError} relative to the peak of its own closed-form density. */
        public double muRelative() {
            return Math.max(muFirst.relativeError(), muLast.relativeError());
        }

        /** {@link #tauError} relative to the peak of its own closed-form density. */
        public double tauRelative() {
            return Math.max(tauFirst.relativeError(), tauLast.relativeError());
        }

        /** The largest |E_-j[log p]| on the four grids. */
        public double logScale() {
            return Math.max(Math.max(muFirst.maxAbsExpectedLogJoint(), muLast.maxAbsExpectedLogJoint()),
                    Math.max(tauFirst.maxAbsExpectedLogJoint(), tauLast.maxAbsExpectedLogJoint()));
        }

        /**
         * The tolerance of a relative error: quadrature and normalisation are accurate to ~1e-12 of the peak;
         * rounding E_-j[log p] to double precision changes the density by ~3e-16 |E_-j[log p]| relative
         * (7e-9 at a0 = 1000, b0 = 0.001, where |E[log p]| reaches 2e7). 1e-6 + 1e-14 |E_-j[log p]| leaves room
         * for both and still catches an update that is off (a half-unit shape error gives ~1e-2).
         */
        public double tolerance() {
            return 1e-6 + 1e-14 * logScale();
        }
    }

    /** The grid updates of the first and the last sweep of {@code run} (a run of CAVI on this model). */
    public SweepComparison firstAndLastSweeps(CaviResult<NormalGammaMeanFieldState> run) {
        if (run == null || run.path().size() < 2) {
            throw new IllegalArgumentException("NormalGammaGridUpdate run must have at least one sweep, got "
                    + (run == null ? "null" : run.path().size() - 1));
        }
        java.util.List<NormalGammaMeanFieldState> path = run.path();
        NormalGammaMeanFieldState firstBefore = path.get(0);
        NormalGammaMeanFieldState lastBefore = path.get(path.size() - 2);
        return new SweepComparison(muUpdate(firstBefore), tauUpdate(cavi.updateMu(firstBefore)),
                muUpdate(lastBefore), tauUpdate(cavi.updateMu(lastBefore)));
    }

    private final NormalNormalGammaModel model;
    private final NormalGammaCavi cavi;
    private final int gridPoints;

    private NormalGammaGridUpdate(NormalNormalGammaModel model, int gridPoints) {
        this.model = model;
        this.cavi = NormalGammaCavi.of(model);
        this.gridPoints = gridPoints;
    }

    /**
     * @param gridPoints an odd number >= 101 (Simpson's rule needs an even number of intervals)
     */
    public static NormalGammaGridUpdate of(NormalNormalGammaModel model, int gridPoints) {
        if (model == null) {
            throw new IllegalArgumentException("NormalGammaGridUpdate model must not be null");
        }
        Check.atLeast("NormalGammaGridUpdate", "gridPoints", gridPoints, 101);
        if (gridPoints % 2 == 0) {
            throw new IllegalArgumentException("NormalGammaGridUpdate gridPoints must be odd (Simpson's rule), got "
                    + gridPoints);
        }
        return new NormalGammaGridUpdate(model, gridPoints);
    }

    /**
     * The interval of s = log tau outside which the density of s under Gamma(a, b),
     * proportional to exp(a s - b e^s), is below exp(-drop) times its maximum (at s = log(a/b)):
     * found by doubling steps outward from the mode and bisection. Used as an integration window.
     */
    public static double[] logTauWindow(Gamma g, double drop) {
        Check.positive("NormalGammaGridUpdate", "drop", drop);
        double a = g.shape();
        double b = g.rate();
        double mode = Math.log(a / b);
        java.util.function.DoubleUnaryOperator fall = s -> (a * mode - a) - (a * s - b * Math.exp(s)) - drop;
        double step = 1 / Math.sqrt(a);
        double[] ends = new double[2];
        for (int side = 0; side < 2; side++) {
            double dir = side == 0 ? -1 : 1;
            double inner = mode;
            double outer = mode + dir * step;
            while (fall.applyAsDouble(outer) < 0) {
                inner = outer;
                step *= 2;
                outer = mode + dir * step;
            }
            for (int i = 0; i < 100; i++) {
                double mid = 0.5 * (inner + outer);
                if (fall.applyAsDouble(mid) < 0) {
                    inner = mid;
                } else {
                    outer = mid;
                }
            }
            ends[side] = outer;
        }
        return ends;
    }

    /**
     * E_q(tau)[log p(x, mu, tau)] by quadrature in s = log tau, over {@link #logTauWindow}(q(tau), 40),
     * in segments from the mode ({@link #integrateFromMode}), self-normalised: the integral of
     * u(s) log p(x, mu, e^s) divided by the integral of u(s), with u the density of s up to its
     * constant ({@link #logUnnormalisedDensityOfLogTau}). Dividing by the same rule's mass makes the
     * weights sum to 1 exactly, whatever the truncation to the window and without log Gamma(a): an
     * error in the mass would scale the mu-dependent part -E[tau] C(mu) and with it the precision of
     * q*(mu). What remains at large E[tau] is rounding: |E[log p]| reaches 2e7 at a0 = 1000,
     * b0 = 0.001, and its last bits move q*(mu) by ~1e-16 |E[log p]| (7e-9) of its peak.
     */
    public double expectedLogJointOverTau(double mu, Gamma qTau) {
        double[] window = logTauWindow(qTau, 40);
        return expectedLogJointOverTau(mu, qTau, window, massOfLogTau(qTau, window));
    }

    private double expectedLogJointOverTau(double mu, Gamma qTau, double[] window, double mass) {
        return integrateFromMode(s -> Math.exp(logUnnormalisedDensityOfLogTau(qTau, s)) * logJointAtLogTau(mu, s),
                window[0], logTauMode(qTau), window[1], logTauScale(qTau)) / mass;
    }

    /** The integral of the unnormalised density of s = log tau over the window, by the same rule as the expectations. */
    static double massOfLogTau(Gamma qTau, double[] window) {
        return integrateFromMode(s -> Math.exp(logUnnormalisedDensityOfLogTau(qTau, s)), window[0], logTauMode(qTau),
                window[1], logTauScale(qTau));
    }

    /**
     * The log density of s = log tau under Gamma(a, b) up to its constant, and 0 at its mode s* = log(a / b):
     * a (s - s*) - (b e^s - a). Written in s because for a small shape the window reaches s < -745, where
     * tau = e^s is 0 in double precision although the density of s there is not negligible (its left tail
     * is e^(a s)); the terms are small near the mode, so they round less than log q(tau) + s would.
     */
    static double logUnnormalisedDensityOfLogTau(Gamma g, double s) {
        double a = g.shape();
        return a * (s - logTauMode(g)) - (g.rate() * Math.exp(s) - a);
    }

    /**
     * log p(x, mu, e^s), the model's log joint written in s = log tau:
     * log p(x, mu, 1) + B s - C(mu) (e^s - 1) with B = (N + 1)/2 + a0 - 1 and
     * C(mu) = b0 + (S(mu) + lambda0 (mu - mu0)^2) / 2, S(mu) the sum of squares about mu
     * (log p is linear in log tau and in tau). Equal to {@link NormalNormalGammaModel#logJoint}(mu, e^s)
     * wherever e^s is a normal double; finite also where it underflows.
     */
    double logJointAtLogTau(double mu, double s) {
        double d = mu - model.mu0();
        double c = model.b0() + 0.5 * (model.sumOfSquaresAbout(mu) + model.lambda0() * d * d);
        return model.logJoint(mu, 1.0) + (0.5 * (model.size() + 1) + model.a0() - 1) * s - c * Math.expm1(s);
    }

    /** The mode of the density of s = log tau under Gamma(a, b): log(a / b). */
    static double logTauMode(Gamma g) {
        return Math.log(g.shape() / g.rate());
    }

    /**
     * The scale on which the density of s = log tau under Gamma(a, b) changes near its mode:
     * min(1, 1/sqrt(a)) (the curvature of a s - b e^s at the mode is -a; for a small shape the fall
     * on the right, through b e^s, still happens within a unit of s).
     */
    static double logTauScale(Gamma g) {
        return Math.min(1.0, 1.0 / Math.sqrt(g.shape()));
    }

    /**
     * The integral of f over [lo, hi] in segments [mode + scale 2^(k-1), mode + scale 2^k] (and
     * their mirror images on the left; the first is [mode, mode + scale]), each cut at lo or hi and
     * integrated with 4 Gauss-Legendre panels of 16 nodes: panels of a quarter of the scale near the
     * mode, growing with the distance from it, so that a long window (an exponential tail) costs
     * only its logarithm in panels.
     *
     * @param mode a point of [lo, hi], where the integrand varies fastest
     * @param scale > 0, the scale of the integrand's variation near the mode
     */
    static double integrateFromMode(DoubleUnaryOperator f, double lo, double mode, double hi, double scale) {
        Check.finite("NormalGammaGridUpdate", "lo", lo);
        Check.finite("NormalGammaGridUpdate", "hi", hi);
        Check.positive("NormalGammaGridUpdate", "scale", scale);
        if (!(lo <= mode && mode <= hi)) {
            throw new IllegalArgumentException("NormalGammaGridUpdate mode must lie in [lo, hi], got lo = " + lo
                    + ", mode = " + mode + ", hi = " + hi);
        }
        double total = 0;
        for (int side = -1; side <= 1; side += 2) {
            double end = side < 0 ? lo : hi;
            double inner = mode;
            double reach = scale;
            while (side < 0 ? inner > end : inner < end) {
                double outer = side < 0 ? Math.max(end, mode - reach) : Math.min(end, mode + reach);
                if (outer == inner) {
                    break;
                }
                total += side < 0 ? Quadrature.integrate(f, outer, inner, SEGMENT_PANELS)
                        : Quadrature.integrate(f, inner, outer, SEGMENT_PANELS);
                inner = outer;
                reach *= 2;
            }
        }
        return total;
    }

    /** E_q(mu)[log p(x, mu, tau)] by quadrature over m +- 12 sd. */
    public double expectedLogJointOverMu(double tau, Normal qMu) {
        double m = qMu.mean();
        double sd = qMu.standardDeviation();
        return Quadrature.integrate(mu -> qMu.density(mu) * model.logJoint(mu, tau), m - 12 * sd, m + 12 * sd, PANELS);
    }

    /** q*(mu) proportional to exp E_q(tau)[log p] on a grid, against {@link NormalGammaCavi#updateMu}. */
    public FactorOnGrid muUpdate(NormalGammaMeanFieldState q) {
        Normal closed = cavi.updateMu(q).qMu();
        double[] grid = linspace(closed.mean() - 12 * closed.standardDeviation(),
                closed.mean() + 12 * closed.standardDeviation());
        Gamma qTau = q.qTau();
        double[] window = logTauWindow(qTau, 40);
        double mass = massOfLogTau(qTau, window);
        double[] logValues = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            logValues[i] = expectedLogJointOverTau(grid[i], qTau, window, mass);
        }
        double[] closedDensity = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            closedDensity[i] = closed.density(grid[i]);
        }
        return compare(grid, logValues, closedDensity);
    }

    /**
     * q*(tau) proportional to exp E_q(mu)[log p] on a grid uniform in s = log tau, against
     * {@link NormalGammaCavi#updateTau}: {@link FactorOnGrid#grid} holds the tau = e^s, and both
     * densities are densities of tau. The normalisation is the trapezoid rule in s of q(tau) tau.
     */
    public FactorOnGrid tauUpdate(NormalGammaMeanFieldState q) {
        Gamma closed = cavi.updateTau(q).qTau();
        double[] window = logTauWindow(closed, 30);
        double[] s = linspace(window[0], window[1]);
        Normal qMu = q.qMu();
        double[] grid = new double[gridPoints];
        double[] logOfS = new double[gridPoints];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < gridPoints; i++) {
            grid[i] = Math.exp(s[i]);
            logOfS[i] = expectedLogJointOverMu(grid[i], qMu) + s[i];
            max = Math.max(max, logOfS[i]);
        }
        double[] ofS = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            ofS[i] = Math.exp(logOfS[i] - max);
        }
        double z = trapezoid(s, ofS);
        double worst = 0;
        double largest = 0;
        double[] density = new double[gridPoints];
        double[] closedDensity = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            density[i] = Math.exp(logOfS[i] - max - s[i]) / z;
            closedDensity[i] = closed.density(grid[i]);
            worst = Math.max(worst, Math.abs(density[i] - closedDensity[i]));
            largest = Math.max(largest, Math.abs(logOfS[i] - s[i]));
        }
        return new FactorOnGrid(grid, density, closedDensity, worst, largest);
    }

    private FactorOnGrid compare(double[] grid, double[] logValues, double[] closedDensity) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logValues) {
            max = Math.max(max, v);
        }
        double[] unnormalised = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            unnormalised[i] = Math.exp(logValues[i] - max);
        }
        double z = simpson(grid, unnormalised);
        double worst = 0;
        double largest = 0;
        double[] density = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            density[i] = unnormalised[i] / z;
            worst = Math.max(worst, Math.abs(density[i] - closedDensity[i]));
            largest = Math.max(largest, Math.abs(logValues[i]));
        }
        return new FactorOnGrid(grid, density, closedDensity, worst, largest);
    }

    private double[] linspace(double lo, double hi) {
        double[] x = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            x[i] = lo + (hi - lo) * i / (gridPoints - 1);
        }
        return x;
    }

    /** The trapezoid rule on an evenly spaced grid. */
    static double trapezoid(double[] x, double[] y) {
        int n = x.length - 1;
        double h = (x[n] - x[0]) / n;
        double s = 0.5 * (y[0] + y[n]);
        for (int i = 1; i < n; i++) {
            s += y[i];
        }
        return s * h;
    }

    /** Simpson's rule on an evenly spaced grid with an odd number of points. */
    static double simpson(double[] x, double[] y) {
        int n = x.length - 1;
        double h = (x[n] - x[0]) / n;
        double s = y[0] + y[n];
        for (int i = 1; i < n; i++) {
            s += (i % 2 == 1 ? 4 : 2) * y[i];
        }
        return s * h / 3;
    }
}
