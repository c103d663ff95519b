package org.vworkbook.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vworkbook.FoundationAssertions.assertRefused;

import org.junit.jupiter.api.Test;

/** Expectations under a standard normal on a fixed grid, against known moments and characteristic functions. */
class StandardNormalGridTest {
    @Test
    void gridExpectationsAreExactForKnownIntegrals() {
        StandardNormalGrid g = StandardNormalGrid.fine();
        assertEquals(1.0, g.expectation(e -> 1.0), 1e-14);
        assertEquals(1.0, g.expectation(e -> e * e), 1e-14);
        assertEquals(3.0, g.expectation(e -> e * e * e * e), 1e-13);
        // E[cos(a e)] = exp(-a^2 / 2), a rapidly oscillating integrand for a = 8.
        for (double a : new double[] {1, 3, 8}) {
            assertEquals(Math.exp(-a * a / 2), g.expectation(e -> Math.cos(a * e)), 1e-13);
        }
        // The coarser grid for two dimensions (tail mass 6e-14 per axis).
        StandardNormalGrid g2 = StandardNormalGrid.forTwoDimensions();
        assertEquals(1.0, g2.expectation(e -> 1.0), 1e-12);
        assertEquals(3.0, g2.expectation(e -> e * e * e * e), 1e-9); // coarse: 2e-10 off
        assertEquals(Math.exp(-0.5), g2.expectation(Math::cos), 1e-12);
    }

    @Test
    void theTensorGridAveragesOverIndependentCoordinates() {
        StandardNormalGrid g = StandardNormalGrid.forTwoDimensions();
        // E[(m1 + e1)^2 (m2 + e2)] = (m1^2 + 1) m2 for independent standard normals
        assertEquals((0.25 + 1) * -2.0, g.expectationIsotropic(x -> x[0] * x[0] * x[1], new double[] {0.5, -2.0}), 1e-9);
        assertArrayEquals(new double[] {0.5, -2.0}, g.expectationIsotropicVector(x -> x, new double[] {0.5, -2.0}), 1e-12);
        // E[f(m + s e)] is the expectation under N(m, s^2): the variance of N(1, 9) is 9
        assertEquals(9.0 + 1.0, StandardNormalGrid.fine().expectation(x -> x * x, 1.0, 3.0), 1e-12);
        assertEquals(24, StandardNormalGrid.of(6, 4, 6).size());
    }

    @Test
    void badArgumentsAreRefused() {
        assertRefused(() -> StandardNormalGrid.of(0, 4, 4), "StandardNormalGrid halfWidth");
        assertRefused(() -> StandardNormalGrid.of(6, 0, 4), "StandardNormalGrid panels");
        assertRefused(() -> StandardNormalGrid.fine().expectationIsotropic(x -> 1.0, new double[4]),
                "StandardNormalGrid dimension must be 1, 2 or 3");
    }
}
