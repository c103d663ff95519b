package org.vworkbook.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.FoundationAssertions.assertRefused;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.MultivariateNormal;

class GaussianJointFoundationTest {
    // A joint that is not of the linear-Gaussian form: Lambda = [[2, 0.9], [0.9, 1.5]], h = (1, -0.5), c = -1.2.
    private static final double[][] LAMBDA = {{2.0, 0.9}, {0.9, 1.5}};
    private static final double[] H = {1.0, -0.5};
    private static final double C = -1.2;

    @Test
    void posteriorAndEvidenceMatchBruteForce2DQuadratureAndTheExplicitInverse() {
        GaussianJoint joint = GaussianJoint.of(LAMBDA, H, C);
        double z = LinearGaussianModelFoundationTest.integrate(joint, (a, b) -> 1, 14);
        double m1 = LinearGaussianModelFoundationTest.integrate(joint, (a, b) -> a, 14) / z;
        double m2 = LinearGaussianModelFoundationTest.integrate(joint, (a, b) -> b, 14) / z;
        double c12 = LinearGaussianModelFoundationTest.integrate(joint, (a, b) -> (a - m1) * (b - m2), 14) / z;
        double det = LAMBDA[0][0] * LAMBDA[1][1] - LAMBDA[0][1] * LAMBDA[1][0];
        double[][] inv = {{LAMBDA[1][1] / det, -LAMBDA[0][1] / det}, {-LAMBDA[1][0] / det, LAMBDA[0][0] / det}};
        double e1 = inv[0][0] * H[0] + inv[0][1] * H[1];
        double e2 = inv[1][0] * H[0] + inv[1][1] * H[1];
        MultivariateNormal post = joint.posterior();
        assertEquals(m1, post.mean(0), 1e-10);
        assertEquals(m2, post.mean(1), 1e-10);
        assertEquals(e1, post.mean(0), 1e-13);
        assertEquals(e2, post.mean(1), 1e-13);
        assertEquals(c12, post.covariance(0, 1), 1e-10);
        assertEquals(inv[0][0], post.covariance(0, 0), 1e-13);
        assertEquals(inv[0][1], post.covariance(0, 1), 1e-13);
        assertEquals(inv[1][1], post.covariance(1, 1), 1e-13);
        assertEquals(Math.log(z), joint.logEvidence(), 1e-10);
        // Bayes' rule at a few points.
        for (double a = -2; a <= 2; a += 0.8) {
            double[] p = {a, 0.3 - a};
            assertEquals(joint.logJoint(p), joint.logEvidence() + post.logDensity(p), 1e-12);
        }
    }

    @Test
    void factorizesIffThePrecisionIsDiagonal() {
        assertTrue(GaussianJoint.of(new double[][] {{2, 0}, {0, 3}}, H, 0).factorizes());
        assertFalse(GaussianJoint.of(LAMBDA, H, 0).factorizes());
        assertFalse(GaussianJoint.of(new double[][] {{2, 1e-12}, {1e-12, 3}}, H, 0).factorizes());
    }

    @Test
    void accessorsAreDefensiveCopies() {
        double[][] lambda = {{2.0, 0.9}, {0.9, 1.5}};
        double[] h = {1, 2};
        GaussianJoint joint = GaussianJoint.of(lambda, h, C);
        lambda[0][0] = 100;
        h[0] = 100;
        joint.precision()[0][0] = 100;
        joint.linear()[0] = 100;
        assertEquals(2.0, joint.precision(0, 0), 0);
        assertEquals(1.0, joint.linear(0), 0);
        assertEquals(C, joint.constant(), 0);
        assertEquals(2, joint.dimension());
    }

    @Test
    void badInputIsRefusedWithAMessageNamingTypeParameterRuleAndValue() {
        assertRefused(() -> GaussianJoint.of(new double[][] {{2, 1}, {0.5, 2}}, H, C),
                "GaussianJoint precision", "symmetric", "1.0", "0.5");
        assertRefused(() -> GaussianJoint.of(new double[][] {{1, 2}, {2, 1}}, H, C),
                "GaussianJoint precision", "positive definite");
        assertRefused(() -> GaussianJoint.of(new double[][] {{1, 0}, {0, Double.NaN}}, H, C),
                "GaussianJoint precision[1][1]", "finite", "NaN");
        assertRefused(() -> GaussianJoint.of(LAMBDA, new double[] {1, 2, 3}, C), "GaussianJoint precision", "3 x 3");
        assertRefused(() -> GaussianJoint.of(LAMBDA, new double[] {1, Double.NaN}, C), "GaussianJoint linear[1]", "NaN");
        assertRefused(() -> GaussianJoint.of(LAMBDA, H, Double.NaN), "GaussianJoint constant", "finite", "NaN");
        GaussianJoint joint = GaussianJoint.of(LAMBDA, H, C);
        assertRefused(() -> joint.logJoint(new double[] {1}), "GaussianJoint z", "same length", "1 and 2");
    }

    /** Lambda = A A^T + I, h, c from a seeded source: a joint with correlated coordinates. */
    private static GaussianJoint randomJoint(Well19937c r, int d) {
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = 2 * r.nextDouble() - 1;
            }
        }
        double[][] lambda = new double[d][d];
        double[] h = new double[d];
        for (int i = 0; i < d; i++) {
            h[i] = 4 * r.nextDouble() - 2;
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    lambda[i][j] += a[i][k] * a[j][k];
                }
            }
            lambda[i][i] += 1;
        }
        return GaussianJoint.of(lambda, h, 3 * r.nextDouble() - 1.5);
    }

    /** N(m, B B^T + 0.05 I) from a seeded source. */
    private static MultivariateNormal randomGaussian(Well19937c r, int d) {
        double[][] b = new double[d][d];
        double[] m = new double[d];
        for (int i = 0; i < d; i++) {
            m[i] = 2 * r.nextGaussian();
            for (int j = 0; j < d; j++) {
                b[i][j] = 0.8 * r.nextGaussian();
            }
        }
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    s[i][j] += b[i][k] * b[j][k];
                }
            }
            s[i][i] += 0.05;
        }
        return MultivariateNormal.ofMeanCovariance(m, s);
    }

    @Test
    void theElboOfAGaussianQIsItsMonteCarloAverageOfLogJointMinusLogQ() {
        Well19937c r = new Well19937c(2026);
        for (int d = 1; d <= 3; d++) {
            GaussianJoint joint = randomJoint(r, d);
            MultivariateNormal q = randomGaussian(r, d);
            int n = 100_000;
            double mean = 0;
            double m2 = 0;
            for (int s = 1; s <= n; s++) {
                double[] z = q.sample(r);
                double v = joint.logJoint(z) - q.logDensity(z);
                double delta = v - mean;
                mean += delta / s;
                m2 += delta * (v - mean);
            }
            double stderr = Math.sqrt(m2 / (n - 1) / n);
            assertEquals(mean, joint.elbo(q), 5 * stderr, "d = " + d);
        }
    }

    @Test
    void logEvidenceIsElboPlusKlForEveryGaussianQAndTheKlVanishesAtThePosterior() {
        Well19937c r = new Well19937c(7);
        for (int rep = 0; rep < 200; rep++) {
            int d = 1 + rep % 4;
            GaussianJoint joint = randomJoint(r, d);
            MultivariateNormal q = randomGaussian(r, d);
            double kl = joint.klToPosterior(q);
            assertTrue(kl >= 0, "KL must be >= 0, got " + kl);
            double magnitude = joint.elboMagnitude(q);
            assertTrue(magnitude >= Math.abs(joint.elbo(q)));
            assertEquals(joint.logEvidence(), joint.elbo(q) + kl, 1e-12 * (1 + magnitude + kl));
            assertEquals(joint.logEvidence(), joint.elbo(joint.posterior()), 1e-12 * (1 + joint.elboMagnitude(joint.posterior())));
            assertEquals(0.0, joint.klToPosterior(joint.posterior()), 1e-12);
        }
    }

    @Test
    void elboAndKlRefuseAQOfTheWrongDimensionOrNull() {
        GaussianJoint joint = GaussianJoint.of(new double[][] {{2, 0.5}, {0.5, 1}}, new double[] {1, -1}, 0.3);
        MultivariateNormal q3 = MultivariateNormal.ofMeanDiagonalVariance(new double[3], new double[] {1, 1, 1});
        assertRefused(() -> joint.elbo(q3), "GaussianJoint q dimension", "model dimension", "3 and 2");
        assertRefused(() -> joint.klToPosterior(q3), "GaussianJoint q dimension", "3 and 2");
        assertRefused(() -> joint.elboMagnitude(null), "GaussianJoint q", "null");
    }
}
