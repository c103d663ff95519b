package org.vworkbook.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vworkbook.FoundationAssertions.assertRefused;

import org.junit.jupiter.api.Test;

/** The trapezoid weights and the log-domain 5-point Gauss-Legendre rule, against closed-form integrals. */
class QuadratureRulesTest {
    @Test
    void trapezoidWeightsAreHalfCellsAtTheEndsAndIntegrateLinesExactly() {
        double[] g = {0, 1, 3, 3.5};
        assertArrayEquals(new double[] {0.5, 1.5, 1.25, 0.25}, Quadrature.trapezoidWeights(g), 0.0);
        // a linear function on an uneven grid: the trapezoid rule is exact, integral of 2x + 1 over [0, 3.5] = 15.75
        double s = 0;
        double[] w = Quadrature.trapezoidWeights(g);
        for (int i = 0; i < g.length; i++) {
            s += w[i] * (2 * g[i] + 1);
        }
        assertEquals(15.75, s, 1e-14);
        // a Gaussian on a fine even grid: the trapezoid rule converges spectrally, to the Gauss-Legendre value
        double[] fine = new double[401];
        for (int i = 0; i < fine.length; i++) {
            fine[i] = -10 + 20.0 * i / 400;
        }
        double[] wf = Quadrature.trapezoidWeights(fine);
        double t = 0;
        for (int i = 0; i < fine.length; i++) {
            t += wf[i] * Math.exp(-0.5 * fine[i] * fine[i]);
        }
        assertEquals(Quadrature.integrate(x -> Math.exp(-0.5 * x * x), -10, 10, 40), t, 1e-13);
    }

    @Test
    void logIntegralMatchesClosedFormsFarBeyondTheRangeOfDoubles() {
        // integral of exp(-u^2 / 2) = sqrt(2 pi); shifted by 800 in the log it is e^800 sqrt(2 pi), beyond a double
        assertEquals(0.5 * Math.log(2 * Math.PI), Quadrature.logIntegral((u, lw) -> lw - 0.5 * u * u, -30, 30, 600), 1e-13);
        assertEquals(800 + 0.5 * Math.log(2 * Math.PI),
                Quadrature.logIntegral((u, lw) -> lw + 800 - 0.5 * u * u, -30, 30, 600), 1e-12);
        // five nodes integrate polynomials up to degree 9 exactly in one panel: integral of u^8 over [0, 2] = 2^9 / 9
        assertEquals(Math.log(512.0 / 9), Quadrature.logIntegral((u, lw) -> lw + 8 * Math.log(u), 0, 2, 1), 1e-13);
        // against the 16-node rule: the integral of a Gamma(3, 2) density in u = log alpha is 1
        assertEquals(0.0, Quadrature.logIntegral((u, lw) -> lw + 3 * Math.log(2) - Math.log(2) + 3 * u - 2 * Math.exp(u),
                -30, 10, 4000), 1e-12);
    }

    @Test
    void badArgumentsAreRefused() {
        assertRefused(() -> Quadrature.trapezoidWeights(new double[] {1}), "Quadrature grid must have at least 2 nodes, got 1");
        assertRefused(() -> Quadrature.trapezoidWeights(new double[] {0, 2, 1}),
                "Quadrature grid must be strictly increasing, got grid[2] = 1.0 after grid[1] = 2.0");
        assertRefused(() -> Quadrature.trapezoidWeights(new double[] {0, Double.NaN}), "Quadrature grid[1] must be finite");
        assertRefused(() -> Quadrature.logIntegral((u, lw) -> lw, 1, 0, 4), "Quadrature hi must be > lo");
        assertRefused(() -> Quadrature.logIntegral((u, lw) -> lw, 0, 1, 0), "Quadrature panels must be >= 1");
        assertRefused(() -> Quadrature.logIntegral(null, 0, 1, 4), "Quadrature log term must not be null");
    }
}
