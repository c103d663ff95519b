package org.vworkbook.ep;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import org.vworkbook.cavi.Cavi;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.CoordinateAscent;
import org.vworkbook.util.Check;

/**
 * Mean-field variational Bayes for the clutter problem, for comparison with EP. Each observation
 * gets an indicator z_n (1: a reading of theta, 0: clutter), p(z_n = 1) = 1 - w, and
 * q(theta, z) = N(theta | m, v) prod_n Bernoulli(z_n | r_n). The CAVI updates (log q_j* = E_-j[log p] + const):
 *
 * <pre>
 *   logit r_n = log(1 - w) - 1/2 log 2 pi - 1/2 ((x_n - m)^2 + v) - log w - log N(x_n | 0, a)
 *   1 / v     = 1 / b + sum_n r_n,        m = v (m0 / b + sum_n r_n x_n)
 * </pre>
 *
 * ELBO = E[log p(theta)] + sum_n E[log p(z_n) + log p(x_n | theta, z_n)] + H[q(theta)] + sum_n H[q(z_n)], with
 * E[(x_n - theta)^2] = (x_n - m)^2 + v. The indicators are local (one per observation), so the
 * r-update necessarily visits every observation. With w = 0 (no clutter) every r_n is 1 and the
 * model is the conjugate Gaussian one, so q(theta) is the exact posterior after one sweep. Runs through {@link Cavi#run}, which checks that the
 * ELBO never decreases. A sweep updates q(theta), then every q(z_n).
 */
public final class ClutterMeanField implements CoordinateAscent<ClutterMeanField.State> {

    private final ClutterProblem problem;

    /**
     * q(theta) = N(mean, variance), q(z_n = 1) = responsibilities[n].
     */
    public record State(double mean, double variance, double[] responsibilities) {
        public State {
            Check.finite("ClutterMeanField.State", "mean", mean);
            Check.positive("ClutterMeanField.State", "variance", variance);
            responsibilities = Check.finiteVector("ClutterMeanField.State", "responsibilities", responsibilities);
            for (int n = 0; n < responsibilities.length; n++) {
                Check.inRange("ClutterMeanField.State", "responsibilities[" + n + "]", responsibilities[n], 0.0, 1.0);
            }
        }

        @Override
        public double[] responsibilities() {
            return responsibilities.clone();
        }
    }

    private ClutterMeanField(ClutterProblem problem) {
        this.problem = problem;
    }

    public static ClutterMeanField of(ClutterProblem problem) {
        if (problem == null) {
            throw new IllegalArgumentException("ClutterMeanField problem must not be null");
        }
        return new ClutterMeanField(problem);
    }

    /** The start: q(theta) the prior, r_n = 1 - w (the prior probability of a true reading). */
    public State start() {
        double[] r = new double[problem.size()];
        java.util.Arrays.fill(r, 1 - problem.clutterWeight());
        return new State(problem.priorMean(), problem.priorVariance(), r);
    }

    /** CAVI from {@link #start()} until q's mean and variance change by less than {@code options.tolerance()}. */
    public CaviResult<State> run(CaviOptions options) {
        return Cavi.run(this, start(), options);
    }

    @Override
    public State sweep(State s) {
        double[] r = s.responsibilities;
        double precision = 1 / problem.priorVariance();
        double weighted = problem.priorMean() / problem.priorVariance();
        for (int n = 0; n < r.length; n++) {
            precision += r[n];
            weighted += r[n] * problem.observation(n);
        }
        double v = 1 / precision;
        double m = v * weighted;
        double[] rNew = new double[r.length];
        double logIn0 = Math.log1p(-problem.clutterWeight()) - 0.5 * LOG_2PI;
        for (int n = 0; n < r.length; n++) {
            double x = problem.observation(n);
            double logit = logIn0 - 0.5 * ((x - m) * (x - m) + v) - problem.logClutter(x);
            rNew[n] = 1 / (1 + Math.exp(-logit));
        }
        return new State(m, v, rNew);
    }

    @Override
    public double elbo(State s) {
        double b = problem.priorVariance();
        double w = problem.clutterWeight();
        double m = s.mean;
        double v = s.variance;
        double m0 = problem.priorMean();
        double elbo = -0.5 * (LOG_2PI + Math.log(b)) - ((m - m0) * (m - m0) + v) / (2 * b); // E log p(theta)
        elbo += 0.5 * (LOG_2PI + 1 + Math.log(v)); // H[q(theta)]
        for (int n = 0; n < s.responsibilities.length; n++) {
            double r = s.responsibilities[n];
            double x = problem.observation(n);
            double in = Math.log1p(-w) - 0.5 * (LOG_2PI + (x - m) * (x - m) + v);
            double out = problem.logClutter(x);
            // With w = 0 there is no clutter: r_n = 1 and the clutter term (log 0) carries weight 0.
            elbo += r * in + (r < 1 ? (1 - r) * out : 0) - xlogx(r) - xlogx(1 - r);
        }
        return elbo;
    }

    private static double xlogx(double x) {
        return x > 0 ? x * Math.log(x) : 0;
    }

    @Override
    public double change(State before, State after) {
        return Math.max(Math.abs(after.mean - before.mean), Math.abs(after.variance - before.variance));
    }
}
