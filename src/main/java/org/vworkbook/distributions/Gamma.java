package org.vworkbook.distributions;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.numerics.SpecialFunctions;
import org.vworkbook.util.Check;

/**
 * The Gamma distribution with shape a and <b>rate</b> b (mean a / b, variance a / b^2).
 *
 * <p>Density: p(t) = b^a / Gamma(a) t^(a - 1) exp(-b t) on t > 0. Useful expectations:
 * E[t] = a / b and E[log t] = psi(a) - log b, with psi the digamma function.
 */
public final class Gamma {
    private final double shape;
    private final double rate;
    private final double logNormalizer; // a log b - log Gamma(a)

    private Gamma(double shape, double rate) {
        this.shape = shape;
        this.rate = rate;
        this.logNormalizer = shape * Math.log(rate) - org.apache.commons.math3.special.Gamma.logGamma(shape);
    }

    /**
     * @throws IllegalArgumentException if the shape or the rate is not finite and > 0
     */
    public static Gamma ofShapeRate(double shape, double rate) {
        Check.positive("Gamma", "shape", shape);
        Check.positive("Gamma", "rate", rate);
        return new Gamma(shape, rate);
    }

    public double shape() {
        return shape;
    }

    public double rate() {
        return rate;
    }

    /** a / b. */
    public double mean() {
        return shape / rate;
    }

    /** a / b^2. */
    public double variance() {
        return shape / (rate * rate);
    }

    /** E[log t] = psi(a) - log b (psi from {@link SpecialFunctions#digamma}: Commons Math's is off by ~3e-9). */
    public double meanLog() {
        return SpecialFunctions.digamma(shape) - Math.log(rate);
    }

    /** log p(t); negative infinity for t <= 0. */
    public double logDensity(double t) {
        if (!(t > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        return logNormalizer + (shape - 1) * Math.log(t) - rate * t;
    }

    public double density(double t) {
        return Math.exp(logDensity(t));
    }

    /** Differential entropy a - log b + log Gamma(a) + (1 - a) psi(a). */
    public double entropy() {
        return shape - Math.log(rate) + org.apache.commons.math3.special.Gamma.logGamma(shape)
                + (1 - shape) * SpecialFunctions.digamma(shape);
    }

    /** One draw, using the caller's random source (Marsaglia-Tsang via Commons Math). */
    public double sample(RandomGenerator random) {
        return new GammaDistribution(random, shape, 1.0 / rate).sample();
    }

    @Override
    public String toString() {
        return "Gamma(shape=" + shape + ", rate=" + rate + ")";
    }
}
