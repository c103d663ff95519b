package org.vworkbook.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** EM and variational EM on problem D: monotonicity, the touching bound, and where each ends. */
class ExpectationMaximizationTest {
    private static final double SLACK = 1e-10;

    private static ScalarFactorModel contractModel() {
        return ScalarFactorModel.of(ScalarFactorModel.generate(new double[] {1.5, 1.0}, 200, 1.0, new Well19937c(1L)), 2, 1.0);
    }

    private static void assertNonDecreasing(double[] trace) {
        for (int i = 0; i + 1 < trace.length; i++) {
            assertTrue(trace[i + 1] >= trace[i] - SLACK * (1 + Math.abs(trace[i])),
                    "drop at " + i + ": " + trace[i] + " -> " + trace[i + 1]);
        }
    }

    @Test
    void emLikelihoodAndVemElboNeverDecreaseOverManyProblems() {
        for (long seed = 1; seed <= 30; seed++) {
            Well19937c random = new Well19937c(seed);
            double[] thetaTrue = {2 * random.nextGaussian(), 2 * random.nextGaussian()};
            double[] x = ScalarFactorModel.generate(thetaTrue, 5 + random.nextInt(200), 0.5 + random.nextDouble(), random);
            ScalarFactorModel model = ScalarFactorModel.of(x, 2, 0.5 + random.nextDouble());
            double[] init = {3 * random.nextGaussian(), 3 * random.nextGaussian()};
            EmResult em = ExpectationMaximization.run(model, init, 60, EStep.EXACT);
            EmResult vem = ExpectationMaximization.run(model, init, 60, EStep.MEAN_FIELD);
            assertNonDecreasing(em.logLikelihoodTrace());
            assertNonDecreasing(em.elboTrace());
            assertNonDecreasing(vem.elboTrace());
            for (int i = 0; i < 60; i++) {
                // the sawtooth: E-step, then M-step, then the next E-step, each can only raise the bound
                assertTrue(vem.elboAfterMStepTrace()[i] >= vem.elboTrace()[i] - SLACK * (1 + Math.abs(vem.elboTrace()[i])));
                assertTrue(vem.elboTrace()[i + 1] >= vem.elboAfterMStepTrace()[i] - SLACK * (1 + Math.abs(vem.elboTrace()[i])));
                // the bound is below the likelihood, by the KL
                assertEquals(vem.logLikelihoodTrace()[i], vem.elboTrace()[i] + vem.klTrace()[i], 1e-9 * (1 + Math.abs(vem.elboTrace()[i])));
                assertTrue(vem.klTrace()[i] >= -1e-10);
            }
        }
    }

    @Test
    void exactEStepMakesTheKlVanishAndTheBoundTouch() {
        EmResult em = ExpectationMaximization.run(contractModel(), new double[] {1.0, 0.5}, 200, EStep.EXACT);
        assertTrue(Math.abs(em.maxKlBeforeMStep()) < 1e-10, "max KL after the exact E-step " + em.maxKlBeforeMStep());
        for (double kl : em.klTrace()) {
            assertTrue(Math.abs(kl) < 1e-10);
        }
        assertArrayEquals(em.logLikelihoodTrace(), em.elboTrace(), 1e-10);
        assertEquals(200, em.klBeforeEachMStep().length);
        assertEquals(201, em.logLikelihoodTrace().length);
    }

    @Test
    void emReachesTheMaximumLikelihoodNormAlongItsStartingDirection() {
        ScalarFactorModel model = contractModel();
        EmResult em = ExpectationMaximization.run(model, new double[] {1.0, 0.5}, 200, EStep.EXACT);
        double[] t = em.theta();
        assertEquals(model.maximumLikelihoodNormSquared(), t[0] * t[0] + t[1] * t[1], 1e-9);
        // the exact M-step maps theta to a multiple of theta: the direction never changes
        assertEquals(0.5, t[1] / t[0], 1e-12);
    }

    @Test
    void vemPrefersAThetaWhosePosteriorFactorises() {
        ScalarFactorModel model = contractModel();
        EmResult vem = ExpectationMaximization.run(model, new double[] {1.0, 0.5}, 200, EStep.MEAN_FIELD);
        double[] t = vem.theta();
        assertTrue(Math.abs(t[1]) < 1e-12, "theta_2 = " + t[1]);
        assertEquals(model.maximumLikelihoodNormSquared(), t[0] * t[0], 1e-9);
        assertTrue(vem.klTrace()[0] > 1.0);
        assertTrue(vem.klTrace()[200] < 1e-10);
        // started nearer the other axis, it ends on that axis
        double[] s = ExpectationMaximization.run(model, new double[] {0.3, 1.0}, 200, EStep.MEAN_FIELD).theta();
        assertTrue(Math.abs(s[0]) < 1e-12, "theta_1 = " + s[0]);
    }

    @Test
    void oneLatentDimensionMakesBothEStepsTheSame() {
        double[] x = ScalarFactorModel.generate(new double[] {1.3}, 50, 1.0, new Well19937c(3L));
        ScalarFactorModel model = ScalarFactorModel.of(x, 1, 1.0);
        EmResult em = ExpectationMaximization.run(model, new double[] {0.2}, 30, EStep.EXACT);
        EmResult vem = ExpectationMaximization.run(model, new double[] {0.2}, 30, EStep.MEAN_FIELD);
        assertArrayEquals(em.elboTrace(), vem.elboTrace(), 1e-10);
        assertArrayEquals(em.theta(), vem.theta(), 1e-12);
    }

    @Test
    void zeroIterationsEvaluatesTheStartOnly() {
        EmResult r = ExpectationMaximization.run(contractModel(), new double[] {1.0, 0.5}, 0, EStep.MEAN_FIELD);
        assertEquals(1, r.elboTrace().length);
        assertEquals(0, r.klBeforeEachMStep().length);
        assertArrayEquals(new double[] {1.0, 0.5}, r.theta(), 0.0);
    }

    @Test
    void refusesBadInput() {
        ScalarFactorModel model = contractModel();
        assertEquals("ExpectationMaximization iterations must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class,
                        () -> ExpectationMaximization.run(model, new double[] {1, 1}, -1, EStep.EXACT)).getMessage());
        assertEquals("ExpectationMaximization thetaInit and latent dimension must have the same length, got 1 and 2",
                assertThrows(IllegalArgumentException.class,
                        () -> ExpectationMaximization.run(model, new double[] {1}, 5, EStep.EXACT)).getMessage());
        assertEquals("ExpectationMaximization thetaInit[0] must be finite, got Infinity (in [Infinity, 1.0])",
                assertThrows(IllegalArgumentException.class,
                        () -> ExpectationMaximization.run(model, new double[] {Double.POSITIVE_INFINITY, 1}, 5, EStep.EXACT)).getMessage());
        assertEquals("ExpectationMaximization E-step kind must not be null",
                assertThrows(IllegalArgumentException.class,
                        () -> ExpectationMaximization.run(model, new double[] {1, 1}, 5, null)).getMessage());
    }
}
