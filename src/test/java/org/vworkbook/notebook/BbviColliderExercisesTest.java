package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.bbvi.NormalGammaBaseline;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.ColliderMeanFields;
import org.vworkbook.exact.NormalNormalGammaModel;

class BbviColliderExercisesTest {
    private static final NormalGammaBaseline HUNDRED = NormalGammaBaseline.of(NormalNormalGammaModel.of(
            NormalNormalGammaModel.generateData(100, 1.0, 2.0, 1), 0, 1, 1, 1));
    private static final NormalGammaBaseline ONE = NormalGammaBaseline.of(NormalNormalGammaModel.of(new double[] {0.4}, 0, 1, 1, 1));

    @Test
    void moreSamplesQuartersTheVarianceOfThePlainAverages() {
        String a = BbviExercises.moreSamples(HUNDRED, 10, 400, 1).text();
        assertTrue(a.startsWith("<details"));
        assertTrue(a.contains("| estimator | total variance, $S = 10$ | $S = 40$ | ratio |"), a);
        assertFalse(a.contains("no control variate"));
        String b = BbviExercises.moreSamples(ONE, 2, 50, 3).text();
        assertTrue(b.contains("with $S = 2 < 3$ it has no control variate at all, while with $4S = 8$ draws it has."), b);
        String c = BbviExercises.moreSamples(ONE, 0 + 1, 50, 3).text();
        assertTrue(c.contains("with $4S = 4$ draws it has."), c);
    }

    @Test
    void fewerDataComparesTheRatioAndSaysWhichWayItWent() {
        String a = BbviExercises.fewerData(HUNDRED, 10, 300, 1).text();
        assertTrue(a.contains("With the first 10 points"), a);
        assertTrue(a.contains("Here the ratio fell") || a.contains("Here it did not fall"), a);
        String b = BbviExercises.fewerData(ONE, 5, 50, 1).text();
        assertTrue(b.contains("With one point there are no fewer data"), b);
        assertTrue(b.contains("Here it did not fall") || b.contains("One of the variances is 0"), b);
    }

    @Test
    void colliderCorrelationFormulaMatchesTheExactPosterior() {
        for (double[] p : new double[][] {{0.5, 0.5, 2.0}, {0.05, 3, -7}, {5, 0.1, 0}}) {
            ColliderMeanFields f = ColliderMeanFields.run(p[0], p[1], p[2], CaviOptions.defaults());
            assertEquals(ColliderExercises.correlationFormula(p[0], p[1]), f.exact().correlation(0, 1), 1e-12);
            // the KL formula holds at the optimum; at s3 = 0.05 CAVI is still on its way after 1000 sweeps, and above it
            double kl = ColliderExercises.klMeanFieldFormula(p[0], p[1]);
            if (f.run().converged()) {
                assertEquals(kl, f.klMeanField(), 1e-9);
            } else {
                assertTrue(f.klMeanField() > kl);
            }
        }
    }

    @Test
    void colliderAnswersFollowTheRuns() {
        CaviOptions options = CaviOptions.defaults();
        ColliderMeanFields f = ColliderMeanFields.run(0.5, 0.5, 2.0, options);
        String sharp = ColliderExercises.sharperCollider(f, 0.5, 0.5, 2.0, options).text();
        assertTrue(sharp.contains(", larger."), sharp);
        assertTrue(sharp.contains("`s3 = 0.05;`"), sharp);
        String noisy = ColliderExercises.noisyReading(f, 0.5, 0.5, 2.0, options).text();
        assertTrue(noisy.contains(", the same as here."), noisy);
        // the defaults' KL, 0.8047 nats, is log 5 - 1/2 log 5
        assertTrue(noisy.contains("(the formula: $0.8047$)"), noisy);
        // one sweep: the runs at x and at x + 5 stop at different distances from their optima
        CaviOptions one = new CaviOptions(1e-12, 1);
        ColliderMeanFields g = ColliderMeanFields.run(0.5, 0.5, 2.0, one);
        String stopped = ColliderExercises.noisyReading(g, 0.5, 0.5, 2.0, one).text();
        assertTrue(stopped.contains("stopped before its optimum"), stopped);
    }
}
