package org.vworkbook.divergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.FoundationAssertions.assertRefused;
import static org.vworkbook.FoundationAssertions.assertWithinStandardErrors;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.numerics.Quadrature;

class GaussianKLFoundationTest {

    @ParameterizedTest
    @CsvSource({"0, 1, 1, 1", "0, 1, 0, 4", "2, 0.3, -1, 2", "-1, 5, 0.5, 0.2", "0, 1e-3, 0.01, 1"})
    void univariateMatchesTheDefinitionByQuadrature(double m1, double v1, double m2, double v2) {
        Normal p = Normal.ofMeanVariance(m1, v1);
        Normal q = Normal.ofMeanVariance(m2, v2);
        double byDefinition = Quadrature.integrateLine(z -> p.density(z) * (p.logDensity(z) - q.logDensity(z)),
                m1, Math.sqrt(v1));
        assertEquals(byDefinition, GaussianKL.between(p, q), 1e-10 * (1 + byDefinition));
    }

    @Test
    void knownValuesAndAsymmetry() {
        Normal p = Normal.ofMeanVariance(0, 1);
        assertEquals(0.5, GaussianKL.between(p, Normal.ofMeanVariance(1, 1)), 1e-15);
        Normal q = Normal.ofMeanVariance(0, 4);
        // 1/2 (1/4 - 1 + log 4) and 1/2 (4 - 1 - log 4)
        assertEquals(0.5 * (0.25 - 1 + Math.log(4)), GaussianKL.between(p, q), 1e-15);
        assertEquals(0.5 * (4 - 1 - Math.log(4)), GaussianKL.between(q, p), 1e-15);
    }

    @Test
    void multivariateMatchesMonteCarloOfTheDefinition() {
        MultivariateNormal p = MultivariateNormal.ofMeanCovariance(new double[] {0.5, -1, 0},
                new double[][] {{1.0, 0.4, 0.1}, {0.4, 0.8, -0.2}, {0.1, -0.2, 1.5}});
        MultivariateNormal q = MultivariateNormal.ofMeanCovariance(new double[] {0, 0, 1},
                new double[][] {{2.0, -0.3, 0}, {-0.3, 1.0, 0.3}, {0, 0.3, 1.2}});
        Well19937c random = new Well19937c(2026);
        int n = 100_000;
        double sum = 0, sumSq = 0;
        for (int k = 0; k < n; k++) {
            double[] z = p.sample(random);
            double v = p.logDensity(z) - q.logDensity(z);
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / n;
        double se = Math.sqrt((sumSq / n - mean * mean) / n);
        assertWithinStandardErrors(GaussianKL.between(p, q), mean, se, 4, "Monte Carlo KL");
    }

    @Test
    void selfDivergenceIsZero() {
        Normal p = Normal.ofMeanVariance(3.3, 0.7);
        assertEquals(0, GaussianKL.between(p, p), 1e-15);
        MultivariateNormal g = MultivariateNormal.ofMeanCovariance(new double[] {1, 2, 3},
                new double[][] {{2, 0.9, 0.1}, {0.9, 1, 0.3}, {0.1, 0.3, 4}});
        assertEquals(0, GaussianKL.between(g, g), 1e-13);
    }

    @Test
    void diagonalMultivariateEqualsTheSumOfUnivariates() {
        double[] m1 = {0.3, -2, 1}, v1 = {0.5, 2, 1};
        double[] m2 = {1, 0, -1}, v2 = {1.5, 0.25, 3};
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += GaussianKL.between(Normal.ofMeanVariance(m1[i], v1[i]), Normal.ofMeanVariance(m2[i], v2[i]));
        }
        double kl = GaussianKL.between(MultivariateNormal.ofMeanDiagonalVariance(m1, v1),
                MultivariateNormal.ofMeanDiagonalVariance(m2, v2));
        assertEquals(sum, kl, 1e-13);
    }

    @Property(tries = 200)
    void univariateIsNonNegative(@ForAll @DoubleRange(min = -10, max = 10) double m1,
            @ForAll @DoubleRange(min = -7, max = 7) double logV1,
            @ForAll @DoubleRange(min = -10, max = 10) double m2,
            @ForAll @DoubleRange(min = -7, max = 7) double logV2) {
        double v1 = Math.exp(logV1);
        double v2 = Math.exp(logV2);
        double kl = GaussianKL.between(Normal.ofMeanVariance(m1, v1), Normal.ofMeanVariance(m2, v2));
        assertTrue(kl >= -1e-14, "KL = " + kl);
        double klMv = GaussianKL.between(MultivariateNormal.ofMeanDiagonalVariance(new double[] {m1}, new double[] {v1}),
                MultivariateNormal.ofMeanDiagonalVariance(new double[] {m2}, new double[] {v2}));
        assertEquals(kl, klMv, 1e-10 * (1 + kl));
    }

    @Property(tries = 200)
    void multivariateIsNonNegative(@ForAll long seed) {
        Well19937c random = new Well19937c(seed);
        int d = 1 + random.nextInt(4);
        MultivariateNormal p = randomGaussian(random, d);
        MultivariateNormal q = randomGaussian(random, d);
        double kl = GaussianKL.between(p, q);
        assertTrue(kl >= -1e-10, "KL = " + kl);
        assertEquals(0, GaussianKL.between(p, p), 1e-9);
    }

    private static MultivariateNormal randomGaussian(Well19937c random, int d) {
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = random.nextGaussian();
            }
        }
        double[][] s = new double[d][d];
        double[] m = new double[d];
        for (int i = 0; i < d; i++) {
            m[i] = 3 * random.nextGaussian();
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    s[i][j] += a[i][k] * a[j][k];
                }
            }
            s[i][i] += 0.05;
        }
        return MultivariateNormal.ofMeanCovariance(m, s);
    }

    @Test
    void mismatchedDimensionsAreRefused() {
        MultivariateNormal p = MultivariateNormal.ofMeanDiagonalVariance(new double[] {0, 0}, new double[] {1, 1});
        MultivariateNormal q = MultivariateNormal.ofMeanDiagonalVariance(new double[] {0, 0, 0}, new double[] {1, 1, 1});
        assertRefused(() -> GaussianKL.between(p, q), "KL", "dimension", "same length", "2 and 3");
    }
}
