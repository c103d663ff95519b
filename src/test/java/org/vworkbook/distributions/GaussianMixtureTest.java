package org.vworkbook.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.numerics.Quadrature;

class GaussianMixtureTest {
    private final GaussianMixture1D mix = GaussianMixture1D.of(new double[] {0.2, 0.5, 0.3}, new double[] {-3, 0.5, 4},
            new double[] {0.5, 1.0, 2.0});

    @Test
    void oneDimensionalMomentsMatchQuadrature() {
        double mass = Quadrature.integrate(mix::density, -40, 40, 800);
        double mean = Quadrature.integrate(x -> x * mix.density(x), -40, 40, 800);
        double second = Quadrature.integrate(x -> x * x * mix.density(x), -40, 40, 800);
        assertEquals(1.0, mass, 1e-13);
        assertEquals(mean, mix.mean(), 1e-12);
        assertEquals(second - mean * mean, mix.variance(), 1e-11);
    }

    @Test
    void oneDimensionalSamplesHaveTheMoments() {
        Well19937c random = new Well19937c(11);
        int n = 200_000;
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double x = mix.sample(random);
            s += x;
            s2 += x * x;
        }
        double mean = s / n;
        double var = s2 / n - mean * mean;
        double se = Math.sqrt(mix.variance() / n);
        assertEquals(mix.mean(), mean, 4 * se);
        assertEquals(mix.variance(), var, 0.02 * mix.variance());
    }

    @Test
    void logDensityIsStableInTheTailsAndItsDerivativeMatchesFiniteDifferences() {
        // At x = 60 every component density underflows to 0, but log-sum-exp keeps the log density finite.
        assertEquals(0.0, mix.component(2).density(60) * 0.3 + mix.component(0).density(60), 0.0);
        double far = mix.logDensity(60);
        assertTrue(Double.isFinite(far));
        assertEquals(Math.log(0.3) + mix.component(2).logDensity(60), far, 1e-12);
        for (double x : new double[] {-4, -1, 0.3, 2.2, 7}) {
            double h = 1e-5;
            double fd = (mix.logDensity(x + h) - mix.logDensity(x - h)) / (2 * h);
            assertEquals(fd, mix.derivativeLogDensity(x), 1e-8);
            double[] r = mix.responsibilities(x);
            assertEquals(1.0, r[0] + r[1] + r[2], 1e-15);
        }
    }

    @Test
    void multivariateMomentsMatchSamplesAndGradientMatchesFiniteDifferences() {
        GaussianMixture g = GaussianMixture.ofIsotropic(new double[] {0.3, 0.7}, new double[] {-2.0, 0.0, 3.0, 1.0},
                new double[] {1.0, 0.5});
        assertEquals(2, g.dimension());
        assertArrayEquals(new double[] {0.3 * -2 + 0.7 * 3, 0.7}, g.mean(), 1e-15);
        // Cov = sum_k w_k (v_k I + (m_k - mu)(m_k - mu)^T).
        double[] mu = g.mean();
        double[][] expected = new double[2][2];
        double[][] means = {{-2, 0}, {3, 1}};
        double[] w = {0.3, 0.7};
        double[] v = {1.0, 0.5};
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    expected[i][j] += w[k] * ((i == j ? v[k] : 0) + (means[k][i] - mu[i]) * (means[k][j] - mu[j]));
                }
            }
        }
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(expected[i], g.covariance()[i], 1e-14);
        }
        Well19937c random = new Well19937c(5);
        int n = 100_000;
        double[] s = new double[2];
        for (int i = 0; i < n; i++) {
            double[] x = g.sample(random);
            s[0] += x[0];
            s[1] += x[1];
        }
        assertEquals(mu[0], s[0] / n, 4 * Math.sqrt(expected[0][0] / n));
        assertEquals(mu[1], s[1] / n, 4 * Math.sqrt(expected[1][1] / n));
        double[] x = {0.4, -0.3};
        double h = 1e-6;
        double[] grad = g.gradientLogDensity(x);
        double[] both = g.logDensityAndGradient(x);
        assertEquals(g.logDensity(x), both[0], 1e-15);
        for (int i = 0; i < 2; i++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += h;
            xm[i] -= h;
            double fd = (g.logDensity(xp) - g.logDensity(xm)) / (2 * h);
            assertEquals(fd, grad[i], 1e-7);
            assertEquals(grad[i], both[i + 1], 1e-15);
        }
        // The cached log density agrees with the components' own.
        double direct = Math.log(0.3 * Math.exp(g.component(0).logDensity(x)) + 0.7 * Math.exp(g.component(1).logDensity(x)));
        assertEquals(direct, g.logDensity(x), 1e-14);
    }

    @Test
    void badParametersAreRefusedWithMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture1D.of(new double[] {0.3, 0.6}, new double[] {0, 1}, new double[] {1, 1}));
        assertEquals("GaussianMixture1D weights must sum to 1, got sum 0.8999999999999999 (in [0.3, 0.6])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture1D.of(new double[] {0.5, 0.5}, new double[] {0, 1}, new double[] {1, -1}));
        assertEquals("GaussianMixture1D variances[1] must be > 0, got -1.0 (in [1.0, -1.0])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture1D.of(new double[] {0.5, 0.5}, new double[] {0, 1, 2}, new double[] {1, 1}));
        assertEquals("GaussianMixture1D weights and means must have the same length, got 2 and 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture1D.of(new double[] {0.5, 0.5}, new double[] {0, Double.NaN}, new double[] {1, 1}));
        assertEquals("GaussianMixture1D means[1] must be finite, got NaN (in [0.0, NaN])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.ofIsotropic(new double[] {0.3, 0.7}, new double[] {1, 2, 3}, new double[] {1, 1}));
        assertEquals("GaussianMixture means must hold d entries per component (a multiple of 2 weights), got 3 entries",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.ofIsotropic(new double[] {0.3, 0.7}, new double[] {1, 2, 3, 4}, new double[] {1}));
        assertEquals("GaussianMixture weights and vars must have the same length, got 2 and 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GaussianMixture.of(new double[] {0.5, 0.5},
                List.of(MultivariateNormal.ofMeanCovariance(new double[] {0}, new double[][] {{1}}),
                        MultivariateNormal.ofMeanCovariance(new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}}))));
        assertEquals("GaussianMixture components[1] dimension and components[0] dimension must have the same length, got 2 and 1",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture1D.of(new double[] {1.2, -0.2}, new double[] {0, 1}, new double[] {1, 1}));
        assertEquals("GaussianMixture1D weights[1] must be > 0, got -0.2 (in [1.2, -0.2])", e.getMessage());
    }
}
