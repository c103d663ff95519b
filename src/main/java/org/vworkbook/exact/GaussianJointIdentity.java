package org.vworkbook.exact;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.util.Check;

/**
 * The identity log p(x) = ELBO(q) + KL(q, p(z | x)) (Bishop 10.2) tested on random Gaussians q under a
 * {@link GaussianJoint}, and, by a fourth route that uses no formula, the ELBO of one of them by Monte Carlo:
 * ELBO(q) = E_q[log p(x, z) - log q(z)] averaged over draws z ~ q, with log p(x, z) evaluated term by term.
 *
 * <p>The random q are N(m, A A^T + 0.05 I) with every entry of A drawn as 0.7 N(0, 1) (full covariance,
 * positive definite) and m = the posterior mean + N(0, I): scattered around the posterior. They and the
 * Monte Carlo draws come from one seeded source, in that order.
 *
 * @param q the random Gaussians
 * @param elbo ELBO(q_k) by {@link GaussianJoint#elbo}
 * @param kl KL(q_k, p(z | x)) by {@link GaussianJoint#klToPosterior}
 * @param magnitude the rounding scale {@link GaussianJoint#elboMagnitude} of each ELBO
 * @param logEvidence log p(x)
 * @param monteCarloQ the Gaussian whose ELBO the Monte Carlo average estimates (the first random q, or the
 *     posterior when there is none)
 * @param monteCarloElbo the Monte Carlo average
 * @param monteCarloStandardError its estimated standard error s / sqrt(n)
 * @param monteCarloSamples n
 */
public record GaussianJointIdentity(MultivariateNormal[] q, double[] elbo, double[] kl, double[] magnitude,
        double logEvidence, MultivariateNormal monteCarloQ, double monteCarloElbo, double monteCarloStandardError,
        int monteCarloSamples) {

    /**
     * Draws {@code count} random q, computes their ELBO and KL, then estimates the ELBO of the first (or of
     * the posterior when count = 0) from {@code samples} draws; every draw from {@code new Well19937c(seed)}.
     *
     * @param joint the Gaussian joint
     * @param logJoint log p(x, z), computed independently of the joint's c, h, Lambda (e.g. term by term)
     * @param count how many random q (>= 0)
     * @param samples Monte Carlo draws (>= 2)
     * @param seed the seed
     */
    public static GaussianJointIdentity onRandomGaussians(GaussianJoint joint, ToDoubleFunction<double[]> logJoint,
            int count, int samples, long seed) {
        Check.notNull("GaussianJointIdentity", "joint", joint);
        Check.notNull("GaussianJointIdentity", "logJoint", logJoint);
        Check.atLeast("GaussianJointIdentity", "count", count, 0);
        Check.atLeast("GaussianJointIdentity", "samples", samples, 2);
        RandomGenerator rng = new Well19937c(seed);
        MultivariateNormal posterior = joint.posterior();
        MultivariateNormal[] qs = new MultivariateNormal[count];
        double[] elbo = new double[count];
        double[] kl = new double[count];
        double[] magnitude = new double[count];
        for (int k = 0; k < count; k++) {
            qs[k] = randomGaussian(posterior.mean(), rng);
            elbo[k] = joint.elbo(qs[k]);
            kl[k] = joint.klToPosterior(qs[k]);
            magnitude[k] = joint.elboMagnitude(qs[k]);
        }
        MultivariateNormal q0 = count > 0 ? qs[0] : posterior;
        double mean = 0;
        double m2 = 0;   // Welford's running mean and sum of squared deviations
        for (int s = 1; s <= samples; s++) {
            double[] z = q0.sample(rng);
            double v = logJoint.applyAsDouble(z) - q0.logDensity(z);
            double delta = v - mean;
            mean += delta / s;
            m2 += delta * (v - mean);
        }
        double stderr = Math.sqrt(m2 / (samples - 1) / samples);
        return new GaussianJointIdentity(qs, elbo, kl, magnitude, joint.logEvidence(), q0, mean, stderr, samples);
    }

    /**
     * One random Gaussian N(m, A A^T + 0.05 I): A's entries 0.7 N(0, 1) drawn row by row, then
     * m_i = centre_i + N(0, 1).
     */
    public static MultivariateNormal randomGaussian(double[] centre, RandomGenerator rng) {
        Check.finiteVector("GaussianJointIdentity", "centre", centre);
        Check.notNull("GaussianJointIdentity", "rng", rng);
        int d = centre.length;
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = 0.7 * rng.nextGaussian();
            }
        }
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += a[i][k] * a[j][k];
                }
                cov[i][j] = i == j ? s + 0.05 : s;
            }
        }
        double[] m = new double[d];
        for (int i = 0; i < d; i++) {
            m[i] = centre[i] + rng.nextGaussian();
        }
        return MultivariateNormal.ofMeanCovariance(m, cov);
    }

    /** How many random q. */
    public int count() {
        return q.length;
    }

    /** |log p(x) - ELBO(q_k) - KL(q_k, p)|. */
    public double error(int k) {
        return Math.abs(logEvidence - elbo[k] - kl[k]);
    }

    /** The largest {@link #error} over the random q (0 when there is none). */
    public double maxError() {
        double max = 0;
        for (int k = 0; k < q.length; k++) {
            max = Math.max(max, error(k));
        }
        return max;
    }

    /** The largest KL among the random q, or {@code ifNone} when there is none. */
    public double maxKl(double ifNone) {
        return java.util.Arrays.stream(kl).max().orElse(ifNone);
    }
}
