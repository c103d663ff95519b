package org.vworkbook.cavi;

import java.util.Arrays;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.util.Check;

/**
 * A fully factorised Gaussian q(z) = prod_j N(z_j | m_j, s_j^2), held as means and variances.
 */
public record MeanFieldGaussianState(double[] means, double[] variances) {
    public MeanFieldGaussianState {
        means = Check.finiteVector("MeanFieldGaussianState", "means", means);
        variances = Check.positiveVector("MeanFieldGaussianState", "variances", variances);
        Check.sameLength("MeanFieldGaussianState", "means", means.length, "variances", variances.length);
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] variances() {
        return variances.clone();
    }

    public double mean(int j) {
        return means[j];
    }

    public double variance(int j) {
        return variances[j];
    }

    public int dimension() {
        return means.length;
    }

    /** The factor q_j. */
    public Normal factor(int j) {
        return Normal.ofMeanVariance(means[j], variances[j]);
    }

    /** q as one multivariate Gaussian with diagonal covariance. */
    public MultivariateNormal asMultivariate() {
        return MultivariateNormal.ofMeanDiagonalVariance(means, variances);
    }

    @Override
    public String toString() {
        return "q(means=" + Arrays.toString(means) + ", variances=" + Arrays.toString(variances) + ")";
    }
}
