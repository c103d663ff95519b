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
    void trigammaAtKnownValues() {
        // psi'(1) = pi^2/6, psi'(1/2) = pi^2/2 (Abramowitz and Stegun 6.4.2, 6.4.4);
        // psi'(n) = pi^2/6 - sum_{k<n} 1/k^2.
        assertEquals(Math.PI * Math.PI / 6, SpecialFunctions.trigamma(1.0), 1e-14);
        assertEquals(Math.PI * Math.PI / 2, SpecialFunctions.trigamma(0.5), 1e-14);
        double sum = 0;
        for (int n = 1; n <= 60; n++) {
            assertEquals(Math.PI * Math.PI / 6 - sum, SpecialFunctions.trigamma(n), 1e-14, "n=" + n);
            sum += 1.0 / ((double) n * n);
        }
    }

    @Test
    void trigammaIsTheDerivativeOfDigammaAndSatisfiesTheRecurrence() {
        for (double x : new double[] {0.3, 1.7, 12.0, 19.9, 20.1, 51.5, 400.0}) {
            double h = 1e-4 * x;
            double d = (SpecialFunctions.digamma(x + h) - SpecialFunctions.digamma(x - h)) / (2 * h);
            assertEquals(d, SpecialFunctions.trigamma(x), 1e-7 * d, "x=" + x);
        }
        for (double x : new double[] {18.5, 19.0, 19.99, 25.0}) { // across the switch to the series at 20
            assertEquals(SpecialFunctions.trigamma(x + 1) + 1 / (x * x), SpecialFunctions.trigamma(x), 1e-15);
        }
    }

    @Test
    void logSumExpIsTheLogOfTheSumAndStaysFiniteWhereTheSumOverflows() {
        double[] a = {-1.3, 0.2, 2.5, -40.0};
        double direct = Math.log(Math.exp(-1.3) + Math.exp(0.2) + Math.exp(2.5) + Math.exp(-40.0));
        assertEquals(direct, SpecialFunctions.logSumExp(a), 1e-15 * Math.abs(direct));
        assertEquals(Math.log(Math.exp(0.7) + Math.exp(-2.1)), SpecialFunctions.logSumExp(0.7, -2.1), 1e-15);
        // exp(1000) overflows; log(e^1000 + e^1000) = 1000 + log 2.
        assertEquals(1000 + Math.log(2), SpecialFunctions.logSumExp(new double[] {1000, 1000}), 1e-12);
        assertEquals(1000 + Math.log(2), SpecialFunctions.logSumExp(1000, 1000), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.logSumExp(new double[] {}));
        assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.logSumExp(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.logSumExp(Double.POSITIVE_INFINITY, 2.0));
        assertEquals(-3.0, SpecialFunctions.logSumExp(Double.NEGATIVE_INFINITY, -3.0));
        assertRefused(() -> SpecialFunctions.logSumExp(Double.NaN, 1.0), "logSumExp", "a", "NaN");
        assertRefused(() -> SpecialFunctions.logSumExp(new double[] {0.0, Double.NaN}), "logSumExp", "a[1]", "NaN");
    }

    @Test
    void badInputIsRefused() {
        assertRefused(() -> SpecialFunctions.digamma(0), "digamma x", "> 0", "0.0");
        assertRefused(() -> SpecialFunctions.digamma(Double.NaN), "digamma x", "NaN");
        assertRefused(() -> SpecialFunctions.trigamma(-1), "trigamma x", "> 0", "-1.0");
        assertRefused(() -> SpecialFunctions.trigamma(Double.POSITIVE_INFINITY), "trigamma x", "finite");
    }
}
