package org.vworkbook.bbvi;

/**
 * The model side of black-box VI: the unnormalised log joint log p(x, z) of the data x (fixed) and a
 * latent vector z, pointwise. Nothing else: no expectations, no conjugacy.
 *
 * <p>For Rao-Blackwellisation a target may give the terms of the log joint that involve factor f of
 * a mean-field family (its Markov blanket; the factor numbers are the family's). For the
 * reparameterisation estimator it gives grad_z log p(x, z).
 */
public interface Target {

    /** log p(x, z), up to a constant that does not depend on z. */
    double logJoint(double[] z);

    /**
     * The terms of the log joint that involve factor {@code factor} of the family; terms that do not
     * may be left out. The default keeps them all.
     */
    default double logJointTerms(double[] z, int factor) {
        return logJoint(z);
    }

    /**
     * grad_z log p(x, z).
     *
     * @throws UnsupportedOperationException by default: a target without a gradient serves only the
     *     score-function estimators
     */
    default double[] gradLogJoint(double[] z) {
        throw new UnsupportedOperationException("Target " + this + " has no gradient: use a score-function estimator");
    }
}
