package org.vworkbook.regression;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.special.Gamma;
import org.vworkbook.cavi.Cavi;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.CoordinateAscent;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.numerics.Quadrature;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * Variational Bayesian linear regression with a hyperprior on the weight precision (Bishop 10.3):
 *
 * <pre>
 *   p(alpha)     = Gamma(alpha | a0, b0)          (shape a0, rate b0)
 *   p(w | alpha) = N(w | 0, alpha^-1 I)
 *   p(t | w)     = prod_n N(t_n | w^T phi_n, beta^-1)   (beta fixed)
 *   q(w, alpha)  = q(w) q(alpha),  q(w) one full-covariance Gaussian block.
 * </pre>
 *
 * The CAVI updates (Bishop 10.93-10.98), each using only Phi^T Phi, Phi^T t, t^T t and N:
 *
 * <pre>
 *   q(w)     = N(m_N, S_N),  S_N = (E[alpha] I + beta Phi^T Phi)^-1,  m_N = beta S_N Phi^T t
 *   q(alpha) = Gamma(a_N, b_N),  a_N = a0 + M/2,  b_N = b0 + 1/2 (m_N^T m_N + tr S_N)
 * </pre>
 *
 * and the ELBO (Bishop 10.107-10.112)
 *
 * <pre>
 *   E[log p(t|w)]     = N/2 log(beta/2pi) - beta/2 (|t - Phi m|^2 + tr(Phi^T Phi S))
 *   E[log p(w|alpha)] = M/2 (E[log alpha] - log 2pi) - E[alpha]/2 (m^T m + tr S)
 *   E[log p(alpha)]   = a0 log b0 - log Gamma(a0) + (a0 - 1) E[log alpha] - b0 E[alpha]
 *   - E[log q(w)]     = M/2 log(2 pi e) + 1/2 log |S|
 *   - E[log q(alpha)] = the Gamma entropy,
 * </pre>
 *
 * with E[alpha] = a_N / b_N and E[log alpha] = psi(a_N) - log b_N. Each sweep updates q(w), then
 * q(alpha). At the fixed point E[alpha] = (a0 + M/2) / (b0 + (m^T m + tr S)/2); as a0, b0 -> 0 this is
 * the evidence-maximising re-estimate alpha = gamma / m^T m of Bishop 3.92 (because
 * alpha tr S_N = M - gamma), so the two alphas differ only through the hyperprior.
 */
public final class VariationalAlphaRegression implements CoordinateAscent<VariationalAlphaRegression.State> {
    private static final String NAME = "VariationalAlphaRegression";

    /**
     * q(w) q(alpha).
     *
     * @param weights q(w) = N(m_N, S_N)
     * @param alpha q(alpha) = Gamma(a_N, b_N), shape and rate
     */
    public record State(MultivariateNormal weights, org.vworkbook.distributions.Gamma alpha) {
        public State {
            if (weights == null || alpha == null) {
                throw new IllegalArgumentException(NAME + " state needs q(w) and q(alpha), got " + weights + ", " + alpha);
            }
        }

        /** E[alpha] = a_N / b_N. */
        public double alphaMean() {
            return alpha.mean();
        }
    }

    private final SufficientStatistics stats;
    private final double beta;
    private final double a0;
    private final double b0;

    /** Eigenvalues of Phi^T Phi (clipped at 0) and Phi^T t in its eigenbasis, for {@link #knownAlphaLogEvidence}. */
    private final double[] gramEigenvalues;
    private final double[] crossInEigenbasis;

    private VariationalAlphaRegression(SufficientStatistics stats, double beta, double a0, double b0) {
        this.stats = stats;
        this.beta = beta;
        this.a0 = a0;
        this.b0 = b0;
        org.apache.commons.math3.linear.EigenDecomposition eig = new org.apache.commons.math3.linear.EigenDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(stats.gram()));
        double[] lambda = eig.getRealEigenvalues();
        double[] cross = stats.crossProduct();
        this.gramEigenvalues = new double[lambda.length];
        this.crossInEigenbasis = new double[lambda.length];
        for (int i = 0; i < lambda.length; i++) {
            gramEigenvalues[i] = Math.max(0, lambda[i]);
            crossInEigenbasis[i] = eig.getEigenvector(i).dotProduct(new ArrayRealVector(cross));
        }
    }

    /**
     * @param stats the regression's sufficient statistics
     * @param beta noise precision > 0
     * @param a0 hyperprior shape > 0
     * @param b0 hyperprior rate > 0
     */
    public static VariationalAlphaRegression of(SufficientStatistics stats, double beta, double a0, double b0) {
        if (stats == null) {
            throw new IllegalArgumentException(NAME + " stats must not be null");
        }
        Check.positive(NAME, "beta", beta);
        Check.positive(NAME, "a0", a0);
        Check.positive(NAME, "b0", b0);
        return new VariationalAlphaRegression(stats, beta, a0, b0);
    }

    public double a0() {
        return a0;
    }

    public double b0() {
        return b0;
    }

    /**
     * The start: q(alpha) the hyperprior, q(w) = N(0, I / E[alpha]) (the first sweep replaces q(w)
     * before it is used).
     */
    public State start() {
        int m = stats.features();
        double[][] cov = Matrices.identity(m);
        double ea = a0 / b0;
        for (int j = 0; j < m; j++) {
            cov[j][j] = 1.0 / ea;
        }
        return new State(MultivariateNormal.ofMeanCovariance(new double[m], cov),
                org.vworkbook.distributions.Gamma.ofShapeRate(a0, b0));
    }

    /** Runs CAVI through {@link Cavi#run} from {@link #start()}. */
    public CaviResult<State> run(CaviOptions options) {
        return Cavi.run(this, start(), options);
    }

    /** q(w) given q(alpha): N(m_N, S_N) with S_N^-1 = E[alpha] I + beta Phi^T Phi. */
    public MultivariateNormal updateWeights(double alphaMean) {
        Check.positive(NAME, "alphaMean", alphaMean);
        int m = stats.features();
        double[][] a = stats.gram();
        double[] h = stats.crossProduct();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                a[i][j] *= beta;
            }
            a[i][i] += alphaMean;
            h[i] *= beta;
        }
        CholeskyDecomposition chol = Matrices.cholesky(NAME, "E[alpha] I + beta Phi^T Phi", a);
        double[] mean = chol.getSolver().solve(new ArrayRealVector(h)).toArray();
        return MultivariateNormal.ofMeanPrecision(mean, a);
    }

    /** q(alpha) given q(w): Gamma(a0 + M/2, b0 + (m^T m + tr S) / 2). */
    public org.vworkbook.distributions.Gamma updateAlpha(MultivariateNormal qw) {
        return org.vworkbook.distributions.Gamma.ofShapeRate(a0 + 0.5 * stats.features(), b0 + 0.5 * secondMoment(qw));
    }

    private static double secondMoment(MultivariateNormal qw) {
        double s = 0;
        for (int j = 0; j < qw.dimension(); j++) {
            s += qw.mean(j) * qw.mean(j) + qw.covariance(j, j);
        }
        return s;
    }

    @Override
    public State sweep(State state) {
        MultivariateNormal qw = updateWeights(state.alphaMean());
        return new State(qw, updateAlpha(qw));
    }

    @Override
    public double elbo(State q) {
        MultivariateNormal qw = q.weights();
        org.vworkbook.distributions.Gamma qa = q.alpha();
        int m = stats.features();
        int n = stats.count();
        double[] mean = qw.mean();
        double eAlpha = qa.mean();
        double eLogAlpha = qa.meanLog();
        double likelihood = 0.5 * n * (Math.log(beta) - LOG_2PI)
                - 0.5 * beta * (stats.residualSumOfSquares(mean) + stats.traceGramTimes(qw.covariance()));
        double weightPrior = 0.5 * m * (eLogAlpha - LOG_2PI) - 0.5 * eAlpha * secondMoment(qw);
        double alphaPrior = a0 * Math.log(b0) - Gamma.logGamma(a0) + (a0 - 1) * eLogAlpha - b0 * eAlpha;
        return likelihood + weightPrior + alphaPrior + qw.entropy() + qa.entropy();
    }

    /** The larger of the largest change of a mean of q(w) and the relative change of E[alpha]. */
    @Override
    public double change(State before, State after) {
        double max = Math.abs(after.alphaMean() - before.alphaMean()) / after.alphaMean();
        for (int j = 0; j < before.weights().dimension(); j++) {
            max = Math.max(max, Math.abs(after.weights().mean(j) - before.weights().mean(j)));
        }
        return max;
    }

    /**
     * log p(t) = log integral p(t | alpha) Gamma(alpha | a0, b0) d alpha, with p(t | alpha) the
     * known-alpha evidence (Bishop 3.86), by Gauss-Legendre quadrature in u = log alpha over
     * [-40, 40] split into many panels, widened upwards when the hyperprior reaches further (its
     * density in u, proportional to exp(a0 u - b0 e^u), falls off only beyond u = log((a0 + 40) / b0)). The ELBO of every state is below this value; the gap is
     * KL(q(w) q(alpha), p(w, alpha | t)).
     */
    public double logEvidenceByQuadrature() {
        double lo = -40;
        double hi = Math.max(40, Math.log((a0 + 40) / b0) + 5);
        int panels = (int) Math.ceil(4000 * (hi - lo) / 80);
        return Quadrature.logIntegral((u, logWeight) -> {
            double alpha = Math.exp(u);
            // p(alpha) d alpha = p(alpha) alpha du
            double logPrior = a0 * Math.log(b0) - Gamma.logGamma(a0) + a0 * u - b0 * alpha;
            return logWeight + logPrior + knownAlphaLogEvidence(alpha);
        }, lo, hi, panels);
    }

    /**
     * log p(t | alpha) for this beta, by Bishop 3.86 written in the eigenbasis of Phi^T Phi = Q diag(lambda) Q^T
     * (c = Q^T Phi^T t): log |A| = sum_i log(alpha + beta lambda_i) and
     * E(m_N) = beta/2 t^T t - 1/2 sum_i beta^2 c_i^2 / (alpha + beta lambda_i). Unlike a Cholesky factor of
     * alpha I + beta Phi^T Phi this stays exact when alpha is far below the eigenvalues and Phi^T Phi is
     * singular (fewer points than weights), as the quadrature over log alpha needs.
     */
    public double knownAlphaLogEvidence(double alpha) {
        Check.positive(NAME, "alpha", alpha);
        int m = gramEigenvalues.length;
        double logDetA = 0;
        double fit = 0;
        for (int i = 0; i < m; i++) {
            double d = alpha + beta * gramEigenvalues[i];
            logDetA += Math.log(d);
            fit += beta * beta * crossInEigenbasis[i] * crossInEigenbasis[i] / d;
        }
        double e = Math.max(0, 0.5 * beta * stats.targetSumOfSquares() - 0.5 * fit);
        int n = stats.count();
        return 0.5 * m * Math.log(alpha) + 0.5 * n * Math.log(beta) - e - 0.5 * logDetA - 0.5 * n * LOG_2PI;
    }
}
