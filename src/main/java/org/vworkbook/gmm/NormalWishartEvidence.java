package org.vworkbook.gmm;

import org.apache.commons.math3.special.Gamma;
import org.vworkbook.util.Matrices;

/**
 * The exact log evidence of one Gaussian with a Gaussian-Wishart prior, the K = 1 case of the
 * mixture: x_n ~ N(mu, Lambda^-1), mu | Lambda ~ N(m0, (beta0 Lambda)^-1), Lambda ~ W(W0, nu0).
 * Written from the conjugate update (Murphy 2007, "Conjugate Bayesian analysis of the Gaussian
 * distribution", eq. 266, with his Lambda_0 = W0^-1 and kappa = beta), independently of the
 * mixture's CAVI code:
 *
 * <pre>
 *   ln p(X) = -N D/2 ln pi + ln Gamma_D(nu_N / 2) - ln Gamma_D(nu0 / 2)
 *             + nu0/2 ln|W0^-1| - nu_N/2 ln|W_N^-1| + D/2 ln(beta0 / beta_N),
 *   beta_N = beta0 + N, nu_N = nu0 + N,
 *   W_N^-1 = W0^-1 + sum_n (x_n - xbar)(x_n - xbar)^T + beta0 N / (beta0 + N) (xbar - m0)(xbar - m0)^T,
 * </pre>
 *
 * with ln Gamma_D(a) = D(D-1)/4 ln pi + sum_{i=1..D} ln Gamma(a + (1 - i)/2).
 */
public final class NormalWishartEvidence {
    private NormalWishartEvidence() {}

    /** ln p(X) for the prior's beta0, m0, nu0 and W0 (its alpha0 plays no part: with K = 1, pi_1 = 1). */
    public static double logEvidence(MixtureData data, GaussianMixturePrior prior) {
        if (data == null || prior == null || prior.dimension() != data.dimension()) {
            throw new IllegalArgumentException("NormalWishartEvidence needs data and a prior of the same dimension");
        }
        int n = data.size();
        int d = data.dimension();
        double[] xbar = data.mean();
        double[] m0 = prior.mean();
        double b0 = prior.meanPrecision();
        double nu0 = prior.degreesOfFreedom();
        double[][] w0inv = prior.covariancePrior();
        double[][] wninv = Matrices.copy(w0inv);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    wninv[a][b] += (data.get(i, a) - xbar[a]) * (data.get(i, b) - xbar[b]);
                }
            }
        }
        double shrink = b0 * n / (b0 + n);
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                wninv[a][b] += shrink * (xbar[a] - m0[a]) * (xbar[b] - m0[b]);
            }
        }
        GaussianMixturePrior.symmetrised(wninv);
        double nuN = nu0 + n;
        double logDet0 = Matrices.logDeterminant(Matrices.cholesky("NormalWishartEvidence", "W0^-1", w0inv));
        double logDetN = Matrices.logDeterminant(Matrices.cholesky("NormalWishartEvidence", "W_N^-1", wninv));
        return -0.5 * n * d * Math.log(Math.PI) + logMultivariateGamma(0.5 * nuN, d) - logMultivariateGamma(0.5 * nu0, d)
                + 0.5 * nu0 * logDet0 - 0.5 * nuN * logDetN + 0.5 * d * Math.log(b0 / (b0 + n));
    }

    /** ln Gamma_D(a) = D(D-1)/4 ln pi + sum_{i=1..D} ln Gamma(a + (1 - i)/2), for a > (D - 1)/2. */
    static double logMultivariateGamma(double a, int d) {
        double s = 0.25 * d * (d - 1) * Math.log(Math.PI);
        for (int i = 1; i <= d; i++) {
            s += Gamma.logGamma(a + 0.5 * (1 - i));
        }
        return s;
    }
}
