package org.vworkbook.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.FoundationAssertions.assertRefused;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.MultivariateNormal;

class GaussianJointIdentityTest {
    private static final LinearGaussianModel MODEL = LinearGaussianModel.of(new double[] {1.0, 1.5}, 1.0, 2.0);

    @Test
    void everyRandomQSatisfiesTheIdentityAndTheMonteCarloElboAgreesWithTheClosedForm() {
        GaussianJointIdentity id = GaussianJointIdentity.onRandomGaussians(MODEL.joint(), MODEL::logJoint, 50, 20_000, 3);
        assertEquals(50, id.count());
        assertTrue(id.maxError() < 1e-12, "identity error " + id.maxError());
        for (int k = 0; k < id.count(); k++) {
            assertTrue(id.kl()[k] >= 0);
            assertTrue(id.magnitude()[k] >= Math.abs(id.elbo()[k]));
        }
        assertSame(id.q()[0], id.monteCarloQ());
        assertEquals(MODEL.joint().elbo(id.monteCarloQ()), id.monteCarloElbo(), 5 * id.monteCarloStandardError());
        assertTrue(id.monteCarloStandardError() > 0);
        assertEquals(MODEL.joint().logEvidence(), id.logEvidence(), 0.0);
    }

    @Test
    void withoutRandomQTheMonteCarloCheckIsOfThePosteriorWhoseElboIsTheEvidence() {
        GaussianJointIdentity id = GaussianJointIdentity.onRandomGaussians(MODEL.joint(), MODEL::logJoint, 0, 1000, 1);
        assertEquals(0.0, id.maxError(), 0.0);
        assertEquals(1.5, id.maxKl(1.5), 0.0);
        // under the posterior, log p(x, z) - log p(z | x) = log p(x) exactly for every z: no spread at all
        assertEquals(MODEL.joint().logEvidence(), id.monteCarloElbo(), 1e-12);
        assertTrue(id.monteCarloStandardError() < 1e-12);
    }

    @Test
    void theRandomGaussiansArePositiveDefiniteAroundTheCentreAndReproducible() {
        MultivariateNormal a = GaussianJointIdentity.randomGaussian(new double[] {1, 2, 3}, new Well19937c(5));
        MultivariateNormal b = GaussianJointIdentity.randomGaussian(new double[] {1, 2, 3}, new Well19937c(5));
        assertEquals(a.mean(2), b.mean(2), 0.0);
        assertEquals(a.covariance(0, 1), a.covariance(1, 0), 0.0);
        assertTrue(a.covariance(1, 1) >= 0.05);
        double meanOffset = 0;
        Well19937c r = new Well19937c(9);
        for (int k = 0; k < 2000; k++) {
            meanOffset += GaussianJointIdentity.randomGaussian(new double[] {4.0}, r).mean(0) - 4.0;
        }
        assertEquals(0.0, meanOffset / 2000, 5 / Math.sqrt(2000));
    }

    @Test
    void badInputIsRefused() {
        assertRefused(() -> GaussianJointIdentity.onRandomGaussians(MODEL.joint(), MODEL::logJoint, -1, 10, 1), "count", "-1");
        assertRefused(() -> GaussianJointIdentity.onRandomGaussians(MODEL.joint(), MODEL::logJoint, 1, 1, 1), "samples", "1");
        assertRefused(() -> GaussianJointIdentity.onRandomGaussians(null, MODEL::logJoint, 1, 10, 1), "joint");
    }
}
