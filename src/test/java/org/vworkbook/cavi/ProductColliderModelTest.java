package org.vworkbook.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.cavi.GaussianMeanFieldTest.assertMessage;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.Normal;

/** The non-Gaussian collider: its log joint term by term, and its grid posterior against Monte Carlo and symmetry. */
class ProductColliderModelTest {
    @Test
    void logJointIsTheSumOfTheFourNormalLogDensities() {
        ProductColliderModel m = ProductColliderModel.of(0.5, 0.7, 2.0);
        double z1 = 0.3;
        double z2 = -1.2;
        double z3 = 0.8;
        double expected = -0.5 * z1 * z1 - 0.5 * z2 * z2 - 0.5 * (z3 - z1 * z2) * (z3 - z1 * z2) / 0.25
                - 0.5 * (2.0 - z3) * (2.0 - z3) / 0.49 - 2 * Math.log(2 * Math.PI) - Math.log(0.5) - Math.log(0.7);
        assertEquals(expected, m.logJoint(z1, z2, z3), 1e-13);
        assertEquals(1.25, m.startVariances()[2], 0.0);
    }

    @Test
    void gridPosteriorIsSymmetricAndItsEvidenceMatchesMonteCarlo() {
        double s = 0.5;
        double sx = 0.5;
        double x = 2.0;
        GridPosterior p = ProductColliderModel.of(s, sx, x).posteriorOnGrid(61);
        assertEquals(0.0, p.mean()[0], 1e-10);
        assertEquals(0.0, p.mean()[1], 1e-10);
        assertTrue(p.largestEdgeMass() < 1e-6);
        // z3 integrates out: x | z1, z2 ~ N(z1 z2, s^2 + sx^2); average over the prior with a fixed seed
        double[] mc = monteCarloEvidence(s, sx, x, 200_000, 11);
        assertEquals(mc[0], Math.exp(p.logEvidence()), 5 * mc[1]);
        assertMessage("ProductColliderModel s must be finite and > 0", () -> ProductColliderModel.of(0, 1, 1));
        assertMessage("ProductColliderModel x must be finite", () -> ProductColliderModel.of(1, 1, Double.NaN));
    }

    /**
     * p(x) of the product collider by Monte Carlo over the prior, with z3 integrated out
     * (x | z1, z2 ~ N(z1 z2, s^2 + sx^2)): {mean, standard error} of n draws from Well19937c(seed).
     */
    static double[] monteCarloEvidence(double s, double sx, double x, int n, long seed) {
        RandomGenerator r = new Well19937c(seed);
        Normal noise = Normal.ofMeanVariance(0, s * s + sx * sx);
        double sum = 0;
        double sumSq = 0;
        for (int k = 0; k < n; k++) {
            double v = noise.density(x - r.nextGaussian() * r.nextGaussian());
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / n;
        return new double[] {mean, Math.sqrt((sumSq / n - mean * mean) / n)};
    }
}
