package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.FoundationAssertions.assertRefused;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.vworkbook.cavi.TwoLatentMeanField;
import org.vworkbook.exact.GaussianJointIdentity;
import org.vworkbook.exact.LinearGaussianModel;
import org.vworkbook.regression.RegressionFits;

/** The check lists, sentences, tables and charts of the Gaussian mean-field pages (W4, A, BLR, W3). */
class GaussianMeanFieldPagesTest {
    private static final TwoLatentMeanField DEFAULTS = TwoLatentMeanField.run(1.0, 1.5, 1.0, 2.0, 0.0, 0.0, 1e-12, 1000);
    private static final TwoLatentMeanField FACTORISED = TwoLatentMeanField.run(0.0, 1.5, 1.0, 2.0, 0.0, 0.0, 1e-12, 1000);
    private static final TwoLatentMeanField STOPPED = TwoLatentMeanField.run(1.0, 1.5, 1.0, 2.0, 0.0, 0.0, 0.0, 3);

    private static List<String> names(XYChart chart) {
        return new ArrayList<>(chart.getSeriesMap().keySet());
    }

    private static void renders(XYChart chart) {
        BufferedImage image = Plots.image(chart);
        assertTrue(image.getWidth() > 0 && image.getHeight() > 0);
        assertTrue(Plots.png(chart).length > 1000);
    }

    @Test
    void theTwoLatentChecksPassAndAddTheStoppingBoundsOnlyWhenTheRuleStoppedTheRun() {
        List<Checks.Outcome> converged = MeanFieldChecks.twoLatentOutcomes(DEFAULTS);
        List<Checks.Outcome> stopped = MeanFieldChecks.twoLatentOutcomes(STOPPED);
        assertEquals(11, converged.size());
        assertEquals(8, stopped.size());
        for (Checks.Outcome o : converged) {
            assertTrue(o.text().startsWith("ok"), o.text());
        }
        assertTrue(MeanFieldChecks.twoLatent(DEFAULTS).contains("ELBO + KL vs log p(x)"));
    }

    @Test
    void theStoppingSentenceFollowsTheRun() {
        String converged = MeanFieldProse.stopping(DEFAULTS).text();
        assertTrue(converged.startsWith("CAVI met the stopping rule after " + DEFAULTS.run().iterations() + " sweeps"), converged);
        assertTrue(converged.contains("Here $\\rho^2$ = "));
        String stopped = MeanFieldProse.stopping(STOPPED).text();
        assertTrue(stopped.contains("**without** meeting the stopping rule (with `tol` = 0 it can never be met"), stopped);
        String exact = MeanFieldProse.stopping(FACTORISED).text();
        assertTrue(exact.contains("so $\\rho=0$: the first sweep already lands on the exact posterior"), exact);
    }

    @Test
    void theTableSentenceTheEllipseSentenceAndTheTraceSentenceFollowTheNumbers() {
        assertTrue(MeanFieldProse.exactAgainstMeanField(DEFAULTS).text().contains("(too wide)"));
        String factorised = MeanFieldProse.exactAgainstMeanField(FACTORISED).text();
        String round = MeanFieldProse.exactAgainstMeanField(TwoLatentMeanField.run(0, 0, 1, 2, 0, 0, 1e-12, 10)).text();
        assertTrue(round.contains("The ratio is undefined (\u2014) for mean of z1, mean of z2"), round);
        assertTrue(round.contains("there is no direction"), round);
        assertTrue(factorised.contains("every variance of $q$ equals the exact one"));
        assertTrue(MeanFieldProse.ellipses(DEFAULTS).text().startsWith("The centres coincide"));
        assertTrue(MeanFieldProse.ellipses(STOPPED).text().startsWith("CAVI's $q$ is not yet centred"));
        assertTrue(MeanFieldProse.ellipses(FACTORISED).text().contains("mean field is exact"));
        assertTrue(MeanFieldProse.elboTrace(DEFAULTS, 15).text().contains("that is the optimum's gap"));
        assertTrue(MeanFieldProse.elboTrace(STOPPED, 15).text().contains("short of the best mean-field bound"));
    }

    @Test
    void theMomentsTableHasARatioColumnWithUndefinedRatiosAsNaN() {
        MeanFieldTables.TwoLatentMoments m = MeanFieldTables.twoLatentMoments(DEFAULTS);
        assertEquals(DEFAULTS.oneMinusRho2(), m.ratio()[2], 1e-12);
        assertEquals(0.0, m.meanField()[6], 0.0);
                assertEquals(7, MeanFieldTables.exactAgainstMeanField(DEFAULTS).rowCount());
        MeanFieldTables.TwoLatentMoments zero = MeanFieldTables.twoLatentMoments(TwoLatentMeanField.run(0, 0, 1, 2, 0, 0, 1e-12, 10));
        assertTrue(Double.isNaN(zero.exact()[4]) && Double.isNaN(zero.meanField()[5]));
    }

    @Test
    void theMeanFieldPathChartDrawsBothFitsAndTheZigZag() {
        XYChart chart = GaussianPlots.meanFieldPath("fit", DEFAULTS.posterior(), DEFAULTS.run().path(), 0, 1);
        assertEquals(List.of("exact posterior (1 sd)", "exact posterior (2 sd)", "mean field q1 q2 (1 sd)", "mean field q1 q2 (2 sd)",
                "CAVI path"), names(chart));
        XYSeries path = chart.getSeriesMap().get("CAVI path");
        assertEquals(2 * DEFAULTS.run().path().size() - 1, path.getXData().length);
        renders(chart);
        assertRefused(() -> GaussianPlots.meanFieldPath("fit", DEFAULTS.posterior(), List.of(), 0, 1), "path");
        XYChart two = GaussianPlots.ellipses("two", 0, 1, new String[] {"p", "q"}, DEFAULTS.posterior(), DEFAULTS.q().asMultivariate());
        assertEquals(4, two.getSeriesMap().size());
        renders(two);
    }

    @Test
    void aTraceChartShowsTheFirstSweepsItsLevelsAndGapsOnALogScale() {
        double[] elbo = DEFAULTS.elboTrace();
        int shown = TracePlots.shown(elbo, 5);
        assertEquals(Math.min(elbo.length, 5), shown);
        XYChart chart = TracePlots.sweeps("ELBO", "nats", shown).trace("ELBO", elbo).level("log p(x)", DEFAULTS.logEvidence())
                .levelIf(false, "never", 0).legend("InsideSE").chart();
        assertEquals(List.of("ELBO", "log p(x)"), names(chart));
        assertEquals(elbo[shown - 1], chart.getSeriesMap().get("ELBO").getYData()[shown - 1], 0.0);
        assertEquals(DEFAULTS.logEvidence(), chart.getSeriesMap().get("log p(x)").getYData()[1], 0.0);
        renders(chart);
        double[] shortTrace = {1.0, 0.5};
        XYChart gaps = TracePlots.sweeps("gap", "nats (log scale)", 4).gap("short", 2.0, shortTrace).gap("long", 2.0, new double[] {1, 1.5, 1.75, 1.875})
                .logY().chart();
        assertEquals(1.5, gaps.getSeriesMap().get("short").getYData()[3], 0.0);   // a finished run keeps its last value
        renders(gaps);
        assertRefused(() -> TracePlots.sweeps("x", "y", 0), "shown", ">= 1");
        assertRefused(() -> TracePlots.sweeps("x", "y", 2).legend("Nowhere"), "legend", "Nowhere");
        assertThrows(IllegalArgumentException.class, () -> TracePlots.sweeps("x", "y", 2).trace("empty", new double[0]));
        assertFalse(TracePlots.sweeps("x", "y", 2).trace("a", shortTrace).chart().getSeriesMap().isEmpty());
    }

    @Test
    void pageAChecksSentencesTablesAndChartsBuildAndFollowTheNumbers() {
        GaussianJointIdentity random = GaussianJointIdentity.onRandomGaussians(DEFAULTS.model().joint(), DEFAULTS.model()::logJoint, 20, 2000, 1);
        String checks = MeanFieldChecks.elboPlusKl(DEFAULTS, random);
        assertTrue(checks.startsWith("CAVI converged in "), checks);
        assertTrue(MeanFieldChecks.elboPlusKl(STOPPED, random).startsWith("CAVI stopped at the limit of 3 sweeps WITHOUT converging"));
        assertTrue(MeanFieldChecks.twoFactorOptimum(DEFAULTS).contains("CAVI mean 2 vs exact"));
        assertTrue(MeanFieldChecks.twoFactorOptimum(STOPPED).contains("CAVI stopped early"));
        assertTrue(MeanFieldProse.identity(DEFAULTS).text().contains("short of 0: the best that mean field can do"));
        assertTrue(MeanFieldProse.identity(FACTORISED).text().contains("the posterior factorises"));
        assertTrue(MeanFieldProse.identity(STOPPED).text().contains("because it ran out of sweeps"));

        List<MeanFieldTables.Blocking> rows = MeanFieldTables.blockings(1.0, 1.5, 1.0, 2.0);
        assertEquals(7, rows.size());
        assertEquals("{z1,z2} {z3}", rows.get(4).blocks());
        assertTrue(rows.get(1).factorises() && rows.get(4).factorises() && !rows.get(0).factorises());
        assertEquals(DEFAULTS.klMin(), rows.get(0).klClosed(), 1e-12);
        assertEquals(7, MeanFieldTables.blockingsTable(rows).rowCount());
        assertTrue(MeanFieldChecks.blockings(rows).contains("row 7"));
        assertTrue(MeanFieldProse.blockings(rows, 1.0).text().startsWith("Every row where the posterior does not factorise has a positive KL."));
        List<MeanFieldTables.Blocking> tiny = MeanFieldTables.blockings(1.0, 1.5, 1e12, 2.0);
        assertTrue(MeanFieldProse.blockings(tiny, 1e12).text().startsWith("In row(s) 1, "), MeanFieldProse.blockings(tiny, 1e12).text());

        TwoLatentMeanField.CorrelationSweep sweep = TwoLatentMeanField.correlationSweep(1.0, Plots.linspace(-4, 4, 5), 1.0, 2.0, 1.0, 0.01);
        assertEquals(10, sweep.runs());
        assertEquals(sweep.runs(), sweep.converged() + sweep.slowRho().length);
        assertTrue(sweep.worstRatio() <= 1);
        assertTrue(MeanFieldChecks.correlationSweep(sweep).startsWith("ok"));
        assertTrue(MeanFieldProse.correlationSweep(sweep, DEFAULTS.rho()).text().startsWith("All 10 runs converged"));
        assertTrue(MeanFieldProse.correlationSweep(sweep, 0.999).text().contains("lies beyond the drawn part"));

        XYChart cloud = GaussianPlots.elboAgainstKl(DEFAULTS, random);
        assertEquals(List.of("random Gaussian q", "CAVI trace", "log p(x) - KL"), names(cloud));
        renders(cloud);
        XYChart kl = GaussianPlots.klAgainstCorrelation(sweep, DEFAULTS.rho(), DEFAULTS.kl());
        assertTrue(names(kl).contains("this model") && names(kl).contains("-1/2 log(1 - rho^2)"));
        renders(kl);
        double[] sum = DEFAULTS.elboPlusKlTrace();
        for (double v : sum) {
            assertEquals(DEFAULTS.logEvidence(), v, 1e-12);
        }
        assertTrue(DEFAULTS.maxIdentityError() < 1e-12);
    }

    @Test
    void pageW3ChecksTheExactPosteriorAndDescribesItsTilt() {
        LinearGaussianModel tilted = LinearGaussianModel.of(new double[] {1.0, 1.5}, 1.0, 2.0);
        LinearGaussianModel round = LinearGaussianModel.of(new double[] {0.0, 0.0}, 1.0, 2.0);
        assertTrue(LinearGaussianPages.posteriorChecks(tilted).contains("ok  posterior mean vs Sherman-Morrison"));
        assertTrue(LinearGaussianPages.posteriorChecks(round).contains("factorizes"));
        assertEquals(7, LinearGaussianPages.posteriorTable(tilted).rowCount());
        assertTrue(LinearGaussianPages.posteriorSentence(tilted).text().contains("tilted, downwards"));
        assertTrue(LinearGaussianPages.posteriorSentence(round).text().contains("no line is drawn"));
        XYChart chart = LinearGaussianPages.posteriorAgainstPrior(tilted);
        assertTrue(names(chart).contains("theta^T z = x"));
        assertFalse(names(LinearGaussianPages.posteriorAgainstPrior(round)).contains("theta^T z = x"));
        renders(chart);
    }

    @Test
    void pageBlrChecksTablesChartsAndSentencesBuildFromTheFits() {
        RegressionFits f = RegressionFits.fit(new double[0], new double[0], 30, new double[] {0.5, -1.0, 2.0}, 1, 2, 2.0, 25.0, 1e-2, 1e-4, 1e-12, 10000);
        assertTrue(RegressionChecks.evidence(f).contains("Bishop 3.86"));
        assertTrue(RegressionChecks.oneBlock(f).contains("the second sweep changes nothing"));
        assertTrue(RegressionChecks.meanField(f).startsWith("mean-field CAVI converged in "));
        assertTrue(RegressionChecks.variational(f).startsWith("VB converged in "));
        assertEquals(3, RegressionPages.weights(f).rowCount());
        assertTrue(RegressionPages.weightsSentence(f).text().startsWith("The largest feature correlation in $A$ is"));
        RegressionFits one = RegressionFits.fit(new double[0], new double[0], 30, new double[] {0.5}, 1, 0, 2.0, 25.0, 1e-2, 1e-4, 1e-12, 10000);
        assertTrue(RegressionPages.weightsSentence(one).text().startsWith("With the intercept alone"));
        RegressionFits.PredictiveBands b = f.predictiveBands(RegressionPages.predictiveGrid(f.x()));
        assertEquals(201, b.grid().length);
        for (int i = 0; i < 201; i++) {
            assertTrue(b.exactLower()[i] < b.exactMean()[i] && b.exactMean()[i] < b.exactUpper()[i]);
        }
        renders(RegressionPages.predictiveFit(f, b));
        renders(RegressionPages.spread(f, b));
        assertTrue(RegressionPages.spreadSentence(f, b).text().startsWith("On the plotted range"));
        XYChart gaps = RegressionPages.elboGaps(f);
        assertTrue(names(gaps).containsAll(List.of("one block", "mean field", "KL(q_mf, p)")));
        renders(gaps);
        assertTrue(RegressionPages.elboGapsSentence(f).text().contains("levels off"));
        renders(RegressionPages.evidenceOverAlpha(f));
        assertEquals(6, RegressionPages.alphaEstimates(f).rowCount());
        assertTrue(RegressionPages.alphaSentence(f).text().startsWith("The evidence is largest at"));
        RegressionFits noise = RegressionFits.fit(new double[] {0.1, 0.5, 0.9}, new double[] {0, 0, 0}, 1, new double[] {1.0}, 1, 1, 2.0, 25.0, 1e-2, 1e-4, 1e-12, 10000);
        assertFalse(noise.evidenceMaxFinite());
        assertTrue(RegressionPages.alphaSentence(noise).text().startsWith("Here $\\log p(\\mathbf t\\mid\\alpha)$ rises all the way"));
        assertEquals(f.meanFieldKlAtOptimum(), f.meanFieldKl(), 1e-9);
        assertEquals(f.logEvidence(), f.logEvidenceDirect(), 1e-9 * Math.abs(f.logEvidence()));
    }
}
