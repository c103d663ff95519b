package org.vworkbook.ep;

import org.vworkbook.util.Check;

/**
 * One clutter problem solved by undamped EP (eta = 1) and by damped EP (eta < 1), from the same flat
 * sites, with the exact posterior for reference. Damping replaces a site update by a step of
 * length eta in its natural parameters, tau_n += eta (tau_n,new - tau_n) (Minka 2001, section 3.5;
 * Bishop 10.7 mentions that EP need not converge). A fixed point of one is a fixed point of the
 * other (at a fixed point every step is 0), so where both converge they agree; damping changes only
 * whether, and how fast, the iteration gets there.
 *
 * @param problem the problem
 * @param dampedEta the damping of the damped run, in (0, 1)
 * @param undamped EP with eta = 1
 * @param damped EP with eta = {@code dampedEta}
 * @param exact the exact posterior (quadrature)
 */
public record DampingComparison(ClutterProblem problem, double dampedEta, ExpectationPropagation.Result undamped,
        ExpectationPropagation.Result damped, ClutterProblem.Posterior exact) {
    /** The number of final passes over which {@link #undampedSwing()} and {@link #dampedSwing()} look. */
    public static final int TAIL = 20;

    public DampingComparison {
        if (problem == null || undamped == null || damped == null || exact == null) {
            throw new IllegalArgumentException("DampingComparison needs a problem, both runs and the exact posterior");
        }
        if (!(dampedEta > 0 && dampedEta < 1)) {
            throw new IllegalArgumentException("DampingComparison dampedEta must be in (0, 1), got " + dampedEta);
        }
    }

    /**
     * Runs both with tolerance 1e-10 and at most {@code maxSweeps} passes.
     *
     * @param dampedEta the damping of the second run, in (0, 1)
     */
    public static DampingComparison of(ClutterProblem problem, double dampedEta, int maxSweeps) {
        if (problem == null) {
            throw new IllegalArgumentException("DampingComparison problem must not be null");
        }
        Check.atLeast("DampingComparison", "maxSweeps", maxSweeps, 1);
        if (!(dampedEta > 0 && dampedEta < 1)) {
            throw new IllegalArgumentException("DampingComparison dampedEta must be in (0, 1), got " + dampedEta);
        }
        ExpectationPropagation.Result undamped = ExpectationPropagation.run(problem, new ExpectationPropagation.Options(1.0, 1e-10, maxSweeps));
        ExpectationPropagation.Result damped = ExpectationPropagation.run(problem, new ExpectationPropagation.Options(dampedEta, 1e-10, maxSweeps));
        return new DampingComparison(problem, dampedEta, undamped, damped, problem.exact());
    }

    /** The damping for the second run of a page: the reader's {@code damping} if it is below 1, else 0.5. */
    public static double dampedEtaFor(double damping) {
        return damping > 0 && damping < 1 ? damping : 0.5;
    }

    /** max - min of the undamped run's q mean over its last {@link #TAIL} passes (0 for a settled run). */
    public double undampedSwing() {
        return swing(undamped.meanTrace());
    }

    /** max - min of the damped run's q mean over its last {@link #TAIL} passes. */
    public double dampedSwing() {
        return swing(damped.meanTrace());
    }

    static double swing(double[] trace) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = Math.max(0, trace.length - TAIL); i < trace.length; i++) {
            lo = Math.min(lo, trace[i]);
            hi = Math.max(hi, trace[i]);
        }
        return hi - lo;
    }

    /** |mean_undamped - mean_damped| at the end of both runs (meaningful as agreement when both converged). */
    public double meanDifference() {
        return Math.abs(undamped.posterior().mean() - damped.posterior().mean());
    }

    /** |variance_undamped - variance_damped| at the end of both runs. */
    public double varianceDifference() {
        return Math.abs(undamped.posterior().variance() - damped.posterior().variance());
    }

    /**
     * The comparison for a results file: {@code eta}, and for each run its {@code converged},
     * {@code sweeps} and {@code mean_trace} (q's mean at the start and after each pass), with
     * {@code exact_mean}.
     */
    public java.util.Map<String, Object> asMap() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("eta", dampedEta);
        m.put("undamped_converged", undamped.converged());
        m.put("undamped_sweeps", undamped.sweeps());
        m.put("undamped_mean_trace", undamped.meanTrace());
        m.put("damped_converged", damped.converged());
        m.put("damped_sweeps", damped.sweeps());
        m.put("damped_mean_trace", damped.meanTrace());
        m.put("exact_mean", exact.mean());
        return m;
    }
}
