package org.vworkbook.numerics;

import org.vworkbook.util.Check;

/**
 * AdaGrad (Duchi, Hazan and Singer 2011), the step rule used by Ranganath et al. 2014 for BBVI, as an
 * ascent rule ({@link Optimizer}): G_i += g_i^2, x_i += eta g_i / (sqrt(G_i) + eps). The effective step
 * decays like 1/sqrt(t) per coordinate, scaled by that coordinate's gradient size.
 */
public final class AdaGrad implements Optimizer {
    private static final double EPS = 1e-8;
    private final double eta;
    private double[] sumSquares;

    private AdaGrad(double eta) {
        this.eta = eta;
    }

    /** @param eta the base step, > 0 */
    public static AdaGrad of(double eta) {
        Check.positive("AdaGrad", "eta", eta);
        return new AdaGrad(eta);
    }

    @Override
    public String name() {
        return "AdaGrad(eta=" + eta + ")";
    }

    @Override
    public double[] ascend(double[] parameters, double[] gradient) {
        Check.sameLength("AdaGrad", "parameters", parameters.length, "gradient", gradient.length);
        if (sumSquares == null) {
            sumSquares = new double[parameters.length];
        }
        Check.sameLength("AdaGrad", "parameters", parameters.length, "state", sumSquares.length);
        double[] next = parameters.clone();
        for (int i = 0; i < next.length; i++) {
            sumSquares[i] += gradient[i] * gradient[i];
            next[i] += eta * gradient[i] / (Math.sqrt(sumSquares[i]) + EPS);
        }
        return next;
    }
}
