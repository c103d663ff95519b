package org.vworkbook.divergence;

import org.vworkbook.distributions.GaussianMixture;
import org.vworkbook.util.Check;

/**
 * The forward fit of q = N(mu, I) to a 2-D mixture p from samples: {@code samples} draws of p, one
 * pass of stochastic gradient descent on KL(p, q) in minibatches of {@link #BATCH}
 * ({@link ForwardKL#isotropicMeanBySgd}), which ends at the sample mean. Its Monte Carlo standard
 * error per coordinate is sqrt(Cov_p[x]_ii / samples).
 *
 * @param p the target
 * @param draws the draws of p
 * @param fit the SGD run
 * @param standardError the Monte Carlo standard error of each coordinate of mu
 */
public record IsotropicForwardFit(GaussianMixture p, double[][] draws, ForwardKL.StochasticFit fit, double[] standardError) {
    /** Draws per minibatch. */
    public static final int BATCH = 100;

    public IsotropicForwardFit {
        if (p == null || draws == null || fit == null) {
            throw new IllegalArgumentException("IsotropicForwardFit p, draws and fit must not be null");
        }
        draws = org.vworkbook.util.Matrices.copy(draws);
        standardError = standardError.clone();
    }

    /** The draws of p (a copy). */
    @Override
    public double[][] draws() {
        return org.vworkbook.util.Matrices.copy(draws);
    }

    /** {@code samples} draws of p from Well19937c(seed), then SGD from {@code init}. */
    public static IsotropicForwardFit of(GaussianMixture p, int samples, long seed, double[] init) {
        if (p == null) {
            throw new IllegalArgumentException("IsotropicForwardFit p must not be null");
        }
        Check.atLeast("IsotropicForwardFit", "samples", samples, 1);
        double[][] draws = ForwardKL.sample(p, samples, seed);
        ForwardKL.StochasticFit fit = ForwardKL.isotropicMeanBySgd(draws, BATCH, init);
        double[][] cov = p.covariance();
        double[] se = new double[p.dimension()];
        for (int i = 0; i < se.length; i++) {
            se[i] = Math.sqrt(cov[i][i] / samples);
        }
        return new IsotropicForwardFit(p, draws, fit, se);
    }

    /** mu of the fit. */
    public double[] mean() {
        return fit.mean();
    }

    /** The number of draws. */
    public int samples() {
        return draws.length;
    }

    @Override
    public double[] standardError() {
        return standardError.clone();
    }
}
