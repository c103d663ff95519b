package org.vworkbook.ep;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.vworkbook.distributions.Normal;
import org.vworkbook.numerics.Quadrature;
import org.vworkbook.util.Check;

/**
 * Minka's clutter problem in one dimension (Minka 2001; Bishop 10.7.1, eqs. 10.209-10.210): each
 * observation is either a unit-variance reading of theta or clutter from a broad background,
 *
 * <pre>
 *   p(x | theta) = (1 - w) N(x | theta, 1) + w N(x | 0, a),      p(theta) = N(theta | m0, b)
 * </pre>
 *
 * (Bishop and Minka take m0 = 0.) The posterior p(theta | D) is proportional to p(theta) prod_n p(x_n | theta): a mixture of 2^N
 * Gaussians, intractable in general but one-dimensional, so {@link #exact()} computes it by quadrature.
 */
public final class ClutterProblem {

    private final double clutterWeight;
    private final double clutterVariance;
    private final double priorMean;
    private final double priorVariance;
    private final double[] data;
    // Terms of the log joint that do not depend on theta, computed once: log(1 - w) and, per
    // observation, the clutter term log w + log N(x_n | 0, a). The exact posterior evaluates the
    // log joint at ~50,000 nodes; this halves its cost and changes no digit.
    private final double logInlierWeight;
    private final double[] logClutterTerms;

    private ClutterProblem(double clutterWeight, double clutterVariance, double priorMean, double priorVariance, double[] data) {
        this.clutterWeight = clutterWeight;
        this.clutterVariance = clutterVariance;
        this.priorMean = priorMean;
        this.priorVariance = priorVariance;
        this.data = data;
        this.logInlierWeight = Math.log1p(-clutterWeight);
        this.logClutterTerms = new double[data.length];
        for (int n = 0; n < data.length; n++) {
            logClutterTerms[n] = logClutter(data[n]);
        }
    }

    /** The problem with the prior mean m0 = 0 (Minka's and Bishop's setting). */
    public static ClutterProblem of(double clutterWeight, double clutterVariance, double priorVariance, double[] data) {
        return of(clutterWeight, clutterVariance, 0.0, priorVariance, data);
    }

    /**
     * @param clutterWeight w, the probability that an observation is clutter, in [0, 1)
     * @param clutterVariance a > 0, the variance of the clutter around 0
     * @param priorMean m0, the prior mean of theta (finite)
     * @param priorVariance b > 0, the prior variance of theta
     * @param data the observations (finite, at least one)
     * @throws IllegalArgumentException naming the parameter for any bad value
     */
    public static ClutterProblem of(double clutterWeight, double clutterVariance, double priorMean, double priorVariance, double[] data) {
        Check.inRange("ClutterProblem", "clutterWeight", clutterWeight, 0.0, 1.0);
        if (clutterWeight == 1.0) {
            throw new IllegalArgumentException("ClutterProblem clutterWeight must be < 1 (else no observation sees theta), got 1.0");
        }
        Check.positive("ClutterProblem", "clutterVariance", clutterVariance);
        Check.finite("ClutterProblem", "priorMean", priorMean);
        Check.positive("ClutterProblem", "priorVariance", priorVariance);
        double[] x = Check.finiteVector("ClutterProblem", "data", data);
        return new ClutterProblem(clutterWeight, clutterVariance, priorMean, priorVariance, x);
    }

    /**
     * The observations of a run: {@code given} when it holds any, else {@code n} drawn by
     * {@link #generate}. With data given, the sizes of a comparison are prefixes of it, so
     * {@code n} (the largest size) must not exceed its length.
     */
    public static double[] givenOrGenerated(double[] given, double theta, int n, double clutterWeight, double clutterVariance, long seed) {
        if (given == null || given.length == 0) {
            return generate(theta, n, clutterWeight, clutterVariance, seed);
        }
        double[] x = Check.finiteVector("ClutterProblem", "given data", given);
        if (n > x.length) {
            throw new IllegalArgumentException("ClutterProblem n must be <= " + x.length + " (the given observations), got " + n);
        }
        return x;
    }

    /**
     * {@code n} observations drawn from the model with theta = {@code theta}, using Well19937c(seed):
     * each is clutter with probability w.
     */
    public static double[] generate(double theta, int n, double clutterWeight, double clutterVariance, long seed) {
        Check.finite("ClutterProblem", "theta", theta);
        Check.atLeast("ClutterProblem", "n", n, 1);
        Check.inRange("ClutterProblem", "clutterWeight", clutterWeight, 0.0, 1.0);
        Check.positive("ClutterProblem", "clutterVariance", clutterVariance);
        RandomGenerator random = new Well19937c(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            boolean clutter = random.nextDouble() < clutterWeight;
            x[i] = clutter ? Math.sqrt(clutterVariance) * random.nextGaussian() : theta + random.nextGaussian();
        }
        return x;
    }

    /** The same model with only the first {@code n} observations. */
    public ClutterProblem firstObservations(int n) {
        Check.atLeast("ClutterProblem", "n", n, 1);
        if (n > data.length) {
            throw new IllegalArgumentException("ClutterProblem n must be <= " + data.length + " observations, got " + n);
        }
        return new ClutterProblem(clutterWeight, clutterVariance, priorMean, priorVariance, java.util.Arrays.copyOf(data, n));
    }

    public double clutterWeight() {
        return clutterWeight;
    }

    public double clutterVariance() {
        return clutterVariance;
    }

    public double priorMean() {
        return priorMean;
    }

    public double priorVariance() {
        return priorVariance;
    }

    public int size() {
        return data.length;
    }

    /** A copy of the data. */
    public double[] data() {
        return data.clone();
    }

    public double observation(int n) {
        return data[n];
    }

    /** log N(x | 0, a) + log w: the clutter term of one observation (log 0 = -infinity when w = 0). */
    double logClutter(double x) {
        return Math.log(clutterWeight) - 0.5 * (LOG_2PI + Math.log(clutterVariance) + x * x / clutterVariance);
    }

    /** log p(x | theta) = log[(1 - w) N(x | theta, 1) + w N(x | 0, a)], by log-sum-exp. */
    public double logLikelihood(double x, double theta) {
        return logLikelihood(x, logClutter(x), theta);
    }

    private double logLikelihood(double x, double logClutterTerm, double theta) {
        double d = x - theta;
        double in = logInlierWeight - 0.5 * (LOG_2PI + d * d);
        double max = Math.max(in, logClutterTerm);
        return max + Math.log(Math.exp(in - max) + Math.exp(logClutterTerm - max));
    }

    /** log p(theta) + sum_n log p(x_n | theta). */
    public double logJoint(double theta) {
        double t = theta - priorMean;
        double s = -0.5 * (LOG_2PI + Math.log(priorVariance) + t * t / priorVariance);
        for (int n = 0; n < data.length; n++) {
            s += logLikelihood(data[n], logClutterTerms[n], theta);
        }
        return s;
    }

    /**
     * The exact posterior summaries of theta and the log evidence.
     *
     * @param mean E[theta | D]
     * @param variance Var[theta | D]
     * @param logEvidence log p(D)
     */
    public record Posterior(double mean, double variance, double logEvidence) {
        public Posterior {
            Check.finite("ClutterProblem.Posterior", "mean", mean);
            Check.positive("ClutterProblem.Posterior", "variance", variance);
            Check.finite("ClutterProblem.Posterior", "logEvidence", logEvidence);
        }

        public Normal asNormal() {
            return Normal.ofMeanVariance(mean, variance);
        }
    }

    /**
     * The exact posterior by quadrature ({@link Quadrature}): p(D) = integral of p(theta) prod_n p(x_n | theta),
     * and the posterior mean and variance as ratios of integrals. The integrand is scaled by
     * exp(-c), c its largest value on the grid, so nothing underflows. The range is +-(max(|x|, |m0|) + 14 sqrt(b))
     * (the posterior tails are never heavier than the prior's), in panels no wider than half the
     * smallest possible posterior standard deviation 1 / sqrt(N + 1 / b) near the data, coarser in the tails.
     */
    public Posterior exact() {
        double maxAbs = 0;
        for (double x : data) {
            maxAbs = Math.max(maxAbs, Math.abs(x));
        }
        maxAbs = Math.max(maxAbs, Math.abs(priorMean));
        double core = maxAbs + 10;
        double outer = maxAbs + 14 * Math.sqrt(priorVariance) + 10;
        double h = 0.5 / Math.sqrt(data.length + 1 / priorVariance);
        int corePanels = (int) Math.ceil(2 * core / h);
        // The maximum of the log joint, to scale the integrand: scan the core at the panel width.
        double c = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= corePanels; i++) {
            c = Math.max(c, logJoint(-core + 2 * core * i / corePanels));
        }
        final double shift = c;
        // m[k] = integral of t^k p(theta = t, D) exp(-c): the log joint, O(N) per node, is evaluated once for all k.
        java.util.function.DoubleUnaryOperator f = t -> Math.exp(logJoint(t) - shift);
        double[] m = Quadrature.moments(f, -core, core, corePanels, 2);
        if (outer > core) {
            int tailPanels = 400;
            double[] left = Quadrature.moments(f, -outer, -core, tailPanels, 2);
            double[] right = Quadrature.moments(f, core, outer, tailPanels, 2);
            for (int k = 0; k < 3; k++) {
                m[k] += left[k] + right[k];
            }
        }
        double mean = m[1] / m[0];
        // Var = E[t^2] - E[t]^2; the mean is O(max|x|) and the variance >= ~1/N, so the cancellation costs little.
        double var = m[2] / m[0] - mean * mean;
        return new Posterior(mean, var, shift + Math.log(m[0]));
    }

    /**
     * The normaliser, mean and variance of the tilted distribution q^\n(theta) p(x_n | theta) with a
     * Gaussian cavity q^\n = N(cavityMean, cavityVariance), by quadrature: an independent check of
     * Bishop's closed forms 10.216-10.218 (and so of an EP fixed point, where q equals the tilted
     * moments of every site). The integrand is a two-component mixture in theta, the cavity (clutter)
     * and the cavity times N(x_n | theta, 1), whose standard deviation is at least
     * sqrt(v / (v + 1)); the range covers both by 14 standard deviations, in 16-point Gauss-Legendre panels
     * of half that width (at most 20,000; a cavity that they cannot resolve is refused).
     *
     * @return {Z_n, mean, variance}
     */
    public double[] tiltedMomentsByQuadrature(int n, double cavityMean, double cavityVariance) {
        if (n < 0 || n >= data.length) {
            throw new IllegalArgumentException("ClutterProblem n must be in [0, " + (data.length - 1) + "], got " + n);
        }
        Check.finite("ClutterProblem", "cavityMean", cavityMean);
        Check.positive("ClutterProblem", "cavityVariance", cavityVariance);
        double x = data[n];
        double sd = Math.sqrt(cavityVariance);
        double narrow = Math.sqrt(cavityVariance / (cavityVariance + 1));
        double lo = Math.min(cavityMean, x) - 14 * sd - 14;
        double hi = Math.max(cavityMean, x) + 14 * sd + 14;
        int panels = (int) Math.min(20_000, Math.ceil((hi - lo) / (0.5 * narrow)));
        double logCavityNorm = -0.5 * (LOG_2PI + Math.log(cavityVariance));
        double logClutterTerm = logClutterTerms[n];
        java.util.function.DoubleUnaryOperator f = t -> {
            double d = t - cavityMean;
            return Math.exp(logCavityNorm - 0.5 * d * d / cavityVariance + logLikelihood(x, logClutterTerm, t));
        };
        double[] m = Quadrature.moments(f, lo, hi, panels, 2);
        double mean = m[1] / m[0];
        double variance = m[2] / m[0] - mean * mean;
        if (!(m[0] > 0 && Double.isFinite(m[0]) && Double.isFinite(mean) && variance > 0 && Double.isFinite(variance))) {
            // at most 20,000 panels: a cavity many orders of magnitude wider than the likelihood is not resolved
            throw new IllegalArgumentException("ClutterProblem tilted moments: the quadrature cannot resolve a cavity with mean " + cavityMean
                    + " and variance " + cavityVariance + " for x = " + x);
        }
        return new double[] {m[0], mean, variance};
    }

    @Override
    public String toString() {
        return "ClutterProblem(clutterWeight=" + clutterWeight + ", clutterVariance=" + clutterVariance
                + ", priorMean=" + priorMean + ", priorVariance=" + priorVariance + ", n=" + data.length + ")";
    }
}
