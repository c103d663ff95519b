package org.vworkbook.notebook;

import org.knowm.xchart.XYChart;
import org.vworkbook.cavi.NormalGammaCoupling;
import org.vworkbook.util.Check;

/**
 * The charts of Bishop PRML Fig. 10.4 for notebook B: contour panels of the exact Normal-Gamma
 * posterior against q(mu) q(tau), and the gap log p(x) - ELBO per sweep on a log scale.
 */
public final class NormalGammaPlots {
    private NormalGammaPlots() {}

    /**
     * Panel {@code k} (0: the start, 1: after the first q(mu) update, 2: after the first q(tau) update,
     * 3: at the end of the run): the exact posterior's 50% and 90% highest-density contours solid, q's dashed.
     */
    public static XYChart panel(NormalGammaCoupling coupling, int k) {
        Check.notNull("NormalGammaPlots", "coupling", coupling);
        if (k < 0 || k >= coupling.panels().size()) {
            throw new IllegalArgumentException("NormalGammaPlots panel must be in [0, " + (coupling.panels().size() - 1)
                    + "], got " + k);
        }
        NormalGammaCoupling.Panel p = coupling.panels().get(k);
        return ContourPanels.of("Fig. 10.4 " + p.title(), coupling.exact()).fit("q(mu) q(tau)", p.density()).chart();
    }

    /**
     * log p(x) - ELBO after each sweep, the closed-form KL at the optimum as a dashed level, and the
     * excess over that level (which reaches 0 to rounding: those points are left out by {@link LogScale}).
     */
    public static XYChart gap(NormalGammaCoupling coupling) {
        Check.notNull("NormalGammaPlots", "coupling", coupling);
        double[] gap = coupling.gapTrace();
        return TracePlots.sweeps("The gap to log p(x) per sweep", "nats", gap.length)
                .trace("log p(x) - ELBO", gap)
                .trace("ELBO* - ELBO (excess over the optimum)", coupling.excessTrace())
                .level("KL* at the optimum (closed form)", coupling.klConverged())
                .legend("InsideNE")
                .logY()
                .chart();
    }
}
