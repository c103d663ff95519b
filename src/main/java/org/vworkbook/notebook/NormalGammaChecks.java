package org.vworkbook.notebook;

import java.util.Locale;
import org.vworkbook.cavi.Cavi;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.NormalGammaCavi;
import org.vworkbook.cavi.NormalGammaCoupling;
import org.vworkbook.cavi.NormalGammaGridUpdate;
import org.vworkbook.cavi.NormalGammaMeanFieldState;

/**
 * The checks of notebook B (the single-factor update of the normal-gamma model): each closed-form
 * update against exp E_-j[log p] computed on a grid, and the ELBO over the sweeps.
 */
public final class NormalGammaChecks {
    private NormalGammaChecks() {}

    /**
     * Whether the ELBO trace never drops by more than the engine's rounding slack,
     * trace[i] >= trace[i - 1] - {@link Cavi#MONOTONE_SLACK} (1 + |trace[i - 1]|).
     */
    public static boolean elboMonotone(double[] trace) {
        if (trace == null) {
            throw new IllegalArgumentException("NormalGammaChecks ELBO trace must not be null");
        }
        boolean monotone = true;
        for (int i = 1; i < trace.length; i++) {
            monotone &= trace[i] >= trace[i - 1] - Cavi.MONOTONE_SLACK * (1 + Math.abs(trace[i - 1]));
        }
        return monotone;
    }

    /**
     * The run, the largest grid errors, and the checks: q*(mu) and q*(tau) on the grid match the closed
     * forms relative to their peaks (within {@link NormalGammaGridUpdate.SweepComparison#tolerance}), and
     * the ELBO never decreases.
     */
    public static String gridUpdates(CaviResult<NormalGammaMeanFieldState> run, NormalGammaGridUpdate.SweepComparison grid) {
        double[] elboTrace = run.elboTrace();
        return "CAVI: " + run.iterations() + " sweeps, converged = " + run.converged() + ", final " + run.state() + "\n"
            + String.format(Locale.ROOT, "largest |grid - closed form|: q(mu) %.3e (%.3e of its peak), q(tau) %.3e (%.3e of its peak)%n",
                grid.muError(), grid.muRelative(), grid.tauError(), grid.tauRelative())
            + Checks.all(
                Checks.close("q*(mu) on the grid vs closed form, relative to its peak (largest |E[log p]| on the grids "
                    + String.format(Locale.ROOT, "%.3g", grid.logScale()) + ")", grid.muRelative(), 0.0, grid.tolerance()),
                Checks.close("q*(tau) on the grid vs closed form, relative to its peak", grid.tauRelative(), 0.0, grid.tolerance()),
                Checks.nonDecreasing("ELBO over the CAVI sweeps", elboTrace, 1e-12),
                Checks.isTrue("elbo_monotone", elboMonotone(elboTrace)));
    }
    /**
     * The checks of the Fig. 10.4 run: its ELBO never decreases; the closed-form KL at the optimum
     * equals log p(x) - ELBO of the final q, the closed-form KL of that q, nested Gauss-Legendre
     * quadrature and the trapezoid rule on the grid; no iterate's gap is below it; KL* >= 0.
     */
    public static String coupling(NormalGammaCoupling c) {
        NormalGammaCavi cavi = NormalGammaCavi.of(c.model());
        double kl = c.klConverged();
        double scale = 1 + Math.abs(c.logEvidence());
        double lowest = Double.POSITIVE_INFINITY;
        for (double e : c.excessTrace()) {
            lowest = Math.min(lowest, e);
        }
        return String.format(Locale.ROOT, "from %s: %d sweeps, KL* = %.10g nats%n", c.start(), c.run().iterations(), kl)
            + Checks.all(
                Checks.nonDecreasing("ELBO over the sweeps from the start", c.run().elboTrace(), 1e-12),
                Checks.nonNegative("KL* (closed form)", kl, 0.0),
                Checks.close("KL* against log p(x) - ELBO of the final q", c.finalGap(), kl, 1e-9 * scale),
                Checks.close("KL* against the closed-form KL of the final q", c.klFinal(), kl, 1e-9 * scale),
                Checks.close("KL* against nested quadrature", cavi.klToPosteriorByQuadrature(c.run().state()), kl, 1e-7 * (1 + kl)),
                Checks.close("KL* against the trapezoid rule on the grid", c.klGrid(), kl, 1e-6 * (1 + kl)),
                Checks.nonNegative("smallest excess log p(x) - ELBO - KL* over the sweeps", lowest, 0.0));
    }
}
