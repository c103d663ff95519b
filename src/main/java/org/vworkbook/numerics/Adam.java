package org.vworkbook.numerics;

import org.vworkbook.util.Check;

/**
 * The Adam optimiser (Kingma and Ba 2015), an {@link Optimizer}: it <b>maximises</b> an objective from
 * (possibly noisy) gradients ({@link #ascend}; {@link #descend} minimises). It holds the moment
 * estimates, so one instance serves one optimisation.
 *
 * <pre>
 *   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
 *   x = x + lr_t * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 *
 * with lr_t = lr, or lr / sqrt(1 + t / decaySteps) when a decay is set ({@link #withDecay}), a
 * Robbins-Monro-style schedule that lets noisy iterates settle instead of jittering.
 */
public final class Adam implements Optimizer {
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double decaySteps;
    private double[] m;
    private double[] v;
    private int t;

    private Adam(double learningRate, double beta1, double beta2, double epsilon, double decaySteps) {
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.decaySteps = decaySteps;
    }

    /** Adam with beta1 = 0.9, beta2 = 0.999, eps = 1e-8. */
    public static Adam withLearningRate(double learningRate) {
        return of(learningRate, 0.9, 0.999, 1e-8);
    }

    public static Adam of(double learningRate, double beta1, double beta2, double epsilon) {
        Check.positive("Adam", "learningRate", learningRate);
        Check.inRange("Adam", "beta1", beta1, 0, 0.999999);
        Check.inRange("Adam", "beta2", beta2, 0, 0.999999999);
        Check.positive("Adam", "epsilon", epsilon);
        return new Adam(learningRate, beta1, beta2, epsilon, 0);
    }

    /**
     * A fresh optimiser with the same settings whose learning rate decays as
     * lr / sqrt(1 + t / decaySteps); decaySteps = 0 keeps it constant.
     */
    public Adam withDecay(double decaySteps) {
        Check.nonNegative("Adam", "decaySteps", decaySteps);
        return new Adam(learningRate, beta1, beta2, epsilon, decaySteps);
    }

    @Override
    public String name() {
        return "Adam(lr=" + learningRate + (decaySteps > 0 ? ", decay over " + decaySteps + " steps" : "") + ")";
    }

    /** One ascent step: returns the new parameters (the input array is not changed). */
    @Override
    public double[] ascend(double[] parameters, double[] gradient) {
        Check.sameLength("Adam", "parameters", parameters.length, "gradient", gradient.length);
        if (m == null) {
            m = new double[parameters.length];
            v = new double[parameters.length];
        }
        Check.sameLength("Adam", "parameters", parameters.length, "state", m.length);
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        double lr = decaySteps > 0 ? learningRate / Math.sqrt(1 + t / decaySteps) : learningRate;
        double[] next = parameters.clone();
        for (int i = 0; i < next.length; i++) {
            double g = gradient[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            next[i] += lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + epsilon);
        }
        return next;
    }

    /** The number of steps taken. */
    public int steps() {
        return t;
    }
}
