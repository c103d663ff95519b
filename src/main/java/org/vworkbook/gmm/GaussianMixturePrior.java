package org.vworkbook.gmm;

import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * The conjugate prior of a Bayesian Gaussian mixture with K components in R^D (Bishop 10.39-10.40):
 *
 * <pre>
 *   p(pi)             = Dir(pi | alpha0, ..., alpha0)
 *   p(mu_k, Lambda_k) = N(mu_k | m0, (beta0 Lambda_k)^-1) W(Lambda_k | W0, nu0)
 * </pre>
 *
 * scikit-learn's BayesianGaussianMixture uses the same prior with weight_concentration_prior =
 * alpha0, mean_precision_prior = beta0, mean_prior = m0, degrees_of_freedom_prior = nu0 and
 * covariance_prior = W0^-1 ({@link #covariancePrior()}).
 *
 * @param weightConcentration alpha0 > 0 (small values let unneeded components empty out)
 * @param meanPrecision beta0 > 0
 * @param mean m0, length D
 * @param degreesOfFreedom nu0 > D - 1
 * @param scale W0, D x D symmetric positive definite
 */
public record GaussianMixturePrior(double weightConcentration, double meanPrecision, double[] mean,
        double degreesOfFreedom, double[][] scale) {
    private static final String NAME = "GaussianMixturePrior";

    public GaussianMixturePrior {
        Check.positive(NAME, "weightConcentration", weightConcentration);
        Check.positive(NAME, "meanPrecision", meanPrecision);
        mean = Check.finiteVector(NAME, "mean", mean);
        int d = mean.length;
        if (!Double.isFinite(degreesOfFreedom) || !(degreesOfFreedom > d - 1)) {
            throw new IllegalArgumentException(NAME + " degreesOfFreedom must be finite and > D - 1 = " + (d - 1)
                    + ", got " + degreesOfFreedom);
        }
        scale = Check.symmetricMatrix(NAME, "scale", scale, d);
        Matrices.cholesky(NAME, "scale", scale);
    }

    /** The prior from scikit-learn's parameters: W0 = covariancePrior^-1. */
    public static GaussianMixturePrior ofCovariancePrior(double weightConcentration, double meanPrecision,
            double[] mean, double degreesOfFreedom, double[][] covariancePrior) {
        double[] m = Check.finiteVector(NAME, "mean", mean);
        double[][] c = Check.symmetricMatrix(NAME, "covariancePrior", covariancePrior, m.length);
        double[][] w = Matrices.cholesky(NAME, "covariancePrior", c).getSolver().getInverse().getData();
        return new GaussianMixturePrior(weightConcentration, meanPrecision, m, degreesOfFreedom, symmetrised(w));
    }

    /**
     * scikit-learn's defaults with the given weight concentration: beta0 = 1, m0 = the data mean,
     * nu0 = D, covariance prior (W0^-1) = the sample covariance of the data.
     */
    public static GaussianMixturePrior defaultsFor(MixtureData data, double weightConcentration) {
        return ofCovariancePrior(weightConcentration, 1.0, data.mean(), data.dimension(), data.covariance());
    }

    /**
     * The covariance prior W0^-1 for the data, as scikit-learn: the sample covariance S, when it is
     * positive definite. S is singular when the points do not span the space (fewer than D + 1
     * points, or all on one line in 2-D), and then no Wishart scale W0 = S^-1 exists; this returns
     * S + (tr S / D) I instead, which keeps S's spread along the data and gives the missing
     * directions the average variance, or the identity when all points coincide (tr S = 0).
     * Positive definite here means: smallest eigenvalue above 1e-12 times the largest.
     */
    public static double[][] covariancePriorFor(MixtureData data) {
        if (data == null) {
            throw new IllegalArgumentException(NAME + " data must not be null");
        }
        double[][] s = data.covariance();
        if (isWellPositiveDefinite(s)) {
            return s;
        }
        int d = s.length;
        double trace = 0;
        for (int j = 0; j < d; j++) {
            trace += s[j][j];
        }
        double add = trace > 0 ? trace / d : 1.0;
        for (int j = 0; j < d; j++) {
            s[j][j] += add;
        }
        return s;
    }

    /** Whether the data's sample covariance is used as it is by {@link #covariancePriorFor}. */
    public static boolean sampleCovarianceIsPositiveDefinite(MixtureData data) {
        return isWellPositiveDefinite(data.covariance());
    }

    private static boolean isWellPositiveDefinite(double[][] s) {
        double[] ev = new org.apache.commons.math3.linear.EigenDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(s)).getRealEigenvalues();
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double e : ev) {
            max = Math.max(max, e);
            min = Math.min(min, e);
        }
        return max > 0 && min > 1e-12 * max;
    }

    static double[][] symmetrised(double[][] a) {
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                double m = 0.5 * (a[i][j] + a[j][i]);
                a[i][j] = m;
                a[j][i] = m;
            }
        }
        return a;
    }

    public int dimension() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[][] scale() {
        return Matrices.copy(scale);
    }

    /** W0^-1, scikit-learn's covariance_prior. */
    public double[][] covariancePrior() {
        return symmetrised(Matrices.cholesky(NAME, "scale", scale).getSolver().getInverse().getData());
    }
}
