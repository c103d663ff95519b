package org.vworkbook.regression;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.exact.GaussianJoint;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * Bayesian linear regression on a polynomial basis with known precisions (Bishop 3.3):
 *
 * <pre>
 *   phi(x)        = (1, x, x^2, ..., x^degree)              (M = degree + 1 features)
 *   p(w | alpha)  = N(w | 0, alpha^-1 I)
 *   p(t | w)      = prod_n N(t_n | w^T phi(x_n), beta^-1)
 * </pre>
 *
 * <p>Only the sufficient statistics Phi^T Phi, Phi^T t, t^T t and N enter the posterior, the
 * evidence and every variational update, so no iteration ever touches the data. Completing the
 * square in w, log p(t, w) = c + h^T w - 1/2 w^T A w with
 *
 * <pre>
 *   A = alpha I + beta Phi^T Phi,   h = beta Phi^T t,
 *   c = M/2 log(alpha / 2 pi) + N/2 log(beta / 2 pi) - beta/2 t^T t,
 * </pre>
 *
 * so the exact posterior is N(m_N, S_N) with S_N = A^-1, m_N = beta S_N Phi^T t (Bishop 3.53-3.54)
 * and the log evidence is Bishop 3.86:
 *
 * <pre>
 *   log p(t) = M/2 log alpha + N/2 log beta - E(m_N) - 1/2 log |A| - N/2 log(2 pi),
 *   E(m_N)   = beta/2 |t - Phi m_N|^2 + alpha/2 m_N^T m_N.
 * </pre>
 */
public final class BayesianLinearRegression {
    private static final String NAME = "BayesianLinearRegression";

    private final double[] x;
    private final double[] t;
    private final int degree;
    private final double alpha;
    private final double beta;
    private final SufficientStatistics stats;
    private final GaussianJoint joint;

    private BayesianLinearRegression(double[] x, double[] t, int degree, double alpha, double beta) {
        this(x, t, degree, alpha, beta, SufficientStatistics.of(polynomialFeatures(x, degree), t));
    }

    private BayesianLinearRegression(double[] x, double[] t, int degree, double alpha, double beta,
            SufficientStatistics stats) {
        this.x = x;
        this.t = t;
        this.degree = degree;
        this.alpha = alpha;
        this.beta = beta;
        this.stats = stats;
        this.joint = jointFor(stats, alpha, beta);
    }

    /**
     * @param x inputs (finite, at least one)
     * @param t targets (finite, the same length as x)
     * @param degree polynomial degree >= 0 (features 1, x, ..., x^degree)
     * @param alpha prior precision of each weight, > 0
     * @param beta noise precision, > 0
     * @throws IllegalArgumentException on empty or non-finite data, mismatched lengths, a negative
     *     degree or a non-positive precision
     */
    public static BayesianLinearRegression of(double[] x, double[] t, int degree, double alpha, double beta) {
        double[] xs = Check.finiteVector(NAME, "x", x);
        double[] ts = Check.finiteVector(NAME, "t", t);
        Check.sameLength(NAME, "x", xs.length, "t", ts.length);
        Check.atLeast(NAME, "degree", degree, 0);
        Check.positive(NAME, "alpha", alpha);
        Check.positive(NAME, "beta", beta);
        return new BayesianLinearRegression(xs, ts, degree, alpha, beta);
    }

    /** The same data and basis with other precisions. */
    public BayesianLinearRegression withPrecisions(double newAlpha, double newBeta) {
        // Reuses Phi^T Phi and Phi^T t: changing the precisions never touches the data again.
        Check.positive(NAME, "alpha", newAlpha);
        Check.positive(NAME, "beta", newBeta);
        return new BayesianLinearRegression(x, t, degree, newAlpha, newBeta, stats);
    }

    /**
     * The design matrix Phi (N x (degree + 1)) with rows (1, x_n, ..., x_n^degree).
     */
    public static double[][] polynomialFeatures(double[] x, int degree) {
        double[] xs = Check.finiteVector(NAME, "x", x);
        Check.atLeast(NAME, "degree", degree, 0);
        double[][] phi = new double[xs.length][degree + 1];
        for (int n = 0; n < xs.length; n++) {
            phi[n] = features(xs[n], degree);
        }
        return phi;
    }

    /**
     * phi(x) = (1, x, ..., x^degree).
     *
     * @throws IllegalArgumentException if x is not finite, the degree is negative, or a power overflows
     */
    public static double[] features(double x, int degree) {
        Check.finite(NAME, "x", x);
        Check.atLeast(NAME, "degree", degree, 0);
        double[] f = new double[degree + 1];
        double p = 1.0;
        for (int j = 0; j <= degree; j++) {
            f[j] = Check.finite(NAME, "x^" + j, p);
            p *= x;
        }
        return f;
    }

    static GaussianJoint jointFor(SufficientStatistics s, double alpha, double beta) {
        int m = s.features();
        double[][] a = s.gram();
        double[] h = s.crossProduct();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                a[i][j] *= beta;
            }
            a[i][i] += alpha;
            h[i] *= beta;
        }
        double c = 0.5 * m * (Math.log(alpha) - LOG_2PI) + 0.5 * s.count() * (Math.log(beta) - LOG_2PI)
                - 0.5 * beta * s.targetSumOfSquares();
        return GaussianJoint.of(a, h, c);
    }

    public double[] x() {
        return x.clone();
    }

    public double[] t() {
        return t.clone();
    }

    public int degree() {
        return degree;
    }

    /** M = degree + 1, the number of weights. */
    public int features() {
        return degree + 1;
    }

    public int size() {
        return x.length;
    }

    public double alpha() {
        return alpha;
    }

    public double beta() {
        return beta;
    }

    /** Phi^T Phi, Phi^T t, t^T t and N. */
    public SufficientStatistics statistics() {
        return stats;
    }

    /** log p(t, w) as a Gaussian in w: precision A, linear term h, constant c (see the class comment). */
    public GaussianJoint joint() {
        return joint;
    }

    /** The exact posterior N(m_N, S_N), S_N^-1 = alpha I + beta Phi^T Phi, m_N = beta S_N Phi^T t. */
    public MultivariateNormal posterior() {
        return joint.posterior();
    }

    /** log p(t) by Bishop 3.86, from the sufficient statistics. */
    public double logEvidence() {
        MultivariateNormal post = posterior();
        double[] mN = post.mean();
        int m = features();
        int n = size();
        double residual = stats.residualSumOfSquares(mN);
        double eMN = 0.5 * beta * residual + 0.5 * alpha * Matrices.dot(mN, mN);
        // log |A| = -log |S_N|
        return 0.5 * m * Math.log(alpha) + 0.5 * n * Math.log(beta) - eMN + 0.5 * post.logDetCovariance()
                - 0.5 * n * LOG_2PI;
    }

    /**
     * The marginal of the targets, t ~ N(0, beta^-1 I + alpha^-1 Phi Phi^T) (Bishop 3.85 before the
     * integral is done): an N-dimensional Gaussian, used only to check {@link #logEvidence()}.
     */
    public MultivariateNormal targetMarginal() {
        double[][] phi = polynomialFeatures(x, degree);
        int n = size();
        double[][] cov = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cov[i][j] = Matrices.dot(phi[i], phi[j]) / alpha;
            }
            cov[i][i] += 1.0 / beta;
        }
        return MultivariateNormal.ofMeanCovariance(new double[n], cov);
    }

    /**
     * The predictive distribution of a new target at {@code xNew} when the weights follow q(w) = N(m, S):
     * N(m^T phi, beta^-1 + phi^T S phi) (Bishop 3.58-3.59 with q in place of the posterior).
     */
    public Normal predictive(MultivariateNormal q, double xNew) {
        Check.sameLength(NAME, "q dimension", q.dimension(), "features", features());
        Check.finite(NAME, "xNew", xNew);
        double[] f = features(xNew, degree);
        double mean = Matrices.dot(q.mean(), f);
        double var = 1.0 / beta + Matrices.dot(f, Matrices.multiply(q.covariance(), f));
        return Normal.ofMeanVariance(mean, var);
    }

    /**
     * Mean-field CAVI with q(w) = prod_j N(m_j, s_j^2), through {@link GaussianMeanField} (and so
     * {@code Cavi.run}). Starts at {@code initialMeans} with every variance at its prior value 1 / alpha.
     * The fixed point has the exact means m_N and variances 1 / A_jj, which are smaller than the exact
     * marginal variances (S_N)_jj whenever the weights are correlated a posteriori.
     */
    public CaviResult<MeanFieldGaussianState> meanField(double[] initialMeans, CaviOptions options) {
        Check.sameLength(NAME, "initialMeans", initialMeans == null ? 0 : initialMeans.length, "features", features());
        double[] v = new double[features()];
        java.util.Arrays.fill(v, 1.0 / alpha);
        return GaussianMeanField.of(joint).run(initialMeans, v, options);
    }

    /**
     * CAVI with q(w) one full-covariance Gaussian block ({@link GaussianMeanField#exact}), started at the prior
     * N(0, alpha^-1 I). Since log q*(w) = E[log p(t, w)] + const = log p(t, w) + const (no other factor to
     * average over), the first update is the exact posterior and every later sweep leaves it unchanged.
     */
    public CaviResult<MeanFieldGaussianState> fullBlock(CaviOptions options) {
        double[] v = new double[features()];
        java.util.Arrays.fill(v, 1.0 / alpha);
        return GaussianMeanField.exact(joint).run(new double[features()], v, options);
    }

    /**
     * The alpha that maximises the evidence for this beta, by the fixed point of Bishop 3.92:
     * gamma = sum_i lambda_i / (alpha + lambda_i) (lambda_i the eigenvalues of beta Phi^T Phi),
     * alpha = gamma / m_N^T m_N, iterated until the relative change is below 1e-14.
     *
     * <p>The evidence need not have a finite maximiser: as alpha grows, d log p(t | alpha) / d alpha
     * = 1/2 (M / alpha - tr S_N - m_N^T m_N) behaves like (sum_i lambda_i - beta^2 |Phi^T t|^2) / (2 alpha^2),
     * so when the data are small against the noise (in particular t = 0) the evidence keeps rising
     * towards the prior that pins w at 0. Then the iteration grows without bound and this method returns
     * {@code Double.POSITIVE_INFINITY} (it also does when m_N = 0 exactly).
     */
    public double evidenceMaximisingAlpha() {
        double[] lambda = new EigenDecomposition(new Array2DRowRealMatrix(stats.gram())).getRealEigenvalues();
        for (int i = 0; i < lambda.length; i++) {
            lambda[i] = Math.max(lambda[i], 0.0) * beta;
        }
        double lambdaMax = 0;
        for (double l : lambda) {
            lambdaMax = Math.max(lambdaMax, l);
        }
        double[] phiT = stats.crossProduct();
        // sign of the slope of the evidence for alpha far above every lambda_i: sum lambda - beta^2 |Phi^T t|^2
        double farSlope = java.util.Arrays.stream(lambda).sum() - beta * beta * Matrices.dot(phiT, phiT);
        double far = 1e10 * (lambdaMax + 1);
        double a = alpha;
        for (int iter = 0; iter < 10_000; iter++) {
            if (a > far && farSlope > 0) {
                return Double.POSITIVE_INFINITY;   // past every eigenvalue and still rising
            }
            double gamma = 0;
            for (double l : lambda) {
                gamma += l / (a + l);
            }
            double[] mN = meanFor(a);
            double norm2 = Matrices.dot(mN, mN);
            double next = gamma / norm2;
            if (norm2 == 0 || Double.isInfinite(next)) {
                return Double.POSITIVE_INFINITY;   // the evidence rises towards alpha = infinity
            }
            if (!(next > 0)) {
                // gamma = 0: no eigenvalue above 0 (beta Phi^T Phi = 0), the evidence does not depend on the data's fit
                throw new IllegalStateException(NAME + " evidence maximisation: gamma = " + gamma + " at alpha = " + a);
            }
            boolean done = Math.abs(next - a) <= 1e-14 * a;
            a = next;
            if (done) {
                return a;
            }
        }
        return a;
    }

    /** m_N for another alpha (the same beta), solved from the sufficient statistics. */
    double[] meanFor(double a) {
        int m = features();
        double[][] mat = stats.gram();
        double[] rhs = stats.crossProduct();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                mat[i][j] *= beta;
            }
            mat[i][i] += a;
            rhs[i] *= beta;
        }
        CholeskyDecomposition chol = Matrices.cholesky(NAME, "alpha I + beta Phi^T Phi", mat);
        return chol.getSolver().solve(new ArrayRealVector(rhs)).toArray();
    }

    /**
     * Variational Bayes with a Gamma(a0, b0) hyperprior on alpha (shape, rate) and beta fixed,
     * q(w, alpha) = q(w) q(alpha) (Bishop 10.3). See {@link VariationalAlphaRegression}.
     */
    public VariationalAlphaRegression withAlphaHyperprior(double a0, double b0) {
        return VariationalAlphaRegression.of(stats, beta, a0, b0);
    }
}
