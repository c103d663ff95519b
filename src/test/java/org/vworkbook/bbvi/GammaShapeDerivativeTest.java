package org.vworkbook.bbvi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

class GammaShapeDerivativeTest {

    /**
     * -(dF/da)/f with dF/da by a central difference of the regularised incomplete gamma function
     * (of P below the median, of Q = 1 - P above it, so that the difference keeps its digits).
     */
    static double byFiniteDifference(double u, double a) {
        double h = 1e-5 * a;
        double dFda = u < a
                ? (Gamma.regularizedGammaP(a + h, u, 1e-16, 100000) - Gamma.regularizedGammaP(a - h, u, 1e-16, 100000))
                        / (2 * h)
                : -(Gamma.regularizedGammaQ(a + h, u, 1e-16, 100000) - Gamma.regularizedGammaQ(a - h, u, 1e-16, 100000))
                        / (2 * h);
        double logF = (a - 1) * Math.log(u) - u - Gamma.logGamma(a);
        return -dFda / Math.exp(logF);
    }

    @Test
    void matchesFiniteDifferencesOfTheCdfOnBothSides() {
        for (double a : new double[] {0.5, 1.0, 3.0, 51.5, 400.0}) {
            GammaDistribution g = new GammaDistribution(a, 1.0);
            for (double p : new double[] {1e-4, 0.05, 0.3, 0.5, 0.7, 0.95, 0.9999, 1 - 1e-8}) {
                double u = g.inverseCumulativeProbability(p);
                double expected = byFiniteDifference(u, a);
                double actual = GammaShapeDerivative.ofUnitRateSample(u, a);
                assertEquals(expected, actual, 1e-6 * Math.abs(expected), "a = " + a + ", u = " + u);
            }
        }
    }

    @Test
    void seriesAndIntegralAgreeAtTheSwitch() {
        for (double a : new double[] {0.7, 5.0, 51.5, 1000.0}) {
            double u = a + 4 * Math.sqrt(a) + 1;
            double below = GammaShapeDerivative.ofUnitRateSample(u * (1 - 1e-13), a);
            double above = GammaShapeDerivative.ofUnitRateSample(u * (1 + 1e-13), a);
            assertEquals(below, above, 1e-9 * Math.abs(below), "a = " + a);
        }
    }

    @Test
    void pathwiseDerivativesOfTheMomentsAreRight() {
        // E[u] = a and E[u^2] = a (a + 1), so E[du/da] = 1 and E[2 u du/da] = 2a + 1.
        double a = 51.5;
        int n = 20000;
        GammaDistribution g = new GammaDistribution(new Well19937c(4), a, 1.0);
        double s1 = 0;
        double s1sq = 0;
        double s2 = 0;
        double s2sq = 0;
        for (int i = 0; i < n; i++) {
            double u = g.sample();
            double d = GammaShapeDerivative.ofUnitRateSample(u, a);
            s1 += d;
            s1sq += d * d;
            s2 += 2 * u * d;
            s2sq += 4 * u * u * d * d;
        }
        double m1 = s1 / n;
        double se1 = Math.sqrt((s1sq / n - m1 * m1) / n);
        double m2 = s2 / n;
        double se2 = Math.sqrt((s2sq / n - m2 * m2) / n);
        assertTrue(Math.abs(m1 - 1) < 4 * se1, "E[du/da] = " + m1 + " +- " + se1);
        assertTrue(Math.abs(m2 - (2 * a + 1)) < 4 * se2, "E[2u du/da] = " + m2 + " +- " + se2);
    }

    @Test
    void badArgumentsAreRefused() {
        BbviFixtures.assertMessage("GammaShapeDerivative u must be finite and > 0, got 0.0",
                () -> GammaShapeDerivative.ofUnitRateSample(0, 1));
        BbviFixtures.assertMessage("GammaShapeDerivative a must be finite and > 0, got -2.0",
                () -> GammaShapeDerivative.ofUnitRateSample(1, -2));
    }
}
