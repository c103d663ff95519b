package org.vworkbook.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.MultivariateNormal;

/** Training the linear VAE, and the gap decomposition. */
class TrainingAndGapTest {
    /** The threshold this workbook states for a trained decoder: max |cos(w_j, w_k)| below 0.01. */
    static final double COSINE_THRESHOLD = 0.01;


    @Test
    void analyticTrainingFromTheGeneratingDecoderMakesColumnsOrthogonal() {
        RandomGenerator random = new Well19937c(1L);
        LinearGaussianDecoder truth = LinearGaussianDecoder.withCorrelatedColumns(2, 5, 0.5, random);
        double[][] data = truth.sample(300, random);
        assertTrue(truth.maxAbsColumnCosine() > 0.9);
        List<VaeTrainer.Progress> lines = new ArrayList<>();
        VaeTrainer.Result r = VaeTrainer.train(LinearVae.of(truth, VaeFixtures.priorEncoder(2, 5)), data,
                new VaeTrainer.Options(2000, 0.02, EncoderGradient.ANALYTIC, 1, 500), null, lines::add);
        assertEquals(5, lines.size());
        assertEquals(2001, r.elboTrace().length);
        assertArrayEquals(new int[] {0, 500, 1000, 1500, 2000}, r.snapshotSteps());
        double cos = r.vae().decoder().maxAbsColumnCosine();
        assertTrue(cos < COSINE_THRESHOLD, "max |cos| = " + cos);
        // and the true posterior under the trained decoder is then (nearly) factorised
        MultivariateNormal post = r.vae().decoder().posterior(data[0]);
        assertTrue(Math.abs(post.correlation(0, 1)) < COSINE_THRESHOLD);
        double[] trace = r.elboTrace();
        assertTrue(trace[2000] > trace[0] + 10);

        GapDecomposition start = GapDecomposition.of(r.snapshots().get(0), data);
        GapDecomposition end = GapDecomposition.of(r.vae(), data);
        assertTrue(start.approximationGap() > 0.1, "mean-field costs a lot at the generating decoder");
        assertTrue(end.approximationGap() < 1e-6);
        assertTrue(end.totalGap() < start.totalGap());
    }

    @Test
    void randomStartReparameterisedTrainingIsSeededAndAlsoOrthogonalises() {
        RandomGenerator dataRandom = new Well19937c(2L);
        double[][] data = LinearGaussianDecoder.withCorrelatedColumns(2, 4, 0.5, dataRandom).sample(200, dataRandom);
        VaeTrainer.Options options = new VaeTrainer.Options(1500, 0.02, EncoderGradient.REPARAMETERISATION, 1, 1500);
        VaeTrainer.Result a = VaeTrainer.train(LinearVae.initial(2, 4, 0.5, new Well19937c(3L)), data, options,
                new Well19937c(4L), null);
        VaeTrainer.Result b = VaeTrainer.train(LinearVae.initial(2, 4, 0.5, new Well19937c(3L)), data, options,
                new Well19937c(4L), null);
        assertArrayEquals(a.vae().parameters(), b.vae().parameters(), 0.0);
        // noisy gradients leave Adam jittering around the optimum: a looser bound than the analytic one
        assertTrue(a.vae().decoder().maxAbsColumnCosine() < 0.1, "max |cos| = " + a.vae().decoder().maxAbsColumnCosine());
        assertTrue(a.elboTrace()[1500] > a.elboTrace()[0]);
    }

    @Test
    void gapIdentitiesAndSigns() {
        RandomGenerator random = new Well19937c(5L);
        for (int trial = 0; trial < 5; trial++) {
            LinearVae vae = VaeFixtures.randomVae(2, 4, random);
            double[][] data = new double[40][];
            for (int n = 0; n < data.length; n++) {
                data[n] = VaeFixtures.randomPoint(4, random);
            }
            GapDecomposition g = GapDecomposition.of(vae, data);
            assertEquals(g.klEncoderToExact(), g.totalGap(), 1e-9 * (1 + g.totalGap()));
            assertEquals(g.klBestMeanFieldToExact(), g.approximationGap(), 1e-9 * (1 + g.approximationGap()));
            assertEquals(g.totalGap(), g.approximationGap() + g.amortisationGap(), 1e-12 * (1 + g.totalGap()));
            assertTrue(g.approximationGap() >= -1e-12);
            assertTrue(g.amortisationGap() >= -1e-10);
            assertEquals(vae.meanElbo(data), g.elboEncoder(), 1e-12 * (1 + Math.abs(g.elboEncoder())));
        }
    }

    @Test
    void encoderSetToThePerPointOptimumHasNoAmortisationGap() {
        // For a linear-Gaussian decoder the best mean-field q for x is N(M^-1 W^T (x - b) / s, diag(1 / M_jj)):
        // linear in x with a constant variance, so a linear encoder can represent it for every x at once.
        RandomGenerator random = new Well19937c(6L);
        LinearGaussianDecoder dec = LinearGaussianDecoder.withCorrelatedColumns(2, 3, 0.4, random);
        double[][] w = dec.weights();
        double s = dec.noiseVariance();
        double[][] m = dec.joint(new double[3]).precision();
        double[][] mInv = MultivariateNormal.ofMeanPrecision(new double[2], m).covariance();
        double[][] a = new double[2][3];
        double[] aBias = new double[2];
        double[] cBias = new double[2];
        double[] b = dec.bias();
        for (int j = 0; j < 2; j++) {
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < 2; i++) {
                    a[j][k] += mInv[j][i] * w[k][i] / s;
                }
                aBias[j] -= a[j][k] * b[k];
            }
            cBias[j] = -Math.log(m[j][j]);
        }
        LinearVae vae = LinearVae.of(dec, DiagonalGaussianEncoder.of(a, aBias, new double[2][3], cBias));
        double[][] data = dec.sample(50, random);
        GapDecomposition g = GapDecomposition.of(vae, data);
        assertEquals(0.0, g.amortisationGap(), 1e-10);
        assertTrue(g.approximationGap() > 0.1);
    }

    @Test
    void tooLargeALearningRateStopsTheRunInsteadOfThrowing() {
        // notebook E with learning_rate = 5, init = random, steps = 300: an encoder variance heads for underflow
        RandomGenerator random = new Well19937c(1L);
        LinearGaussianDecoder truth = LinearGaussianDecoder.withCorrelatedColumns(2, 5, 0.5, random);
        double[][] data = truth.sample(300, random);
        VaeTrainer.Result r = VaeTrainer.train(LinearVae.initial(2, 5, 0.5, random), data,
                new VaeTrainer.Options(300, 5.0, EncoderGradient.ANALYTIC, 1, 50), null, null);
        assertTrue(r.diverged());
        assertTrue(r.stepsTaken() < 300);
        assertEquals(r.stepsTaken() + 1, r.elboTrace().length);
        assertEquals(r.stepsTaken(), r.snapshotSteps()[r.snapshotSteps().length - 1]);
        assertTrue(r.vae().representable(data));
        assertEquals(r.vae().meanElbo(data), r.elboTrace()[r.stepsTaken()], 0.0);
        // a modest rate does not stop
        VaeTrainer.Result ok = VaeTrainer.train(LinearVae.initial(2, 5, 0.5, new Well19937c(8L)), data,
                new VaeTrainer.Options(50, 0.02, EncoderGradient.ANALYTIC, 1, 50), null, null);
        assertTrue(!ok.diverged() && ok.stepsTaken() == 50);
    }

    @Test
    void representableMeansVariancesThatNeitherUnderflowNorOverflow() {
        LinearVae vae = LinearVae.initial(1, 2, 0.5, new Well19937c(9L));
        double[][] data = {{1.0, -2.0}};
        assertTrue(vae.representable(data));
        double[] p = vae.parameters();
        p[p.length - 1] = -301;   // c: exp(-301)^2 would underflow
        assertTrue(!vae.withParameters(p).representable(data));
        p[p.length - 1] = -299;
        assertTrue(vae.withParameters(p).representable(data));
        p[p.length - 1] = 301;    // exp(301)^2 would overflow
        assertTrue(!vae.withParameters(p).representable(data));
        p = vae.parameters();
        p[2 * 1 + 2] = -301;      // tau = log sigma2 (after W (2 x 1) and b (2))
        assertTrue(!vae.withParameters(p).representable(data));
    }

    @Test
    void refusesBadInput() {
        assertEquals("VaeTrainer learningRate must be finite and > 0, got 0.0",
                assertThrows(IllegalArgumentException.class,
                        () -> new VaeTrainer.Options(10, 0.0, EncoderGradient.ANALYTIC, 1, 1)).getMessage());
        assertEquals("VaeTrainer steps must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class,
                        () -> new VaeTrainer.Options(-1, 0.1, EncoderGradient.ANALYTIC, 1, 1)).getMessage());
        LinearVae vae = LinearVae.initial(2, 3, 0.5, new Well19937c(1L));
        VaeTrainer.Options reparam = new VaeTrainer.Options(10, 0.1, EncoderGradient.REPARAMETERISATION, 1, 1);
        assertEquals("random must not be null", assertThrows(IllegalArgumentException.class,
                () -> VaeTrainer.train(vae, new double[][] {{1, 2, 3}}, reparam, null, null)).getMessage());
        assertEquals("GapDecomposition data must have at least one row", assertThrows(IllegalArgumentException.class,
                () -> GapDecomposition.of(vae, new double[0][])).getMessage());
    }
}
