package org.vworkbook.vae;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.exact.GaussianJoint;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * The linear-Gaussian decoder p(x | z) = N(x | W z + b, sigma2 I) with prior z ~ N(0, I_L), x in R^D
 * (probabilistic PCA; Tipping and Bishop 1999, Bishop 12.2). Everything about it is Gaussian:
 *
 * <ul>
 *   <li>marginal: x ~ N(b, W W^T + sigma2 I);</li>
 *   <li>joint in z: log p(x, z) = c + h^T z - 1/2 z^T M z with M = I + W^T W / sigma2,
 *       h = W^T (x - b) / sigma2, c = -D/2 log(2 pi sigma2) - |x - b|^2 / (2 sigma2) - L/2 log(2 pi);</li>
 *   <li>posterior: p(z | x) = N(M^-1 W^T (x - b) / sigma2, M^-1). Its covariance does not depend on x
 *       and is diagonal exactly when the columns of W are orthogonal (W^T W diagonal).</li>
 * </ul>
 */
public final class LinearGaussianDecoder {
    private final double[][] weights;
    private final double[] bias;
    private final double noiseVariance;
    private final MultivariateNormal marginal;

    private LinearGaussianDecoder(double[][] weights, double[] bias, double noiseVariance) {
        this.weights = weights;
        this.bias = bias;
        this.noiseVariance = noiseVariance;
        int d = bias.length;
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double s = 0;
                for (int j = 0; j < weights[0].length; j++) {
                    s += weights[i][j] * weights[k][j];
                }
                cov[i][k] = s;
            }
            cov[i][i] += noiseVariance;
        }
        for (int i = 0; i < d; i++) {
            for (int k = i + 1; k < d; k++) {
                cov[k][i] = cov[i][k];
            }
        }
        this.marginal = MultivariateNormal.ofMeanCovariance(bias, cov);
    }

    /**
     * @param weights W, D rows of L finite entries (D, L >= 1)
     * @param bias b, length D
     * @param noiseVariance sigma2 > 0
     */
    public static LinearGaussianDecoder of(double[][] weights, double[] bias, double noiseVariance) {
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("LinearGaussianDecoder weights must have at least one row");
        }
        double[][] w = new double[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            w[i] = Check.finiteVector("LinearGaussianDecoder", "weights row " + i, weights[i]);
            Check.sameLength("LinearGaussianDecoder", "weights row " + i, w[i].length, "weights row 0", w[0].length);
        }
        double[] b = Check.finiteVector("LinearGaussianDecoder", "bias", bias);
        Check.sameLength("LinearGaussianDecoder", "bias", b.length, "weights rows", w.length);
        Check.positive("LinearGaussianDecoder", "noiseVariance", noiseVariance);
        return new LinearGaussianDecoder(w, b, noiseVariance);
    }

    /**
     * A decoder whose columns are far from orthogonal, for generating data: every entry of W and b is
     * a standard normal draw (W row by row, then b), and then column 0 is added to every other column.
     */
    public static LinearGaussianDecoder withCorrelatedColumns(int latentDimension, int observedDimension,
            double noiseVariance, RandomGenerator random) {
        Check.atLeast("LinearGaussianDecoder", "latentDimension", latentDimension, 1);
        Check.atLeast("LinearGaussianDecoder", "observedDimension", observedDimension, 1);
        Check.positive("LinearGaussianDecoder", "noiseVariance", noiseVariance);
        requireRandom(random);
        double[][] w = new double[observedDimension][latentDimension];
        for (double[] row : w) {
            for (int j = 0; j < latentDimension; j++) {
                row[j] = random.nextGaussian();
            }
        }
        for (double[] row : w) {
            for (int j = 1; j < latentDimension; j++) {
                row[j] += row[0];
            }
        }
        double[] b = new double[observedDimension];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextGaussian();
        }
        return new LinearGaussianDecoder(w, b, noiseVariance);
    }

    static void requireRandom(RandomGenerator random) {
        if (random == null) {
            throw new IllegalArgumentException("random must not be null");
        }
    }

    public int latentDimension() {
        return weights[0].length;
    }

    public int observedDimension() {
        return bias.length;
    }

    public double[][] weights() {
        return Matrices.copy(weights);
    }

    public double weight(int i, int j) {
        return weights[i][j];
    }

    public double[] bias() {
        return bias.clone();
    }

    public double noiseVariance() {
        return noiseVariance;
    }

    /** Checks that x is a finite observation of length D; returns a copy. */
    double[] checkObservation(double[] x) {
        double[] c = Check.finiteVector("LinearGaussianDecoder", "x", x);
        Check.sameLength("LinearGaussianDecoder", "x", c.length, "observed dimension", bias.length);
        return c;
    }

    /** log p(x) from the marginal N(b, W W^T + sigma2 I) (independent of the completed square of {@link #joint}). */
    public double logMarginal(double[] x) {
        return marginal.logDensity(checkObservation(x));
    }

    /** log p(x, z) = c + h^T z - 1/2 z^T M z as a {@link GaussianJoint} (for the exact posterior and for CAVI). */
    public GaussianJoint joint(double[] x) {
        double[] xc = checkObservation(x);
        int l = latentDimension();
        int d = bias.length;
        double[][] m = Matrices.identity(l);
        double[] h = new double[l];
        double residual = 0;
        for (int i = 0; i < d; i++) {
            double e = xc[i] - bias[i];
            residual += e * e;
            for (int j = 0; j < l; j++) {
                h[j] += weights[i][j] * e / noiseVariance;
            }
        }
        for (int j = 0; j < l; j++) {
            for (int k = j; k < l; k++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += weights[i][j] * weights[i][k];
                }
                m[j][k] += s / noiseVariance;
                m[k][j] = m[j][k];
            }
        }
        double c = -0.5 * d * Math.log(2 * Math.PI * noiseVariance) - 0.5 * residual / noiseVariance
                - 0.5 * l * LOG_2PI;
        return GaussianJoint.of(m, h, c);
    }

    /** The exact posterior p(z | x) = N(M^-1 W^T (x - b) / sigma2, M^-1). */
    public MultivariateNormal posterior(double[] x) {
        return joint(x).posterior();
    }

    /**
     * The best mean-field q for x, the fixed point of CAVI on p(z | x) (notebook W4): the exact posterior
     * means M^-1 W^T (x - b) / sigma2 and the conditional variances 1 / M_jj. For a Gaussian joint the
     * fixed point is unique (the mean-field ELBO is strictly concave in the means), so no iteration is needed.
     */
    public MeanFieldGaussianState bestMeanField(double[] x) {
        GaussianJoint joint = joint(x);
        double[] v = new double[latentDimension()];
        for (int j = 0; j < v.length; j++) {
            v[j] = 1.0 / joint.precision(j, j);
        }
        return new MeanFieldGaussianState(joint.posterior().mean(), v);
    }

    /**
     * KL(q*_x, p(z | x)) for the best mean-field q*_x, the same for every x:
     * 1/2 log(prod_j M_jj / |M|) = -1/2 log |R| with R = D^-1/2 M D^-1/2 (D = diag M) the unit-diagonal
     * precision, from the Cholesky factor of R with log L_ii^2 = log1p(-sum_k L_ik^2), so a gap near 0 keeps its
     * relative accuracy (no difference of two large logs). It is exactly 0 for L = 1 (R = [1]) and > 0 unless
     * W^T W is diagonal (Hadamard's inequality).
     */
    public double meanFieldKl() {
        int l = latentDimension();
        double[][] m = joint(bias).precision();
        // Cholesky of R row by row: L_ii^2 = 1 - sum_{k<i} L_ik^2, so log L_ii^2 = log1p(-that sum), accurate near R = I.
        double[][] c = new double[l][l];
        double logDet = 0;
        for (int i = 0; i < l; i++) {
            double s = 0;
            for (int j = 0; j < i; j++) {
                double v = m[i][j] / Math.sqrt(m[i][i] * m[j][j]);
                for (int k = 0; k < j; k++) {
                    v -= c[i][k] * c[j][k];
                }
                c[i][j] = v / c[j][j];
                s += c[i][j] * c[i][j];
            }
            if (!(s < 1)) {
                throw new IllegalStateException("LinearGaussianDecoder posterior precision is not positive definite"
                        + " to working precision (a posterior correlation rounds to +-1)");
            }
            c[i][i] = Math.sqrt(1 - s);
            logDet += Math.log1p(-s);
        }
        return -0.5 * logDet;
    }

    /** The largest |correlation| between two latent coordinates under p(z | x) (the same for every x; 0 when L = 1). */
    public double maxAbsPosteriorCorrelation() {
        MultivariateNormal post = posterior(bias);
        double max = 0;
        for (int j = 0; j < latentDimension(); j++) {
            for (int k = j + 1; k < latentDimension(); k++) {
                max = Math.max(max, Math.abs(post.correlation(j, k)));
            }
        }
        return max;
    }

    /** cos of the angle between columns j and k of W. */
    public double columnCosine(int j, int k) {
        double dot = 0;
        double nj = 0;
        double nk = 0;
        for (double[] row : weights) {
            dot += row[j] * row[k];
            nj += row[j] * row[j];
            nk += row[k] * row[k];
        }
        return dot / Math.sqrt(nj * nk);
    }

    /** The largest |cos| between two different columns of W (0 when L = 1). */
    public double maxAbsColumnCosine() {
        double max = 0;
        for (int j = 0; j < latentDimension(); j++) {
            for (int k = j + 1; k < latentDimension(); k++) {
                max = Math.max(max, Math.abs(columnCosine(j, k)));
            }
        }
        return max;
    }

    /** n draws x = W z + b + sqrt(sigma2) e: for each row, z_1..z_L then e_1..e_D from {@code random}. */
    public double[][] sample(int n, RandomGenerator random) {
        Check.atLeast("LinearGaussianDecoder", "n", n, 1);
        requireRandom(random);
        int l = latentDimension();
        int d = bias.length;
        double sd = Math.sqrt(noiseVariance);
        double[][] out = new double[n][d];
        double[] z = new double[l];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < l; j++) {
                z[j] = random.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
                double s = bias[i];
                for (int j = 0; j < l; j++) {
                    s += weights[i][j] * z[j];
                }
                out[r][i] = s + sd * random.nextGaussian();
            }
        }
        return out;
    }
}
