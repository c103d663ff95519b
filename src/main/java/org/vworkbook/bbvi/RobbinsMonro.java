package org.vworkbook.bbvi;

import org.vworkbook.util.Check;

/**
 * Plain stochastic gradient ascent with the Robbins-Monro step sizes rho_t = rho0 (t + delay)^-kappa,
 * t = 1, 2, ...: for kappa in (1/2, 1], sum rho_t = infinity and sum rho_t^2 &lt; infinity (Robbins and
 * Monro 1951), the conditions under which the iterates converge to a stationary point.
 *
 * <p>One scalar step for every coordinate: it is sensitive to the scale of each coordinate's
 * gradient (here d/dm is about 100 times d/dlog a), which AdaGrad and Adam remove.
 */
public final class RobbinsMonro implements Optimizer {
    private final double rho0;
    private final double delay;
    private final double kappa;
    private int t;

    private RobbinsMonro(double rho0, double delay, double kappa) {
        this.rho0 = rho0;
        this.delay = delay;
        this.kappa = kappa;
    }

    /**
     * @param rho0 > 0
     * @param delay >= 0
     * @param kappa in (0.5, 1]
     */
    public static RobbinsMonro of(double rho0, double delay, double kappa) {
        Check.positive("RobbinsMonro", "rho0", rho0);
        Check.nonNegative("RobbinsMonro", "delay", delay);
        if (!(kappa > 0.5 && kappa <= 1)) {
            throw new IllegalArgumentException("RobbinsMonro kappa must be in (0.5, 1], got " + kappa);
        }
        return new RobbinsMonro(rho0, delay, kappa);
    }

    /** The step size rho_t for step t >= 1. */
    public double stepSize(int step) {
        return rho0 * Math.pow(step + delay, -kappa);
    }

    @Override
    public String name() {
        return "RobbinsMonro(rho0=" + rho0 + ", delay=" + delay + ", kappa=" + kappa + ")";
    }

    @Override
    public double[] ascend(double[] parameters, double[] gradient) {
        Check.sameLength("RobbinsMonro", "parameters", parameters.length, "gradient", gradient.length);
        t++;
        double rho = stepSize(t);
        double[] next = parameters.clone();
        for (int i = 0; i < next.length; i++) {
            next[i] += rho * gradient[i];
        }
        return next;
    }
}
