package org.vworkbook.distributions;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.numerics.SpecialFunctions;
import org.vworkbook.util.Check;

/**
 * A d-dimensional Gaussian mixture p(x) = sum_k w_k N(x | m_k, S_k) with full-covariance components.
 *
 * <p>The log density is log-sum-exp over log w_k + log N(x | m_k, S_k). Moments:
 * E[x] = sum_k w_k m_k and Cov[x] = sum_k w_k (S_k + (m_k - E x)(m_k - E x)^T).
 */
public final class GaussianMixture {
    private final double[] weights;
    private final List<MultivariateNormal> components;
    private final double[][][] precisions;
    private final double[][] means;
    private final double[] logConstants; // log w_k - 1/2 (d log 2 pi + log |S_k|)
    private final int dimension;

    private GaussianMixture(double[] weights, List<MultivariateNormal> components) {
        this.weights = weights;
        this.components = components;
        this.dimension = components.get(0).dimension();
        int n = components.size();
        this.precisions = new double[n][][];
        this.means = new double[n][];
        this.logConstants = new double[n];
        for (int k = 0; k < n; k++) {
            MultivariateNormal c = components.get(k);
            precisions[k] = c.precision();
            means[k] = c.mean();
            logConstants[k] = Math.log(weights[k]) - 0.5 * (dimension * LOG_2PI + c.logDetCovariance());
        }
    }

    /**
     * @param weights w_k > 0 summing to 1 (within 1e-9)
     * @param components one Gaussian per weight, all of the same dimension
     * @throws IllegalArgumentException for bad weights, a count mismatch or mixed dimensions
     */
    public static GaussianMixture of(double[] weights, List<MultivariateNormal> components) {
        double[] w = MixtureWeights.check("GaussianMixture", weights);
        if (components == null) {
            throw new IllegalArgumentException("GaussianMixture components must not be null");
        }
        Check.sameLength("GaussianMixture", "weights", w.length, "components", components.size());
        for (int k = 0; k < components.size(); k++) {
            if (components.get(k) == null) {
                throw new IllegalArgumentException("GaussianMixture components[" + k + "] must not be null");
            }
            Check.sameLength("GaussianMixture", "components[" + k + "] dimension", components.get(k).dimension(),
                    "components[0] dimension", components.get(0).dimension());
        }
        return new GaussianMixture(w, List.copyOf(components));
    }

    /**
     * A mixture of isotropic components N(m_k, v_k I): the means are given flat, component k being
     * entries k d, ..., k d + d - 1 of {@code means}, with d = means.length / weights.length.
     *
     * @throws IllegalArgumentException if means.length is not a multiple of the number of weights,
     *     the variances are not one per weight, or an entry is bad
     */
    public static GaussianMixture ofIsotropic(double[] weights, double[] means, double[] variances) {
        double[] w = MixtureWeights.check("GaussianMixture", weights);
        double[] m = Check.finiteVector("GaussianMixture", "means", means);
        double[] v = Check.positiveVector("GaussianMixture", "vars", variances);
        Check.sameLength("GaussianMixture", "weights", w.length, "vars", v.length);
        if (m.length % w.length != 0) {
            throw new IllegalArgumentException("GaussianMixture means must hold d entries per component (a multiple of "
                    + w.length + " weights), got " + m.length + " entries");
        }
        int d = m.length / w.length;
        List<MultivariateNormal> comps = new ArrayList<>();
        for (int k = 0; k < w.length; k++) {
            double[] mk = Arrays.copyOfRange(m, k * d, (k + 1) * d);
            double[] vk = new double[d];
            Arrays.fill(vk, v[k]);
            comps.add(MultivariateNormal.ofMeanDiagonalVariance(mk, vk));
        }
        return new GaussianMixture(w, List.copyOf(comps));
    }

    public int dimension() {
        return dimension;
    }

    /** The number of components K. */
    public int components() {
        return weights.length;
    }

    public double weight(int k) {
        return weights[k];
    }

    public double[] weights() {
        return weights.clone();
    }

    public MultivariateNormal component(int k) {
        return components.get(k);
    }

    /** E[x] = sum_k w_k m_k. */
    public double[] mean() {
        double[] mu = new double[dimension];
        for (int k = 0; k < weights.length; k++) {
            for (int i = 0; i < dimension; i++) {
                mu[i] += weights[k] * components.get(k).mean(i);
            }
        }
        return mu;
    }

    /** Cov[x] = sum_k w_k (S_k + (m_k - E x)(m_k - E x)^T). */
    public double[][] covariance() {
        double[] mu = mean();
        double[][] c = new double[dimension][dimension];
        for (int k = 0; k < weights.length; k++) {
            MultivariateNormal g = components.get(k);
            for (int i = 0; i < dimension; i++) {
                for (int j = 0; j < dimension; j++) {
                    c[i][j] += weights[k] * (g.covariance(i, j) + (g.mean(i) - mu[i]) * (g.mean(j) - mu[j]));
                }
            }
        }
        return c;
    }

    private double[] logTerms(double[] x) {
        Check.sameLength("GaussianMixture", "point", x.length, "dimension", dimension);
        double[] a = new double[weights.length];
        for (int k = 0; k < a.length; k++) {
            // log w_k + log N(x | m_k, S_k) with the cached precision and log-determinant.
            double quad = 0;
            double[] m = means[k];
            double[][] p = precisions[k];
            for (int i = 0; i < dimension; i++) {
                double di = x[i] - m[i];
                double row = 0;
                for (int j = 0; j < dimension; j++) {
                    row += p[i][j] * (x[j] - m[j]);
                }
                quad += di * row;
            }
            a[k] = logConstants[k] - 0.5 * quad;
        }
        return a;
    }

    /** log p(x) by log-sum-exp. */
    public double logDensity(double[] x) {
        return SpecialFunctions.logSumExp(logTerms(x));
    }

    /** r_k(x) = w_k N(x | m_k, S_k) / p(x). */
    public double[] responsibilities(double[] x) {
        double[] a = logTerms(x);
        double lse = SpecialFunctions.logSumExp(a);
        for (int k = 0; k < a.length; k++) {
            a[k] = Math.exp(a[k] - lse);
        }
        return a;
    }

    /** grad log p(x) = -sum_k r_k(x) S_k^-1 (x - m_k). */
    public double[] gradientLogDensity(double[] x) {
        double[] r = responsibilities(x);
        double[] g = new double[dimension];
        for (int k = 0; k < r.length; k++) {
            for (int i = 0; i < dimension; i++) {
                double s = 0;
                for (int j = 0; j < dimension; j++) {
                    s += precisions[k][i][j] * (x[j] - means[k][j]);
                }
                g[i] -= r[k] * s;
            }
        }
        return g;
    }

    /**
     * log p(x) and grad log p(x) from one pass over the components: {log p, d/dx_1, ..., d/dx_d}.
     */
    public double[] logDensityAndGradient(double[] x) {
        double[] a = logTerms(x);
        double lse = SpecialFunctions.logSumExp(a);
        double[] out = new double[dimension + 1];
        out[0] = lse;
        for (int k = 0; k < a.length; k++) {
            double r = Math.exp(a[k] - lse);
            for (int i = 0; i < dimension; i++) {
                double s = 0;
                for (int j = 0; j < dimension; j++) {
                    s += precisions[k][i][j] * (x[j] - means[k][j]);
                }
                out[i + 1] -= r * s;
            }
        }
        return out;
    }

    /** One draw: a component with probability w_k, then a draw from it. */
    public double[] sample(RandomGenerator random) {
        return components.get(MixtureWeights.draw(weights, random)).sample(random);
    }

    @Override
    public String toString() {
        return "GaussianMixture(weights=" + Arrays.toString(weights) + ", components=" + components + ")";
    }
}
