package org.vworkbook.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vworkbook.FoundationAssertions.assertRefused;
import static org.vworkbook.FoundationAssertions.assertWithinStandardErrors;

import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.numerics.Quadrature;

class MultivariateNormalFoundationTest {
    private static final double[] M3 = {0.5, -1.0, 2.0};
    private static final double[][] S3 = {{2.0, 0.6, -0.3}, {0.6, 1.0, 0.2}, {-0.3, 0.2, 0.5}};

    @Test
    void logDensityIn2DMatchesTheExplicitInverse() {
        double[] m = {1.0, -2.0};
        double a = 1.5, b = -0.7, c = 0.9;
        MultivariateNormal g = MultivariateNormal.ofMeanCovariance(m, new double[][] {{a, b}, {b, c}});
        double det = a * c - b * b;
        Well19937c random = new Well19937c(3);
        for (int k = 0; k < 50; k++) {
            double x = m[0] + 3 * random.nextGaussian();
            double y = m[1] + 3 * random.nextGaussian();
            double dx = x - m[0], dy = y - m[1];
            double quad = (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
            double expected = -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * quad;
            assertEquals(expected, g.logDensity(new double[] {x, y}), 1e-12 * (1 + Math.abs(expected)));
        }
        assertEquals(Math.log(det), g.logDetCovariance(), 1e-14);
    }

    @Test
    void logDensityIn3DMatchesCommonsMath() {
        MultivariateNormal g = MultivariateNormal.ofMeanCovariance(M3, S3);
        MultivariateNormalDistribution ref = new MultivariateNormalDistribution(null, M3, S3);
        Well19937c random = new Well19937c(4);
        for (int k = 0; k < 50; k++) {
            double[] z = {random.nextGaussian() * 2, random.nextGaussian() * 2, random.nextGaussian() * 2};
            double expected = Math.log(ref.density(z));
            assertEquals(expected, g.logDensity(z), 1e-10 * (1 + Math.abs(expected)));
        }
        assertEquals(3, g.dimension());
    }

    @Test
    void densityIntegratesToOneIn2D() {
        MultivariateNormal g = MultivariateNormal.ofMeanCovariance(new double[] {0.3, -0.4},
                new double[][] {{1.0, 0.8}, {0.8, 1.0}});
        double mass = Quadrature.integrate(x -> Quadrature.integrate(
                y -> Math.exp(g.logDensity(new double[] {x, y})), -10, 10, 30), -10, 10, 30);
        assertEquals(1.0, mass, 1e-10);
    }

    @Test
    void sampleMeanAndCovarianceMatchWithinStandardErrors() {
        MultivariateNormal g = MultivariateNormal.ofMeanCovariance(M3, S3);
        Well19937c random = new Well19937c(5);
        int n = 100_000;
        double[] sum = new double[3];
        double[][] sumSq = new double[3][3];
        for (int k = 0; k < n; k++) {
            double[] z = g.sample(random);
            for (int i = 0; i < 3; i++) {
                sum[i] += z[i];
                for (int j = 0; j < 3; j++) {
                    sumSq[i][j] += z[i] * z[j];
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            double mi = sum[i] / n;
            assertWithinStandardErrors(M3[i], mi, Math.sqrt(S3[i][i] / n), 4, "mean " + i);
            for (int j = 0; j < 3; j++) {
                double cov = sumSq[i][j] / n - mi * (sum[j] / n);
                // Var of the sample covariance of Gaussians: (S_ii S_jj + S_ij^2) / n.
                double se = Math.sqrt((S3[i][i] * S3[j][j] + S3[i][j] * S3[i][j]) / n);
                assertWithinStandardErrors(S3[i][j], cov, se, 4, "covariance " + i + "," + j);
            }
        }
    }

    @Test
    void precisionIsTheInverseAndThePrecisionFactoryRoundTrips() {
        MultivariateNormal g = MultivariateNormal.ofMeanCovariance(M3, S3);
        double[][] p = g.precision();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += S3[i][k] * p[k][j];
                }
                assertEquals(i == j ? 1 : 0, s, 1e-12);
            }
        }
        MultivariateNormal back = MultivariateNormal.ofMeanPrecision(M3, p);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(S3[i], back.covariance()[i], 1e-12);
        }
        assertArrayEquals(M3, back.mean(), 0);
        assertEquals(g.logDetCovariance(), back.logDetCovariance(), 1e-12);
    }

    @Test
    void correlationAndMarginal() {
        MultivariateNormal g = MultivariateNormal.ofMeanCovariance(new double[] {1, 2},
                new double[][] {{4.0, 1.2}, {1.2, 1.0}});
        assertEquals(0.6, g.correlation(0, 1), 1e-15);
        assertEquals(0.6, g.correlation(1, 0), 1e-15);
        assertEquals(1.0, g.correlation(0, 0), 1e-15);
        Normal m1 = g.marginal(1);
        assertEquals(2, m1.mean(), 0);
        assertEquals(1.0, m1.variance(), 0);
        assertEquals(1.2, g.covariance(0, 1), 0);
        assertEquals(2, g.mean(1), 0);
    }

    @Test
    void entropyMatchesTheFormulaAndMonteCarlo() {
        MultivariateNormal g = MultivariateNormal.ofMeanCovariance(M3, S3);
        double det = S3[0][0] * (S3[1][1] * S3[2][2] - S3[1][2] * S3[2][1])
                - S3[0][1] * (S3[1][0] * S3[2][2] - S3[1][2] * S3[2][0])
                + S3[0][2] * (S3[1][0] * S3[2][1] - S3[1][1] * S3[2][0]);
        double formula = 0.5 * Math.log(Math.pow(2 * Math.PI * Math.E, 3) * det);
        assertEquals(formula, g.entropy(), 1e-12);
        Well19937c random = new Well19937c(6);
        int n = 50_000;
        double sum = 0, sumSq = 0;
        for (int k = 0; k < n; k++) {
            double v = -g.logDensity(g.sample(random));
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / n;
        double se = Math.sqrt((sumSq / n - mean * mean) / n);
        assertWithinStandardErrors(g.entropy(), mean, se, 4, "Monte Carlo entropy");
    }

    @Test
    void diagonalFactoryAndDefensiveCopies() {
        double[] m = {1, 2};
        double[] v = {0.5, 3};
        MultivariateNormal g = MultivariateNormal.ofMeanDiagonalVariance(m, v);
        m[0] = 100;
        v[0] = 100;
        assertEquals(1, g.mean(0), 0);
        assertEquals(0.5, g.covariance(0, 0), 0);
        assertEquals(0, g.covariance(0, 1), 0);
        g.mean()[1] = 100;
        g.covariance()[1][1] = 100;
        g.precision()[1][1] = 100;
        assertEquals(2, g.mean(1), 0);
        assertEquals(3, g.covariance(1, 1), 0);
        assertEquals(1.0 / 3, g.precision()[1][1], 1e-15);
        double[][] s = {{1, 0.5}, {0.5, 1}};
        MultivariateNormal h = MultivariateNormal.ofMeanCovariance(new double[] {0, 0}, s);
        s[0][1] = 0.9;
        assertEquals(0.5, h.covariance(0, 1), 0);
    }

    @Test
    void badInputIsRefusedWithAMessageNamingTypeParameterRuleAndValue() {
        double[] m = {0, 0};
        assertRefused(() -> MultivariateNormal.ofMeanCovariance(m, new double[][] {{1, 0.5}, {0.4, 1}}),
                "MultivariateNormal covariance", "symmetric", "0.5", "0.4");
        assertRefused(() -> MultivariateNormal.ofMeanCovariance(m, new double[][] {{1, 2}, {2, 1}}),
                "MultivariateNormal covariance", "positive definite");
        assertRefused(() -> MultivariateNormal.ofMeanCovariance(m, new double[][] {{1, 1}, {1, 1}}),
                "MultivariateNormal covariance", "positive definite");
        assertRefused(() -> MultivariateNormal.ofMeanCovariance(m, new double[][] {{-1, 0}, {0, 1}}),
                "MultivariateNormal covariance", "positive definite");
        assertRefused(() -> MultivariateNormal.ofMeanCovariance(m, new double[][] {{1, Double.NaN}, {Double.NaN, 1}}),
                "MultivariateNormal covariance[0][1]", "finite", "NaN");
        assertRefused(() -> MultivariateNormal.ofMeanCovariance(new double[] {0, Double.NaN}, Matrixes.I2),
                "MultivariateNormal mean[1]", "finite", "NaN");
        assertRefused(() -> MultivariateNormal.ofMeanCovariance(new double[] {0, 0, 0}, Matrixes.I2),
                "MultivariateNormal covariance", "3 x 3", "2 rows");
        assertRefused(() -> MultivariateNormal.ofMeanCovariance(m, new double[][] {{1, 0}, {0}}),
                "MultivariateNormal covariance", "2 x 2", "row 1");
        assertRefused(() -> MultivariateNormal.ofMeanCovariance(new double[0], new double[0][0]),
                "MultivariateNormal mean", "empty");
        assertRefused(() -> MultivariateNormal.ofMeanCovariance(null, Matrixes.I2), "MultivariateNormal mean", "null");
        assertRefused(() -> MultivariateNormal.ofMeanCovariance(m, null), "MultivariateNormal covariance", "null");
        assertRefused(() -> MultivariateNormal.ofMeanPrecision(m, new double[][] {{1, 2}, {2, 1}}),
                "MultivariateNormal precision", "positive definite");
        assertRefused(() -> MultivariateNormal.ofMeanPrecision(m, new double[][] {{1, 0.3}, {0, 1}}),
                "MultivariateNormal precision", "symmetric");
        assertRefused(() -> MultivariateNormal.ofMeanDiagonalVariance(m, new double[] {1, -1}),
                "MultivariateNormal variances[1]", "> 0", "-1.0");
        assertRefused(() -> MultivariateNormal.ofMeanDiagonalVariance(new double[] {0, 0, 0}, new double[] {1, 1}),
                "MultivariateNormal mean and variances", "same length", "3 and 2");
        MultivariateNormal g = MultivariateNormal.ofMeanCovariance(m, Matrixes.I2);
        assertRefused(() -> g.logDensity(new double[] {1, 2, 3}), "MultivariateNormal point", "same length", "3 and 2");
    }

    private static final class Matrixes {
        static final double[][] I2 = {{1, 0}, {0, 1}};
    }
}
