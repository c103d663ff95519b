package org.vworkbook.gmm;

import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.special.Gamma;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.util.Matrices;

/**
 * q(pi, mu, Lambda) = Dir(pi | alpha) prod_k N(mu_k | m_k, (beta_k Lambda_k)^-1) W(Lambda_k | W_k, nu_k)
 * (Bishop 10.55-10.59), with the expectations the other updates and the ELBO use cached:
 *
 * <pre>
 *   log pi~_k     = E[log pi_k]     = psi(alpha_k) - psi(sum_j alpha_j)                      (10.66)
 *   log Lambda~_k = E[log |Lambda_k|] = sum_{i=1..D} psi((nu_k + 1 - i)/2) + D log 2 + log |W_k|  (10.65)
 * </pre>
 */
public final class MixturePosterior {
    final double[] alpha;
    final double[] beta;
    final double[][] means;
    final double[][][] scale;
    final double[] nu;
    final double[] logPiTilde;
    final double[] logLambdaTilde;
    final double[] logDetScale;
    /** Per component, the upper-triangular U_k = sqrt(nu_k) L_k^T with W_k = L_k L_k^T, row-major D x D. */
    final double[][] whitening;

    MixturePosterior(double[] alpha, double[] beta, double[][] means, double[][][] scale, double[] nu) {
        this.alpha = alpha;
        this.beta = beta;
        this.means = means;
        this.scale = scale;
        this.nu = nu;
        int k = alpha.length;
        int d = means[0].length;
        this.logPiTilde = new double[k];
        this.logLambdaTilde = new double[k];
        this.logDetScale = new double[k];
        this.whitening = new double[k][d * d];
        double sumAlpha = 0;
        for (double a : alpha) {
            sumAlpha += a;
        }
        double psiSum = Gamma.digamma(sumAlpha);
        for (int c = 0; c < k; c++) {
            logPiTilde[c] = Gamma.digamma(alpha[c]) - psiSum;
            CholeskyDecomposition chol = Matrices.cholesky("MixturePosterior", "scale W_" + c, scale[c]);
            logDetScale[c] = Matrices.logDeterminant(chol);
            double s = d * Math.log(2) + logDetScale[c];
            for (int i = 1; i <= d; i++) {
                s += Gamma.digamma(0.5 * (nu[c] + 1 - i));
            }
            logLambdaTilde[c] = s;
            double[][] l = chol.getL().getData();
            double sq = Math.sqrt(nu[c]);
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    whitening[c][i * d + j] = sq * l[j][i];
                }
            }
        }
    }

    public int components() {
        return alpha.length;
    }

    public int dimension() {
        return means[0].length;
    }

    /** The Dirichlet parameters alpha_k = alpha0 + N_k. */
    public double[] weightConcentration() {
        return alpha.clone();
    }

    /** beta_k = beta0 + N_k. */
    public double[] meanPrecision() {
        return beta.clone();
    }

    /** nu_k = nu0 + N_k. */
    public double[] degreesOfFreedom() {
        return nu.clone();
    }

    /** m_k, the posterior means of the component means. */
    public double[][] means() {
        return Matrices.copy(means);
    }

    /** W_k. */
    public double[][] scale(int k) {
        return Matrices.copy(scale[k]);
    }

    /** E[pi_k] = alpha_k / sum_j alpha_j. */
    public double[] weights() {
        double s = 0;
        for (double a : alpha) {
            s += a;
        }
        double[] w = new double[alpha.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = alpha[k] / s;
        }
        return w;
    }

    /** (nu_k W_k)^-1 = E[Lambda_k]^-1, the covariance a plug-in fit would use (scikit-learn's covariances_). */
    public double[][] covariance(int k) {
        double[][] w = Matrices.copy(scale[k]);
        for (double[] row : w) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= nu[k];
            }
        }
        return GaussianMixturePrior.symmetrised(
                Matrices.cholesky("MixturePosterior", "nu W_" + k, w).getSolver().getInverse().getData());
    }

    /** Component k as a Gaussian N(m_k, E[Lambda_k]^-1), for drawing ellipses. */
    public MultivariateNormal component(int k) {
        return MultivariateNormal.ofMeanCovariance(means[k], covariance(k));
    }

    /** E[log pi_k]. */
    public double[] expectedLogWeights() {
        return logPiTilde.clone();
    }

    /** E[log |Lambda_k|]. */
    public double[] expectedLogDetPrecision() {
        return logLambdaTilde.clone();
    }
}
