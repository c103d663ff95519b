package org.vworkbook.notebook;

import java.util.Locale;
import org.vworkbook.cavi.Cavi;
import org.vworkbook.cavi.CaviResult;
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
}
