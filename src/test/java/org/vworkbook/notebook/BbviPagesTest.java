package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.vworkbook.bbvi.BbviOptions;
import org.vworkbook.bbvi.GradientVariance;
import org.vworkbook.bbvi.NormalGammaBaseline;
import org.vworkbook.bbvi.NormalGammaBbvi;
import org.vworkbook.bbvi.NormalGammaRuns;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.exact.NormalNormalGammaModel;
import tech.tablesaw.api.Table;

/** The builders of notebook BBVI on a small run: they build, render, and carry the series, rows and sentences expected. */
class BbviPagesTest {
    private static final NormalNormalGammaModel MODEL = NormalNormalGammaModel.of(
            NormalNormalGammaModel.generateData(30, 1.0, 2.0, 1), 0.0, 1.0, 1.0, 1.0);
    private static final NormalGammaBaseline BASELINE = NormalGammaBaseline.of(MODEL);
    private static final NormalGammaMeanFieldState START = new NormalGammaMeanFieldState(0.0, 1.0, 1.0, 1.0);

    private static NormalGammaRuns runs(String estimator, int steps) {
        return NormalGammaRuns.of(MODEL, estimator, START, BbviOptions.of(steps, 10, 1), 0.2, 100);
    }

    @Test
    void baselineIsTheExactPosteriorAndCaviAndItsChecksPass() {
        assertEquals(MODEL.logEvidence(), BASELINE.logEvidence(), 0.0);
        // log p(x) - ELBO(q_CAVI) = KL(q_CAVI, posterior), the KL computed independently by quadrature
        assertEquals(BASELINE.klCaviQuadrature(), BASELINE.logEvidence() - BASELINE.elboCavi(), 1e-8);
        assertEquals(List.of("mu_n", "lambda_n", "a_n", "b_n"), List.copyOf(BASELINE.exactAsMap().keySet()));
        String checks = BbviChecks.baseline(BASELINE);
        assertTrue(checks.startsWith("N = 30, "), checks);
        assertEquals(4, checks.lines().filter(l -> l.startsWith("ok  ")).count(), checks);
    }

    @Test
    void runsHoldTheComparedEstimatorsAndTheReportedOne() {
        NormalGammaRuns r = runs("reinforce_rb", 200);
        assertEquals(List.of("reinforce", "reinforce_cv", "reparam", "reinforce_rb"), List.copyOf(r.runs().keySet()));
        assertEquals("reinforce_rb", r.chosen().estimator());
        assertEquals(BASELINE.elbo().value(r.qBbvi()), r.elboBbvi(), 0.0);
        assertEquals(r.runs().get("reparam").firstStepWithin(BASELINE.elboCavi(), 0.01), r.stepsWithin(BASELINE.elboCavi(), 0.01).get("reparam"));
        assertEquals(List.of("reinforce", "reinforce_cv", "reparam"), List.copyOf(runs("reparam", 5).runs().keySet()));
    }

    @Test
    void chartsAndTablesBuildAndRender() {
        NormalGammaRuns r = runs("reparam", 200);
        XYChart traces = BbviPlots.distanceFromEvidence(BASELINE, r, 200);
        assertTrue(traces.getSeriesMap().keySet().containsAll(List.of("BBVI reinforce", "BBVI reinforce_cv", "BBVI reparam", "CAVI",
                "KL(q_CAVI, posterior)")), traces.getSeriesMap().keySet().toString());
        BbviPlots.Marginals m = BbviPlots.marginals(BASELINE, r);
        assertEquals(List.of("exact p(mu | x)", "CAVI", "BBVI reinforce", "BBVI reinforce_cv", "BBVI reparam"), List.copyOf(m.mu().getSeriesMap().keySet()));
        assertEquals(List.of("exact p(tau | x)", "CAVI", "BBVI reinforce", "BBVI reinforce_cv", "BBVI reparam"), List.copyOf(m.tau().getSeriesMap().keySet()));
        for (XYChart c : List.of(traces, m.mu(), m.tau())) {
            assertTrue(Plots.png(c).length > 1000);
        }
        Table fits = BbviTables.finalFits(BASELINE, r);
        assertEquals(5, fits.rowCount());
        assertEquals("CAVI", fits.stringColumn("fit").get(3));
        Map<String, GradientVariance> v = NormalGammaBbvi.gradientVariances(MODEL, BASELINE.qCavi(), NormalGammaBbvi.COMPARED, 10, 50, 1);
        assertEquals(3, BbviTables.gradientVariances(v, 10, 50).rowCount());
        assertEquals(12, BbviChecks.unbiased(v, BASELINE.elbo().gradient(BASELINE.qCavi()), 50).lines().count());
    }

    @Test
    void proseFollowsTheNumbers() {
        Map<String, GradientVariance> v = NormalGammaBbvi.gradientVariances(MODEL, BASELINE.qCavi(), NormalGammaBbvi.COMPARED, 10, 50, 1);
        Map<String, Double> total = NormalGammaBbvi.totalVariances(v);
        String none = BbviProse.comparison(BASELINE, runs("reparam", 0), total, 10, 50, 0).text();
        assertTrue(none.contains("With `steps = 0` no BBVI step was taken"), none);
        assertTrue(none.contains("With only 50 estimates per estimator"), none);
        String some = BbviProse.comparison(BASELINE, runs("reparam", 1500), total, 2, 500, 1500).text();
        assertTrue(some.contains("With the same step rule and 1500 steps"), some);
        assertTrue(some.contains("reinforce_cv has no control variate"), some);
        assertTrue(!some.contains("With only"), some);
        assertEquals("a, b and c", BbviProse.and(List.of("a", "b", "c")));
        assertEquals("a", BbviProse.and(List.of("a")));
        double ratio = NormalGammaBbvi.varianceRatios(v).get("reinforce_over_reparam");
        assertEquals(total.get("reinforce") / total.get("reparam"), ratio, 0.0);
    }
}
