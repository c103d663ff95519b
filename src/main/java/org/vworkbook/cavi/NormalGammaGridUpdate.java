package org.vworkbook.cavi;

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
 * of the model's log joint ({@link NormalNormalGammaModel#logJoint}, evaluated term by term; no
 * closed-form moment is used): over mu on m +- 12 sd of q(mu); over tau in the variable s = log tau
 * (so that the integrand is smooth even for a shape below 1), where the density of log tau is above
 * e^-40 of its peak. The grid values are exponentiated after subtracting their maximum and
 * normalised by Simpson's rule on the grid. The grid itself spans +- 12 sd of the closed-form
 * q*(mu), and the tau where the closed-form q*(tau) of log tau is above e^-30 of its peak: only the
 * window is taken from the closed form, the shape and the normalisation are numerical.
 */
public final class NormalGammaGridUpdate {
    private static final int PANELS = 24;

    /**
     * One factor on the grid.
     *
     * @param grid the grid points z_j
     * @param numerical the normalised exp E_-j[log p] on the grid
     * @param closedForm the closed-form update's density on the grid
     * @param maxAbsError the largest |numerical - closedForm| over the grid
     */
    public record FactorOnGrid(double[] grid, double[] numerical, double[] closedForm, double maxAbsError) {
        public FactorOnGrid {
            grid = Check.finiteVector("FactorOnGrid", "grid", grid);
            numerical = Check.finiteVector("FactorOnGrid", "numerical", numerical);
            closedForm = Check.finiteVector("FactorOnGrid", "closedForm", closedForm);
            Check.sameLength("FactorOnGrid", "grid", grid.length, "numerical", numerical.length);
            Check.sameLength("FactorOnGrid", "grid", grid.length, "closedForm", closedForm.length);
            Check.nonNegative("FactorOnGrid", "maxAbsError", maxAbsError);
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

    /** E_q(tau)[log p(x, mu, tau)] by quadrature in s = log tau, over {@link #logTauWindow}(q(tau), 40). */
    public double expectedLogJointOverTau(double mu, Gamma qTau) {
        return expectedLogJointOverTau(mu, qTau, logTauWindow(qTau, 40));
    }

    private double expectedLogJointOverTau(double mu, Gamma qTau, double[] window) {
        double lo = window[0];
        double hi = window[1];
        return Quadrature.integrate(s -> {
            double tau = Math.exp(s);
            return Math.exp(qTau.logDensity(tau) + s) * model.logJoint(mu, tau);
        }, lo, hi, PANELS);
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
        double[] logValues = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            logValues[i] = expectedLogJointOverTau(grid[i], qTau, window);
        }
        double[] closedDensity = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            closedDensity[i] = closed.density(grid[i]);
        }
        return compare(grid, logValues, closedDensity);
    }

    /** q*(tau) proportional to exp E_q(mu)[log p] on a grid, against {@link NormalGammaCavi#updateTau}. */
    public FactorOnGrid tauUpdate(NormalGammaMeanFieldState q) {
        Gamma closed = cavi.updateTau(q).qTau();
        double[] window = logTauWindow(closed, 30);
        double[] grid = linspace(Math.exp(window[0]), Math.exp(window[1]));
        Normal qMu = q.qMu();
        double[] logValues = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            logValues[i] = expectedLogJointOverMu(grid[i], qMu);
        }
        double[] closedDensity = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            closedDensity[i] = closed.density(grid[i]);
        }
        return compare(grid, logValues, closedDensity);
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
        double[] density = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            density[i] = unnormalised[i] / z;
            worst = Math.max(worst, Math.abs(density[i] - closedDensity[i]));
        }
        return new FactorOnGrid(grid, density, closedDensity, worst);
    }

    private double[] linspace(double lo, double hi) {
        double[] x = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            x[i] = lo + (hi - lo) * i / (gridPoints - 1);
        }
        return x;
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
