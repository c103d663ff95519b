package org.vworkbook.distributions;

import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.util.Check;

/**
 * The Bernoulli distribution on {0, 1} with P(x = 1) = p.
 *
 * <p>Mass: p(x) = p^x (1 - p)^(1 - x). The endpoints p = 0 and p = 1 are allowed (a point mass).
 */
public final class Bernoulli {
    private final double probability;

    private Bernoulli(double probability) {
        this.probability = probability;
    }

    /**
     * @param probability P(x = 1), in [0, 1]
     * @throws IllegalArgumentException if the probability is NaN or outside [0, 1]
     */
    public static Bernoulli of(double probability) {
        Check.inRange("Bernoulli", "probability", probability, 0.0, 1.0);
        return new Bernoulli(probability);
    }

    /** P(x = 1). */
    public double probability() {
        return probability;
    }

    public double mean() {
        return probability;
    }

    public double variance() {
        return probability * (1 - probability);
    }

    /** log p(x) for x in {0, 1}; negative infinity for an impossible outcome. */
    public double logMass(int x) {
        if (x != 0 && x != 1) {
            throw new IllegalArgumentException("Bernoulli outcome must be 0 or 1, got " + x);
        }
        return Math.log(x == 1 ? probability : 1 - probability);
    }

    /** Entropy -p log p - (1 - p) log(1 - p), with 0 log 0 = 0. */
    public double entropy() {
        return -xlogx(probability) - xlogx(1 - probability);
    }

    private static double xlogx(double x) {
        return x == 0 ? 0 : x * Math.log(x);
    }

    /** One draw (0 or 1), using the caller's random source. */
    public int sample(RandomGenerator random) {
        return random.nextDouble() < probability ? 1 : 0;
    }

    @Override
    public String toString() {
        return "Bernoulli(probability=" + probability + ")";
    }
}
