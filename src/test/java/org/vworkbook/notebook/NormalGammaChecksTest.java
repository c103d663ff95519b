package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.NormalGammaCavi;
import org.vworkbook.cavi.NormalGammaGridUpdate;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.exact.NormalNormalGammaModel;

/** Notebook B's checks and its two update charts. */
class NormalGammaChecksTest {
    private static final NormalNormalGammaModel MODEL = NormalNormalGammaModel.of(new double[] {-2.4, 2.0, 4.6, 1.1}, -1.7, 6.0, 1.5, 0.8);

    @Test
    void elboMonotoneAllowsRoundingButNotADrop() {
        assertTrue(NormalGammaChecks.elboMonotone(new double[] {-5, -4, -4, -3.5}));
        assertTrue(NormalGammaChecks.elboMonotone(new double[] {-5}));
        assertFalse(NormalGammaChecks.elboMonotone(new double[] {-5, -4, -4.1}));
    }

    @Test
    void firstAndLastSweepsAreTheGridUpdatesOfThoseStates() {
        NormalGammaCavi cavi = NormalGammaCavi.of(MODEL);
        CaviResult<NormalGammaMeanFieldState> run = cavi.run();
        NormalGammaGridUpdate grid = NormalGammaGridUpdate.of(MODEL, 201);
        NormalGammaGridUpdate.SweepComparison c = grid.firstAndLastSweeps(run);
        List<NormalGammaMeanFieldState> path = run.path();
        NormalGammaMeanFieldState last = path.get(path.size() - 2);
        assertEquals(grid.muUpdate(path.get(0)).maxAbsError(), c.muFirst().maxAbsError(), 0.0);
        assertEquals(grid.tauUpdate(cavi.updateMu(last)).maxAbsError(), c.tauLast().maxAbsError(), 0.0);
        assertEquals(Math.max(c.muError(), c.tauError()), c.maxAbsDensityError(), 0.0);
        assertEquals(1e-6 + 1e-14 * c.logScale(), c.tolerance(), 0.0);
        String report = NormalGammaChecks.gridUpdates(run, c);
        assertTrue(report.startsWith("CAVI: " + run.iterations() + " sweeps") && report.contains("ok  elbo_monotone"), report);

        XYChart mu = GridPlots.muUpdate(c.muFirst());
        assertEquals(List.of("closed form N(m, 1/l)", "grid, from E_tau[log p]"), List.copyOf(mu.getSeriesMap().keySet()));
        assertEquals(201, mu.getSeriesMap().get("closed form N(m, 1/l)").getXData().length);
        assertEquals(51, mu.getSeriesMap().get("grid, from E_tau[log p]").getXData().length); // every 4th of 201
        XYChart tau = GridPlots.tauUpdate(c.tauFirst(), cavi.updateTau(cavi.updateMu(path.get(0))).qTau());
        assertEquals(801, tau.getSeriesMap().get("closed form Gamma(a, b)").getXData().length);
        assertTrue(tau.getSeriesMap().get("grid, from E_mu[log p]").getXData().length <= 51);
        assertTrue(Plots.png(mu).length > 1000 && Plots.png(tau).length > 1000);
    }

    @Test
    void axisPatternsHaveTheDecimalsTheSpanNeeds() {
        assertEquals("0.##E0", GridPlots.axisPattern(0, 2e5));
        assertEquals("0", GridPlots.axisPattern(0, 50));
        assertEquals("0.0", GridPlots.axisPattern(0, 5));
        assertEquals("0.000", GridPlots.axisPattern(1, 1.05));
    }
}
