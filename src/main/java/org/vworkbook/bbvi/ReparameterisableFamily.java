package org.vworkbook.bbvi;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * A {@link Family} whose draws are differentiable functions of eta, z = T(noise; eta), which is what the
 * reparameterisation (pathwise) gradient needs (Kingma and Welling 2014; Figurnov et al. 2018 for the
 * implicit form): for a draw, the vector-Jacobian product
 *
 * <pre>
 *   pullBack(g) = (dz/d eta)^T g,   g = grad_z log p(x, z) at the draw
 * </pre>
 *
 * and the gradient of the entropy H[q] in closed form, so that
 * grad ELBO = E[(dz/d eta)^T grad_z log p(x, z)] + grad H[q].
 */
public interface ReparameterisableFamily<Q> extends Family<Q> {

    /** A source of draws z ~ q that remember how they depend on eta. */
    PathwiseSampler pathwiseSampler(Q q, RandomGenerator random);

    /** Draws z = T(noise; eta). */
    @FunctionalInterface
    interface PathwiseSampler {
        /** The next draw (throws {@link NonFiniteEstimateException} if it cannot be represented). */
        PathwiseDraw draw();
    }

    /** One draw z and its Jacobian in eta. */
    interface PathwiseDraw {
        /** z. */
        double[] z();

        /** (dz/d eta)^T g for a gradient g in z (one entry per coordinate of eta). */
        double[] pullBack(double[] gradient);
    }

    /** d H[q] / d eta. */
    double[] entropyGradient(Q q);
}
