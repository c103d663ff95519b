package org.vworkbook.distributions;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.util.Check;

/**
 * The categorical distribution on {0, ..., K-1} with P(x = k) = p_k.
 *
 * <p>The probabilities must be finite, >= 0 and sum to 1 (to within 1e-9; they are then
 * renormalised exactly). Zero probabilities are allowed.
 */
public final class Categorical {
    /** How far the probabilities may sum from 1 before they are refused. */
    public static final double SUM_TOLERANCE = 1e-9;

    private final double[] probabilities;

    private Categorical(double[] probabilities) {
        this.probabilities = probabilities;
    }

    /**
     * @throws IllegalArgumentException if a probability is NaN, negative, or they do not sum to 1
     */
    public static Categorical of(double[] probabilities) {
        double[] p = Check.finiteVector("Categorical", "probabilities", probabilities);
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            Check.nonNegative("Categorical", "probabilities[" + k + "]", p[k]);
            sum += p[k];
        }
        if (!(Math.abs(sum - 1.0) <= SUM_TOLERANCE)) {
            throw new IllegalArgumentException("Categorical probabilities must sum to 1, got sum " + sum
                    + " (in " + Check.abbreviate(p) + ")");
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return new Categorical(p);
    }

    /** The number of categories K. */
    public int size() {
        return probabilities.length;
    }

    /** A copy of the probabilities. */
    public double[] probabilities() {
        return probabilities.clone();
    }

    public double probability(int k) {
        return probabilities[k];
    }

    /** log p(k); negative infinity for a category of probability 0. */
    public double logMass(int k) {
        if (k < 0 || k >= probabilities.length) {
            throw new IllegalArgumentException("Categorical outcome must be in [0, " + (probabilities.length - 1)
                    + "], got " + k);
        }
        return Math.log(probabilities[k]);
    }

    /** Entropy -sum_k p_k log p_k, with 0 log 0 = 0. */
    public double entropy() {
        double h = 0;
        for (double p : probabilities) {
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /** One draw by inversion of the cumulative probabilities, using the caller's random source. */
    public int sample(RandomGenerator random) {
        double u = random.nextDouble();
        double c = 0;
        int last = 0;
        for (int k = 0; k < probabilities.length; k++) {
            if (probabilities[k] > 0) {
                last = k;
                c += probabilities[k];
                if (u < c) {
                    return k;
                }
            }
        }
        return last; // u within rounding of 1
    }

    @Override
    public String toString() {
        return "Categorical(probabilities=" + Arrays.toString(probabilities) + ")";
    }
}
