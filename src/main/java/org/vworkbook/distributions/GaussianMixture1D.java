package org.vworkbook.distributions;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.numerics.SpecialFunctions;
import org.vworkbook.util.Check;

/**
 * A univariate Gaussian mixture p(x) = sum_k w_k N(x | m_k, v_k) (means and <b>variances</b>).
 *
 * <p>The log density is computed by log-sum-exp over log w_k + log N(x | m_k, v_k), so it stays
 * finite far in the tails where every component density underflows. Moments:
 * E[x] = sum_k w_k m_k and Var[x] = sum_k w_k (v_k + m_k^2) - E[x]^2 (law of total variance).
 */
public final class GaussianMixture1D {

    private final double[] weights;
    private final double[] means;
    private final double[] variances;
    private final double[] logWeightNorm; // log w_k - 1/2 log(2 pi v_k)

    private GaussianMixture1D(double[] weights, double[] means, double[] variances) {
        this.weights = weights;
        this.means = means;
        this.variances = variances;
        this.logWeightNorm = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            logWeightNorm[k] = Math.log(weights[k]) - 0.5 * (LOG_2PI + Math.log(variances[k]));
        }
    }

    /**
     * @param weights w_k > 0, summing to 1 (within 1e-9)
     * @param means m_k, finite
     * @param variances v_k > 0
     * @throws IllegalArgumentException naming the parameter for a bad entry or mismatched lengths
     */
    public static GaussianMixture1D of(double[] weights, double[] means, double[] variances) {
        double[] w = MixtureWeights.check("GaussianMixture1D", weights);
        double[] m = Check.finiteVector("GaussianMixture1D", "means", means);
        double[] v = Check.positiveVector("GaussianMixture1D", "variances", variances);
        Check.sameLength("GaussianMixture1D", "weights", w.length, "means", m.length);
        Check.sameLength("GaussianMixture1D", "weights", w.length, "variances", v.length);
        return new GaussianMixture1D(w, m, v);
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

    public double[] means() {
        return means.clone();
    }

    public double[] variances() {
        return variances.clone();
    }

    /** Component k as a Normal. */
    public Normal component(int k) {
        return Normal.ofMeanVariance(means[k], variances[k]);
    }

    /** The components as Normals, in order. */
    public List<Normal> componentList() {
        List<Normal> out = new ArrayList<>();
        for (int k = 0; k < weights.length; k++) {
            out.add(component(k));
        }
        return out;
    }

    /** E[x] = sum_k w_k m_k. */
    public double mean() {
        double s = 0;
        for (int k = 0; k < weights.length; k++) {
            s += weights[k] * means[k];
        }
        return s;
    }

    /** Var[x] = sum_k w_k (v_k + (m_k - E[x])^2) (law of total variance, centred to avoid cancellation). */
    public double variance() {
        double mu = mean();
        double s = 0;
        for (int k = 0; k < weights.length; k++) {
            double d = means[k] - mu;
            s += weights[k] * (variances[k] + d * d);
        }
        return s;
    }

    /** log p(x) by log-sum-exp. */
    public double logDensity(double x) {
        double[] a = new double[weights.length];
        for (int k = 0; k < a.length; k++) {
            double d = x - means[k];
            a[k] = logWeightNorm[k] - 0.5 * d * d / variances[k];
        }
        return SpecialFunctions.logSumExp(a);
    }

    public double density(double x) {
        return Math.exp(logDensity(x));
    }

    /** The responsibilities r_k(x) = w_k N(x | m_k, v_k) / p(x), computed stably. */
    public double[] responsibilities(double x) {
        double[] a = new double[weights.length];
        for (int k = 0; k < a.length; k++) {
            double d = x - means[k];
            a[k] = logWeightNorm[k] - 0.5 * d * d / variances[k];
        }
        double lse = SpecialFunctions.logSumExp(a);
        for (int k = 0; k < a.length; k++) {
            a[k] = Math.exp(a[k] - lse);
        }
        return a;
    }

    /** d/dx log p(x) = -sum_k r_k(x) (x - m_k) / v_k. */
    public double derivativeLogDensity(double x) {
        double[] r = responsibilities(x);
        double g = 0;
        for (int k = 0; k < r.length; k++) {
            g -= r[k] * (x - means[k]) / variances[k];
        }
        return g;
    }

    /** One draw: a component with probability w_k, then a draw from it. */
    public double sample(RandomGenerator random) {
        int k = MixtureWeights.draw(weights, random);
        return means[k] + Math.sqrt(variances[k]) * random.nextGaussian();
    }

    @Override
    public String toString() {
        return "GaussianMixture1D(weights=" + Arrays.toString(weights) + ", means=" + Arrays.toString(means)
                + ", variances=" + Arrays.toString(variances) + ")";
    }
}
