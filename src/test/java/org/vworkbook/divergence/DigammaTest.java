package org.vworkbook.divergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

class DigammaTest {
    @Test
    void matchesReferenceValues() {
        // Reference values: mpmath.digamma with 30 significant digits.
        double[][] ref = {
            {1e-3, -1000.5755719318102592}, {0.25, -4.227453533376265408}, {1, -0.57721566490153286045},
            {3.5, 1.1031566406452431872}, {7.25, 1.9104535268837360283}, {10, 2.2517525890667211075},
            {49.5, 3.8918376507263717826}, {1000, 6.9072551956488120514}
        };
        for (double[] r : ref) {
            assertEquals(r[1], Digamma.of(r[0]), 2e-15 * Math.max(1, Math.abs(r[1])), "psi(" + r[0] + ")");
        }
    }

    @Test
    void isTheDerivativeOfLogGamma() {
        for (double x : new double[] {0.7, 2.3, 15.0}) {
            double h = 1e-5;
            double fd = (Gamma.logGamma(x + h) - Gamma.logGamma(x - h)) / (2 * h);
            assertEquals(fd, Digamma.of(x), 1e-9);
        }
    }

    @Test
    void refusesNonPositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Digamma.of(-1));
        assertEquals("Digamma x must be finite and > 0, got -1.0", e.getMessage());
    }
}
