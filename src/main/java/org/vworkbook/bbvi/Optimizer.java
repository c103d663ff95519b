package org.vworkbook.bbvi;

/**
 * A stochastic-gradient <b>ascent</b> rule. Instances keep their own state (step count, gradient
 * moments), so use a fresh one for each run.
 */
public interface Optimizer {

    /** A short description, e.g. "Adam(lr=0.05)". */
    String name();

    /** One step: the new parameters from the current ones and a (noisy) gradient. Inputs are not changed. */
    double[] ascend(double[] parameters, double[] gradient);

    /**
     * The optimiser called {@code name} with base step size {@code rate}: "robbins_monro"
     * (steps rate (t + 10)^-0.7, {@link RobbinsMonro}), "adagrad" ({@link AdaGrad}) or "adam" (constant
     * learning rate, {@link AdamAscent}).
     *
     * @throws IllegalArgumentException for any other name
     */
    static Optimizer byName(String name, double rate) {
        switch (name == null ? "" : name) {
            case "robbins_monro":
                return RobbinsMonro.of(rate, 10, 0.7);
            case "adagrad":
                return AdaGrad.of(rate);
            case "adam":
                return AdamAscent.of(rate, 0);
            default:
                throw new IllegalArgumentException(
                        "Optimizer name must be one of robbins_monro, adagrad, adam, got '" + name + "'");
        }
    }
}
