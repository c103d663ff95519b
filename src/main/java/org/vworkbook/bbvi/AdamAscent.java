package org.vworkbook.bbvi;

import org.vworkbook.numerics.Adam;
import org.vworkbook.util.Check;

/**
 * Adam (Kingma and Ba 2015; beta1 = 0.9, beta2 = 0.999, eps = 1e-8) for ascent, with an optional
 * Robbins-Monro-style decay of the learning rate, lr_t = lr / sqrt(1 + t / decaySteps), so that the
 * iterates settle instead of jittering at a noise floor set by a constant lr. With decaySteps = 0
 * the learning rate is constant and the steps are those of {@link org.vworkbook.numerics.Adam}.
 */
public final class AdamAscent implements Optimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double learningRate;
    private final double decaySteps;
    private final Adam constant;
    private double[] m;
    private double[] v;
    private int t;

    private AdamAscent(double learningRate, double decaySteps) {
        this.learningRate = learningRate;
        this.decaySteps = decaySteps;
        this.constant = decaySteps == 0 ? Adam.of(learningRate, BETA1, BETA2, EPS) : null;
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
        if (constant != null) {
            return constant.ascend(parameters, gradient);
        }
        Check.sameLength("AdamAscent", "parameters", parameters.length, "gradient", gradient.length);
        if (m == null) {
            m = new double[parameters.length];
            v = new double[parameters.length];
        }
        t++;
        double lr = learningRate / Math.sqrt(1 + t / decaySteps);
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        double[] next = parameters.clone();
        for (int i = 0; i < next.length; i++) {
            double g = gradient[i];
            m[i] = BETA1 * m[i] + (1 - BETA1) * g;
            v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
            next[i] += lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPS);
        }
        return next;
    }
}
