package org.vworkbook.exact;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.special.Gamma;
import org.vworkbook.distributions.NormalGamma;
import org.vworkbook.numerics.SpecialFunctions;
import org.vworkbook.util.Check;

/**
 * The Normal likelihood with a Normal-Gamma prior on its mean and precision (Bishop 2.3.6 and
 * 10.1.3; seed 003 question 1.2.4):
 *
 * <pre>
 *   tau      ~ Gamma(a0, b0)                     (shape a0, rate b0)
 *   mu | tau ~ N(mu0, 1 / (lambda0 tau))
 *   x_n | mu, tau ~ N(mu, 1 / tau),  n = 1..N   (independent)
 * </pre>
 *
 * <p>The data enter only through the sufficient statistics N, the mean xbar and the centred sum of
 * squares S = sum_n (x_n - xbar)^2 (computed once, by two passes, when the model is made), since
 * sum_n (x_n - mu)^2 = S + N (xbar - mu)^2. Everything below, including every CAVI sweep, uses
 * them only.
 *
 * <p>Log joint (each line is one factor):
 *
 * <pre>
 *   log p(x | mu, tau) = N/2 log tau - N/2 log 2 pi - tau/2 (S + N (xbar - mu)^2)
 *   log p(mu | tau)    = 1/2 log(lambda0 tau) - 1/2 log 2 pi - lambda0 tau/2 (mu - mu0)^2
 *   log p(tau)         = a0 log b0 - log Gamma(a0) + (a0 - 1) log tau - b0 tau
 * </pre>
 *
 * <p>Exact posterior (complete the square in mu, then collect powers of tau): Normal-Gamma with
 *
 * <pre>
 *   lambda_N = lambda0 + N
 *   mu_N     = (lambda0 mu0 + N xbar) / lambda_N
 *   a_N      = a0 + N/2
 *   b_N      = b0 + 1/2 (S + lambda0 N (xbar - mu0)^2 / lambda_N)
 * </pre>
 *
 * and the evidence is the ratio of normalisers,
 * log p(x) = log Gamma(a_N) - log Gamma(a0) + a0 log b0 - a_N log b_N + 1/2 log(lambda0 / lambda_N) - N/2 log 2 pi
 * (Murphy 2007, "Conjugate Bayesian analysis of the Gaussian distribution", eq. 95).
 */
public final class NormalNormalGammaModel {

    private final double[] data;
    private final int n;
    private final double mean;
    private final double centredSumOfSquares;
    private final double mu0;
    private final double lambda0;
    private final double a0;
    private final double b0;
    private final double logPriorConstant; // 1/2 log lambda0 - 1/2 log 2 pi + a0 log b0 - log Gamma(a0)

    private NormalNormalGammaModel(double[] data, double mu0, double lambda0, double a0, double b0) {
        this.data = data;
        this.n = data.length;
        double sum = 0;
        for (double x : data) {
            sum += x;
        }
        this.mean = sum / n;
        double ss = 0;
        for (double x : data) {
            ss += (x - mean) * (x - mean);
        }
        this.centredSumOfSquares = ss;
        this.mu0 = mu0;
        this.lambda0 = lambda0;
        this.a0 = a0;
        this.b0 = b0;
        this.logPriorConstant = 0.5 * (Math.log(lambda0) - LOG_2PI) + a0 * Math.log(b0) - Gamma.logGamma(a0);
    }

    /**
     * @param data the observations x_1..x_N (at least one, all finite)
     * @param mu0 prior location of mu (finite)
     * @param lambda0 prior scale of tau in the precision of mu (finite, > 0)
     * @param a0 prior shape of tau (finite, > 0)
     * @param b0 prior rate of tau (finite, > 0)
     * @throws IllegalArgumentException naming the parameter, the rule and the value
     */
    public static NormalNormalGammaModel of(double[] data, double mu0, double lambda0, double a0, double b0) {
        double[] x = Check.finiteVector("NormalNormalGammaModel", "data", data);
        Check.finite("NormalNormalGammaModel", "mu0", mu0);
        Check.positive("NormalNormalGammaModel", "lambda0", lambda0);
        Check.positive("NormalNormalGammaModel", "a0", a0);
        Check.positive("NormalNormalGammaModel", "b0", b0);
        return new NormalNormalGammaModel(x, mu0, lambda0, a0, b0);
    }

    /**
     * {@code n} draws x_i ~ N(muTrue, 1 / tauTrue) from {@code Well19937c(seed)} (the notebooks'
     * data when none is given).
     */
    public static double[] generateData(int n, double muTrue, double tauTrue, long seed) {
        Check.atLeast("NormalNormalGammaModel", "n", n, 1);
        Check.finite("NormalNormalGammaModel", "mu_true", muTrue);
        Check.positive("NormalNormalGammaModel", "tau_true", tauTrue);
        RandomGenerator random = new Well19937c(seed);
        double sd = 1.0 / Math.sqrt(tauTrue);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = muTrue + sd * random.nextGaussian();
        }
        return x;
    }

    /**
     * {@code data} if it is not empty, otherwise {@link #generateData}: the notebooks' rule.
     *
     * @throws IllegalArgumentException if the given data hold a non-finite value
     */
    public static double[] dataOrGenerated(double[] data, int n, double muTrue, double tauTrue, long seed) {
        if (data != null && data.length > 0) {
            return Check.finiteVector("NormalNormalGammaModel", "data", data);
        }
        return generateData(n, muTrue, tauTrue, seed);
    }

    public double[] data() {
        return data.clone();
    }

    /** N. */
    public int size() {
        return n;
    }

    /** xbar. */
    public double sampleMean() {
        return mean;
    }

    /** S = sum (x_n - xbar)^2. */
    public double centredSumOfSquares() {
        return centredSumOfSquares;
    }

    public double mu0() {
        return mu0;
    }

    public double lambda0() {
        return lambda0;
    }

    public double a0() {
        return a0;
    }

    public double b0() {
        return b0;
    }

    /** The prior p(mu, tau) as a Normal-Gamma. */
    public NormalGamma prior() {
        return NormalGamma.of(mu0, lambda0, a0, b0);
    }

    /** sum_n (x_n - mu)^2 = S + N (xbar - mu)^2. */
    public double sumOfSquaresAbout(double mu) {
        double d = mean - mu;
        return centredSumOfSquares + n * d * d;
    }

    /** log p(x | mu, tau); -infinity for tau <= 0. */
    public double logLikelihood(double mu, double tau) {
        if (!(tau > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        return 0.5 * n * (Math.log(tau) - LOG_2PI) - 0.5 * tau * sumOfSquaresAbout(mu);
    }

    /** log p(mu, tau) = log p(mu | tau) + log p(tau); -infinity for tau <= 0. */
    public double logPrior(double mu, double tau) {
        if (!(tau > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double d = mu - mu0;
        double logTau = Math.log(tau);
        return logPriorConstant + 0.5 * logTau - 0.5 * lambda0 * tau * d * d + (a0 - 1) * logTau - b0 * tau;
    }

    /** log p(x, mu, tau) = log p(x | mu, tau) + log p(mu, tau) (the three factors collected in log tau and tau). */
    public double logJoint(double mu, double tau) {
        if (!(tau > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double logTau = Math.log(tau);
        double d = mu - mu0;
        return logPriorConstant + (0.5 * (n + 1) + a0 - 1) * logTau - 0.5 * n * LOG_2PI
                - tau * (b0 + 0.5 * (sumOfSquaresAbout(mu) + lambda0 * d * d));
    }

    /**
     * The terms of log p(x, mu, tau) that involve mu (its Markov blanket's factors),
     * log p(x | mu, tau) + log p(mu | tau): log p(tau) is left out.
     */
    public double logJointTermsWithMu(double mu, double tau) {
        if (!(tau > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double d = mu - mu0;
        return logLikelihood(mu, tau) + 0.5 * (Math.log(lambda0 * tau) - LOG_2PI) - 0.5 * lambda0 * tau * d * d;
    }

    /**
     * The gradient of log p(x, mu, tau) in (mu, tau):
     *
     * <pre>
     *   d/dmu  = tau (N (xbar - mu) - lambda0 (mu - mu0))
     *   d/dtau = (N + 1)/2 / tau + (a0 - 1) / tau - b0 - 1/2 (S + N (xbar - mu)^2 + lambda0 (mu - mu0)^2)
     * </pre>
     */
    public double[] gradLogJoint(double mu, double tau) {
        Check.positive("NormalNormalGammaModel", "tau", tau);
        double d0 = mu - mu0;
        double dMu = tau * (n * (mean - mu) - lambda0 * d0);
        double dTau = (0.5 * (n + 1) + a0 - 1) / tau - b0 - 0.5 * (sumOfSquaresAbout(mu) + lambda0 * d0 * d0);
        return new double[] {dMu, dTau};
    }

    /** The exact posterior p(mu, tau | x), Normal-Gamma (see the class comment). */
    public NormalGamma posterior() {
        double lambdaN = lambda0 + n;
        double muN = (lambda0 * mu0 + n * mean) / lambdaN;
        double aN = a0 + 0.5 * n;
        double d = mean - mu0;
        double bN = b0 + 0.5 * (centredSumOfSquares + lambda0 * n * d * d / lambdaN);
        return NormalGamma.of(muN, lambdaN, aN, bN);
    }

    /**
     * The exact posterior marginal density of mu, a Student t with 2 a_N degrees of freedom, location
     * mu_N and squared scale b_N / (a_N lambda_N): integrating tau out of the Normal-Gamma,
     * p(mu | x) = Gamma(a_N + 1/2) / Gamma(a_N) sqrt(lambda_N / (2 pi b_N)) (1 + lambda_N (mu - mu_N)^2 / (2 b_N))^-(a_N + 1/2).
     */
    public double posteriorDensityOfMu(double mu) {
        NormalGamma post = posterior();
        double a = post.shape();
        double b = post.rate();
        double l = post.lambda();
        double d = mu - post.location();
        return Math.exp(Gamma.logGamma(a + 0.5) - Gamma.logGamma(a) + 0.5 * Math.log(l / (2 * Math.PI * b))
                - (a + 0.5) * Math.log1p(l * d * d / (2 * b)));
    }

    /** log p(x), from the normalisers of prior and posterior (see the class comment). */
    public double logEvidence() {
        NormalGamma post = posterior();
        return Gamma.logGamma(post.shape()) - Gamma.logGamma(a0) + a0 * Math.log(b0)
                - post.shape() * Math.log(post.rate()) + 0.5 * Math.log(lambda0 / post.lambda()) - 0.5 * n * LOG_2PI;
    }

    /**
     * E_q[log p(x, mu, tau)] under q(mu) q(tau) = N(m, 1/l) Gamma(a, b), in closed form from
     * E[tau] = a/b, E[log tau] = psi(a) - log b and E[(mu - c)^2] = (m - c)^2 + 1/l:
     *
     * <pre>
     *   ((N + 1)/2 + a0 - 1) E[log tau] - (N + 1)/2 log 2 pi + 1/2 log lambda0 + a0 log b0 - log Gamma(a0)
     *   - E[tau] (b0 + 1/2 (S + N ((xbar - m)^2 + 1/l) + lambda0 ((m - mu0)^2 + 1/l)))
     * </pre>
     */
    public double expectedLogJoint(double m, double l, double a, double b) {
        double eTau = a / b;
        double eLogTau = SpecialFunctions.digamma(a) - Math.log(b);
        return (0.5 * (n + 1) + a0 - 1) * eLogTau - 0.5 * (n + 1) * LOG_2PI + 0.5 * Math.log(lambda0)
                + a0 * Math.log(b0) - Gamma.logGamma(a0) - eTau * (b0 + 0.5 * expectedQuadratic(m, l));
    }

    /**
     * KL(q(mu) q(tau) || p(mu, tau | x)) for q = N(mu | m, 1/l) Gamma(tau | a, b), in closed form:
     * E_q[log q] - E_q[log p(mu, tau | x)] with the posterior NG(mu_N, lambda_N, a_N, b_N) and
     * E[tau] = a/b, E[log tau] = psi(a) - log b, E[(mu - mu_N)^2] = (m - mu_N)^2 + 1/l:
     *
     * <pre>
     *   E_q[log p(mu, tau | x)] = a_N log b_N - log Gamma(a_N) + (a_N - 1/2) E[log tau] - b_N E[tau]
     *                             + 1/2 log(lambda_N / 2 pi) - lambda_N/2 E[tau] ((m - mu_N)^2 + 1/l)
     *   E_q[log q]              = -1/2 log(2 pi e / l) - (a - log b + log Gamma(a) + (1 - a) psi(a))
     * </pre>
     *
     * @throws IllegalArgumentException unless m is finite and l, a, b are finite and > 0
     */
    public double klFromPosterior(double m, double l, double a, double b) {
        Check.finite("NormalNormalGammaModel", "m", m);
        Check.positive("NormalNormalGammaModel", "l", l);
        Check.positive("NormalNormalGammaModel", "a", a);
        Check.positive("NormalNormalGammaModel", "b", b);
        NormalGamma post = posterior();
        double aN = post.shape();
        double bN = post.rate();
        double lN = post.lambda();
        double eTau = a / b;
        double eLogTau = SpecialFunctions.digamma(a) - Math.log(b);
        double d = m - post.location();
        double expectedLogPosterior = aN * Math.log(bN) - Gamma.logGamma(aN) + (aN - 0.5) * eLogTau - bN * eTau
                + 0.5 * (Math.log(lN) - LOG_2PI) - 0.5 * lN * eTau * (d * d + 1 / l);
        double entropy = 0.5 * (LOG_2PI + 1 - Math.log(l)) + a - Math.log(b) + Gamma.logGamma(a)
                + (1 - a) * SpecialFunctions.digamma(a);
        return -entropy - expectedLogPosterior;
    }

    /**
     * The KL of mean field's optimum from the posterior, which depends on the posterior shape a_N alone:
     *
     * <pre>
     *   KL* = log Gamma(a_N) - log Gamma(a_N + 1/2) + (a_N + 1/2) log(a_N + 1/2) - a_N log a_N - 1/2
     *       = 1/(4 a_N) + O(a_N^-2)
     * </pre>
     *
     * At CAVI's fixed point m = mu_N, a = a_N + 1/2, b = b_N (a_N + 1/2) / a_N and l = lambda_N a_N / b_N
     * (so E_q[tau] = a_N / b_N, the exact posterior mean of tau); putting these into
     * {@link #klFromPosterior} the digamma terms cancel (their coefficients a - 1 and a_N - 1/2 are
     * equal), and so do all the log b_N terms. Evaluated as the difference of log Gamma's plus
     * (a_N + 1/2) log1p(1 / (2 a_N)) + 1/2 log a_N - 1/2, which loses about 1e-16 |log Gamma(a_N)| to rounding.
     *
     * @param aN the posterior shape a0 + N/2 (finite, > 0)
     */
    public static double meanFieldKlAtOptimum(double aN) {
        Check.positive("NormalNormalGammaModel", "aN", aN);
        double kl = Gamma.logGamma(aN) - Gamma.logGamma(aN + 0.5) + (aN + 0.5) * Math.log1p(0.5 / aN)
                + 0.5 * Math.log(aN) - 0.5;
        return Math.max(0, kl);
    }

    /** {@link #meanFieldKlAtOptimum} at this model's a_N = a0 + N/2: the KL that CAVI converges to. */
    public double convergedMeanFieldKl() {
        return meanFieldKlAtOptimum(a0 + 0.5 * n);
    }

    /** E_q(mu)[S + N (xbar - mu)^2 + lambda0 (mu - mu0)^2] for q(mu) = N(m, 1/l). */
    public double expectedQuadratic(double m, double l) {
        double v = 1.0 / l;
        double d0 = m - mu0;
        return sumOfSquaresAbout(m) + n * v + lambda0 * (d0 * d0 + v);
    }

    @Override
    public String toString() {
        return "NormalNormalGammaModel(N=" + n + ", xbar=" + mean + ", S=" + centredSumOfSquares + ", mu0=" + mu0
                + ", lambda0=" + lambda0 + ", a0=" + a0 + ", b0=" + b0 + ")";
    }
}
