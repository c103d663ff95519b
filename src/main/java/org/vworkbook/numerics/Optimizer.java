package org.vworkbook.numerics;

import java.util.Locale;

/**
 * A first-order stochastic-gradient step rule (Adam, AdaGrad, Robbins-Monro), the one optimiser
 * abstraction of the library: black-box VI, the VAE trainer and the stochastic forward-KL fit all
 * step through it.
 *
 * <p><b>Direction.</b> An optimiser <b>maximises</b>: {@link #ascend} takes the gradient of the
 * objective being maximised and steps along it. To minimise f, call {@link #descend} with the gradient
 * of f, which is {@code ascend} on the negated gradient (negation is exact in floating point, so the
 * two give bit-identical iterates).
 *
 * <p>Instances keep their own state (step count, gradient moments), so use a fresh one for each run.
 * Deterministic minimisation with a line search is {@link GradientDescent}, not a step rule.
 */
public interface Optimizer {

    /** A short description, e.g. "Adam(lr=0.05)". */
    String name();

    /**
     * One step uphill: the new parameters from the current ones and a (noisy) gradient of the objective
     * being maximised. Inputs are not changed.
     */
    double[] ascend(double[] parameters, double[] gradient);

    /** One step downhill on an objective being minimised: {@code ascend(parameters, -gradient)}. */
    default double[] descend(double[] parameters, double[] gradient) {
        double[] negated = new double[gradient.length];
        for (int i = 0; i < negated.length; i++) {
            negated[i] = -gradient[i];
        }
        return ascend(parameters, negated);
    }

    /** Names accepted by {@link #byName}. */
    String[] NAMES = {"robbins_monro", "adagrad", "adam"};

    /**
     * The optimiser called {@code name} with base step size {@code rate}: "robbins_monro"
     * (steps rate (t + 10)^-0.7, {@link RobbinsMonro}), "adagrad" ({@link AdaGrad}) or "adam" (constant
     * learning rate, {@link Adam}).
     *
     * @throws IllegalArgumentException for any other name
     */
    static Optimizer byName(String name, double rate) {
        switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "robbins_monro":
                return RobbinsMonro.of(rate, 10, 0.7);
            case "adagrad":
                return AdaGrad.of(rate);
            case "adam":
                return Adam.withLearningRate(rate);
            default:
                throw new IllegalArgumentException(
                        "Optimizer name must be one of " + String.join(", ", NAMES) + ", got '" + name + "'");
        }
    }
}
