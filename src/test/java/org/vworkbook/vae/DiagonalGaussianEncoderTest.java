package org.vworkbook.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.MeanFieldGaussianState;

class DiagonalGaussianEncoderTest {
    private static final DiagonalGaussianEncoder ENC = DiagonalGaussianEncoder.of(
            new double[][] {{1, 2, 0}, {0, -1, 0.5}}, new double[] {0.1, -0.2},
            new double[][] {{0.1, 0, 0}, {0, 0, -0.2}}, new double[] {-1, 0.3});

    @Test
    void qIsAProductOfUnivariateGaussians() {
        double[] x = {0.5, 1.0, -2.0};
        MeanFieldGaussianState q = ENC.q(x);
        assertEquals(0.1 + 0.5 + 2.0, q.mean(0), 1e-15);
        assertEquals(-0.2 - 1.0 - 1.0, q.mean(1), 1e-15);
        assertEquals(Math.exp(-1 + 0.05), q.variance(0), 1e-15);
        assertEquals(Math.exp(0.3 + 0.4), q.variance(1), 1e-15);
        // the joint density of the diagonal Gaussian is the product of its factors: mean-field
        double[] z = {0.7, -1.3};
        assertEquals(q.asMultivariate().logDensity(z), q.factor(0).logDensity(z[0]) + q.factor(1).logDensity(z[1]), 1e-12);
    }

    @Test
    void refusesBadInput() {
        assertEquals("DiagonalGaussianEncoder meanBias and logVarianceBias must have the same length, got 2 and 1",
                assertThrows(IllegalArgumentException.class, () -> DiagonalGaussianEncoder.of(new double[][] {{1}, {1}},
                        new double[] {0, 0}, new double[][] {{1}}, new double[] {0})).getMessage());
        assertEquals("DiagonalGaussianEncoder meanWeights must have 2 rows, got 1",
                assertThrows(IllegalArgumentException.class, () -> DiagonalGaussianEncoder.of(new double[][] {{1}},
                        new double[] {0, 0}, new double[][] {{1}, {1}}, new double[] {0, 0})).getMessage());
        assertEquals("DiagonalGaussianEncoder x and observed dimension must have the same length, got 2 and 3",
                assertThrows(IllegalArgumentException.class, () -> ENC.q(new double[] {1, 2})).getMessage());
    }
}
