package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.NormalGammaCavi;
import org.vworkbook.cavi.NormalGammaCoupling;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.exact.NormalNormalGammaModel;

class NormalGammaPagesTest {
    private static final NormalNormalGammaModel FIVE = NormalNormalGammaModel.of(
            NormalNormalGammaModel.generateData(5, 1.0, 2.0, 1), 0, 1, 1, 1);
    private static final NormalGammaMeanFieldState POOR = new NormalGammaMeanFieldState(-1, 10, 2, 4);
    private static final NormalGammaCoupling DEFAULT = NormalGammaCoupling.of(FIVE, POOR, CaviOptions.defaults(), 201);

    @Test
    void panelsAndGapChartBuildAndRender() {
        for (int k = 0; k < 4; k++) {
            XYChart chart = NormalGammaPlots.panel(DEFAULT, k);
            assertEquals(List.of("exact posterior", "q(mu) q(tau)"), List.copyOf(chart.getSeriesMap().keySet()));
            assertTrue(Plots.png(chart).length > 1000);
        }
        assertThrows(IllegalArgumentException.class, () -> NormalGammaPlots.panel(DEFAULT, 4));
        XYChart gap = NormalGammaPlots.gap(DEFAULT);
        assertEquals(List.of("log p(x) - ELBO", "ELBO* - ELBO (excess over the optimum)", "KL* at the optimum (closed form)"),
                List.copyOf(gap.getSeriesMap().keySet()));
        assertTrue(Plots.png(gap).length > 1000);
    }

    @Test
    void checksPassAndProseFollowsTheRun() {
        assertTrue(NormalGammaChecks.coupling(DEFAULT).contains("ok  KL* against the trapezoid rule on the grid"));
        String prose = NormalGammaPages.couplingProse(DEFAULT).text();
        assertTrue(prose.contains("$N = 5$ points"), prose);
        assertTrue(prose.contains("From sweep "), prose);
        assertTrue(prose.contains("Near the optimum each sweep multiplied the excess"), prose);
        // a start at the optimum: the gap is KL* throughout, and no rate can be read off
        NormalGammaMeanFieldState optimum = NormalGammaCavi.of(FIVE).run(POOR, CaviOptions.defaults()).state();
        String atOptimum = NormalGammaPages.couplingProse(NormalGammaCoupling.of(FIVE, optimum, CaviOptions.defaults(), 101)).text();
        assertTrue(atOptimum.contains("already the optimum"), atOptimum);
        assertTrue(atOptimum.contains("no rate per sweep"), atOptimum);
        // one sweep only: the excess has not reached rounding
        String oneSweep = NormalGammaPages.couplingProse(NormalGammaCoupling.of(FIVE, POOR, new CaviOptions(1e-12, 1), 101)).text();
        assertTrue(oneSweep.contains("had not reached rounding"), oneSweep);
        NormalNormalGammaModel one = NormalNormalGammaModel.of(new double[] {0.4}, 0, 1, 1, 1);
        assertTrue(NormalGammaPages.couplingProse(NormalGammaCoupling.of(one, POOR, CaviOptions.defaults(), 101)).text()
                .contains("$N = 1$ point and"));
    }

    @Test
    void moreDataAnswerComputesTheTenfoldCase() {
        String a = NormalGammaPages.exerciseMoreData(DEFAULT).text();
        assertTrue(a.startsWith("<details"));
        assertTrue(a.contains("$10N = 50$"), a);
        assertTrue(a.contains(Prose.tex(NormalNormalGammaModel.meanFieldKlAtOptimum(26))), a);
        assertFalse(a.contains("largest KL*"));
        NormalNormalGammaModel tiny = NormalNormalGammaModel.of(new double[] {2.5}, 0, 1, 0.01, 1);
        String b = NormalGammaPages.exerciseMoreData(NormalGammaCoupling.of(tiny, POOR, CaviOptions.defaults(), 101)).text();
        assertTrue(b.contains("largest KL*"), b);
    }

    @Test
    void whatDoesNotMatterAnswerRecomputesTheSameKl() {
        String a = NormalGammaPages.exerciseWhatDoesNotMatter(DEFAULT).text();
        assertTrue(a.contains("the same to rounding"), a);
        assertTrue(a.contains("`b0 = 10.0;`"), a);
        // a run stopped after one sweep has not reached KL*: the answer says so rather than claiming equality
        NormalGammaCoupling stopped = NormalGammaCoupling.of(FIVE, POOR, new CaviOptions(1e-12, 1), 101);
        String b = NormalGammaPages.exerciseWhatDoesNotMatter(stopped).text();
        assertTrue(b.contains("different by") && b.contains("stopped after 1 sweep,"), b);
    }
}
