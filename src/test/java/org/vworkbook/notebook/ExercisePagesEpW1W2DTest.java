package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.vworkbook.distributions.GaussianMixture;
import org.vworkbook.distributions.Normal;
import org.vworkbook.divergence.IsotropicForwardFit;
import org.vworkbook.divergence.IsotropicReverseFits;
import org.vworkbook.em.EmComparison;
import org.vworkbook.ep.ClutterProblem;
import org.vworkbook.ep.DampingComparison;
import org.vworkbook.ep.ExpectationPropagation;
import tech.tablesaw.api.Table;

/** EP's sites and damping on the page, and the exercise answers of EP, W1, W2 and D, in at least two branches each. */
class ExercisePagesEpW1W2DTest {
    private static final ClutterProblem TEN = ClutterProblem.of(0.5, 10, 0.0, 100, ClutterProblem.generate(2.0, 10, 0.5, 10, 1));
    private static final ExpectationPropagation.Result TEN_EP = ExpectationPropagation.run(TEN, ExpectationPropagation.Options.defaults());
    private static final ClutterProblem CLEAN = ClutterProblem.of(0.0, 10, 1.0, 100, TEN.data());
    private static final ExpectationPropagation.Result CLEAN_EP = ExpectationPropagation.run(CLEAN, ExpectationPropagation.Options.defaults());
    private static final DampingComparison CYCLING =
            DampingComparison.of(ClutterProblem.of(0.5, 10.0, 0.0, 100.0, new double[] {-7.5, 3.5, 2.0}), 0.5, 500);
    private static final DampingComparison CALM = DampingComparison.of(TEN, 0.5, 500);

    @Test
    void theSiteChartHasOneLinePerSiteAndTheDampingChartBothRuns() {
        XYChart sites = EpPlots.sitePrecisions(TEN_EP, TEN.data());
        assertEquals(11, sites.getSeriesMap().size());
        assertTrue(sites.getSeriesMap().containsKey("0"));
        assertTrue(Plots.png(sites).length > 1000);
        XYChart damping = EpPlots.dampingTrace("example", CYCLING);
        assertEquals(List.of("undamped (eta = 1)", "damped (eta = 0.5)", "exact posterior mean"), List.copyOf(damping.getSeriesMap().keySet()));
        assertTrue(damping.getTitle().contains("first 100 of 500 passes"), damping.getTitle());
        assertEquals(EpPlots.DAMPING_PASSES_DRAWN + 1, damping.getSeriesMap().get("undamped (eta = 1)").getXData().length);
        assertTrue(Plots.png(damping).length > 1000);
        assertFalse(EpPlots.dampingTrace("calm", CALM).getTitle().contains("first"));
    }

    @Test
    void theSiteTableShowsNegativeVariancesAndADashForAFlatSite() {
        Table t = EpTables.sites(TEN_EP, TEN.data());
        assertEquals(10, t.rowCount());
        int negative = 0;
        for (int i = 0; i < 10; i++) {
            negative += t.doubleColumn("site variance 1/tau_n").get(i) < 0 ? 1 : 0;
        }
        assertEquals(TEN_EP.negativeSites(), negative);
        ExpectationPropagation.Result flat = new ExpectationPropagation.Result(Normal.ofMeanVariance(0, 100), OptionalDouble.empty(), 0, false, 0,
                new double[] {0}, new double[] {100}, new double[][] {{0, 0}}, new double[][] {{0, 0}});
        assertTrue(EpTables.sites(flat, new double[] {1, 2}).doubleColumn("site mean nu_n/tau_n").isMissing(0)); // NaN: shown as a dash
    }

    @Test
    void siteProseCountsNegativeSitesOrSaysThereAreNone() {
        String some = EpProse.sites(TEN_EP, TEN.data()).text();
        assertTrue(some.contains(TEN_EP.negativeSites() + " of the 10 sites end with a negative precision"), some);
        String none = EpProse.sites(CLEAN_EP, CLEAN.data()).text();
        assertTrue(none.startsWith("EP converged after 2 passes"), none);
        assertTrue(none.contains("All 10 sites end with a positive precision"), none);
    }

    @Test
    void dampingProseSaysWhetherTheUndampedRunCycled() {
        String cycling = EpProse.damping(CYCLING).text();
        assertTrue(cycling.startsWith("Undamped EP did not converge in 500 passes"), cycling);
        assertTrue(cycling.contains("Damped EP ($\\eta = 0.5$) converged in " + CYCLING.damped().sweeps() + " passes"), cycling);
        String calm = EpProse.damping(CALM).text();
        assertTrue(calm.startsWith("Undamped EP converged in " + CALM.undamped().sweeps() + " passes"), calm);
        assertTrue(calm.contains("Both reach the same $q$"), calm);
    }

    @Test
    void siteChecksPassAtAFixedPointAndFailWhenQIsNotThePriorTimesTheSites() {
        String ok = EpChecks.sites(TEN, TEN_EP);
        assertTrue(ok.contains("fixed point: largest |tilted mean"), ok);
        assertFalse(ok.contains("FAIL"), ok);
        assertTrue(EpChecks.damping(CYCLING).contains("damped (eta = 0.5):"));
        ExpectationPropagation.Result wrong = new ExpectationPropagation.Result(Normal.ofMeanVariance(0, 1), OptionalDouble.empty(), 1, false, 0,
                new double[] {0, 0}, new double[] {100, 1}, new double[2][10], new double[2][10]);
        assertThrows(Checks.CheckFailed.class, () -> EpChecks.sites(TEN, wrong));
    }

    @Test
    void epExerciseAnswersFollowTheRun() {
        String noisy = EpPages.exerciseNoClutter(TEN, TEN_EP, 1.0).text();
        assertTrue(noisy.startsWith("<details"), noisy);
        assertTrue(noisy.contains("EP with $w = 0$ on your first 10 observations"), noisy);
        assertTrue(noisy.contains("In your run ($w = 0.5$) " + TEN_EP.negativeSites() + " of the 10 sites"), noisy);
        String clean = EpPages.exerciseNoClutter(CLEAN, CLEAN_EP, 1.0).text();
        assertTrue(clean.contains("Your run has $w = 0$."), clean);
        assertFalse(clean.contains("In your run"), clean);
        String damped = EpPages.exerciseNoClutter(TEN, TEN_EP, 0.3).text();
        assertTrue(damped.contains("(damping 0.3)"), damped);
        String damping = EpPages.exerciseDamping(CALM, CYCLING).text();
        assertTrue(damping.contains("On your largest data set: Undamped EP converged"), damping);
        assertTrue(damping.contains("On the three-observation example: Undamped EP did not converge"), damping);
    }

    @Test
    void w1AnswersSwapTheDirectionsAndGiveZeroForEqualGaussians() {
        DiagonalKlChecks kl = DiagonalKlChecks.of(new double[] {0, 1}, new double[] {1, 0.5}, new double[] {1, -1}, new double[] {2, 1}, 1000, 1);
        String swap = DiagonalKlPages.exerciseSwap(kl).text();
        assertTrue(swap.contains("`kl_pq` = " + Prose.num(kl.klQp())), swap);
        assertTrue(swap.contains("The swap exchanges"), swap);
        DiagonalKlChecks symmetric = DiagonalKlChecks.of(new double[] {0, 1}, new double[] {1, 0.5}, new double[] {1, -1}, new double[] {1, 0.5}, 1000, 1);
        assertTrue(DiagonalKlPages.exerciseSwap(symmetric).text().contains("Here the two directions agree"));
        String equal = DiagonalKlPages.exerciseEqual(kl, 100000).text();
        assertTrue(equal.contains("KL$(p\\|q)$ = 0, KL$(q\\|p)$ = 0, and the Monte Carlo estimate from 1000 draws is 0 with standard error 0"), equal);
        assertTrue(equal.contains("Your run has KL"), equal);
        DiagonalKlChecks same = DiagonalKlChecks.of(new double[] {0.5}, new double[] {2}, new double[] {0.5}, new double[] {2}, 10, 3);
        String already = DiagonalKlPages.exerciseEqual(same, 10).text();
        assertTrue(already.contains("Your run already has $q=p$."), already);
        assertTrue(already.contains("from 10 draws"), already);
    }

    @Test
    void w2AnswersMoveTheComponentsAndListTheBasins() {
        double[] weights = {0.3, 0.7};
        double[] vars = {1.0, 0.5};
        GaussianMixture p = GaussianMixture.ofIsotropic(weights, new double[] {-2.0, 0.0, 3.0, 1.0}, vars);
        GaussianMixture moved = ForwardReversePages.closer(p, weights, vars);
        assertArrayEquals(p.mean(), moved.mean(), 1e-12);
        assertEquals("{0.625, 0.525, 1.875, 0.775}", ForwardReversePages.meansLiteral(moved));
        IsotropicReverseFits reverse = IsotropicReverseFits.of(p, new double[] {0, 0});
        String closer = ForwardReversePages.exerciseCloser(p, weights, vars, reverse).text();
        assertTrue(closer.contains("(nearer a component). With every component moved"), closer);
        assertTrue(closer.contains("(nearer the mean of $p$)"), closer);
        IsotropicForwardFit forward = IsotropicForwardFit.of(p, 2000, 1, new double[] {0, 0});
        String start = ForwardReversePages.exerciseStart(forward, reverse).text();
        assertTrue(start.contains("The starts end in valleys of different depth"), start);
        GaussianMixture one = GaussianMixture.ofIsotropic(new double[] {1.0}, new double[] {1.0, 2.0}, new double[] {1.0});
        String single = ForwardReversePages.exerciseStart(IsotropicForwardFit.of(one, 2000, 1, new double[] {0, 0}),
                IsotropicReverseFits.of(one, new double[] {0, 0})).text();
        assertTrue(single.contains("With one component there is one valley"), single);
    }

    @Test
    void dAnswersRunOnTheAxisAndWithFewPoints() {
        EmComparison off = EmComparison.of(new double[0], 50, new double[] {1.5, 1.0}, 1, new double[] {1.0, 0.5}, 40);
        String fromOff = EmPages.exerciseOnAxis(off).text();
        assertTrue(fromOff.contains("From $\\theta_0 = (0, 1)$ on your data, for 40 iterations"), fromOff);
        assertTrue(fromOff.contains("In your run, started off the axes"), fromOff);
        EmComparison on = EmComparison.of(new double[0], 50, new double[] {1.5, 1.0}, 1, new double[] {0.0, 0.7}, 40);
        String fromOn = EmPages.exerciseOnAxis(on).text();
        assertTrue(fromOn.contains("Your run starts on an axis"), fromOn);
        assertTrue(fromOn.contains("VEM at $(0, "), fromOn);
        String few = EmPages.exerciseFewPoints(off, 5, new double[] {1.5, 1.0}, 1, false).text();
        assertTrue(few.contains("With $N = 5$ generated points (seed 1)"), few);
        assertFalse(few.contains("has no effect"), few);
        // the data set {0.1, -0.2}: S/N < 1, so the maximum-likelihood theta is the origin
        EmComparison given = EmComparison.of(new double[] {0.1, -0.2}, 1, new double[] {0, 0}, 1, new double[] {1.0, 0.5}, 10);
        assertTrue(EmPages.exerciseFewPoints(given, 5, new double[] {1.5, 1.0}, 1, true).text().contains("so `n` has no effect there"));
        boolean sawOrigin = false;
        for (long seed = 1; seed <= 40 && !sawOrigin; seed++) {
            sawOrigin = EmPages.exerciseFewPoints(off, 2, new double[] {0.1, 0.1}, seed, false).text().contains("(the origin:");
        }
        assertTrue(sawOrigin, "with two points and a small theta some seed gives S/N <= 1");
    }
}
