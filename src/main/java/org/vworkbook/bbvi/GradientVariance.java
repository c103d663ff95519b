package org.vworkbook.bbvi;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.vworkbook.util.Check;

/**
 * The sampling distribution of a gradient estimator at a fixed q: R independent estimates, each
 * from S draws, give the mean gradient, the variance of each coordinate, and the standard error of
 * the mean (sqrt(variance / R)), which is what an unbiasedness test compares with the exact gradient.
 *
 * @param mean the average of the R estimates (per coordinate)
 * @param variance the sample variance of one S-draw estimate (per coordinate)
 * @param standardError sqrt(variance / R)
 * @param replications R
 * @param samples S
 */
public record GradientVariance(double[] mean, double[] variance, double[] standardError, int replications,
        int samples) {
    public GradientVariance {
        mean = Check.finiteVector("GradientVariance", "mean", mean);
        variance = nonNegativeVector("variance", variance);
        standardError = nonNegativeVector("standardError", standardError);
        Check.sameLength("GradientVariance", "mean", mean.length, "variance", variance.length);
        Check.sameLength("GradientVariance", "mean", mean.length, "standardError", standardError.length);
        Check.atLeast("GradientVariance", "replications", replications, 2);
        Check.atLeast("GradientVariance", "samples", samples, 1);
    }

    private static double[] nonNegativeVector(String name, double[] values) {
        double[] copy = Check.finiteVector("GradientVariance", name, values);
        for (int i = 0; i < copy.length; i++) {
            Check.nonNegative("GradientVariance", name + "[" + i + "]", copy[i]);
        }
        return copy;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] variance() {
        return variance.clone();
    }

    @Override
    public double[] standardError() {
        return standardError.clone();
    }

    /** The total variance, trace of the covariance = the sum of the coordinates' variances (in eta). */
    public double totalVariance() {
        double s = 0;
        for (double v : variance) {
            s += v;
        }
        return s;
    }

    /** R estimates of S draws each at q, from Well19937c(seed). */
    public static <Q> GradientVariance measure(Family<Q> family, Target target, GradientEstimator<Q> estimator, Q q,
            int samples, int replications, long seed) {
        if (family == null || target == null || estimator == null || q == null) {
            throw new IllegalArgumentException("GradientVariance family, target, estimator and q must not be null");
        }
        Check.atLeast("GradientVariance", "replications", replications, 2);
        Check.atLeast("GradientVariance", "samples", samples, estimator.minimumSamples());
        RandomGenerator random = new Well19937c(seed);
        int d = family.dimension();
        double[] mean = new double[d];
        double[] m2 = new double[d];
        for (int r = 1; r <= replications; r++) {
            double[] g = estimator.estimate(family, target, q, samples, random).gradient();
            for (int i = 0; i < d; i++) {
                double delta = g[i] - mean[i];
                mean[i] += delta / r;
                m2[i] += delta * (g[i] - mean[i]);
            }
        }
        double[] variance = new double[d];
        double[] se = new double[d];
        for (int i = 0; i < d; i++) {
            variance[i] = m2[i] / (replications - 1);
            se[i] = Math.sqrt(variance[i] / replications);
        }
        return new GradientVariance(mean, variance, se, replications, samples);
    }
}
