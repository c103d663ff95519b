package org.vworkbook.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vworkbook.FoundationAssertions.assertRefused;

import org.junit.jupiter.api.Test;

class QuadratureFoundationTest {

    @Test
    void knownIntegrals() {
        assertEquals(2.0, Quadrature.integrate(Math::sin, 0, Math.PI, 4), 1e-14);
        assertEquals(Math.E - 1, Quadrature.integrate(Math::exp, 0, 1, 1), 1e-14);
        assertEquals(Math.PI / 2, Quadrature.integrate(x -> 1 / (1 + x * x), -1, 1, 8), 1e-14);
        assertEquals(Math.log(10), Quadrature.integrate(x -> 1 / x, 1, 10, 20), 1e-13);
        assertEquals(Math.sqrt(2 * Math.PI), Quadrature.integrateLine(x -> Math.exp(-0.5 * x * x), 0, 1), 1e-13);
        assertEquals(Math.sqrt(Math.PI) * 0.3, Quadrature.integrateLine(x -> Math.exp(-(x - 5) * (x - 5) / 0.09), 5, 0.3),
                1e-13);
    }

    @Test
    void sixteenNodesIntegratePolynomialsOfDegree31ExactlyInOnePanel() {
        for (int p = 0; p <= 31; p++) {
            int power = p;
            // the integral of x^p over [-1, 2] is (2^(p+1) - (-1)^(p+1)) / (p + 1)
            double expected = (Math.pow(2, p + 1) - Math.pow(-1, p + 1)) / (p + 1);
            assertEquals(expected, Quadrature.integrate(x -> Math.pow(x, power), -1, 2, 1), 1e-12 * Math.max(1, expected),
                    "degree " + p);
        }
        // degree 32 is not exact: the 16-node error on [-1, 1] is 2^33 (16!)^4 / (33 (32!)^2) times f^(32) / 32! = 1
        double f16 = 1, f32 = 1;
        for (int k = 2; k <= 32; k++) {
            f32 *= k;
            if (k <= 16) {
                f16 *= k;
            }
        }
        double errorTerm = Math.pow(2, 33) * Math.pow(f16, 4) / (33 * f32 * f32);
        double got = Quadrature.integrate(x -> Math.pow(x, 32), -1, 1, 1);
        assertEquals(errorTerm, 2.0 / 33 - got, 1e-4 * errorTerm);
    }

    @Test
    void momentsAreTheGaussiansAndMatchSeparateIntegrals() {
        // f = N(t; m, s^2): the moments are 1, m, m^2 + s^2, m^3 + 3 m s^2.
        double m = 1.3;
        double s2 = 0.49;
        java.util.function.DoubleUnaryOperator f = t -> Math.exp(-(t - m) * (t - m) / (2 * s2)) / Math.sqrt(2 * Math.PI * s2);
        double[] got = Quadrature.moments(f, m - 12, m + 12, 60, 3);
        assertEquals(1.0, got[0], 1e-13);
        assertEquals(m, got[1], 1e-13);
        assertEquals(m * m + s2, got[2], 1e-13);
        assertEquals(m * m * m + 3 * m * s2, got[3], 1e-12);
        // The same nodes and the same sums as integrate(t^k f): equal to the last bit for k <= 2.
        for (int k = 0; k <= 2; k++) {
            int power = k;
            assertEquals(Quadrature.integrate(t -> Math.pow(t, power) * f.applyAsDouble(t), m - 12, m + 12, 60), got[k], 0.0);
        }
        assertRefused(() -> Quadrature.moments(f, 0, 1, 4, -1), "Quadrature maxPower", ">= 0", "-1");
        assertRefused(() -> Quadrature.moments(f, 1, 0, 4, 2), "Quadrature hi", "> lo");
    }

    @Test
    void badInputIsRefused() {
        assertRefused(() -> Quadrature.integrate(x -> x, 1, 1, 4), "Quadrature hi", "> lo", "lo = 1.0, hi = 1.0");
        assertRefused(() -> Quadrature.integrate(x -> x, 2, 1, 4), "Quadrature hi");
        assertRefused(() -> Quadrature.integrate(x -> x, 0, 1, 0), "Quadrature panels", ">= 1", "0");
        assertRefused(() -> Quadrature.integrate(x -> x, Double.NaN, 1, 1), "Quadrature lo", "finite", "NaN");
        assertRefused(() -> Quadrature.integrate(x -> x, 0, Double.POSITIVE_INFINITY, 1), "Quadrature hi", "finite");
        assertRefused(() -> Quadrature.integrateLine(x -> x, 0, 0), "Quadrature scale", "> 0", "0.0");
    }
}
