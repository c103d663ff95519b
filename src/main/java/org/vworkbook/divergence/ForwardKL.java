package org.vworkbook.divergence;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.vworkbook.distributions.GaussianMixture;
import org.vworkbook.distributions.GaussianMixture1D;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.numerics.GradientDescent;
import org.vworkbook.numerics.RobbinsMonro;
import org.vworkbook.numerics.StandardNormalGrid;
import org.vworkbook.util.Check;

/**
 * Fitting a Gaussian q to a target p by the <b>forward</b> divergence KL(p, q) = E_p[log p - log q],
 * the direction expectation propagation minimises locally. Only the cross term -E_p[log q]
 * depends on q; for q = N(m, S) it is 1/2 log|2 pi S| + 1/2 E_p[(x - m)^T S^-1 (x - m)], which is
 * minimised by m = E_p[x] and S = Cov_p[x]: <b>moment matching</b>. The forward fit is
 * mass-covering: it must put mass wherever p has any.
 */
public final class ForwardKL {

    private ForwardKL() {}

    /** The Gaussian with the mixture's mean and variance: the minimiser of KL(p, q) over Gaussians q. */
    public static Normal momentMatch(GaussianMixture1D p) {
        return Normal.ofMeanVariance(p.mean(), p.variance());
    }

    /** The Gaussian with the mixture's mean and covariance. */
    public static MultivariateNormal momentMatch(GaussianMixture p) {
        return MultivariateNormal.ofMeanCovariance(p.mean(), p.covariance());
    }

    /**
     * E_p[f] for a 1-D mixture p, by the fine standard-normal grid under each component:
     * E_p[f] = sum_k w_k E[f(m_k + s_k e)].
     */
    public static double expectation(GaussianMixture1D p, java.util.function.DoubleUnaryOperator f) {
        StandardNormalGrid grid = StandardNormalGrid.fine();
        double s = 0;
        for (int k = 0; k < p.components(); k++) {
            Normal c = p.component(k);
            s += p.weight(k) * grid.expectation(f, c.mean(), c.standardDeviation());
        }
        return s;
    }

    /** KL(p, q) for a 1-D mixture p and a Gaussian q, by quadrature (including p's entropy). */
    public static double kl(GaussianMixture1D p, Normal q) {
        return expectation(p, x -> p.logDensity(x) - q.logDensity(x));
    }

    /**
     * KL(p, q) minimised numerically over q = N(m, s^2) by gradient descent in (m, log s), with
     * every expectation under p computed by quadrature (not from the mixture's moment formulas), so
     * that agreement with {@link #momentMatch(GaussianMixture1D)} is an independent check.
     *
     * <pre>
     *   d KL / d m     = -(E_p[x] - m) / s^2          (written as -E_p[x - m] / s^2)
     *   d KL / d log s = 1 - E_p[(x - m)^2] / s^2
     * </pre>
     */
    public static GaussianFit fitByGradientDescent(GaussianMixture1D p, double initialMean, double initialVariance) {
        Check.finite("ForwardKL", "initialMean", initialMean);
        Check.positive("ForwardKL", "initialVariance", initialVariance);
        double negEntropy = expectation(p, p::logDensity);
        GradientDescent.Result r = GradientDescent.minimise(th -> {
            double m = th[0];
            double v = Math.exp(2 * th[1]);
            double e2 = expectation(p, x -> (x - m) * (x - m));
            return negEntropy + 0.5 * (LOG_2PI + Math.log(v)) + 0.5 * e2 / v;
        }, th -> {
            double m = th[0];
            double v = Math.exp(2 * th[1]);
            double e1 = expectation(p, x -> x - m);
            double e2 = expectation(p, x -> (x - m) * (x - m));
            return new double[] {-e1 / v, 1 - e2 / v};
        }, new double[] {initialMean, 0.5 * Math.log(initialVariance)}, 1e-11, 10000);
        return ReverseKL.toFit(r);
    }

    /** {@code n} draws from p using {@code Well19937c(seed)}. */
    public static double[][] sample(GaussianMixture p, int n, long seed) {
        Check.atLeast("ForwardKL", "samples", n, 1);
        RandomGenerator random = new Well19937c(seed);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = p.sample(random);
        }
        return x;
    }

    /**
     * The outcome of a stochastic forward fit.
     *
     * @param mean the final mu
     * @param path mu at the start and after each step
     * @param steps the number of minibatch steps
     */
    public record StochasticFit(double[] mean, List<double[]> path, int steps) {
        public StochasticFit {
            mean = Check.finiteVector("ForwardKL.StochasticFit", "mean", mean);
            Check.atLeast("ForwardKL.StochasticFit", "steps", steps, 0);
            path = List.copyOf(path);
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }
    }

    /**
     * Minimises KL(p, N(mu, I)) by stochastic gradient descent from samples of p. The divergence
     * is -H(p) + d/2 log 2 pi + 1/2 E_p|x - mu|^2, with gradient -(E_p[x] - mu); a minibatch B
     * gives the unbiased estimate -(mean_B(x) - mu). One pass over the samples in order, in
     * minibatches of {@code batchSize}, descending with {@link RobbinsMonro} steps a_t = |B_t| / (points seen so far),
     * which is 1 / t for equal batches: mu_t = mu_(t-1) + a_t (mean_(B_t) - mu_(t-1)). These steps satisfy sum a_t = infinity and
     * sum a_t^2 < infinity, and with them mu_t is exactly the running average of the points seen so far, so
     * after the pass mu is the minimiser of the Monte Carlo objective (the sample mean), whatever the
     * start; its error as an estimate of E_p[x] is the Monte Carlo error, of order sd / sqrt(samples).
     *
     * @throws IllegalArgumentException if there are no samples, the batch size is < 1, or lengths differ
     */
    public static StochasticFit isotropicMeanBySgd(double[][] samples, int batchSize, double[] init) {
        if (samples == null || samples.length == 0) {
            throw new IllegalArgumentException("ForwardKL samples must not be empty");
        }
        Check.atLeast("ForwardKL", "batchSize", batchSize, 1);
        double[] mu = Check.finiteVector("ForwardKL", "init", init);
        int d = mu.length;
        List<double[]> path = new ArrayList<>();
        path.add(mu.clone());
        int n = samples.length;
        // Batch t covers points (t - 1) B .. min(n, t B) - 1; its step is its share of the points seen so far.
        RobbinsMonro steps = RobbinsMonro.withSchedule(t -> {
            int end = Math.min(n, t * batchSize);
            return (double) (end - (t - 1) * batchSize) / end;
        }, "running average, rho_t = |B_t| / points seen");
        int t = 0;
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            double[] batchMean = new double[d];
            for (int i = start; i < end; i++) {
                Check.finiteVector("ForwardKL", "samples[" + i + "]", samples[i]);
                Check.sameLength("ForwardKL", "samples[" + i + "]", samples[i].length, "init", d);
                for (int j = 0; j < d; j++) {
                    batchMean[j] += samples[i][j];
                }
            }
            t++;
            double[] gradient = new double[d];
            for (int j = 0; j < d; j++) {
                batchMean[j] /= (end - start);
                gradient[j] = -(batchMean[j] - mu[j]);
            }
            mu = steps.descend(mu, gradient);
            path.add(mu.clone());
        }
        return new StochasticFit(mu, path, t);
    }
}
