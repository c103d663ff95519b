package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.notebook.ContoursTest.assertMessage;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.gmm.BayesianGaussianMixture;
import org.vworkbook.gmm.GaussianMixturePrior;
import org.vworkbook.gmm.GmmState;
import org.vworkbook.gmm.SyntheticMixture;
import tech.tablesaw.api.Table;

/** Notebook GMM's checks, prose, table and charts, and the gmm additions they use. */
class MixtureChecksTest {
    private static BayesianGaussianMixture model(SyntheticMixture s, int k, double alpha0) {
        return BayesianGaussianMixture.of(s.data(), k, GaussianMixturePrior.defaultsFor(s.data(), alpha0));
    }

    @Test
    void sparseFitEmptiesComponentsAndSaysSo() {
        SyntheticMixture s = SyntheticMixture.generate(300, 2, 2, 6.0, 4);
        BayesianGaussianMixture m = model(s, 5, 1e-3);
        assertArrayEquals(m.nearestOfRandomPoints(7)[3], m.startingResponsibilities("nearest", 7)[3], 0.0);
        assertArrayEquals(m.randomResponsibilities(7)[3], m.startingResponsibilities("random", 7)[3], 0.0);
        assertMessage("BayesianGaussianMixture init must be \"nearest\" or \"random\", got \"kmeans\"",
                () -> m.startingResponsibilities("kmeans", 7));
        CaviResult<GmmState> run = m.run(m.startingResponsibilities("nearest", 7), new CaviOptions(1e-8, 500));
        GmmState fitted = run.state();
        int effective = 0;
        for (double w : fitted.weights()) {
            effective += w > 0.01 ? 1 : 0;
        }
        assertEquals(effective, fitted.effectiveComponents(MixtureChecks.USED_WEIGHT));
        assertEquals(5, fitted.covariances().length);
        assertArrayEquals(fitted.posterior().covariance(2)[1], fitted.covariances()[2][1], 0.0);
        String checks = MixtureChecks.fit(run, 300);
        assertTrue(checks.startsWith("CAVI converged in ") && checks.contains("ok  sum of N_k vs N"), checks);
        String prose = MixtureChecks.components(run, 2, 300, 1e-3).text();
        assertTrue(prose.contains(effective + " of 5 components keep more than 1 % of the weight; the other"), prose);
        assertTrue(prose.contains("The data were generated from 2 components"), prose);

        Table table = MixturePlots.components(fitted);
        assertEquals(5, table.rowCount());
        assertEquals(List.of("component", "E[pi_k]", "N_k", "m_k (x)", "m_k (y)", ""), table.columnNames());
        BufferedImage panels = MixturePlots.snapshots(run.path(), s.data());
        assertEquals(880, panels.getWidth());
        assertEquals(720, panels.getHeight());
        XYChart weights = MixturePlots.weightsPerSweep(run.path());
        assertEquals(5, weights.getSeriesMap().size());
        assertTrue(Plots.png(weights).length > 1000);
    }

    @Test
    void oneComponentAndAnUnfinishedRunAreDescribed() {
        SyntheticMixture s = SyntheticMixture.generate(40, 1, 2, 0.0, 2);
        BayesianGaussianMixture one = model(s, 1, 1.0);
        CaviResult<GmmState> run = one.run(one.startingResponsibilities("random", 1), new CaviOptions(0, 1));
        String prose = MixtureChecks.components(run, 0, 40, 1.0).text();
        assertTrue(prose.startsWith("With a single component there is nothing to empty out"), prose);
        assertTrue(prose.contains("The run stopped before converging"), prose);
        assertTrue(MixtureChecks.fit(run, 40).startsWith("CAVI stopped at max_iter = 1 sweeps"));
        // a short run: two snapshots, one row of panels
        assertEquals(360, MixturePlots.snapshots(run.path(), s.data()).getHeight());
    }
}
