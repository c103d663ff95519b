package org.vworkbook.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vworkbook.FoundationAssertions.assertRefused;

import org.junit.jupiter.api.Test;

class AdamFoundationTest {
    // f(x) = -1/2 (x - a)^T A (x - a), concave with maximum at a.
    private static final double[][] A = {{3.0, 1.0}, {1.0, 0.5}};
    private static final double[] TARGET = {1.5, -2.0};

    private static double[] gradient(double[] x) {
        double d0 = x[0] - TARGET[0], d1 = x[1] - TARGET[1];
        return new double[] {-(A[0][0] * d0 + A[0][1] * d1), -(A[1][0] * d0 + A[1][1] * d1)};
    }

    @Test
    void maximisesAConcaveQuadratic() {
        Adam adam = Adam.withLearningRate(0.05);
        double[] x = {-4, 5};
        for (int t = 0; t < 5000; t++) {
            x = adam.ascend(x, gradient(x));
        }
        assertArrayEquals(TARGET, x, 1e-4);
        assertEquals(5000, adam.steps());
    }

    @Test
    void theFirstStepHasLengthLearningRateInEachCoordinateAlongTheGradientSign() {
        Adam adam = Adam.withLearningRate(0.1);
        double[] x = {0, 0};
        double[] g = {-7.0, 0.002};
        double[] next = adam.ascend(x, g);
        // bias-corrected m = g and v = g^2, so the step is lr g / (|g| + eps)
        assertEquals(-0.1, next[0], 1e-9);
        assertEquals(0.1, next[1], 1e-6);
        assertArrayEquals(new double[] {0, 0}, x, 0);
    }

    @Test
    void badInputIsRefused() {
        assertRefused(() -> Adam.withLearningRate(0), "Adam learningRate", "> 0", "0.0");
        assertRefused(() -> Adam.of(0.1, 1.0, 0.999, 1e-8), "Adam beta1", "1.0");
        assertRefused(() -> Adam.of(0.1, 0.9, -0.1, 1e-8), "Adam beta2", "-0.1");
        assertRefused(() -> Adam.of(0.1, 0.9, 0.999, 0), "Adam epsilon", "> 0");
        Adam adam = Adam.withLearningRate(0.1);
        assertRefused(() -> adam.ascend(new double[] {1, 2}, new double[] {1}), "Adam parameters", "gradient", "2 and 1");
        adam.ascend(new double[] {1, 2}, new double[] {1, 1});
        assertRefused(() -> adam.ascend(new double[] {1, 2, 3}, new double[] {1, 1, 1}), "Adam parameters", "state");
    }
}
