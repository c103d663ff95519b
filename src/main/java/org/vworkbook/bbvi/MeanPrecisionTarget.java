package org.vworkbook.bbvi;

import org.vworkbook.exact.NormalNormalGammaModel;

/**
 * A {@link Target} over z = (mu, tau), a real mean and a positive precision, in the factor order of
 * {@link NormalGammaFamily}. What black-box VI needs to know of such a model: the
 * log joint log p(x, mu, tau) pointwise (for the score-function estimators), its terms grouped by
 * the factor they involve (for Rao-Blackwellisation), and its gradient (for the
 * reparameterisation estimator). Nothing else: no expectations, no conjugacy.
 */
public interface MeanPrecisionTarget extends Target {

    /** log p(x, z) at z = (mu, tau). */
    @Override
    default double logJoint(double[] z) {
        return logJoint(z[0], z[1]);
    }

    /** Factor {@link NormalGammaFamily#MU}: the terms with mu; {@link NormalGammaFamily#TAU}: those with tau. */
    @Override
    default double logJointTerms(double[] z, int factor) {
        switch (factor) {
            case NormalGammaFamily.MU:
                return logJointTermsWithMu(z[0], z[1]);
            case NormalGammaFamily.TAU:
                return logJointTermsWithTau(z[0], z[1]);
            default:
                throw new IllegalArgumentException("MeanPrecisionTarget factor must be 0 (mu) or 1 (tau), got " + factor);
        }
    }

    /** {d/dmu, d/dtau} log p(x, z) at z = (mu, tau). */
    @Override
    default double[] gradLogJoint(double[] z) {
        return gradLogJoint(z[0], z[1]);
    }

    /** log p(x, mu, tau), up to a constant that does not depend on (mu, tau) being allowed. */
    double logJoint(double mu, double tau);

    /**
     * The terms of the log joint that involve mu (the factors in mu's Markov blanket). Terms that
     * do not involve mu may be left out; the default keeps them all.
     */
    default double logJointTermsWithMu(double mu, double tau) {
        return logJoint(mu, tau);
    }

    /** The terms of the log joint that involve tau; the default keeps them all. */
    default double logJointTermsWithTau(double mu, double tau) {
        return logJoint(mu, tau);
    }

    /** {d/dmu, d/dtau} of log p(x, mu, tau). */
    double[] gradLogJoint(double mu, double tau);

    /**
     * The Normal-Normal-Gamma model as a target. Every factor of its joint involves tau, so
     * {@link #logJointTermsWithTau} is the whole joint; {@link #logJointTermsWithMu} leaves out
     * log p(tau).
     */
    static MeanPrecisionTarget of(NormalNormalGammaModel model) {
        if (model == null) {
            throw new IllegalArgumentException("MeanPrecisionTarget model must not be null");
        }
        return new MeanPrecisionTarget() {
            @Override
            public double logJoint(double mu, double tau) {
                return model.logJoint(mu, tau);
            }

            @Override
            public double logJointTermsWithMu(double mu, double tau) {
                return model.logJointTermsWithMu(mu, tau);
            }

            @Override
            public double[] gradLogJoint(double mu, double tau) {
                return model.gradLogJoint(mu, tau);
            }

            @Override
            public String toString() {
                return model.toString();
            }
        };
    }
}
