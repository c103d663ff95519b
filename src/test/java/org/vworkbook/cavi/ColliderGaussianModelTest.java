package org.vworkbook.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.cavi.GaussianMeanFieldTest.assertMessage;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class ColliderGaussianModelTest {

    @Test
    void completedSquareEqualsTheJointTermByTerm() {
        RandomGenerator r = new Well19937c(4);
        for (int rep = 0; rep < 50; rep++) {
            ColliderGaussianModel m = ColliderGaussianModel.of(0.1 + 2 * r.nextDouble(), 0.1 + 2 * r.nextDouble(), 6 * r.nextDouble() - 3);
            double[] z = {3 * r.nextGaussian(), 3 * r.nextGaussian(), 3 * r.nextGaussian()};
            assertEquals(m.logJoint(z[0], z[1], z[2]), m.joint().logJoint(z), 1e-10 * (1 + Math.abs(m.logJoint(z[0], z[1], z[2]))));
            // two routes to the evidence: the marginal x ~ N(0, 2 + s3^2 + sx^2) and the completed square
            assertEquals(m.logEvidence(), m.joint().logEvidence(), 1e-12);
        }
    }

    @Test
    void posteriorOfTheCausesIsTheLinearGaussianModelWithZ3IntegratedOut() {
        double s3 = 0.5;
        double sx = 0.5;
        double v = s3 * s3 + sx * sx;
        ColliderGaussianModel m = ColliderGaussianModel.of(s3, sx, 2.0);
        // x | z1, z2 ~ N(z1 + z2, v): the W3 model with theta = (1, 1) and noise variance v
        org.vworkbook.exact.LinearGaussianModel marginal = org.vworkbook.exact.LinearGaussianModel.of(new double[] {1, 1}, v, 2.0);
        for (int i = 0; i < 2; i++) {
            assertEquals(marginal.posterior().mean(i), m.posterior().mean(i), 1e-12);
            for (int j = 0; j < 2; j++) {
                assertEquals(marginal.posterior().covariance(i, j), m.posterior().covariance(i, j), 1e-12);
            }
        }
        assertEquals(-1 / (v + 1), m.posterior().correlation(0, 1), 1e-12);
        assertEquals(marginal.logEvidence(), m.logEvidence(), 1e-12);
    }

    @Test
    void badInputsAreRefusedWithMessages() {
        assertMessage("ColliderGaussianModel s3 must be finite and > 0, got 0.0", () -> ColliderGaussianModel.of(0, 1, 1));
        assertMessage("ColliderGaussianModel sx must be finite and > 0, got -1.0", () -> ColliderGaussianModel.of(1, -1, 1));
        assertMessage("ColliderGaussianModel x must be finite, got NaN", () -> ColliderGaussianModel.of(1, 1, Double.NaN));
    }

    @Test
    void offFixedPointIsTheMeanErrorAndTheKlExcessOfTheMeans() {
        ColliderGaussianModel c = ColliderGaussianModel.of(0.7, 0.4, 1.3);
        double[] exact = c.posterior().mean();
        ColliderGaussianModel.FixedPointOffset zero = c.offFixedPoint(exact);
        for (double v : zero.meanOffset()) {
            assertEquals(0.0, v, 1e-12);
        }
        assertEquals(0.0, zero.klExcess(), 1e-24);
        // m = E[z | x] + delta: the offset is delta, the excess 1/2 delta^T Lambda delta
        double[] delta = {0.3, -0.2, 0.1};
        double[] m = {exact[0] + delta[0], exact[1] + delta[1], exact[2] + delta[2]};
        ColliderGaussianModel.FixedPointOffset off = c.offFixedPoint(m);
        double[][] lambda = c.joint().precision();
        double quad = 0;
        for (int a = 0; a < 3; a++) {
            assertEquals(delta[a], off.meanOffset()[a], 1e-12);
            for (int b = 0; b < 3; b++) {
                quad += delta[a] * lambda[a][b] * delta[b];
            }
        }
        assertEquals(0.5 * quad, off.klExcess(), 1e-12);
        // keeping z1, z2 together removes 1/2 log(L11 L22 / (L11 L22 - L12^2)) from the KL
        double l11l22 = lambda[0][0] * lambda[1][1];
        assertEquals(0.5 * Math.log(l11l22 / (l11l22 - lambda[0][1] * lambda[0][1])), c.structuredKlGain(), 1e-12);
        assertTrue(c.structuredKlGain() > 0);
    }
}
