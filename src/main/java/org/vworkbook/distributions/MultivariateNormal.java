package org.vworkbook.distributions;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * The d-dimensional Gaussian N(mean, covariance) with a full covariance matrix.
 *
 * <p>Density: p(z) = (2 pi)^(-d/2) |S|^(-1/2) exp(-1/2 (z - m)^T S^-1 (z - m)). The factory checks the
 * covariance is symmetric and positive definite and caches its Cholesky factor, log-determinant
 * and inverse (the precision).
 */
public final class MultivariateNormal {

    private final double[] mean;
    private final double[][] covariance;
    private final double[][] precision;
    private final double[][] choleskyLower;
    private final double logDetCovariance;

    private MultivariateNormal(double[] mean, double[][] covariance, CholeskyDecomposition chol) {
        this.mean = mean;
        this.covariance = covariance;
        this.precision = chol.getSolver().getInverse().getData();
        RealMatrix l = chol.getL();
        this.choleskyLower = l.getData();
        this.logDetCovariance = Matrices.logDeterminant(chol);
    }

    /**
     * @throws IllegalArgumentException if a mean entry is not finite, or the covariance is not a
     *     symmetric positive-definite d x d matrix of finite numbers
     */
    public static MultivariateNormal ofMeanCovariance(double[] mean, double[][] covariance) {
        double[] m = Check.finiteVector("MultivariateNormal", "mean", mean);
        double[][] s = Check.symmetricMatrix("MultivariateNormal", "covariance", covariance, m.length);
        return new MultivariateNormal(m, s, Matrices.cholesky("MultivariateNormal", "covariance", s));
    }

    /**
     * Builds the Gaussian from its precision matrix (inverse covariance).
     *
     * @throws IllegalArgumentException if the precision is not symmetric positive definite
     */
    public static MultivariateNormal ofMeanPrecision(double[] mean, double[][] precision) {
        double[] m = Check.finiteVector("MultivariateNormal", "mean", mean);
        double[][] p = Check.symmetricMatrix("MultivariateNormal", "precision", precision, m.length);
        CholeskyDecomposition pc = Matrices.cholesky("MultivariateNormal", "precision", p);
        double[][] cov = pc.getSolver().getInverse().getData();
        Matrices.symmetriseInPlace(cov);
        return ofMeanCovariance(m, cov);
    }

    /** A Gaussian with independent coordinates: mean m, covariance diag(variances). */
    public static MultivariateNormal ofMeanDiagonalVariance(double[] mean, double[] variances) {
        double[] v = Check.positiveVector("MultivariateNormal", "variances", variances);
        Check.sameLength("MultivariateNormal", "mean", mean == null ? 0 : mean.length, "variances", v.length);
        return ofMeanCovariance(mean, Matrices.diagonal(v));
    }

    public int dimension() {
        return mean.length;
    }

    /** A copy of the mean. */
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of the covariance. */
    public double[][] covariance() {
        return Matrices.copy(covariance);
    }

    /** A copy of the precision (inverse covariance). */
    public double[][] precision() {
        return Matrices.copy(precision);
    }

    public double mean(int i) {
        return mean[i];
    }

    public double covariance(int i, int j) {
        return covariance[i][j];
    }

    /** The correlation Cov(z_i, z_j) / sqrt(Var z_i Var z_j). */
    public double correlation(int i, int j) {
        return covariance[i][j] / Math.sqrt(covariance[i][i] * covariance[j][j]);
    }

    /** The marginal of coordinate i: N(m_i, S_ii). */
    public Normal marginal(int i) {
        return Normal.ofMeanVariance(mean[i], covariance[i][i]);
    }

    /** log |S|. */
    public double logDetCovariance() {
        return logDetCovariance;
    }

    /** log p(z). */
    public double logDensity(double[] z) {
        Check.sameLength("MultivariateNormal", "point", z.length, "mean", mean.length);
        // Solve L y = z - m by forward substitution; the quadratic form is |y|^2.
        int d = mean.length;
        double[] y = new double[d];
        double quad = 0;
        for (int i = 0; i < d; i++) {
            double s = z[i] - mean[i];
            for (int k = 0; k < i; k++) {
                s -= choleskyLower[i][k] * y[k];
            }
            y[i] = s / choleskyLower[i][i];
            quad += y[i] * y[i];
        }
        return -0.5 * (d * LOG_2PI + logDetCovariance + quad);
    }

    /** Differential entropy d/2 log(2 pi e) + 1/2 log |S|. */
    public double entropy() {
        return 0.5 * (mean.length * (LOG_2PI + 1.0) + logDetCovariance);
    }

    /** One draw m + L e with e standard normal, using the caller's random source. */
    public double[] sample(RandomGenerator random) {
        int d = mean.length;
        double[] e = new double[d];
        for (int i = 0; i < d; i++) {
            e[i] = random.nextGaussian();
        }
        double[] z = mean.clone();
        for (int i = 0; i < d; i++) {
            for (int k = 0; k <= i; k++) {
                z[i] += choleskyLower[i][k] * e[k];
            }
        }
        return z;
    }

    @Override
    public String toString() {
        return "MultivariateNormal(mean=" + java.util.Arrays.toString(mean) + ", covariance="
                + Matrices.format(covariance) + ")";
    }
}
