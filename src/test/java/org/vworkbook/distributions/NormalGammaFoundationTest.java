package org.vworkbook.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vworkbook.FoundationAssertions.assertRefused;
import static org.vworkbook.FoundationAssertions.assertWithinStandardErrors;

import java.util.function.DoubleBinaryOperator;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.numerics.Quadrature;

class NormalGammaFoundationTest {
    private static final double M = 0.7, LAMBDA = 2.5, A = 3.0, B = 2.0;

    /** The integral of f(mu, tau) p(mu, tau) over mu in R, tau > 0 by nested Gauss-Legendre. */
    private static double expectation(NormalGamma ng, DoubleBinaryOperator f) {
        return Quadrature.integrate(u -> {
            double tau = u * u; // t = u^2 smooths the Gamma density near 0
            double sd = 1 / Math.sqrt(ng.lambda() * tau);
            double inner = Quadrature.integrate(mu -> Math.exp(ng.logDensity(mu, tau)) * f.applyAsDouble(mu, tau),
                    ng.location() - 14 * sd, ng.location() + 14 * sd, 6);
            return 2 * u * inner;
        }, 1e-9, Math.sqrt(40.0), 150);
    }

    @Test
    void normalisesAndHasTheStatedMomentsBy2DQuadrature() {
        NormalGamma ng = NormalGamma.of(M, LAMBDA, A, B);
        assertEquals(1.0, expectation(ng, (mu, tau) -> 1), 1e-10);
        assertEquals(M, expectation(ng, (mu, tau) -> mu), 1e-10);
        assertEquals(ng.meanOfMu(), expectation(ng, (mu, tau) -> mu), 1e-10);
        assertEquals(A / B, expectation(ng, (mu, tau) -> tau), 1e-10);
        assertEquals(ng.varianceOfMu(), expectation(ng, (mu, tau) -> (mu - M) * (mu - M)), 1e-8);
        assertEquals(B / (LAMBDA * (A - 1)), ng.varianceOfMu(), 1e-15);
    }

    @Test
    void logDensityIsTheGammaTimesTheConditionalNormal() {
        NormalGamma ng = NormalGamma.of(M, LAMBDA, A, B);
        GammaDistribution gamma = new GammaDistribution(null, A, 1 / B);
        for (double tau = 0.05; tau < 6; tau += 0.45) {
            NormalDistribution normal = new NormalDistribution(null, M, 1 / Math.sqrt(LAMBDA * tau));
            for (double mu = -3; mu < 3; mu += 0.7) {
                double expected = gamma.logDensity(tau) + normal.logDensity(mu);
                assertEquals(expected, ng.logDensity(mu, tau), 1e-11 * (1 + Math.abs(expected)));
            }
            Normal c = ng.meanConditional(tau);
            assertEquals(M, c.mean(), 0);
            assertEquals(1 / (LAMBDA * tau), c.variance(), 1e-15 / (LAMBDA * tau));
        }
        assertEquals(Double.NEGATIVE_INFINITY, ng.logDensity(0, 0), 0);
        assertEquals(Double.NEGATIVE_INFINITY, ng.logDensity(0, -1), 0);
        assertEquals(A, ng.precisionMarginal().shape(), 0);
        assertEquals(B, ng.precisionMarginal().rate(), 0);
        assertEquals(A, ng.shape(), 0);
        assertEquals(B, ng.rate(), 0);
    }

    @Test
    void varianceOfMuIsInfiniteForShapeAtMostOne() {
        assertEquals(Double.POSITIVE_INFINITY, NormalGamma.of(0, 1, 1, 1).varianceOfMu(), 0);
        assertEquals(Double.POSITIVE_INFINITY, NormalGamma.of(0, 1, 0.5, 1).varianceOfMu(), 0);
    }

    @Test
    void sampleMomentsMatchWithinStandardErrors() {
        double a = 6;
        NormalGamma ng = NormalGamma.of(M, LAMBDA, a, B);
        Well19937c random = new Well19937c(99);
        int n = 100_000;
        double sumMu = 0, sumMuSq = 0, sumTau = 0;
        for (int k = 0; k < n; k++) {
            double[] s = ng.sample(random);
            sumMu += s[0];
            sumMuSq += (s[0] - M) * (s[0] - M);
            sumTau += s[1];
        }
        double varMu = B / (LAMBDA * (a - 1));
        assertWithinStandardErrors(M, sumMu / n, Math.sqrt(varMu / n), 4, "mean of mu");
        assertWithinStandardErrors(a / B, sumTau / n, Math.sqrt(a / (B * B) / n), 4, "mean of tau");
        // mu - m is Student t with nu = 2a degrees of freedom: E[(mu-m)^4] = 3 varMu^2 (nu - 2) / (nu - 4).
        double nu = 2 * a;
        double fourth = 3 * varMu * varMu * (nu - 2) / (nu - 4);
        assertWithinStandardErrors(varMu, sumMuSq / n, Math.sqrt((fourth - varMu * varMu) / n), 4, "variance of mu");
    }

    @Test
    void badInputIsRefusedWithAMessageNamingTypeParameterRuleAndValue() {
        assertRefused(() -> NormalGamma.of(Double.NaN, 1, 1, 1), "NormalGamma location", "finite", "NaN");
        assertRefused(() -> NormalGamma.of(0, 0, 1, 1), "NormalGamma lambda", "> 0", "0.0");
        assertRefused(() -> NormalGamma.of(0, -2, 1, 1), "NormalGamma lambda", "-2.0");
        assertRefused(() -> NormalGamma.of(0, 1, -1, 1), "NormalGamma shape", "> 0", "-1.0");
        assertRefused(() -> NormalGamma.of(0, 1, 1, Double.NaN), "NormalGamma rate", "NaN");
        NormalGamma ng = NormalGamma.of(0, 1, 1, 1);
        assertRefused(() -> ng.meanConditional(-0.5), "NormalGamma tau", "> 0", "-0.5");
    }
}
