package org.vworkbook.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.divergence.GaussianKL;
import org.vworkbook.distributions.Normal;
import org.vworkbook.exact.GaussianJoint;

class LinearGaussianDecoderTest {
    private static final double[][] W = {{1.0, 0.5}, {-0.3, 0.8}, {0.2, 0.1}};
    private static final double[] B = {0.5, -1.0, 0.0};

    @Test
    void jointIsPriorTimesLikelihoodAndItsEvidenceIsTheMarginal() {
        LinearGaussianDecoder dec = LinearGaussianDecoder.of(W, B, 0.7);
        double[] x = {1.2, -0.4, 0.9};
        GaussianJoint joint = dec.joint(x);
        double[] z = {0.3, -1.1};
        double direct = Normal.standard().logDensity(z[0]) + Normal.standard().logDensity(z[1]);
        for (int i = 0; i < 3; i++) {
            direct += Normal.ofMeanVariance(W[i][0] * z[0] + W[i][1] * z[1] + B[i], 0.7).logDensity(x[i]);
        }
        assertEquals(direct, joint.logJoint(z), 1e-12);
        // completed square (GaussianJoint) against the marginal N(b, W W^T + sigma2 I)
        assertEquals(dec.logMarginal(x), joint.logEvidence(), 1e-12);
    }

    @Test
    void posteriorFactorisesExactlyWhenColumnsAreOrthogonal() {
        double[] x = {1.2, -0.4, 0.9};
        assertTrue(Math.abs(LinearGaussianDecoder.of(W, B, 0.7).posterior(x).correlation(0, 1)) > 0.05);
        double[][] orthogonal = {{1.0, 0.5}, {1.0, -0.5}, {0.0, 0.0}};
        LinearGaussianDecoder dec = LinearGaussianDecoder.of(orthogonal, B, 0.7);
        assertEquals(0.0, dec.maxAbsColumnCosine(), 1e-15);
        assertEquals(0.0, dec.posterior(x).covariance(0, 1), 1e-15);
    }

    @Test
    void columnCosine() {
        LinearGaussianDecoder dec = LinearGaussianDecoder.of(W, B, 0.7);
        double dot = 1.0 * 0.5 - 0.3 * 0.8 + 0.2 * 0.1;
        double expected = dot / Math.sqrt((1 + 0.09 + 0.04) * (0.25 + 0.64 + 0.01));
        assertEquals(expected, dec.columnCosine(0, 1), 1e-15);
        assertEquals(Math.abs(expected), dec.maxAbsColumnCosine(), 1e-15);
        assertTrue(LinearGaussianDecoder.withCorrelatedColumns(2, 5, 0.5, new Well19937c(1L)).maxAbsColumnCosine() > 0.5);
    }

    @Test
    void samplesHaveTheMarginalMoments() {
        LinearGaussianDecoder dec = LinearGaussianDecoder.of(W, B, 0.7);
        double[][] x = dec.sample(40_000, new Well19937c(2L));
        assertEquals(x[17][1], dec.sample(40_000, new Well19937c(2L))[17][1], 0.0);
        double mean = 0;
        double var = 0;
        for (double[] row : x) {
            mean += row[1];
        }
        mean /= x.length;
        for (double[] row : x) {
            var += (row[1] - mean) * (row[1] - mean);
        }
        var /= x.length;
        double trueVar = 0.09 + 0.64 + 0.7;
        assertEquals(-1.0, mean, 5 * Math.sqrt(trueVar / x.length));
        assertEquals(trueVar, var, 5 * trueVar * Math.sqrt(2.0 / x.length));
    }

    @Test
    void refusesBadInput() {
        assertEquals("LinearGaussianDecoder noiseVariance must be finite and > 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> LinearGaussianDecoder.of(W, B, -1.0)).getMessage());
        assertEquals("LinearGaussianDecoder bias and weights rows must have the same length, got 2 and 3",
                assertThrows(IllegalArgumentException.class,
                        () -> LinearGaussianDecoder.of(W, new double[] {1, 2}, 1.0)).getMessage());
        assertEquals("LinearGaussianDecoder weights row 1 and weights row 0 must have the same length, got 1 and 2",
                assertThrows(IllegalArgumentException.class,
                        () -> LinearGaussianDecoder.of(new double[][] {{1, 2}, {3}}, new double[] {1, 2}, 1.0)).getMessage());
        LinearGaussianDecoder dec = LinearGaussianDecoder.of(W, B, 0.7);
        assertEquals("LinearGaussianDecoder x and observed dimension must have the same length, got 2 and 3",
                assertThrows(IllegalArgumentException.class, () -> dec.logMarginal(new double[] {1, 2})).getMessage());
        assertEquals("LinearGaussianDecoder x[0] must be finite, got NaN (in [NaN, 1.0, 2.0])",
                assertThrows(IllegalArgumentException.class, () -> dec.joint(new double[] {Double.NaN, 1, 2})).getMessage());
        assertEquals("LinearGaussianDecoder n must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> dec.sample(0, new Well19937c(1L))).getMessage());
    }

    @Test
    void posteriorMatchesItsCompletedSquare() {
        LinearGaussianDecoder dec = LinearGaussianDecoder.of(W, B, 0.7);
        double[] x = {1.2, -0.4, 0.9};
        MultivariateNormal post = dec.posterior(x);
        // Bayes: log p(z | x) = log p(x, z) - log p(x) at any z
        double[] z = {0.4, 0.2};
        assertEquals(dec.joint(x).logJoint(z) - dec.logMarginal(x), post.logDensity(z), 1e-12);
    }

    @Test
    void bestMeanFieldIsTheCaviFixedPointAndItsKlIsTheHadamardGap() {
        // property over random decoders, L = 1..4 and D = 1..5 (also L > D): closed form against CAVI and GaussianKL
        Well19937c random = new Well19937c(11L);
        for (int trial = 0; trial < 40; trial++) {
            int l = 1 + trial % 4;
            int d = 1 + (trial / 4) % 5;
            double s2 = 0.2 + 2 * random.nextDouble();
            LinearGaussianDecoder dec = LinearGaussianDecoder.withCorrelatedColumns(l, d, s2, random);
            double[] x = dec.sample(1, random)[0];
            GaussianJoint joint = dec.joint(x);
            CaviResult<MeanFieldGaussianState> cavi = GaussianMeanField.of(joint)
                    .run(new double[l], ones(l), new CaviOptions(1e-13, 200_000));
            assertTrue(cavi.converged());
            MeanFieldGaussianState best = dec.bestMeanField(x);
            for (int j = 0; j < l; j++) {
                assertEquals(cavi.state().mean(j), best.mean(j), 1e-9 * (1 + Math.abs(best.mean(j))));
                assertEquals(cavi.state().variance(j), best.variance(j), 1e-14);
            }
            double kl = GaussianKL.between(best.asMultivariate(), joint.posterior());
            double[][] m = joint.precision();
            double hadamard = 0;
            for (int j = 0; j < l; j++) {
                hadamard += 0.5 * Math.log(m[j][j]);
            }
            hadamard += 0.5 * MultivariateNormal.ofMeanPrecision(new double[l], m).logDetCovariance();
            assertEquals(kl, dec.meanFieldKl(), 1e-10 * (1 + kl));
            assertEquals(hadamard, dec.meanFieldKl(), 1e-10 * (1 + kl));
            assertTrue(dec.meanFieldKl() >= 0);
            if (l == 1) {
                assertEquals(0.0, dec.meanFieldKl(), 0.0);
                assertEquals(0.0, dec.maxAbsPosteriorCorrelation(), 0.0);
            } else {
                if (l == 2) {
                    assertEquals(Math.abs(joint.posterior().correlation(0, 1)), dec.maxAbsPosteriorCorrelation(), 1e-15);
                }
                assertTrue(dec.maxAbsPosteriorCorrelation() >= Math.abs(joint.posterior().correlation(0, 1)) - 1e-15);
            }
        }
    }

    @Test
    void meanFieldKlKeepsItsRelativeAccuracyNearZero() {
        // 2-D: KL = -1/2 log(1 - r^2) with r the correlation of M; nearly orthogonal columns give r ~ 1e-6
        double eps = 1e-6;
        double[][] w = {{1.0, eps}, {0.0, 1.0}, {0.0, 0.0}};
        LinearGaussianDecoder dec = LinearGaussianDecoder.of(w, B, 0.5);
        double[][] m = dec.joint(B).precision();
        double r = m[0][1] / Math.sqrt(m[0][0] * m[1][1]);
        assertEquals(-0.5 * Math.log1p(-r * r), dec.meanFieldKl(), 1e-12 * (r * r));
        assertTrue(dec.meanFieldKl() > 0);
    }

    private static double[] ones(int l) {
        double[] v = new double[l];
        java.util.Arrays.fill(v, 1.0);
        return v;
    }
}
