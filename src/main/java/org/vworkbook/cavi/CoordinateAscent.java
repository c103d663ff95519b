package org.vworkbook.cavi;

/**
 * What a model supplies to the CAVI engine: one sweep of factor updates, the ELBO of a state, and
 * the size of the change between two states that the stopping rule compares with the tolerance.
 *
 * <p>States are immutable values; {@link #sweep} returns a new state. The engine ({@link Cavi})
 * owns iteration, the ELBO history, the tolerance, the iteration limit and the monotonicity check.
 *
 * @param <S> the variational state (the parameters of every factor)
 */
public interface CoordinateAscent<S> {

    /** Updates every factor once, in order, each to its optimum given the others. */
    S sweep(S state);

    /** The evidence lower bound E_q[log p(x, z)] - E_q[log q(z)] at this state. */
    double elbo(S state);

    /**
     * The change that the stopping rule tests against the tolerance. The default is the absolute
     * change of the ELBO; the Gaussian notebooks use the largest change of any mean instead (the
     * contract's rule).
     */
    default double change(S before, S after) {
        return Math.abs(elbo(after) - elbo(before));
    }

    /**
     * The size of the largest term in the sum that {@link #elbo} computes (at least |elbo|): the
     * ELBO carries a rounding error of a few units in the last place of this, not of the ELBO itself,
     * when large terms cancel (a Gaussian joint with a small noise variance has c ~ -x^2 / (2 sigma2)
     * and h^T m ~ x^2 / sigma2 while their sum is of order 1). {@link Cavi} allows a drop of the
     * ELBO of this size's rounding. The default is |elbo(state)|, for models without such cancellation.
     */
    default double elboMagnitude(S state) {
        return Math.abs(elbo(state));
    }
}
