package org.vworkbook.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.FoundationAssertions.assertRefused;

import org.junit.jupiter.api.Test;

class FiniteDifferenceTest {
    // f(x, y) = sin(x) e^y + x^3 y, with gradient (cos(x) e^y + 3 x^2 y, sin(x) e^y + x^3)
    private static double f(double[] v) {
        return Math.sin(v[0]) * Math.exp(v[1]) + v[0] * v[0] * v[0] * v[1];
    }

    @Test
    void matchesTheAnalyticGradient() {
        double[] x = {0.7, -0.4};
        double[] exact = {Math.cos(x[0]) * Math.exp(x[1]) + 3 * x[0] * x[0] * x[1], Math.sin(x[0]) * Math.exp(x[1]) + x[0] * x[0] * x[0]};
        assertArrayEquals(exact, FiniteDifference.centralGradient(FiniteDifferenceTest::f, x, 1e-5), 1e-9);
    }

    @Test
    void theErrorIsSecondOrderInTheStep() {
        // f = x^3: the central difference is exactly 3 x^2 + h^2, so halving h quarters the error
        double[] x = {1.3};
        double e1 = FiniteDifference.centralGradient(v -> v[0] * v[0] * v[0], x, 1e-2)[0] - 3 * 1.3 * 1.3;
        double e2 = FiniteDifference.centralGradient(v -> v[0] * v[0] * v[0], x, 5e-3)[0] - 3 * 1.3 * 1.3;
        assertEquals(1e-4, e1, 1e-12);
        assertEquals(4, e1 / e2, 1e-6);
        // and a linear function is differenced exactly (up to rounding)
        assertEquals(2.5, FiniteDifference.centralGradient(v -> 2.5 * v[0] - 1, new double[] {3}, 1e-3)[0], 1e-12);
        assertTrue(Math.abs(e2) > 0);
    }

    @Test
    void badInputIsRefused() {
        assertRefused(() -> FiniteDifference.centralGradient(v -> v[0], new double[] {1}, 0), "FiniteDifference h", "> 0");
        assertRefused(() -> FiniteDifference.centralGradient(v -> v[0], new double[] {Double.NaN}, 1e-3), "FiniteDifference x[0]");
        assertRefused(() -> FiniteDifference.centralGradient(null, new double[] {1}, 1e-3), "FiniteDifference f");
    }
}
