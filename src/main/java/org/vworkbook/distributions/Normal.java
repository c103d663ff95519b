package org.vworkbook.distributions;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.util.Check;

/**
 * The univariate Gaussian N(mean, variance), given by its mean and its <b>variance</b>.
 *
 * <p>Density: p(x) = (2 pi v)^(-1/2) exp(-(x - m)^2 / (2 v)), support the real line.
 */
public final class Normal {

    private final double mean;
    private final double variance;

    private Normal(double mean, double variance) {
        this.mean = mean;
        this.variance = variance;
    }

    /**
     * @throws IllegalArgumentException if the mean is not finite or the variance is not finite and > 0
     */
    public static Normal ofMeanVariance(double mean, double variance) {
        Check.finite("Normal", "mean", mean);
        Check.positive("Normal", "variance", variance);
        return new Normal(mean, variance);
    }

    /**
     * @throws IllegalArgumentException if the mean is not finite or the precision is not finite and > 0
     */
    public static Normal ofMeanPrecision(double mean, double precision) {
        Check.positive("Normal", "precision", precision);
        return ofMeanVariance(mean, 1.0 / precision);
    }

    /** The standard normal N(0, 1). */
    public static Normal standard() {
        return new Normal(0.0, 1.0);
    }

    public double mean() {
        return mean;
    }

    public double variance() {
        return variance;
    }

    public double standardDeviation() {
        return Math.sqrt(variance);
    }

    public double precision() {
        return 1.0 / variance;
    }

    /** log p(x). */
    public double logDensity(double x) {
        double d = x - mean;
        return -0.5 * (LOG_2PI + Math.log(variance) + d * d / variance);
    }

    public double density(double x) {
        return Math.exp(logDensity(x));
    }

    /** Differential entropy 1/2 log(2 pi e v). */
    public double entropy() {
        return 0.5 * (LOG_2PI + 1.0 + Math.log(variance));
    }

    /** One draw, using the caller's random source. */
    public double sample(RandomGenerator random) {
        return mean + Math.sqrt(variance) * random.nextGaussian();
    }

    @Override
    public String toString() {
        return "Normal(mean=" + mean + ", variance=" + variance + ")";
    }
}
