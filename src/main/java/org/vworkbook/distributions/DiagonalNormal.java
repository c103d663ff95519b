package org.vworkbook.distributions;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * The d-dimensional Gaussian N(mean, diag(variances)): d independent univariate Gaussians.
 *
 * <p>Density: p(z) = prod_i (2 pi v_i)^(-1/2) exp(-(z_i - m_i)^2 / (2 v_i)). Because the covariance
 * is diagonal the density factorises, so every quantity (log density, entropy, KL) is a sum over
 * coordinates.
 */
public final class DiagonalNormal {

    private final double[] mean;
    private final double[] variances;

    private DiagonalNormal(double[] mean, double[] variances) {
        this.mean = mean;
        this.variances = variances;
    }

    /**
     * @param mean the means m_i (finite, at least one)
     * @param variances the variances v_i (finite and > 0), as many as means
     * @throws IllegalArgumentException naming the parameter if an entry is bad or the lengths differ
     */
    public static DiagonalNormal ofMeanVariance(double[] mean, double[] variances) {
        double[] m = Check.finiteVector("DiagonalNormal", "mean", mean);
        double[] v = Check.positiveVector("DiagonalNormal", "variances", variances);
        Check.sameLength("DiagonalNormal", "mean", m.length, "variances", v.length);
        return new DiagonalNormal(m, v);
    }

    public int dimension() {
        return mean.length;
    }

    /** A copy of the means. */
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of the variances. */
    public double[] variances() {
        return variances.clone();
    }

    public double mean(int i) {
        return mean[i];
    }

    public double variance(int i) {
        return variances[i];
    }

    /** Coordinate i as a univariate Gaussian N(m_i, v_i). */
    public Normal marginal(int i) {
        return Normal.ofMeanVariance(mean[i], variances[i]);
    }

    /** The d independent factors N(m_i, v_i). */
    public List<Normal> factors() {
        List<Normal> out = new ArrayList<>(mean.length);
        for (int i = 0; i < mean.length; i++) {
            out.add(marginal(i));
        }
        return out;
    }

    /** The same distribution as a full-covariance Gaussian. */
    public MultivariateNormal toMultivariate() {
        return MultivariateNormal.ofMeanCovariance(mean, Matrices.diagonal(variances));
    }

    /** log p(z) = sum_i log N(z_i | m_i, v_i). */
    public double logDensity(double[] z) {
        Check.sameLength("DiagonalNormal", "point", z.length, "mean", mean.length);
        double s = 0;
        for (int i = 0; i < mean.length; i++) {
            double d = z[i] - mean[i];
            s += -0.5 * (LOG_2PI + Math.log(variances[i]) + d * d / variances[i]);
        }
        return s;
    }

    /** Differential entropy sum_i 1/2 log(2 pi e v_i). */
    public double entropy() {
        double s = 0;
        for (double v : variances) {
            s += 0.5 * (LOG_2PI + 1.0 + Math.log(v));
        }
        return s;
    }

    /** One draw m_i + sqrt(v_i) e_i, using the caller's random source. */
    public double[] sample(RandomGenerator random) {
        double[] z = new double[mean.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = mean[i] + Math.sqrt(variances[i]) * random.nextGaussian();
        }
        return z;
    }

    @Override
    public String toString() {
        return "DiagonalNormal(mean=" + Arrays.toString(mean) + ", variances=" + Arrays.toString(variances) + ")";
    }
}
