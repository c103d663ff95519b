package org.vworkbook.numerics;

import java.util.function.IntToDoubleFunction;
import org.vworkbook.util.Check;

/**
 * Plain stochastic gradient ascent ({@link Optimizer}) x_t = x_(t-1) + rho_t g_t with a Robbins-Monro
 * step schedule, t = 1, 2, ...: for the steps to reach a stationary point, sum rho_t = infinity and
 * sum rho_t^2 &lt; infinity (Robbins and Monro 1951).
 *
 * <ul>
 *   <li>{@link #of}: the polynomial schedule rho_t = rho0 (t + delay)^-kappa, which meets the conditions for
 *       kappa in (1/2, 1];
 *   <li>{@link #withSchedule}: any schedule the caller gives, e.g. the running-average steps
 *       rho_t = |B_t| / (points seen after batch t) of a one-pass minibatch fit, which make x_t the
 *       average of the points seen so far.
 * </ul>
 *
 * <p>One scalar step for every coordinate: it is sensitive to the scale of each coordinate's gradient,
 * which AdaGrad and Adam remove.
 */
public final class RobbinsMonro implements Optimizer {
    private final IntToDoubleFunction schedule;
    private final String description;
    private int t;

    private RobbinsMonro(IntToDoubleFunction schedule, String description) {
        this.schedule = schedule;
        this.description = description;
    }

    /**
     * rho_t = rho0 (t + delay)^-kappa.
     *
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
        return new RobbinsMonro(step -> rho0 * Math.pow(step + delay, -kappa),
                "RobbinsMonro(rho0=" + rho0 + ", delay=" + delay + ", kappa=" + kappa + ")");
    }

    /**
     * Steps rho_t = {@code schedule.applyAsDouble(t)}; the caller answers for the Robbins-Monro
     * conditions. Each rho_t must be finite and > 0 (checked when it is used).
     *
     * @param description what the schedule is, for {@link #name()}
     */
    public static RobbinsMonro withSchedule(IntToDoubleFunction schedule, String description) {
        if (schedule == null || description == null) {
            throw new IllegalArgumentException("RobbinsMonro schedule and description must not be null");
        }
        return new RobbinsMonro(schedule, "RobbinsMonro(" + description + ")");
    }

    /** The step size rho_t for step t >= 1. */
    public double stepSize(int step) {
        Check.atLeast("RobbinsMonro", "step", step, 1);
        return Check.positive("RobbinsMonro", "step size", schedule.applyAsDouble(step));
    }

    /** The number of steps taken. */
    public int steps() {
        return t;
    }

    @Override
    public String name() {
        return description;
    }

    @Override
    public double[] ascend(double[] parameters, double[] gradient) {
        Check.sameLength("RobbinsMonro", "parameters", parameters.length, "gradient", gradient.length);
        double rho = stepSize(t + 1);
        t++;
        double[] next = parameters.clone();
        for (int i = 0; i < next.length; i++) {
            next[i] += rho * gradient[i];
        }
        return next;
    }
}
