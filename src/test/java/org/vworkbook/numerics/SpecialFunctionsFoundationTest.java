package org.vworkbook.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vworkbook.FoundationAssertions.assertRefused;

import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

class SpecialFunctionsFoundationTest {
    private static final double EULER = 0.57721566490153286061;

    @Test
    void digammaAtKnownValues() {
        assertEquals(-EULER, SpecialFunctions.digamma(1), 1e-15);
        assertEquals(-EULER - 2 * Math.log(2), SpecialFunctions.digamma(0.5), 1e-15);
        // psi(n) = H_(n-1) - gamma
        double harmonic = 0;
        for (int n = 1; n <= 120; n++) {
            assertEquals(harmonic - EULER, SpecialFunctions.digamma(n), 1e-14 * (1 + Math.abs(harmonic)), "n=" + n);
            harmonic += 1.0 / n;
        }
        // psi(1/4) = -gamma - pi/2 - 3 ln 2
        assertEquals(-EULER - Math.PI / 2 - 3 * Math.log(2), SpecialFunctions.digamma(0.25), 1e-14);
    }

    @Test
    void digammaIsTheDerivativeOfLogGammaAndSatisfiesTheRecurrence() {
        for (double x = 0.05; x < 300; x *= 1.37) {
            double h = 1e-4 * x;
            // fourth-order central difference of log Gamma (accurate logGamma from Commons Math)
            double d = (-Gamma.logGamma(x + 2 * h) + 8 * Gamma.logGamma(x + h) - 8 * Gamma.logGamma(x - h)
                    + Gamma.logGamma(x - 2 * h)) / (12 * h);
            assertEquals(d, SpecialFunctions.digamma(x), 1e-8 * (1 + Math.abs(d)), "x=" + x);
            assertEquals(SpecialFunctions.digamma(x) + 1 / x, SpecialFunctions.digamma(x + 1), 1e-13 * (1 + 1 / x), "x=" + x);
        }
    }

    @Test
    void commonsMathDigammaIsOffWhichIsWhyThisClassExists() {
        // Documents the upstream defect: if this ever fails, Commons Math was fixed and Gamma could use it again.
        assertEquals(1.0 / (60 * Math.pow(49, 4)), SpecialFunctions.digamma(1) - Gamma.digamma(1), 1e-12);
    }

    @Test
    void badInputIsRefused() {
        assertRefused(() -> SpecialFunctions.digamma(0), "digamma x", "> 0", "0.0");
        assertRefused(() -> SpecialFunctions.digamma(Double.NaN), "digamma x", "NaN");
    }
}
