package org.vworkbook.bbvi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vworkbook.numerics.Adam;

class OptimizerTest {

    /** Gradient of -1/2 sum_i c_i (x_i - t_i)^2, maximised at t. */
    private static double[] gradient(double[] x, double[] c, double[] t) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = -c[i] * (x[i] - t[i]);
        }
        return g;
    }

    private static double[] climb(Optimizer o, int steps) {
        return climb(o, steps, new double[] {100.0, 1.0, 0.1});
    }

    private static double[] climb(Optimizer o, int steps, double[] c) {
        double[] t = {1.0, -2.0, 3.0};
        double[] x = {0.0, 0.0, 0.0};
        for (int k = 0; k < steps; k++) {
            x = o.ascend(x, gradient(x, c, t));
        }
        return x;
    }

    @Test
    void eachOptimiserClimbsToTheMaximumOfAConcaveQuadratic() {
        double[] t = {1.0, -2.0, 3.0};
        assertArrayEquals(t, climb(AdaGrad.of(0.5), 20000), 1e-3);
        assertArrayEquals(t, climb(AdamAscent.of(0.05, 0), 20000), 1e-3);
        assertArrayEquals(t, climb(AdamAscent.of(0.05, 500), 20000), 1e-3);
        // One step size for all coordinates: it has to suit the largest and the smallest curvature at once,
        // so it gets a better-conditioned problem (curvatures 2, 1, 0.5).
        assertArrayEquals(t, climb(RobbinsMonro.of(0.5, 0, 0.6), 20000, new double[] {2.0, 1.0, 0.5}), 1e-3);
    }

    @Test
    void robbinsMonroStepsSatisfyTheConditions() {
        RobbinsMonro rm = RobbinsMonro.of(2.0, 10, 0.7);
        assertEquals(2.0 * Math.pow(11, -0.7), rm.stepSize(1), 1e-15);
        assertEquals(2.0 * Math.pow(1010, -0.7), rm.stepSize(1000), 1e-15);
        BbviFixtures.assertMessage("RobbinsMonro kappa must be in (0.5, 1], got 0.5", () -> RobbinsMonro.of(1, 0, 0.5));
        BbviFixtures.assertMessage("RobbinsMonro rho0 must be finite and > 0, got 0.0", () -> RobbinsMonro.of(0, 0, 0.7));
    }

    @Test
    void adamWithoutDecayTakesTheStepsOfNumericsAdam() {
        AdamAscent ours = AdamAscent.of(0.1, 0);
        Adam reference = Adam.withLearningRate(0.1);
        double[] x = {0.3, -0.2};
        double[] y = x.clone();
        for (int k = 0; k < 50; k++) {
            double[] g = {Math.sin(k), Math.cos(3 * k)};
            x = ours.ascend(x, g);
            y = reference.ascend(y, g);
        }
        assertArrayEquals(y, x, 0.0);
    }

    @Test
    void adamDecayMatchesItsFormulaOnTheFirstStep() {
        // Step 1: m/(1 - b1) = g and v/(1 - b2) = g^2, so the step is lr_1 sign(g) (up to eps), lr_1 = lr / sqrt(1 + 1/decay).
        double[] x = AdamAscent.of(0.2, 4).ascend(new double[] {0.0}, new double[] {-3.0});
        assertEquals(-0.2 / Math.sqrt(1.25), x[0], 1e-8);
    }

    @Test
    void badSettingsAreRefused() {
        BbviFixtures.assertMessage("AdaGrad eta must be finite and > 0, got -1.0", () -> AdaGrad.of(-1));
        BbviFixtures.assertMessage("AdamAscent decaySteps must be finite and >= 0, got -5.0", () -> AdamAscent.of(0.1, -5));
        BbviFixtures.assertMessage("Optimizer name must be one of robbins_monro, adagrad, adam, got 'sgd'",
                () -> Optimizer.byName("sgd", 0.1));
        BbviFixtures.assertMessage("AdaGrad parameters and gradient must have the same length, got 2 and 3",
                () -> AdaGrad.of(1).ascend(new double[2], new double[3]));
    }
}
