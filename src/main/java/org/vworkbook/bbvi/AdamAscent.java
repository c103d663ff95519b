package org.vworkbook.bbvi;

import org.vworkbook.numerics.Adam;
import org.vworkbook.util.Check;

/**
 * Adam (Kingma and Ba 2015; beta1 = 0.9, beta2 = 0.999, eps = 1e-8) for ascent, with an optional
 * Robbins-Monro-style decay of the learning rate, lr_t = lr / sqrt(1 + t / decaySteps), so that the
 * iterates settle instead of jittering at a noise floor set by a constant lr. With decaySteps = 0
 * the learning rate is constant. The steps are {@link org.vworkbook.numerics.Adam}'s, with its decay.
 */
public final class AdamAscent implements Optimizer {
    private final double learningRate;
    private final double decaySteps;
    private final Adam adam;

    private AdamAscent(double learningRate, double decaySteps) {
        this.learningRate = learningRate;
        this.decaySteps = decaySteps;
        this.adam = Adam.of(learningRate, 0.9, 0.999, 1e-8).withDecay(decaySteps);
    }

    /**
     * @param learningRate > 0
     * @param decaySteps >= 0 (0: constant learning rate)
     */
    public static AdamAscent of(double learningRate, double decaySteps) {
        Check.positive("AdamAscent", "learningRate", learningRate);
        Check.nonNegative("AdamAscent", "decaySteps", decaySteps);
        return new AdamAscent(learningRate, decaySteps);
    }

    @Override
    public String name() {
        return "Adam(lr=" + learningRate + (decaySteps > 0 ? ", decay over " + decaySteps + " steps" : "") + ")";
    }

    @Override
    public double[] ascend(double[] parameters, double[] gradient) {
        Check.sameLength("AdamAscent", "parameters", parameters.length, "gradient", gradient.length);
        return adam.ascend(parameters, gradient);
    }
}
