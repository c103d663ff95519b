package org.vworkbook.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

class PolyGammaTest {
    private static final double EULER = 0.57721566490153286061;

    @Test
    void knownValues() {
        // psi(1) = -gamma, psi(1/2) = -gamma - 2 log 2 (Abramowitz and Stegun 6.3.2, 6.3.3).
        assertEquals(-EULER, PolyGamma.digamma(1.0), 1e-15);
        assertEquals(-EULER - 2 * Math.log(2), PolyGamma.digamma(0.5), 1e-15);
        // psi'(1) = pi^2/6, psi'(1/2) = pi^2/2 (6.4.2, 6.4.4).
        assertEquals(Math.PI * Math.PI / 6, PolyGamma.trigamma(1.0), 1e-14);
        assertEquals(Math.PI * Math.PI / 2, PolyGamma.trigamma(0.5), 1e-14);
        // psi(4.5) = psi(1/2) + 2 + 2/3 + 2/5 + 2/7 by the recurrence.
        assertEquals(-EULER - 2 * Math.log(2) + 2 + 2.0 / 3 + 0.4 + 2.0 / 7, PolyGamma.digamma(4.5), 1e-14);
    }

    @Test
    void digammaIsTheDerivativeOfLogGammaAndTrigammaItsDerivative() {
        for (double x : new double[] {0.3, 1.7, 12.0, 19.9, 20.1, 51.5, 400.0}) {
            double h = 1e-4 * x;
            double fd = (Gamma.logGamma(x + h) - Gamma.logGamma(x - h)) / (2 * h);
            assertEquals(fd, PolyGamma.digamma(x), 1e-8 * Math.max(1, Math.abs(fd)), "psi(" + x + ")");
            double fd2 = (PolyGamma.digamma(x + h) - PolyGamma.digamma(x - h)) / (2 * h);
            assertEquals(fd2, PolyGamma.trigamma(x), 1e-7 * fd2, "psi'(" + x + ")");
        }
    }

    @Test
    void ownSeriesAgreesWithNumericsSpecialFunctions() {
        for (double x = 0.05; x < 500; x *= 1.3) {
            assertEquals(PolyGamma.digammaBySeries(x), PolyGamma.digamma(x), 1e-14 * (1 + Math.abs(PolyGamma.digamma(x))),
                    "x = " + x);
        }
    }

    @Test
    void recurrenceHoldsAcrossTheSeriesThreshold() {
        for (double x : new double[] {18.5, 19.0, 19.99, 25.0}) {
            assertEquals(PolyGamma.digamma(x + 1) - 1 / x, PolyGamma.digamma(x), 1e-14);
            assertEquals(PolyGamma.trigamma(x + 1) + 1 / (x * x), PolyGamma.trigamma(x), 1e-15);
        }
    }

    @Test
    void badArgumentsAreRefused() {
        NormalNormalGammaModelTest.assertMessage("PolyGamma x must be finite and > 0, got 0.0", () -> PolyGamma.digamma(0));
        NormalNormalGammaModelTest.assertMessage("PolyGamma x must be finite and > 0, got NaN",
                () -> PolyGamma.trigamma(Double.NaN));
    }
}
