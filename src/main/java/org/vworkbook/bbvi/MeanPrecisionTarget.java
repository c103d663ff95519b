package org.vworkbook.bbvi;

import org.vworkbook.exact.NormalNormalGammaModel;

/**
 * What black-box VI needs to know of a model over a real mean mu and a positive precision tau: the
 * log joint log p(x, mu, tau) pointwise (for the score-function estimators), its terms grouped by
 * the factor they involve (for Rao-Blackwellisation), and its gradient (for the
 * reparameterisation estimator). Nothing else: no expectations, no conjugacy.
 */
public interface MeanPrecisionTarget {

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
