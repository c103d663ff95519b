package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.vworkbook.cavi.TwoLatentMeanField;
import org.vworkbook.exact.LinearGaussianModel;
import org.vworkbook.regression.RegressionFits;
import org.vworkbook.vae.EncoderGradient;
import org.vworkbook.vae.VaeExperiment;
import org.vworkbook.vae.VaeTrainer;
import tech.tablesaw.api.Table;

/** W4's factorised fits (Bishop Fig. 10.2) and the worked answers of the exercises of W4, W3, A, E and BLR, in each branch. */
class FactorisedFitsAndExercisesPagesTest {
    private static final TwoLatentMeanField DEFAULTS = TwoLatentMeanField.run(1.0, 1.5, 1.0, 2.0, 0.0, 0.0, 1e-12, 1000);
    private static final TwoLatentMeanField FACTORISED = TwoLatentMeanField.run(0.0, 1.5, 1.0, -1.0, 0.0, 0.0, 1e-12, 1000);
    private static final TwoLatentMeanField PRIOR = TwoLatentMeanField.run(0.0, 0.0, 1.0, 2.0, 0.0, 0.0, 1e-12, 1000);
    private static final TwoLatentMeanField ONE_SWEEP = TwoLatentMeanField.run(1.0, 1.5, 1.0, 2.0, 0.0, 0.0, 1e-12, 1);

    private static void isAnswer(Prose.Markdown m) {
        assertTrue(m.text().startsWith("<details class=\"vwb-answer\">"), m.text());
        assertFalse(m.text().contains("NaN"), m.text());
        assertFalse(m.text().contains("Infinity"), m.text());
    }

    @Test
    void theChartDrawsThreeGaussiansAndRenders() {
        XYChart chart = GaussianPlots.factorisedFits("fits", DEFAULTS.factorisedFits());
        assertEquals(List.of("exact posterior p (1 sd)", "exact posterior p (2 sd)", "min KL(q, p): mean field q_R (1 sd)", "min KL(q, p): mean field q_R (2 sd)",
                "min KL(p, q): marginals q_F (1 sd)", "min KL(p, q): marginals q_F (2 sd)"), List.copyOf(chart.getSeriesMap().keySet()));
        assertTrue(Plots.png(chart).length > 1000);
        // q_F's 1-sd ellipse spans the exact marginal's mu_1 +- sqrt(Sigma_11), as p's does.
        double[] xs = chart.getSeriesMap().get("min KL(p, q): marginals q_F (1 sd)").getXData();
        double[] px = chart.getSeriesMap().get("exact posterior p (1 sd)").getXData();
        assertEquals(java.util.Arrays.stream(px).max().getAsDouble(), java.util.Arrays.stream(xs).max().getAsDouble(), 1e-3);
        assertTrue(Plots.png(GaussianPlots.factorisedFits("prior", PRIOR.factorisedFits())).length > 1000);
    }

    @Test
    void theTableHoldsTheVariancesAndBothKlsAndTheChecksPass() {
        Table t = MeanFieldTables.factorisedFits(DEFAULTS);
        assertEquals(3, t.rowCount());
        assertEquals(DEFAULTS.klMin(), t.doubleColumn("KL(q, p)").getDouble(1), 1e-13);
        assertEquals(DEFAULTS.klCross(), t.doubleColumn("KL(p, q)").getDouble(1), 1e-13);
        assertEquals(DEFAULTS.klCross(), t.doubleColumn("KL(q, p)").getDouble(2), 1e-13);
        assertEquals(DEFAULTS.exactMarginalVariances()[0], t.doubleColumn("variance of z1").getDouble(2), 0.0);
        for (TwoLatentMeanField w : new TwoLatentMeanField[] {DEFAULTS, FACTORISED, PRIOR, ONE_SWEEP,
                TwoLatentMeanField.run(1.0, 1.5, 1e-8, 2.0, 0.0, 0.0, 1e-12, 1000), TwoLatentMeanField.run(1.0, 1.5, 1e8, 2.0, 0.0, 0.0, 1e-12, 1000),
                TwoLatentMeanField.run(-2.9, 2.7, 1e-3, 4.0, 5.0, -5.0, 1e-12, 300)}) {
            String checks = MeanFieldChecks.factorisedFits(w);
            assertFalse(checks.contains("FAIL"), checks);
            assertEquals(10, checks.lines().count());
        }
    }

    @Test
    void theFitsSentenceFollowsRhoAndTheRun() {
        String correlated = MeanFieldPages.factorisedFits(DEFAULTS).text();
        assertTrue(correlated.startsWith("Here $\\rho$ = "), correlated);
        assertTrue(correlated.contains("Each fit wins in the direction it minimises"));
        assertTrue(correlated.contains("reached its means to within"));
        String stopped = MeanFieldPages.factorisedFits(ONE_SWEEP).text();
        assertTrue(stopped.contains("stopped at `max_iter` without meeting the stopping rule; its means are "), stopped);
        String factorised = MeanFieldPages.factorisedFits(FACTORISED).text();
        assertTrue(factorised.startsWith("Here $\\theta_1\\theta_2=0$, so $\\rho=0$"), factorised);
        assertTrue(factorised.contains("every KL in the table is"), factorised);
        assertTrue(MeanFieldPages.factorisedFits(PRIOR).text().startsWith("Here $\\theta_1\\theta_2=0$"));
    }

    @Test
    void theW4AnswersHoldInEachBranch() {
        for (TwoLatentMeanField w : new TwoLatentMeanField[] {DEFAULTS, FACTORISED, ONE_SWEEP, TwoLatentMeanField.run(1.0, 1.5, 1e300, 2.0, 0.0, 0.0, 0.0, 3)}) {
            isAnswer(MeanFieldPages.exerciseTheta1Zero(w));
            isAnswer(MeanFieldPages.exerciseNoise(w));
            isAnswer(MeanFieldPages.exerciseStart(w));
        }
        String zero = MeanFieldPages.exerciseTheta1Zero(DEFAULTS).text();
        assertTrue(zero.contains("stopped after 2 sweeps"), zero);
        assertTrue(zero.contains("this run, with $\\theta_1$ = 1, has"), zero);
        assertTrue(MeanFieldPages.exerciseTheta1Zero(FACTORISED).text().contains("this run already has $\\theta_1\\theta_2=0$"));
        assertTrue(MeanFieldPages.exerciseNoise(FACTORISED).text().contains("so $\\rho=0$ for every $\\sigma^2$"));
        assertTrue(MeanFieldPages.exerciseNoise(TwoLatentMeanField.run(1.0, 1.5, 1e307, 2.0, 0.0, 0.0, 1e-12, 10)).text().contains("leaves the range of doubles here"));
        // x^2 / sigma2 overflows once sigma2 is divided by 100: that rerun is refused, and the answer says so.
        String overflow = MeanFieldPages.exerciseNoise(TwoLatentMeanField.run(1.0, 1.5, 1.0, 1e154, 0.0, 0.0, 1e-12, 10)).text();
        assertTrue(overflow.contains("With $\\sigma^2$ = 0.01: (this change leaves the range of doubles here"), overflow);
        assertTrue(MeanFieldPages.exerciseStart(DEFAULTS).text().contains("within what `tol` allows"));
        assertTrue(MeanFieldPages.exerciseStart(ONE_SWEEP).text().contains("has no guarantee of being at the fixed point"));
    }

    @Test
    void theAAnswersHoldInEachBranch() {
        String one = MeanFieldPages.exerciseOneSweep(DEFAULTS).text();
        assertTrue(one.contains("above it"), one);
        assertTrue(MeanFieldPages.exerciseOneSweep(FACTORISED).text().contains("the same, to rounding"));
        String scaled = MeanFieldPages.exerciseScaling(DEFAULTS).text();
        assertTrue(scaled.contains("$\\mathrm{KL}(q^*,p)$ = " + Prose.num(DEFAULTS.klMin()) + " against this run's " + Prose.num(DEFAULTS.klMin())), scaled);
        assertTrue(MeanFieldPages.exerciseScaling(TwoLatentMeanField.run(1.0, 1.5, 1e308, 2.0, 0.0, 0.0, 1e-12, 10)).text().contains("leaves the range of doubles"));
    }

    @Test
    void theW3AnswersHoldInEachBranch() {
        LinearGaussianModel model = LinearGaussianModel.of(new double[] {1.0, 1.5}, 1.0, 2.0);
        String zero = LinearGaussianPages.exerciseTheta1Zero(model).text();
        assertTrue(zero.contains("correlation 0 and `factorizes` = true; this run has correlation " + Prose.num(model.posterior().correlation(0, 1))
                + " and `factorizes` = false"), zero);
        assertTrue(LinearGaussianPages.exerciseTheta1Zero(LinearGaussianModel.of(new double[] {0.0, 1.5}, 1.0, 2.0)).text().contains("`factorizes` = true."));
        String moved = LinearGaussianPages.exerciseObservation(model).text();
        assertTrue(moved.contains("changes by at most 0 (not at all)"), moved);
        assertTrue(moved.contains("against the predicted (" + Prose.num(1 / 4.25) + ", " + Prose.num(1.5 / 4.25) + ")"), moved);
        assertTrue(LinearGaussianPages.exerciseObservation(LinearGaussianModel.of(new double[] {1.0, 1.5}, 1.0, 1e17)).text()
                .contains("adding 1 does not change the double at all"));
    }

    @Test
    void theBlrAnswersHoldInEachBranch() {
        RegressionFits f = RegressionFits.fit(new double[0], new double[0], 30, new double[] {0.5, -1.0, 2.0}, 1, 2, 2.0, 25.0, 1e-2, 1e-4, 1e-12, 10000);
        String alpha = RegressionPages.exerciseAlpha(f).text();
        isAnswer(RegressionPages.exerciseAlpha(f));
        assertFalse(alpha.contains("With one weight"), alpha);
        RegressionFits one = RegressionFits.fit(new double[0], new double[0], 30, new double[] {0.5}, 1, 0, 2.0, 25.0, 1e-2, 1e-4, 1e-12, 10000);
        assertTrue(RegressionPages.exerciseAlpha(one).text().contains("With one weight"));
        RegressionFits tiny = RegressionFits.fit(new double[] {0.2, 0.7}, new double[] {1.0, 2.0}, 1, new double[] {1.0}, 1, 1, 1e-300, 25.0, 1e-2, 1e-4, 1e-12, 100);
        isAnswer(RegressionPages.exerciseAlpha(tiny));
        assertTrue(RegressionPages.exerciseAlpha(tiny).text().contains("with $\\alpha$ = 1 × 10⁻³⁰² it is "), RegressionPages.exerciseAlpha(tiny).text());
        String orth = RegressionPages.exerciseOrthogonalDesign(f).text();
        assertTrue(orth.contains("$A_{12}$ = 0 "), orth);
        assertTrue(orth.contains(", so its KL is " + Prose.num(f.meanFieldKlAtOptimum())), orth);
        RegressionFits orthogonal = RegressionFits.fit(new double[] {-1.0, 1.0}, new double[] {0.3, 1.2}, 1, new double[] {1.0}, 1, 1, 2.0, 25.0, 1e-2, 1e-4, 1e-12, 100);
        assertTrue(RegressionPages.exerciseOrthogonalDesign(orthogonal).text().contains("so its design is orthogonal too and its KL is 0."));
        assertEquals(0.0, orthogonal.meanFieldKl(), 1e-14);
    }

    @Test
    void theEAnswersHoldInEachBranch() {
        VaeTrainer.Options options = new VaeTrainer.Options(40, 0.02, EncoderGradient.ANALYTIC, 1, 20);
        VaeExperiment two = VaeExperiment.of(12, 2, 4, 0.5, "truth", 1, options, null);
        String gapTwo = VaePages.exerciseOneLatent(two, two.gaps()).text();
        assertTrue(gapTwo.contains("This run has $L$ = 2"), gapTwo);
        VaeExperiment one = VaeExperiment.of(12, 1, 3, 0.5, "truth", 1, options, null);
        String gapOne = VaePages.exerciseOneLatent(one, one.gaps()).text();
        assertTrue(gapOne.contains("This run has $L = 1$"), gapOne);
        assertEquals(0.0, one.gaps().approximationGap(), 1e-12);
        String same = VaePages.exerciseSameGapForEveryPoint(two, two.gaps()).text();
        double closed = two.vae().decoder().meanFieldKl();
        assertTrue(same.contains(Prose.num(closed) + "; the KL of $q^*_x$ at the first point is " + Prose.num(closed)), same);
        isAnswer(VaePages.exerciseSameGapForEveryPoint(one, one.gaps()));
    }
}
