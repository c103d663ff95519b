package org.vworkbook.bbvi;

import java.util.Objects;
import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.util.Check;

/**
 * Score-function (REINFORCE, likelihood-ratio) estimators of the ELBO gradient (Ranganath, Gerrish
 * and Blei 2014), for any {@link Family} (draws, log density, score) and {@link Target} (log joint). They rest on the identity, valid because the integration does not depend on eta
 * and E_q[grad log q] = 0,
 *
 * <pre>
 *   grad ELBO = grad E_q[log p(x, z) - log q(z)] = E_q[grad log q(z) (log p(x, z) - log q(z))].
 * </pre>
 *
 * <ul>
 *   <li><b>basic</b>: (1/S) sum_s grad log q(z_s) (log p(x, z_s) - log q(z_s)). Unbiased but with very high
 *       variance: the weight includes log p(x), which is large (about -100 here) and constant.
 *   <li><b>Rao-Blackwellised</b> per factor (Ranganath et al. eq. 5): for the parameters of q(mu) the weight keeps
 *       only the terms of log p that involve mu and log q(mu); for those of q(tau) only the terms with tau and
 *       log q(tau) (in general: for the coordinates of factor f, {@link Target#logJointTerms} and log q_f). The dropped terms do not depend on the factor's own draw, so their product with its score
 *       has mean zero. In this model every factor of log p involves tau, so the gain is small.
 *   <li><b>with control variates</b>: each coordinate d of the Rao-Blackwellised estimator, f_d = h_d w, gets
 *       the control variate h_d = d/d eta_d log q (mean zero): f_d - a*_d h_d with a*_d = Cov(f_d, h_d)/Var(h_d).
 *       a*_d is estimated <b>leaving draw s out</b> for the term of draw s, so that a* is independent of
 *       h_d(z_s) and the estimator stays exactly unbiased (the usual same-sample a* has an O(1/S) bias).
 *       With fewer than 3 draws the other draws (at most one) cannot estimate a covariance, so a*_d = 0 and
 *       the estimator is the Rao-Blackwellised one (still unbiased).
 * </ul>
 */
public final class ScoreFunctionEstimator<Q> implements GradientEstimator<Q> {
    private enum Kind { BASIC, RAO_BLACKWELLISED, CONTROL_VARIATES }

    private final Kind kind;

    private ScoreFunctionEstimator(Kind kind) {
        this.kind = kind;
    }

    /** The basic estimator of the seed (its "high-variance form"). */
    public static <Q> ScoreFunctionEstimator<Q> basic() {
        return new ScoreFunctionEstimator<>(Kind.BASIC);
    }

    /** Rao-Blackwellised per factor, without control variates. */
    public static <Q> ScoreFunctionEstimator<Q> raoBlackwellised() {
        return new ScoreFunctionEstimator<>(Kind.RAO_BLACKWELLISED);
    }

    /** Rao-Blackwellised per factor, with leave-one-out control variates. */
    public static <Q> ScoreFunctionEstimator<Q> withControlVariates() {
        return new ScoreFunctionEstimator<>(Kind.CONTROL_VARIATES);
    }

    @Override
    public String name() {
        switch (kind) {
            case BASIC:
                return "reinforce";
            case RAO_BLACKWELLISED:
                return "reinforce_rb";
            default:
                return "reinforce_cv";
        }
    }

    @Override
    public GradientEstimate estimate(Family<Q> family, Target target, Q q, int samples, RandomGenerator random) {
        if (family == null || target == null || q == null) {
            throw new IllegalArgumentException("ScoreFunctionEstimator family, target and q must not be null");
        }
        Check.atLeast("ScoreFunctionEstimator(" + name() + ")", "samples", samples, minimumSamples());
        Objects.requireNonNull(random, "random");
        Family.Sampler sampler = family.sampler(q, random);
        int dimension = family.dimension();
        int factors = family.factors();
        double[][] f = new double[dimension][samples];
        double[][] h = new double[dimension][samples];
        double[] logQ = new double[factors];
        double[] w = new double[factors];
        double elbo = 0;
        for (int s = 0; s < samples; s++) {
            double[] z = sampler.draw();
            double full = target.logJoint(z);
            for (int k = 0; k < factors; k++) {
                logQ[k] = family.logDensity(q, z, k);
                full -= logQ[k];
            }
            elbo += full;
            for (int k = 0; k < factors; k++) {
                w[k] = kind == Kind.BASIC ? full : target.logJointTerms(z, k) - logQ[k];
            }
            double[] score = family.score(q, z);
            for (int d = 0; d < dimension; d++) {
                h[d][s] = score[d];
                f[d][s] = score[d] * w[family.factorOf(d)];
            }
        }
        double[] gradient = new double[dimension];
        for (int d = 0; d < gradient.length; d++) {
            gradient[d] = kind == Kind.CONTROL_VARIATES ? leaveOneOutControlled(f[d], h[d]) : mean(f[d]);
        }
        return new GradientEstimate(gradient, elbo / samples);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /**
     * (1/S) sum_s (f_s - a_(-s) h_s) with a_(-s) = Cov(f, h)/Var(h) from the other S - 1 draws
     * (0 when those draws have no spread in h, and for S < 3, where one other draw has no spread:
     * then the plain mean of f).
     */
    static double leaveOneOutControlled(double[] f, double[] h) {
        int n = f.length;
        if (n < 3) {
            return mean(f);
        }
        double sf = 0;
        double sh = 0;
        double sfh = 0;
        double shh = 0;
        for (int s = 0; s < n; s++) {
            sf += f[s];
            sh += h[s];
            sfh += f[s] * h[s];
            shh += h[s] * h[s];
        }
        int m = n - 1;
        double total = 0;
        for (int s = 0; s < n; s++) {
            double mf = (sf - f[s]) / m;
            double mh = (sh - h[s]) / m;
            double cov = (sfh - f[s] * h[s]) - m * mf * mh;
            double var = (shh - h[s] * h[s]) - m * mh * mh;
            double a = var > 0 ? cov / var : 0.0;
            total += f[s] - a * h[s];
        }
        return total / n;
    }

    @Override
    public String toString() {
        return "ScoreFunctionEstimator(" + name() + ")";
    }
}
