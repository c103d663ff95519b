package org.vworkbook.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

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
        assertArrayEquals(t, climb(Adam.withLearningRate(0.05), 20000), 1e-3);
        assertArrayEquals(t, climb(Adam.withLearningRate(0.05).withDecay(500), 20000), 1e-3);
        // One step size for all coordinates: it has to suit the largest and the smallest curvature at once,
        // so it gets a better-conditioned problem (curvatures 2, 1, 0.5).
        assertArrayEquals(t, climb(RobbinsMonro.of(0.5, 0, 0.6), 20000, new double[] {2.0, 1.0, 0.5}), 1e-3);
    }

    @Test
    void robbinsMonroStepsSatisfyTheConditions() {
        RobbinsMonro rm = RobbinsMonro.of(2.0, 10, 0.7);
        assertEquals(2.0 * Math.pow(11, -0.7), rm.stepSize(1), 1e-15);
        assertEquals(2.0 * Math.pow(1010, -0.7), rm.stepSize(1000), 1e-15);
        assertMessage("RobbinsMonro kappa must be in (0.5, 1], got 0.5", () -> RobbinsMonro.of(1, 0, 0.5));
        assertMessage("RobbinsMonro rho0 must be finite and > 0, got 0.0", () -> RobbinsMonro.of(0, 0, 0.7));
    }

    @Test
    void descendingFIsAscendingMinusFBitForBit() {
        // minimise 1/2 sum c_i (x_i - t_i)^2 with descend, maximise its negative with ascend: the same iterates
        double[] c = {2.0, 1.0, 0.5};
        double[] t = {1.0, -2.0, 3.0};
        Optimizer[][] pairs = {
            {Adam.withLearningRate(0.1).withDecay(20), Adam.withLearningRate(0.1).withDecay(20)},
            {AdaGrad.of(0.3), AdaGrad.of(0.3)},
            {RobbinsMonro.of(1.0, 1, 0.6), RobbinsMonro.of(1.0, 1, 0.6)}};
        for (Optimizer[] p : pairs) {
            double[] up = {0.0, 0.0, 0.0};
            double[] down = up.clone();
            for (int k = 0; k < 200; k++) {
                up = p[0].ascend(up, gradient(up, c, t));
                double[] g = gradient(down, c, t);
                for (int i = 0; i < g.length; i++) {
                    g[i] = -g[i];
                }
                down = p[1].descend(down, g);
            }
            assertArrayEquals(up, down, 0.0, p[0].name());
            assertArrayEquals(t, down, 0.05, p[0].name());
        }
    }

    @Test
    void aRunningAverageScheduleMakesTheIterateTheMeanOfThePointsSeen() {
        // minimise 1/2 sum_k |x - y_k|^2 one point at a time with rho_t = 1/t: x_t = mean(y_1..y_t)
        double[] y = {4.0, -1.0, 2.5, 7.0, 0.5};
        RobbinsMonro rm = RobbinsMonro.withSchedule(t -> 1.0 / t, "1/t");
        double[] x = {100.0};
        double sum = 0;
        for (int k = 0; k < y.length; k++) {
            x = rm.descend(x, new double[] {x[0] - y[k]});
            sum += y[k];
            assertEquals(sum / (k + 1), x[0], 1e-12);
        }
        assertEquals(5, rm.steps());
        assertEquals("RobbinsMonro(1/t)", rm.name());
        assertMessage("RobbinsMonro step size must be finite and > 0, got -1.0",
                () -> RobbinsMonro.withSchedule(t -> -1.0, "bad").stepSize(1));
    }

    @Test
    void namesSayTheSettings() {
        assertEquals("Adam(lr=0.2, decay over 100.0 steps)", Adam.withLearningRate(0.2).withDecay(100).name());
        assertEquals("Adam(lr=0.2)", Optimizer.byName("adam", 0.2).name());
        assertEquals("AdaGrad(eta=0.5)", Optimizer.byName("adagrad", 0.5).name());
        assertEquals("RobbinsMonro(rho0=1.0, delay=10.0, kappa=0.7)", Optimizer.byName("robbins_monro", 1.0).name());
    }

    @Test
    void adamDecayMatchesItsFormulaOnTheFirstStep() {
        // Step 1: m/(1 - b1) = g and v/(1 - b2) = g^2, so the step is lr_1 sign(g) (up to eps), lr_1 = lr / sqrt(1 + 1/decay).
        double[] x = Adam.withLearningRate(0.2).withDecay(4).ascend(new double[] {0.0}, new double[] {-3.0});
        assertEquals(-0.2 / Math.sqrt(1.25), x[0], 1e-8);
    }

    @Test
    void badSettingsAreRefused() {
        assertMessage("AdaGrad eta must be finite and > 0, got -1.0", () -> AdaGrad.of(-1));
        assertMessage("Adam decaySteps must be finite and >= 0, got -5.0", () -> Adam.withLearningRate(0.1).withDecay(-5));
        assertMessage("Optimizer name must be one of robbins_monro, adagrad, adam, got 'sgd'",
                () -> Optimizer.byName("sgd", 0.1));
        assertMessage("AdaGrad parameters and gradient must have the same length, got 2 and 3",
                () -> AdaGrad.of(1).ascend(new double[2], new double[3]));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
