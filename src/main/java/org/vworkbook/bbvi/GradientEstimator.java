package org.vworkbook.bbvi;

import java.util.Locale;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A Monte Carlo estimator of the ELBO gradient d/d eta E_q[log p(x, z) - log q(z)] for any
 * {@link Family} and {@link Target} (the loss of Pyro's SVI): one estimate from a given number of
 * fresh draws of q. The estimators here are all unbiased; they differ in variance.
 *
 * @param <Q> the family's description of a member
 */
public interface GradientEstimator<Q> {

    /** The name used by the notebooks ("reinforce", "reinforce_rb", "reinforce_cv", "reparam"). */
    String name();

    /** The smallest number of draws this estimator accepts. */
    default int minimumSamples() {
        return 1;
    }

    /**
     * One estimate at q from {@code samples} fresh draws taken from {@code random}.
     *
     * @throws NonFiniteEstimateException if a draw or the estimate is not finite
     */
    GradientEstimate estimate(Family<Q> family, Target target, Q q, int samples, RandomGenerator random);

    /** Names accepted by {@link #byName}. */
    String[] NAMES = {"reinforce", "reinforce_rb", "reinforce_cv", "reparam"};

    /**
     * The estimator called {@code name}: "reinforce" (basic score function), "reinforce_rb"
     * (Rao-Blackwellised per factor), "reinforce_cv" (Rao-Blackwellised with control variates),
     * "reparam" (reparameterisation; needs a {@link ReparameterisableFamily}).
     *
     * @throws IllegalArgumentException for any other name, listing the valid ones
     */
    static <Q> GradientEstimator<Q> byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "reinforce":
                return ScoreFunctionEstimator.basic();
            case "reinforce_rb":
                return ScoreFunctionEstimator.raoBlackwellised();
            case "reinforce_cv":
                return ScoreFunctionEstimator.withControlVariates();
            case "reparam":
                return ReparameterisationEstimator.create();
            default:
                throw new IllegalArgumentException("GradientEstimator name must be one of "
                        + String.join(", ", NAMES) + ", got '" + name + "'");
        }
    }
}
