package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.vworkbook.distributions.GaussianMixture1D;
import org.vworkbook.divergence.GaussianFit;
import org.vworkbook.divergence.MixtureFits;
import org.vworkbook.divergence.ReverseKlProfile;
import org.vworkbook.ep.ClutterComparison;
import org.vworkbook.ep.ClutterProblem;
import org.vworkbook.ep.ExpectationPropagation;

/** The builders of notebook EP: they build, render, and carry the series, rows and sentences expected. */
class EpPagesTest {
    private static final double[] MEANS = {-3.0, 3.0};
    private static final double[] VARS = {1.0, 1.0};
    private static final GaussianMixture1D P = GaussianMixture1D.of(new double[] {0.5, 0.5}, MEANS, VARS);
    private static final MixtureFits FITS = MixtureFits.of(P, new double[] {-3.0, 0.0});

    @Test
    void mixtureFitChecksPassAndTheChartsCarryEveryFit() {
        String checks = EpChecks.mixtureFits(FITS);
        assertEquals(2 + 3 * 2, checks.lines().filter(l -> l.startsWith("ok  ")).count(), checks);
        XYChart fits = EpPlots.fits(FITS, MEANS, VARS);
        assertEquals(List.of("p (mixture)", "forward: moment matching", "reverse from -3.0", "reverse from 0.0"),
                List.copyOf(fits.getSeriesMap().keySet()));
        GaussianMixture1D p2 = GaussianMixture1D.of(new double[] {0.5, 0.5}, new double[] {-2.0, 2.0}, new double[] {1.0, 1.0});
        List<GaussianFit> fits2 = MixtureFits.reverseFits(p2, FITS.reverseInits());
        double[] mus = ReverseKlProfile.grid(MEANS, VARS, FITS.reverseInits(), 21);
        XYChart landscape = EpPlots.landscape(ReverseKlProfile.of(P, mus), ReverseKlProfile.of(p2, mus), FITS.reverse(), fits2);
        assertTrue(landscape.getSeriesMap().containsKey("reverse fits (modes at +-2)"));
        assertTrue(EpChecks.modesAtTwo(p2, fits2).startsWith("ok  "));
        assertEquals(3, EpTables.gaussianFits(FITS).rowCount());
        for (XYChart c : List.of(fits, landscape)) {
            assertTrue(Plots.png(c).length > 1000);
        }
    }

    @Test
    void proseFollowsTheNumbers() {
        String text = EpProse.fits(FITS, MEANS, VARS).text();
        assertTrue(text.contains("on the component at −3 (mode-seeking)") || text.contains("on the component at -3 (mode-seeking)"), text);
        assertTrue(text.contains("spread over several components"), text);   // the start at 0 finds the broad fit
        assertTrue(text.contains("the reverse fits minimise that divergence"), text);
        GaussianMixture1D one = GaussianMixture1D.of(new double[] {1.0}, new double[] {0.5}, new double[] {2.0});
        String single = EpProse.fits(MixtureFits.of(one, new double[] {1.0}), new double[] {0.5}, new double[] {2.0}).text();
        assertTrue(single.startsWith("All components of $p$ are the same Gaussian"), single);
        double[] mus = ReverseKlProfile.grid(MEANS, VARS, FITS.reverseInits(), 41);
        assertTrue(EpProse.valleys(ReverseKlProfile.of(P, mus)).text().contains(" valleys on the plotted range"));
        assertTrue(EpProse.valleys(ReverseKlProfile.of(one, mus)).text().contains("one valley"));
    }

    @Test
    void clutterBuildersCarryEverySize() {
        ClutterProblem full = ClutterProblem.of(0.5, 10.0, 100.0, ClutterProblem.generate(2.0, 20, 0.5, 10.0, 1));
        ClutterComparison c = ClutterComparison.of(full, new int[] {20, 5}, new ExpectationPropagation.Options(1.0, 1e-10, 500));
        String checks = EpChecks.clutter(c);
        assertEquals(2 + 3, checks.lines().filter(l -> l.startsWith("ok  ")).count(), checks);
        assertEquals(2, EpTables.clutter(c).rowCount());
        for (XYChart chart : List.of(EpPlots.posteriorAtSmallest(full, c), EpPlots.varianceAgainstSize(c), EpPlots.evidenceAgainstSize(c))) {
            assertTrue(Plots.png(chart).length > 1000);
        }
        assertTrue(EpProse.clutter(c, 0.5).text().contains("At the largest data set ($N = 20$)"));
        ClutterProblem clean = ClutterProblem.of(0.0, 10.0, 100.0, ClutterProblem.generate(2.0, 5, 0.0, 10.0, 1));
        ClutterComparison c0 = ClutterComparison.of(clean, new int[] {5}, new ExpectationPropagation.Options(1.0, 1e-10, 500));
        assertTrue(EpProse.clutter(c0, 0.0).text().startsWith("With $w = 0$ there is no clutter"));
    }
}
