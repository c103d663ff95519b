package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.notebook.ContoursTest.assertMessage;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.vworkbook.distributions.Normal;
import org.vworkbook.divergence.GaussianKL;

/** Notebook W1's routes to the KL, its prose, and its charts. */
class DiagonalKlChecksTest {
    @Test
    void theRoutesAgreeWithTheSumOfUnivariateKls() {
        DiagonalKlChecks kl = DiagonalKlChecks.of(new double[] {0, 1}, new double[] {1, 0.5}, new double[] {1, -1}, new double[] {2, 1}, 2000, 3);
        double expected = GaussianKL.between(Normal.ofMeanVariance(0, 1), Normal.ofMeanVariance(1, 2))
                + GaussianKL.between(Normal.ofMeanVariance(1, 0.5), Normal.ofMeanVariance(-1, 1));
        assertEquals(expected, kl.klPq(), 1e-14);
        assertEquals(kl.klPq(), kl.full(), 1e-12);
        assertEquals(kl.klPq(), kl.product(), 1e-13);
        assertArrayEquals(new double[] {GaussianKL.between(Normal.ofMeanVariance(1, 2), Normal.ofMeanVariance(0, 1)),
            GaussianKL.between(Normal.ofMeanVariance(-1, 1), Normal.ofMeanVariance(1, 0.5))}, kl.perCoordinateReverse(), 1e-15);
        assertTrue(kl.checks().contains("ok  Monte Carlo estimate"), kl.checks());
        assertTrue(kl.summary().contains("(z = "), kl.summary());
        assertTrue(kl.directions().text().startsWith("The two directions differ by"), kl.directions().text());
        assertMessage("W1 mu1 and var1 must have the same length", () -> DiagonalKlChecks.of(new double[] {0, 1}, new double[] {1},
                new double[] {0, 1}, new double[] {1, 1}, 10, 1));
    }

    @Test
    void equalGaussiansGiveZeroEverywhereAndSaySo() {
        DiagonalKlChecks kl = DiagonalKlChecks.of(new double[] {0.5}, new double[] {2}, new double[] {0.5}, new double[] {2}, 100, 1);
        assertEquals(0.0, kl.klPq(), 0.0);
        assertEquals(0.0, kl.monteCarlo().standardError(), 0.0);
        assertTrue(kl.summary().contains("z undefined"));
        assertTrue(kl.directions().text().startsWith("Here $p=q$"));
        // equal variances, different means: the two directions agree
        DiagonalKlChecks same = DiagonalKlChecks.of(new double[] {0}, new double[] {2}, new double[] {1}, new double[] {2}, 100, 1);
        assertTrue(same.directions().text().startsWith("The two directions agree here"));
        KlPlots.MonteCarloBands bands = KlPlots.monteCarloBands(kl.p(), kl.q(), 100, 1, 0.0, kl.monteCarlo().standardError());
        assertTrue(bands.prose().text().startsWith("Every estimate is exactly the closed form"));
    }

    @Test
    void chartsBuildRenderAndCarryTheirSeries() {
        DiagonalKlChecks kl = DiagonalKlChecks.of(new double[] {0, 1}, new double[] {1, 0.5}, new double[] {1, -1}, new double[] {2, 1}, 5000, 1);
        KlPlots.MonteCarloBands bands = KlPlots.monteCarloBands(kl.p(), kl.q(), 5000, 1, kl.klPq(), kl.monteCarlo().standardError());
        assertEquals(List.of("estimate", "estimate - 2 se", "estimate + 2 se", "closed form"),
                List.copyOf(bands.chart().getSeriesMap().keySet()));
        assertEquals(KlPlots.SAMPLE_SIZES, bands.chart().getSeriesMap().get("estimate").getXData().length);
        assertTrue(bands.inside() >= 0 && bands.inside() <= KlPlots.SAMPLE_SIZES);
        assertTrue(bands.prose().text().contains(" of the 12 bands contain the closed form"));
        XYChart mean = KlPlots.meanShift(kl.p(), new double[] {1, -1}, new double[] {2, 1});
        // at delta = 0 the curves pass through the two KLs
        assertEquals(kl.klPq(), mean.getSeriesMap().get("KL(p || q)").getYData()[80], 1e-12);
        assertEquals(kl.klQp(), mean.getSeriesMap().get("KL(q || p)").getYData()[80], 1e-12);
        XYChart var = KlPlots.varianceRatio();
        assertEquals(121, var.getSeriesMap().get("KL(p || q)").getXData().length);
        for (XYChart c : List.of(bands.chart(), mean, var)) {
            assertTrue(Plots.png(c).length > 1000);
        }
        assertTrue(KlPlots.meanShiftProse(1, 1).text().contains("the same curvature"));
        assertTrue(KlPlots.meanShiftProse(2, 1).text().contains("$\\mathrm{KL}(p\\|q)$ rises 2 times as fast"));
        assertTrue(KlPlots.meanShiftProse(1, 4).text().contains("$\\mathrm{KL}(q\\|p)$ rises 4 times as fast"));
    }
}
