package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.gmm.BayesianGaussianMixture;
import org.vworkbook.gmm.ConcentrationComparison;
import org.vworkbook.gmm.GaussianMixturePrior;
import org.vworkbook.gmm.GmmState;
import org.vworkbook.gmm.MixtureData;
import org.vworkbook.gmm.MixtureInput;
import org.vworkbook.gmm.OldFaithful;
import org.vworkbook.gmm.RestartedFit;
import tech.tablesaw.api.Table;

/** Notebook GMM's number-driven prose, exercise answers, restarts table and concentration panels, each in at least two branches. */
class MixturePagesTest {
    static final Path CSV = Path.of("notebooks", "data", "faithful.csv");
    static final CaviOptions OPTIONS = new CaviOptions(1e-8, 1000);

    private static BayesianGaussianMixture model(MixtureData x, int k, double alpha0) {
        return BayesianGaussianMixture.of(x, k, GaussianMixturePrior.ofCovariancePrior(alpha0, 1.0, x.mean(), 2.0,
                GaussianMixturePrior.covariancePriorFor(x)));
    }

    private static final MixtureInput SYNTHETIC = MixtureInput.choose(new double[0], "synthetic", 120, 2, 5.0, 3, CSV);
    private static final MixtureInput FAITHFUL = MixtureInput.choose(new double[0], "faithful", 1, 1, 0.0, 1, CSV);

    @Test
    void dataSourceSaysWhereThePointsCameFrom() {
        assertTrue(MixturePages.dataSource(FAITHFUL).startsWith("The points are the 272 Old Faithful eruptions"));
        assertEquals("The 120 points were generated from 2 Gaussians.", MixturePages.dataSource(SYNTHETIC));
        String given = MixturePages.dataSource(MixtureInput.choose(new double[] {0, 1}, "faithful", 1, 1, 0, 1, CSV));
        assertEquals("The point is the one given in `data` (given points take precedence over `dataset`, so that setting is not used here).", given);
        assertEquals("The 2 points are the ones given in `data`.",
                MixturePages.dataSource(MixtureInput.choose(new double[] {0, 1, 2, 3}, "synthetic", 1, 1, 0, 1, CSV)));
    }

    @Test
    void labelSwitchingCountsTheModes() {
        MixtureData x = SYNTHETIC.points();
        CaviResult<GmmState> sparse = model(x, 5, 1e-3).runRestarts("nearest", 1, 1, OPTIONS).bestRun();
        String text = MixturePages.labelSwitching(sparse).text();
        assertTrue(text.contains("$5! = 120$ equivalent modes") && text.contains("\\ln 5! = 4.787"), text);
        assertTrue(text.contains("2 of the 5 components are used") && text.contains("$K!/(K-2)! = 20$"), text);
        CaviResult<GmmState> full = model(x, 2, 1.0).runRestarts("nearest", 1, 1, OPTIONS).bestRun();
        assertTrue(MixturePages.labelSwitching(full).text().contains("All 2 components are used, so the 2 relabelled copies"));
        CaviResult<GmmState> one = model(x, 1, 1.0).runRestarts("nearest", 1, 1, OPTIONS).bestRun();
        assertTrue(MixturePages.labelSwitching(one).text().startsWith("With $K = 1$ there is nothing to relabel"));
        assertEquals(Math.log(720), MixturePages.logFactorial(6), 1e-12);
    }

    @Test
    void restartsProseTableAndChecks() {
        MixtureData x = FAITHFUL.points();
        BayesianGaussianMixture m = model(x, 6, 10.0);
        CaviOptions short30 = new CaviOptions(1e-8, 30); // unfinished runs: different ELBOs
        RestartedFit differ = m.runRestarts("nearest", 1, 3, short30);
        String text = MixturePages.restarts(differ).text();
        assertTrue(text.startsWith("3 restarts; the best is restart ") && text.contains("different local optima")
                && text.contains("Some restarts stopped at max_iter"), text);
        RestartedFit one = m.runRestarts("nearest", 1, 1, short30);
        assertTrue(MixturePages.restarts(one).text().startsWith("One start (restarts = 1, seed 1)"));
        RestartedFit same = model(x, 6, 1e-3).runRestarts("nearest", 1, 2, OPTIONS);
        assertTrue(MixturePages.restarts(same).text().contains("All restarts end at the same ELBO")
                && !MixturePages.restarts(same).text().contains("max_iter"), MixturePages.restarts(same).text());

        Table t = MixturePlots.restarts(differ);
        assertEquals(3, t.rowCount());
        assertEquals(List.of("restart", "init seed", "sweeps", "converged", "final ELBO", "components used", ""), t.columnNames());
        assertEquals("best: shown", t.stringColumn("").get(differ.best()));
        assertEquals("no (max_iter)", t.stringColumn("converged").get(0));

        String checks = MixtureChecks.fit(same, model(x, 6, 1e-3));
        assertTrue(checks.contains("ok  ELBO of restart 2 never decreases") && checks.contains("largest final ELBO of the 2 restarts"), checks);
        BayesianGaussianMixture single = model(x, 1, 1e-3);
        String exact = MixtureChecks.fit(single.runRestarts("random", 5, 1, OPTIONS), single);
        assertTrue(exact.contains("ok  K = 1: ELBO vs exact ln p(D)"), exact);
    }

    @Test
    void concentrationsReportWhatEachAlphaDid() {
        BayesianGaussianMixture faithful = model(FAITHFUL.points(), 6, 1e-3);
        ConcentrationComparison c = ConcentrationComparison.of(faithful, faithful.startingResponsibilities("nearest", 1), OPTIONS,
                ConcentrationComparison.BISHOP);
        assertEquals(List.of(2, 6), java.util.Arrays.stream(c.used(MixtureChecks.USED_WEIGHT)).boxed().toList());
        String text = MixturePages.concentrations(c, FAITHFUL).text();
        assertTrue(text.startsWith("With $\\alpha_0 = 0.001$, 2 of 6 components are used (largest weight 0.643, smallest used 0.357)"), text);
        assertTrue(text.contains("This is Bishop's Fig. 10.6"), text);
        // the same numbers on generated data do not claim Bishop's figure
        assertTrue(MixturePages.concentrations(c, SYNTHETIC).text().contains("The small concentration empties 4 more components"));
        BufferedImage panels = MixturePlots.concentrationPanels(c, FAITHFUL.points());
        assertEquals(880, panels.getWidth());
        assertEquals(360, panels.getHeight());
        // Old Faithful's axes are named after its columns; the names change the drawing, not its size
        assertEquals("eruption time (standardised)", FAITHFUL.axisLabels()[0]);
        assertEquals("waiting time (standardised)", FAITHFUL.axisLabels()[1]);
        assertEquals(List.of("x", "y"), List.of(SYNTHETIC.axisLabels()));
        BufferedImage named = MixturePlots.concentrationPanels(c, FAITHFUL.points(), FAITHFUL.axisLabels());
        assertEquals(880, named.getWidth());
        assertTrue(differ(panels, named), "the axis names must appear in the panels");
        assertThrows(IllegalArgumentException.class, () -> MixturePlots.concentrationPanels(c, FAITHFUL.points(), new String[] {"x"}));
        BayesianGaussianMixture one = model(SYNTHETIC.points(), 1, 1.0);
        ConcentrationComparison c1 = ConcentrationComparison.of(one, one.startingResponsibilities("nearest", 1), OPTIONS, 1e-3, 10);
        assertTrue(MixturePages.concentrations(c1, SYNTHETIC).text().contains("With one component the concentration changes nothing"));
    }

    @Test
    void exerciseAnswersFollowTheNumbers() {
        MixtureData x = SYNTHETIC.points();
        BayesianGaussianMixture six = model(x, 6, 1e-3);
        RestartedFit fits = six.runRestarts("nearest", 1, 1, OPTIONS);
        String a1 = MixturePages.exerciseOneComponent(six, fits.bestRun(), OPTIONS).text();
        assertTrue(a1.startsWith("<details class=\"vwb-answer\">") && a1.contains("so the data favour the mixture"), a1);
        BayesianGaussianMixture one = model(x, 1, 1e-3);
        String a1one = MixturePages.exerciseOneComponent(one, one.runRestarts("nearest", 1, 1, OPTIONS).bestRun(), OPTIONS).text();
        assertTrue(a1one.contains("This page already runs with $K = 1$.") && a1one.contains("(difference 0 nats)"), a1one);
        // one cluster only: the mixture's bound plus ln K! does not beat the single Gaussian
        MixtureData blob = MixtureInput.choose(new double[0], "synthetic", 40, 1, 0.0, 2, CSV).points();
        BayesianGaussianMixture blob4 = model(blob, 4, 1e-3);
        String a1blob = MixturePages.exerciseOneComponent(blob4, blob4.runRestarts("nearest", 1, 1, OPTIONS).bestRun(), OPTIONS).text();
        assertTrue(a1blob.contains("the data do not favour 4 components over one"), a1blob);

        String a2 = MixturePages.exerciseRestarts(six, fits, "nearest", 1, 4, OPTIONS).text();
        assertTrue(a2.contains("4 restarts from seeds 1 to 4") && a2.contains("None beats the first"), a2);
        BayesianGaussianMixture f10 = model(FAITHFUL.points(), 6, 10.0);
        CaviOptions short30 = new CaviOptions(1e-8, 30);
        String a2b = MixturePages.exerciseRestarts(f10, f10.runRestarts("nearest", 1, 1, short30), "nearest", 1, 4, short30).text();
        assertTrue(a2b.contains("nats above the first") && a2b.contains("stopped at max_iter before converging"), a2b);
        String a2c = MixturePages.exerciseRestarts(f10, f10.runRestarts("nearest", 1, 1, OPTIONS), "nearest", 1, 4, OPTIONS).text();
        assertTrue(a2c.contains("Restart 4 beats the first by") && a2c.contains("a better optimum exists"), a2c);

        String a3 = MixturePages.exerciseFaithful(CSV, six, "nearest", 1, OPTIONS).text();
        assertTrue(a3.contains("2 of 6 components are used") && a3.contains("This is Bishop's Fig. 10.6"), a3);
        String a3one = MixturePages.exerciseFaithful(CSV, one, "nearest", 1, OPTIONS).text();
        assertTrue(a3one.contains("With one component the concentration changes nothing") && !a3one.contains("Bishop's Fig"), a3one);
        assertEquals(Path.of("data", "faithful.csv"), OldFaithful.NOTEBOOK_FILE);
    }

    private static boolean differ(BufferedImage a, BufferedImage b) {
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }
}
