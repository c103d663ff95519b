package org.vworkbook.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.FoundationAssertions.assertRefused;

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
}
