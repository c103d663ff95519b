package org.vworkbook.em;

import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * The q(z_n) of every data point of a {@link ScalarFactorModel} at once, in the form both E-steps
 * produce: q(z_n) = N(gain * x_n, covariance), the same covariance for every n and a mean linear in
 * x_n. Everything the M-step and the ELBO need follows from N, sum x_n^2 and these two.
 *
 * @param kind which E-step produced it
 * @param gain g, the mean of q(z_n) is g x_n (length d)
 * @param covariance the covariance shared by every q(z_n) (d x d, positive definite; diagonal for
 *     {@link EStep#MEAN_FIELD})
 */
public record LatentPosteriors(EStep kind, double[] gain, double[][] covariance) {
    public LatentPosteriors {
        if (kind == null) {
            throw new IllegalArgumentException("LatentPosteriors kind must not be null");
        }
        gain = Check.finiteVector("LatentPosteriors", "gain", gain);
        covariance = Check.symmetricMatrix("LatentPosteriors", "covariance", covariance, gain.length);
        Matrices.cholesky("LatentPosteriors", "covariance", covariance);
    }

    @Override
    public double[] gain() {
        return gain.clone();
    }

    @Override
    public double[][] covariance() {
        return Matrices.copy(covariance);
    }

    public double gain(int i) {
        return gain[i];
    }

    public double covariance(int i, int j) {
        return covariance[i][j];
    }

    public int dimension() {
        return gain.length;
    }

    /** q(z_n) for the observation x_n: N(g x_n, covariance). */
    public MultivariateNormal forObservation(double x) {
        Check.finite("LatentPosteriors", "x", x);
        double[] m = new double[gain.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = gain[i] * x;
        }
        return MultivariateNormal.ofMeanCovariance(m, covariance);
    }
}
