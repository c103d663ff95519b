package org.vworkbook.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradientDescentTest {
    @Test
    void illConditionedQuadraticConvergesToItsMinimum() {
        // f = 1/2 (100 (x - 1)^2 + (y + 2)^2): condition number 100.
        GradientDescent.Result r = GradientDescent.minimise(
                x -> 0.5 * (100 * (x[0] - 1) * (x[0] - 1) + (x[1] + 2) * (x[1] + 2)),
                x -> new double[] {100 * (x[0] - 1), x[1] + 2}, new double[] {5, 5}, 1e-10, 1000);
        assertTrue(r.converged());
        assertArrayEquals(new double[] {1, -2}, r.minimiser(), 1e-11);
        double[] v = r.values();
        for (int i = 1; i < v.length; i++) {
            assertTrue(v[i] <= v[i - 1] + 1e-14 * (1 + Math.abs(v[i - 1])), "f rose at step " + i);
        }
        assertEquals(r.iterations() + 1, r.path().size());
    }

    @Test
    void theIterationLimitIsReportedNotThrown() {
        GradientDescent.Result r = GradientDescent.minimise(x -> Math.cosh(x[0] - 3), x -> new double[] {Math.sinh(x[0] - 3)},
                new double[] {0}, 1e-12, 1);
        assertFalse(r.converged());
        assertEquals(1, r.iterations());
    }

    @Test
    void badArgumentsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientDescent.minimise(x -> 0, x -> new double[] {0}, new double[] {Double.NaN}, 1e-8, 10));
        assertEquals("GradientDescent start[0] must be finite, got NaN (in [NaN])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GradientDescent.minimise(x -> Double.NaN, x -> new double[] {0}, new double[] {0}, 1e-8, 10));
        assertEquals("GradientDescent objective must be finite at the start, got NaN", e.getMessage());
    }
}
