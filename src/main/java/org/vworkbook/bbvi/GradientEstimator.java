package org.vworkbook.bbvi;

import java.util.Locale;
import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.cavi.NormalGammaMeanFieldState;

/**
 * An unbiased Monte Carlo estimator of the ELBO gradient for the family {@link NormalGammaFamily}
 * from a given number of draws of q.
 */
public interface GradientEstimator {

    /** The name used by the notebooks ("reinforce", "reinforce_rb", "reinforce_cv", "reparam"). */
    String name();

    /** The smallest number of draws this estimator accepts. */
    default int minimumSamples() {
        return 1;
    }

    /** One estimate from {@code samples} fresh draws of q taken from {@code random}. */
    GradientEstimate estimate(NormalGammaMeanFieldState q, int samples, RandomGenerator random);

    /** Names accepted by {@link #byName}. */
    String[] NAMES = {"reinforce", "reinforce_rb", "reinforce_cv", "reparam"};

    /**
     * The estimator called {@code name}: "reinforce" (basic score function), "reinforce_rb"
     * (Rao-Blackwellised per factor), "reinforce_cv" (Rao-Blackwellised with control variates),
     * "reparam" (reparameterisation, implicit for the Gamma factor).
     *
     * @throws IllegalArgumentException for any other name, listing the valid ones
     */
    static GradientEstimator byName(String name, MeanPrecisionTarget target) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "reinforce":
                return ScoreFunctionEstimator.basic(target);
            case "reinforce_rb":
                return ScoreFunctionEstimator.raoBlackwellised(target);
            case "reinforce_cv":
                return ScoreFunctionEstimator.withControlVariates(target);
            case "reparam":
                return ReparameterisationEstimator.of(target);
            default:
                throw new IllegalArgumentException("GradientEstimator name must be one of "
                        + String.join(", ", NAMES) + ", got '" + name + "'");
        }
    }
}
