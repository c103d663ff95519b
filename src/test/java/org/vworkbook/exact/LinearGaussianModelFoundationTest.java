package org.vworkbook.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.FoundationAssertions.assertRefused;

import java.util.function.DoubleBinaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.numerics.Quadrature;

class LinearGaussianModelFoundationTest {

    /** The integral over [-L, L]^2 of f(z1, z2) exp(log p(x, z)) by nested Gauss-Legendre. */
    static double integrate(GaussianJoint joint, DoubleBinaryOperator f, double half) {
        return Quadrature.integrate(z1 -> Quadrature.integrate(
                z2 -> f.applyAsDouble(z1, z2) * Math.exp(joint.logJoint(new double[] {z1, z2})),
                -half, half, 24), -half, half, 24);
    }

    @Test
    void posteriorAndEvidenceMatchBruteForce2DQuadrature() {
        LinearGaussianModel model = LinearGaussianModel.of(new double[] {0.8, -1.3}, 0.7, 1.4);
        GaussianJoint joint = model.joint();
        double z = integrate(joint, (a, b) -> 1, 12);
        double m1 = integrate(joint, (a, b) -> a, 12) / z;
        double m2 = integrate(joint, (a, b) -> b, 12) / z;
        double c11 = integrate(joint, (a, b) -> (a - m1) * (a - m1), 12) / z;
        double c12 = integrate(joint, (a, b) -> (a - m1) * (b - m2), 12) / z;
        double c22 = integrate(joint, (a, b) -> (b - m2) * (b - m2), 12) / z;
        MultivariateNormal post = model.posterior();
        assertEquals(Math.log(z), model.logEvidence(), 1e-10);
        assertEquals(Math.log(z), joint.logEvidence(), 1e-10);
        assertEquals(m1, post.mean(0), 1e-10);
        assertEquals(m2, post.mean(1), 1e-10);
        assertEquals(c11, post.covariance(0, 0), 1e-10);
        assertEquals(c12, post.covariance(0, 1), 1e-10);
        assertEquals(c22, post.covariance(1, 1), 1e-10);
    }

    @Property(tries = 100)
    void posteriorMatchesTheWoodburyFormAndTheEvidenceRoutesAgree(@ForAll @IntRange(min = 1, max = 5) int d,
            @ForAll long seed, @ForAll @DoubleRange(min = 0.01, max = 10) double sigma2,
            @ForAll @DoubleRange(min = -5, max = 5) double x) {
        Well19937c random = new Well19937c(seed);
        double[] theta = new double[d];
        double norm2 = 0;
        for (int i = 0; i < d; i++) {
            theta[i] = 2 * random.nextGaussian();
            norm2 += theta[i] * theta[i];
        }
        LinearGaussianModel model = LinearGaussianModel.of(theta, sigma2, x);
        // Marginal x ~ N(0, s) with s = sigma2 + |theta|^2; posterior mean theta x / s and
        // covariance I - theta theta^T / s (Woodbury), derived independently of the completed square.
        double s = sigma2 + norm2;
        MultivariateNormal post = model.posterior();
        for (int i = 0; i < d; i++) {
            assertEquals(theta[i] * x / s, post.mean(i), 1e-10 * (1 + Math.abs(theta[i] * x / s)));
            for (int j = 0; j < d; j++) {
                double expected = (i == j ? 1 : 0) - theta[i] * theta[j] / s;
                assertEquals(expected, post.covariance(i, j), 1e-10);
            }
        }
        assertEquals(model.logEvidence(), model.joint().logEvidence(), 1e-9 * (1 + Math.abs(model.logEvidence())));
        // Bayes' rule at random points: log p(x, z) = log p(x) + log p(z | x), both from the term-by-term joint.
        for (int k = 0; k < 5; k++) {
            double[] zz = new double[d];
            for (int i = 0; i < d; i++) {
                zz[i] = 2 * random.nextGaussian();
            }
            double lj = model.logJoint(zz);
            assertEquals(lj, model.joint().logJoint(zz), 1e-9 * (1 + Math.abs(lj)));
            assertEquals(lj, model.logEvidence() + post.logDensity(zz), 1e-8 * (1 + Math.abs(lj)));
        }
    }

    @Test
    void factorizesExactlyWhenAProductOfWeightsIsZero() {
        assertTrue(LinearGaussianModel.of(new double[] {0, 1.3}, 1, 0.5).factorizes());
        assertTrue(LinearGaussianModel.of(new double[] {1.2, 0}, 1, 0.5).factorizes());
        assertTrue(LinearGaussianModel.of(new double[] {0, 0}, 1, 0.5).factorizes());
        assertFalse(LinearGaussianModel.of(new double[] {0.5, 0.5}, 1, 0.5).factorizes());
        assertFalse(LinearGaussianModel.of(new double[] {-1e-3, 2}, 1, 0.5).factorizes());
        assertTrue(LinearGaussianModel.of(new double[] {1, 0, 0}, 1, 0.5).factorizes());
        assertFalse(LinearGaussianModel.of(new double[] {1, 0, 1}, 1, 0.5).factorizes());
        assertTrue(LinearGaussianModel.of(new double[] {2}, 1, 0.5).factorizes());
    }

    @Test
    void accessorsAndDefensiveCopies() {
        double[] theta = {1, 2};
        LinearGaussianModel model = LinearGaussianModel.of(theta, 0.5, -1);
        theta[0] = 100;
        model.theta()[1] = 100;
        assertEquals(1, model.theta()[0], 0);
        assertEquals(2, model.theta()[1], 0);
        assertEquals(0.5, model.noiseVariance(), 0);
        assertEquals(-1, model.observation(), 0);
        assertEquals(2, model.dimension());
    }

    @Test
    void badInputIsRefusedWithAMessageNamingTypeParameterRuleAndValue() {
        assertRefused(() -> LinearGaussianModel.of(new double[] {1, 1}, 0, 1), "LinearGaussianModel sigma2", "> 0", "0.0");
        assertRefused(() -> LinearGaussianModel.of(new double[] {1, 1}, -2, 1), "LinearGaussianModel sigma2", "-2.0");
        assertRefused(() -> LinearGaussianModel.of(new double[] {1, Double.NaN}, 1, 1),
                "LinearGaussianModel theta[1]", "finite", "NaN");
        assertRefused(() -> LinearGaussianModel.of(new double[0], 1, 1), "LinearGaussianModel theta", "empty");
        assertRefused(() -> LinearGaussianModel.of(null, 1, 1), "LinearGaussianModel theta", "null");
        assertRefused(() -> LinearGaussianModel.of(new double[] {1}, 1, Double.POSITIVE_INFINITY),
                "LinearGaussianModel x", "finite", "Infinity");
        LinearGaussianModel model = LinearGaussianModel.of(new double[] {1, 2}, 1, 0.5);
        assertRefused(() -> model.logJoint(new double[] {1, 2, 3}), "LinearGaussianModel z", "theta", "3 and 2");
        assertRefused(() -> model.logJoint(new double[] {1}), "LinearGaussianModel z", "1 and 2");
    }
}
