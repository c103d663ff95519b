package org.vworkbook.em;

/**
 * Which E-step an EM run uses.
 *
 * <ul>
 *   <li>{@link #EXACT}: q(z_n) = p(z_n | x_n, theta_old), the exact posterior. KL(q, posterior) = 0
 *       right after the step, so the bound touches log p(X | theta_old) (Bishop 9.4).</li>
 *   <li>{@link #MEAN_FIELD}: q(z_n) = prod_j q(z_nj), each set to the mean-field fixed point
 *       (the point CAVI converges to). KL(q, posterior) > 0 unless the posterior factorises, so the
 *       bound stays below log p(X | theta_old): variational EM.</li>
 * </ul>
 */
public enum EStep {
    EXACT,
    MEAN_FIELD
}
