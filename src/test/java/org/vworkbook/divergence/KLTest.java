package org.vworkbook.divergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.Bernoulli;
import org.vworkbook.distributions.Categorical;
import org.vworkbook.distributions.DiagonalNormal;
import org.vworkbook.distributions.Gamma;
import org.vworkbook.distributions.GaussianMixture1D;
import org.vworkbook.distributions.IndependentProduct;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.distributions.NormalGamma;
import org.vworkbook.numerics.Quadrature;

/**
 * Every closed-form KL against an independent method: Monte Carlo with a fixed seed (the closed
 * form must lie within 4 standard errors of the estimate) and, in one dimension, quadrature of the
 * definition integral p (log p - log q).
 */
class KLTest {
    private static final int SAMPLES = 200_000;
    private static final long SEED = 20240601L;

    private static void assertWithinMonteCarlo(double exact, MonteCarloKL.Estimate mc) {
        assertTrue(Math.abs(mc.zScore(exact)) < 4, "closed form " + exact + " vs Monte Carlo " + mc);
    }

    @Test
    void univariateGaussianMatchesMonteCarloAndQuadrature() {
        Normal p = Normal.ofMeanVariance(0.3, 0.7);
        Normal q = Normal.ofMeanVariance(-1.1, 2.4);
        double exact = KL.of(p, q);
        assertWithinMonteCarlo(exact, MonteCarloKL.estimate(p, q, SAMPLES, SEED));
        double quad = Quadrature.integrateLine(x -> p.density(x) * (p.logDensity(x) - q.logDensity(x)), p.mean(),
                p.standardDeviation());
        assertEquals(quad, exact, 1e-12);
    }

    @Test
    void workbookW1DefaultsByHand() {
        // Dimension 1: 1/2 [1/2 + 1/2 - 1 + log 2]; dimension 2: 1/2 [1/2 + 4 - 1 + log 2].
        DiagonalNormal p = DiagonalNormal.ofMeanVariance(new double[] {0, 1}, new double[] {1, 0.5});
        DiagonalNormal q = DiagonalNormal.ofMeanVariance(new double[] {1, -1}, new double[] {2, 1});
        assertEquals(0.5 * Math.log(2) + 0.5 * (3.5 + Math.log(2)), KL.of(p, q), 1e-14);
        // Reverse: 1/2 [2 + 1 - 1 - log 2] + 1/2 [1/0.5 + 4/0.5 - 1 - log 2].
        assertEquals(0.5 * (2 - Math.log(2)) + 0.5 * (9 - Math.log(2)), KL.of(q, p), 1e-14);
    }

    @Test
    void diagonalEqualsSumOfUnivariateAndFullCovarianceAndProduct() {
        double[] m1 = {0.5, -1.0, 2.0};
        double[] v1 = {0.3, 1.7, 2.2};
        double[] m2 = {-0.2, 0.4, 1.0};
        double[] v2 = {1.1, 0.6, 3.0};
        DiagonalNormal p = DiagonalNormal.ofMeanVariance(m1, v1);
        DiagonalNormal q = DiagonalNormal.ofMeanVariance(m2, v2);
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += GaussianKL.between(Normal.ofMeanVariance(m1[i], v1[i]), Normal.ofMeanVariance(m2[i], v2[i]));
        }
        double diag = KL.of(p, q);
        assertEquals(sum, diag, 1e-14);
        assertEquals(diag, KL.of(p.toMultivariate(), q.toMultivariate()), 1e-12);
        assertEquals(diag, KL.of(IndependentProduct.of(p.factors()), IndependentProduct.of(q.factors())), 1e-14);
        assertWithinMonteCarlo(diag, MonteCarloKL.estimate(p, q, SAMPLES, SEED));
    }

    @Test
    void fullCovarianceMatchesMonteCarlo() {
        MultivariateNormal p = MultivariateNormal.ofMeanCovariance(new double[] {1, 0},
                new double[][] {{1.0, 0.6}, {0.6, 2.0}});
        MultivariateNormal q = MultivariateNormal.ofMeanCovariance(new double[] {0, 0.5},
                new double[][] {{2.0, -0.3}, {-0.3, 1.0}});
        assertWithinMonteCarlo(KL.of(p, q), MonteCarloKL.estimate(p, q, SAMPLES, SEED));
    }

    @Test
    void gammaMatchesMonteCarloAndQuadrature() {
        Gamma p = Gamma.ofShapeRate(3.5, 2.0);
        Gamma q = Gamma.ofShapeRate(1.5, 0.7);
        double exact = KL.of(p, q);
        assertWithinMonteCarlo(exact, MonteCarloKL.estimate(p, q, SAMPLES, SEED));
        // In s = log t (dt = t ds) the integrand is smooth at both ends of (0, infinity).
        double quad = Quadrature.integrate(s -> {
            double t = Math.exp(s);
            return t * p.density(t) * (p.logDensity(t) - q.logDensity(t));
        }, -40, Math.log(60), 400);
        assertEquals(quad, exact, 1e-10);
    }

    @Test
    void normalGammaMatchesMonteCarloAndIteratedQuadrature() {
        NormalGamma p = NormalGamma.of(0.5, 2.0, 3.0, 2.0);
        NormalGamma q = NormalGamma.of(-0.3, 0.5, 2.0, 1.5);
        double exact = KL.of(p, q);
        assertWithinMonteCarlo(exact, MonteCarloKL.estimate(p, q, SAMPLES, SEED));
        // The definition as an iterated integral: over tau, the inner integral over mu by quadrature.
        double quad = Quadrature.integrate(tau -> {
            Normal cond = p.meanConditional(tau);
            double sd = cond.standardDeviation();
            double inner = Quadrature.integrate(mu -> cond.density(mu) * (p.logDensity(mu, tau) - q.logDensity(mu, tau)),
                    cond.mean() - 12 * sd, cond.mean() + 12 * sd, 24);
            return p.precisionMarginal().density(tau) * inner;
        }, 1e-12, 30, 200);
        assertEquals(quad, exact, 1e-8);
    }

    @Test
    void bernoulliAndCategoricalMatchTheDefinitionAndMonteCarlo() {
        Bernoulli p = Bernoulli.of(0.3);
        Bernoulli q = Bernoulli.of(0.8);
        double byDefinition = 0.3 * Math.log(0.3 / 0.8) + 0.7 * Math.log(0.7 / 0.2);
        assertEquals(byDefinition, KL.of(p, q), 1e-15);
        assertWithinMonteCarlo(KL.of(p, q), MonteCarloKL.estimate(p, q, SAMPLES, SEED));
        Categorical c = Categorical.of(new double[] {0.2, 0.5, 0.3});
        Categorical d = Categorical.of(new double[] {0.4, 0.4, 0.2});
        double def = 0.2 * Math.log(0.2 / 0.4) + 0.5 * Math.log(0.5 / 0.4) + 0.3 * Math.log(0.3 / 0.2);
        assertEquals(def, KL.of(c, d), 1e-15);
        assertWithinMonteCarlo(KL.of(c, d), MonteCarloKL.estimate(c, d, SAMPLES, SEED));
        // A Bernoulli is a categorical on two outcomes.
        assertEquals(KL.of(p, q), KL.of(Categorical.of(new double[] {0.7, 0.3}), Categorical.of(new double[] {0.2, 0.8})),
                1e-15);
    }

    @Test
    void zeroProbabilitiesFollowTheConventions() {
        assertEquals(0.0, KL.of(Bernoulli.of(0.0), Bernoulli.of(0.0)), 0.0);
        assertEquals(Math.log(1 / 0.5), KL.of(Bernoulli.of(1.0), Bernoulli.of(0.5)), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, KL.of(Bernoulli.of(0.5), Bernoulli.of(1.0)));
        assertEquals(Double.POSITIVE_INFINITY,
                KL.of(Categorical.of(new double[] {0.5, 0.5, 0}), Categorical.of(new double[] {1, 0, 0})));
    }

    @Test
    void productOfMixedFactorsIsTheSumAndMatchesMonteCarlo() {
        IndependentProduct p = IndependentProduct.of(Normal.ofMeanVariance(0, 1), Gamma.ofShapeRate(2, 1), Bernoulli.of(0.4));
        IndependentProduct q = IndependentProduct.of(Normal.ofMeanVariance(1, 2), Gamma.ofShapeRate(3, 2), Bernoulli.of(0.6));
        double sum = KL.of(p.factor(0), q.factor(0)) + KL.of(p.factor(1), q.factor(1)) + KL.of(p.factor(2), q.factor(2));
        assertEquals(sum, KL.of(p, q), 1e-15);
        assertWithinMonteCarlo(KL.of(p, q), MonteCarloKL.estimate(p, q, SAMPLES, SEED));
    }

    @Test
    void unsupportedPairSaysSoAndPointsToMonteCarlo() {
        GaussianMixture1D mix = GaussianMixture1D.of(new double[] {0.5, 0.5}, new double[] {-1, 1}, new double[] {1, 1});
        Normal n = Normal.standard();
        assertFalse(KL.hasClosedForm(mix, n));
        assertTrue(KL.hasClosedForm(n, n));
        KL.NoClosedFormException e = assertThrows(KL.NoClosedFormException.class, () -> KL.of(mix, n));
        assertTrue(e.getMessage().contains("no closed form for the pair (GaussianMixture1D, Normal)"), e.getMessage());
        assertTrue(e.getMessage().contains("MonteCarloKL"), e.getMessage());
        // Mixed types are not silently converted either.
        assertThrows(KL.NoClosedFormException.class, () -> KL.of(n, Gamma.ofShapeRate(1, 1)));
        // ... and Monte Carlo does handle the mixture.
        MonteCarloKL.Estimate est = MonteCarloKL.estimate(mix, n, 10_000, 1);
        assertTrue(est.value() > 0);
    }

    @Test
    void mismatchesAreRefusedWithMessages() {
        DiagonalNormal p2 = DiagonalNormal.ofMeanVariance(new double[] {0, 0}, new double[] {1, 1});
        DiagonalNormal p3 = DiagonalNormal.ofMeanVariance(new double[] {0, 0, 0}, new double[] {1, 1, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KL.of(p2, p3));
        assertEquals("KL p dimension and q dimension must have the same length, got 2 and 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KL.of(null, p3));
        assertTrue(e.getMessage().startsWith("KL p and q must not be null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> KL.of(IndependentProduct.of(List.of(Normal.standard())), IndependentProduct.of(Normal.standard(), Normal.standard())));
        assertEquals("KL p factors and q factors must have the same length, got 1 and 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> KL.of(Categorical.of(new double[] {1}), Categorical.of(new double[] {0.5, 0.5})));
        assertEquals("KL p categories and q categories must have the same length, got 1 and 2", e.getMessage());
    }
}
