package org.vworkbook.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.divergence.GaussianKL;

class LinearVaeTest {
    private static final int L = 2;
    private static final int D = 4;

    @Test
    void elboAgreesWithTheMeanFieldElboOfTheJoint() {
        RandomGenerator random = new Well19937c(1L);
        for (int trial = 0; trial < 20; trial++) {
            LinearVae vae = VaeFixtures.randomVae(L, D, random);
            double[] x = VaeFixtures.randomPoint(D, random);
            MeanFieldGaussianState q = vae.encoder().q(x);
            double other = GaussianMeanField.of(vae.decoder().joint(x)).elbo(q);
            assertEquals(other, vae.elbo(x), 1e-10 * (1 + Math.abs(other)));
        }
    }

    @Test
    void gapIdentityHoldsPointByPoint() {
        // log p(x) - ELBO(q) = KL(q, p(z | x)), with each side computed by its own formula
        RandomGenerator random = new Well19937c(2L);
        for (int trial = 0; trial < 20; trial++) {
            LinearVae vae = VaeFixtures.randomVae(L, D, random);
            double[] x = VaeFixtures.randomPoint(D, random);
            double kl = GaussianKL.between(vae.encoder().q(x).asMultivariate(), vae.decoder().posterior(x));
            assertTrue(kl >= 0);
            assertEquals(kl, vae.decoder().logMarginal(x) - vae.elbo(x), 1e-10 * (1 + kl));
        }
    }

    @Test
    void reparameterisedEstimateAveragesToTheElbo() {
        RandomGenerator random = new Well19937c(3L);
        LinearVae vae = VaeFixtures.randomVae(L, D, random);
        double[] x = VaeFixtures.randomPoint(D, random);
        int draws = 200_000;
        double sum = 0;
        double sumSq = 0;
        for (int s = 0; s < draws; s++) {
            double f = vae.reparameterisedElbo(x, new double[] {random.nextGaussian(), random.nextGaussian()});
            sum += f;
            sumSq += f * f;
        }
        double mean = sum / draws;
        double stderr = Math.sqrt((sumSq / draws - mean * mean) / draws);
        assertEquals(vae.elbo(x), mean, 5 * stderr);
    }

    private static double[] centralDifference(java.util.function.ToDoubleFunction<LinearVae> f, LinearVae vae) {
        double[] p = vae.parameters();
        double[] g = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            double h = 1e-5 * Math.max(1.0, Math.abs(p[k]));
            double[] up = p.clone();
            up[k] += h;
            double[] down = p.clone();
            down[k] -= h;
            g[k] = (f.applyAsDouble(vae.withParameters(up)) - f.applyAsDouble(vae.withParameters(down))) / (2 * h);
        }
        return g;
    }

    @Test
    void analyticGradientMatchesFiniteDifferences() {
        RandomGenerator random = new Well19937c(4L);
        for (int trial = 0; trial < 5; trial++) {
            LinearVae vae = VaeFixtures.randomVae(L, D, random);
            double[] x = VaeFixtures.randomPoint(D, random);
            double[] fd = centralDifference(v -> v.elbo(x), vae);
            double[] g = vae.elboGradient(x);
            for (int k = 0; k < g.length; k++) {
                assertEquals(fd[k], g[k], 1e-6 * (1 + Math.abs(fd[k])), "parameter " + k);
            }
        }
    }

    @Test
    void reparameterisedGradientMatchesFiniteDifferencesAtAFixedDraw() {
        RandomGenerator random = new Well19937c(5L);
        for (int trial = 0; trial < 5; trial++) {
            LinearVae vae = VaeFixtures.randomVae(3, D, random);
            double[] x = VaeFixtures.randomPoint(D, random);
            double[] eps = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double[] fd = centralDifference(v -> v.reparameterisedElbo(x, eps), vae);
            double[] g = vae.reparameterisedGradient(x, eps);
            for (int k = 0; k < g.length; k++) {
                assertEquals(fd[k], g[k], 1e-6 * (1 + Math.abs(fd[k])), "parameter " + k);
            }
        }
    }

    @Test
    void reparameterisedGradientIsUnbiased() {
        RandomGenerator random = new Well19937c(6L);
        LinearVae vae = VaeFixtures.randomVae(L, D, random);
        double[] x = VaeFixtures.randomPoint(D, random);
        double[] exact = vae.elboGradient(x);
        int draws = 100_000;
        double[] sum = new double[exact.length];
        double[] sumSq = new double[exact.length];
        for (int s = 0; s < draws; s++) {
            double[] g = vae.reparameterisedGradient(x, new double[] {random.nextGaussian(), random.nextGaussian()});
            for (int k = 0; k < g.length; k++) {
                sum[k] += g[k];
                sumSq[k] += g[k] * g[k];
            }
        }
        for (int k = 0; k < exact.length; k++) {
            double mean = sum[k] / draws;
            double stderr = Math.sqrt(Math.max(sumSq[k] / draws - mean * mean, 0) / draws);
            assertEquals(exact[k], mean, 5 * stderr + 1e-12, "parameter " + k);
        }
    }

    @Test
    void meanGradientIsTheAverageOfPointGradients() {
        RandomGenerator random = new Well19937c(7L);
        LinearVae vae = VaeFixtures.randomVae(L, D, random);
        double[][] data = {VaeFixtures.randomPoint(D, random), VaeFixtures.randomPoint(D, random)};
        double[] g = new double[LinearVae.parameterCount(L, D)];
        double elbo = vae.meanElboGradient(data, EncoderGradient.ANALYTIC, 1, null, g);
        double[] g0 = vae.elboGradient(data[0]);
        double[] g1 = vae.elboGradient(data[1]);
        for (int k = 0; k < g.length; k++) {
            assertEquals(0.5 * (g0[k] + g1[k]), g[k], 1e-13);
        }
        assertEquals(0.5 * (vae.elbo(data[0]) + vae.elbo(data[1])), elbo, 1e-13);
        assertEquals(elbo, vae.meanElbo(data), 1e-13);
    }

    @Test
    void parametersRoundTripThroughDecoderAndEncoder() {
        LinearVae vae = VaeFixtures.randomVae(L, D, new Well19937c(8L));
        LinearVae again = LinearVae.of(vae.decoder(), vae.encoder());
        assertArrayEquals(vae.parameters(), again.parameters(), 1e-15);
        assertEquals(3 * D * L + D + 1 + 2 * L, vae.parameters().length);
        LinearVae start = LinearVae.initial(L, D, 0.5, new Well19937c(9L));
        assertEquals(1.0, start.decoder().noiseVariance(), 0.0);
        assertArrayEquals(new double[] {0, 0}, start.encoder().q(new double[D]).means(), 0.0);
        assertArrayEquals(new double[] {1, 1}, start.encoder().q(new double[D]).variances(), 0.0);
    }

    @Test
    void refusesBadInput() {
        assertEquals("LinearVae parameters and parameter count must have the same length, got 3 and 33",
                assertThrows(IllegalArgumentException.class, () -> LinearVae.ofParameters(2, 4, new double[3])).getMessage());
        LinearVae vae = VaeFixtures.randomVae(L, D, new Well19937c(1L));
        assertEquals("LinearVae x and observed dimension must have the same length, got 1 and 4",
                assertThrows(IllegalArgumentException.class, () -> vae.elbo(new double[] {1})).getMessage());
        assertEquals("LinearVae eps and latent dimension must have the same length, got 1 and 2",
                assertThrows(IllegalArgumentException.class, () -> vae.reparameterisedElbo(new double[4], new double[1])).getMessage());
        assertEquals("LinearVae data must have at least one row",
                assertThrows(IllegalArgumentException.class, () -> vae.meanElbo(new double[0][])).getMessage());
        assertEquals("LinearVae initScale must be finite and > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> LinearVae.initial(2, 4, 0.0, new Well19937c(1L))).getMessage());
        assertEquals("EncoderGradient name must be \"analytic\" or \"reparam\", got score",
                assertThrows(IllegalArgumentException.class, () -> EncoderGradient.parse("score")).getMessage());
    }
}
