package org.vworkbook.distributions;

import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.util.Check;

/** Validation and sampling of mixture weights, shared by the Gaussian mixtures (package-private). */
final class MixtureWeights {
    /** How far the weights may sum from 1 before they are refused. */
    static final double SUM_TOLERANCE = 1e-9;

    private MixtureWeights() {}

    /** Positive, finite weights summing to 1 (within 1e-9), renormalised exactly. */
    static double[] check(String owner, double[] weights) {
        double[] w = Check.positiveVector(owner, "weights", weights);
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        if (!(Math.abs(sum - 1.0) <= SUM_TOLERANCE)) {
            throw new IllegalArgumentException(owner + " weights must sum to 1, got sum " + sum + " (in "
                    + Check.abbreviate(w) + ")");
        }
        for (int k = 0; k < w.length; k++) {
            w[k] /= sum;
        }
        return w;
    }

    /** A component index drawn with probabilities {@code weights}. */
    static int draw(double[] weights, RandomGenerator random) {
        double u = random.nextDouble();
        double c = 0;
        for (int k = 0; k < weights.length - 1; k++) {
            c += weights[k];
            if (u < c) {
                return k;
            }
        }
        return weights.length - 1;
    }
}
