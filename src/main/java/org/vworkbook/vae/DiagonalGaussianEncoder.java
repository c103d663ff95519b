package org.vworkbook.vae;

import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * A linear inference network producing a diagonal-Gaussian q(z | x):
 *
 * <pre>
 *   q(z | x) = N(z | A x + a, diag(exp(C x + c)))  =  prod_j N(z_j | (A x + a)_j, exp((C x + c)_j))
 * </pre>
 *
 * The density is a product over the latent coordinates, so for each x it is a member of the
 * mean-field family (returned as a {@link MeanFieldGaussianState}); it has no parameter for any
 * dependence between z_j and z_k given x. The parameters phi = (A, a, C, c) are shared by all data
 * points: amortised inference (seed 001, eq. 2b).
 */
public final class DiagonalGaussianEncoder {
    private final double[][] meanWeights;
    private final double[] meanBias;
    private final double[][] logVarianceWeights;
    private final double[] logVarianceBias;

    private DiagonalGaussianEncoder(double[][] a, double[] aBias, double[][] c, double[] cBias) {
        this.meanWeights = a;
        this.meanBias = aBias;
        this.logVarianceWeights = c;
        this.logVarianceBias = cBias;
    }

    /**
     * @param meanWeights A, L rows of D entries
     * @param meanBias a, length L
     * @param logVarianceWeights C, L rows of D entries
     * @param logVarianceBias c, length L
     */
    public static DiagonalGaussianEncoder of(double[][] meanWeights, double[] meanBias, double[][] logVarianceWeights,
            double[] logVarianceBias) {
        double[] a = Check.finiteVector("DiagonalGaussianEncoder", "meanBias", meanBias);
        double[] c = Check.finiteVector("DiagonalGaussianEncoder", "logVarianceBias", logVarianceBias);
        Check.sameLength("DiagonalGaussianEncoder", "meanBias", a.length, "logVarianceBias", c.length);
        double[][] am = rows("meanWeights", meanWeights, a.length);
        double[][] cm = rows("logVarianceWeights", logVarianceWeights, a.length);
        Check.sameLength("DiagonalGaussianEncoder", "meanWeights columns", am[0].length, "logVarianceWeights columns",
                cm[0].length);
        return new DiagonalGaussianEncoder(am, a, cm, c);
    }

    /** The encoder that ignores x and returns the prior: q(z | x) = N(0, I) (A = 0, a = 0, C = 0, c = 0). */
    public static DiagonalGaussianEncoder prior(int latentDimension, int observedDimension) {
        Check.atLeast("DiagonalGaussianEncoder", "latentDimension", latentDimension, 1);
        Check.atLeast("DiagonalGaussianEncoder", "observedDimension", observedDimension, 1);
        return new DiagonalGaussianEncoder(new double[latentDimension][observedDimension], new double[latentDimension],
                new double[latentDimension][observedDimension], new double[latentDimension]);
    }

    private static double[][] rows(String name, double[][] m, int l) {
        if (m == null || m.length != l) {
            throw new IllegalArgumentException("DiagonalGaussianEncoder " + name + " must have " + l + " rows, got "
                    + (m == null ? "null" : m.length + ""));
        }
        double[][] out = new double[l][];
        for (int j = 0; j < l; j++) {
            out[j] = Check.finiteVector("DiagonalGaussianEncoder", name + " row " + j, m[j]);
            Check.sameLength("DiagonalGaussianEncoder", name + " row " + j, out[j].length, name + " row 0", out[0].length);
        }
        return out;
    }

    public int latentDimension() {
        return meanBias.length;
    }

    public int observedDimension() {
        return meanWeights[0].length;
    }

    public double[][] meanWeights() {
        return Matrices.copy(meanWeights);
    }

    public double[] meanBias() {
        return meanBias.clone();
    }

    public double[][] logVarianceWeights() {
        return Matrices.copy(logVarianceWeights);
    }

    public double[] logVarianceBias() {
        return logVarianceBias.clone();
    }

    /** The mean A x + a. */
    public double[] mean(double[] x) {
        return affine(meanWeights, meanBias, x);
    }

    /** The log variances C x + c. */
    public double[] logVariance(double[] x) {
        return affine(logVarianceWeights, logVarianceBias, x);
    }

    private double[] affine(double[][] m, double[] v, double[] x) {
        Check.sameLength("DiagonalGaussianEncoder", "x", x.length, "observed dimension", m[0].length);
        double[] out = v.clone();
        for (int j = 0; j < out.length; j++) {
            for (int k = 0; k < x.length; k++) {
                out[j] += m[j][k] * x[k];
            }
        }
        return out;
    }

    /** q(z | x) as a product of univariate Gaussians. */
    public MeanFieldGaussianState q(double[] x) {
        double[] x0 = Check.finiteVector("DiagonalGaussianEncoder", "x", x);
        double[] lv = logVariance(x0);
        double[] v = new double[lv.length];
        for (int j = 0; j < v.length; j++) {
            v[j] = Math.exp(lv[j]);
        }
        return new MeanFieldGaussianState(mean(x0), v);
    }
}
