package org.vworkbook.bbvi;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * A variational family q(z | eta) for black-box VI, the guide of Pyro's SVI: a family of distributions
 * over a latent vector z, indexed by <b>unconstrained</b> parameters eta in R^d, so that any step of an
 * optimiser gives a valid q. {@code Q} is the family's own description of a member (e.g. the factors'
 * parameters).
 *
 * <p>What a gradient estimator needs of it: the map eta &lt;-&gt; q, draws z ~ q, log q(z) and the score
 * d/d eta log q(z | eta), whose expectation under q is zero (the identity behind the score-function
 * estimator and its control variates). A mean-field family also says which coordinates of eta belong
 * to which factor q_f(z) ({@link #factors()}, {@link #factorOf(int)}, {@link #logDensity(Object, double[], int)}),
 * so that a score-function estimator can Rao-Blackwellise per factor (Ranganath et al. 2014, eq. 5).
 * A family whose draws are differentiable in eta is a {@link ReparameterisableFamily}.
 */
public interface Family<Q> {

    /** d, the number of unconstrained coordinates. */
    int dimension();

    /** eta of q. */
    double[] toUnconstrained(Q q);

    /**
     * The q of eta.
     *
     * @throws IllegalArgumentException if eta has the wrong length or is not {@link #representable}
     */
    Q fromUnconstrained(double[] eta);

    /**
     * Whether eta stands for a q that can be computed with in double precision (by default: every
     * coordinate finite). A black-box VI run stops, as diverged, at the first step that is not.
     */
    default boolean representable(double[] eta) {
        for (double e : eta) {
            if (!Double.isFinite(e)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A source of independent draws z ~ q taking its randomness from {@code random}.
     * A draw that cannot be represented (e.g. a Gamma draw that underflows to 0) throws
     * {@link NonFiniteEstimateException}.
     */
    Sampler sampler(Q q, RandomGenerator random);

    /** Draws of z ~ q. */
    @FunctionalInterface
    interface Sampler {
        /** The next draw. */
        double[] draw();
    }

    /** The number of factors of a mean-field q = prod_f q_f (1 if q is not factorised). */
    default int factors() {
        return 1;
    }

    /** The factor that coordinate {@code coordinate} of eta parameterises (0 if q is not factorised). */
    default int factorOf(int coordinate) {
        return 0;
    }

    /** log q_f(z) of factor {@code factor}: the terms of log q that involve that factor. */
    double logDensity(Q q, double[] z, int factor);

    /** log q(z) = sum_f log q_f(z). */
    default double logDensity(Q q, double[] z) {
        double s = 0;
        for (int f = 0; f < factors(); f++) {
            s += logDensity(q, z, f);
        }
        return s;
    }

    /** The score d/d eta log q(z | eta) ({@link #dimension()} entries). */
    double[] score(Q q, double[] z);
}
