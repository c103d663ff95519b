package org.vworkbook.em;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * Problem D's latent-variable model with an unknown parameter theta in R^d: for n = 1..N,
 *
 * <pre>
 *   z_n ~ N(0, I_d),    x_n | z_n ~ N(theta^T z_n, sigma2)
 * </pre>
 *
 * (a factor-analysis model with one observed coordinate; the contract's notebook D has d = 2 and
 * sigma2 = 1). Everything here is computed from the sufficient statistics N and S = sum_n x_n^2;
 * no method loops over the data.
 *
 * <p><b>Marginal.</b> x_n = theta^T z_n + noise is Gaussian with mean 0 and variance
 * c(theta) = sigma2 + |theta|^2, so log p(X | theta) = -N/2 log(2 pi c) - S / (2 c). It depends on
 * theta only through |theta|^2 and is maximised at |theta|^2 = max(S/N - sigma2, 0): only the norm
 * is identified, every direction is an equally good maximum-likelihood answer.
 *
 * <p><b>Exact posterior.</b> log p(x_n, z_n) is quadratic in z_n with precision
 * Lambda = I + theta theta^T / sigma2 and linear term h_n = theta x_n / sigma2. By
 * Sherman-Morrison, Lambda^-1 = I - theta theta^T / c, so p(z_n | x_n) = N(theta x_n / c,
 * I - theta theta^T / c): the gain theta / c and the covariance are the same for every n. Its
 * off-diagonal entry -theta_1 theta_2 / c vanishes only when a coordinate of theta is zero.
 *
 * <p><b>Mean-field fixed point.</b> CAVI's update m_j = (h_j - sum_{k != j} Lambda_jk m_k) /
 * Lambda_jj, s_j^2 = 1 / Lambda_jj stops moving exactly when Lambda m = h, so at the fixed point
 * the means are the exact posterior means theta x_n / c and the variances are
 * 1 / Lambda_jj = sigma2 / (sigma2 + theta_j^2), smaller than the exact marginal variances.
 *
 * <p><b>ELBO and M-step.</b> With q(z_n) = N(g x_n, C) write A = sum_n E[z_n z_n^T] = N C + S g g^T and
 * b = sum_n x_n E[z_n] = S g. Then
 *
 * <pre>
 *   ELBO(theta, q) = -N/2 log(2 pi sigma2) - (S - 2 theta^T b + theta^T A theta) / (2 sigma2)
 *                    - N d/2 log(2 pi) - tr(A) / 2 + N/2 (d log(2 pi e) + log |C|)
 * </pre>
 *
 * and the M-step, the maximiser in theta, is theta = A^-1 b (Bishop 12.56 with one output).
 */
public final class ScalarFactorModel {

    private final double[] data;
    private final int latentDimension;
    private final double noiseVariance;
    private final int count;
    private final double sumOfSquares;

    private ScalarFactorModel(double[] data, int latentDimension, double noiseVariance) {
        this.data = data;
        this.latentDimension = latentDimension;
        this.noiseVariance = noiseVariance;
        this.count = data.length;
        double s = 0;
        for (double x : data) {
            s += x * x;
        }
        this.sumOfSquares = s;
    }

    /**
     * @param data the observations x_1..x_N (non-empty, finite)
     * @param latentDimension d >= 1
     * @param noiseVariance sigma2 > 0 (the contract uses 1)
     */
    public static ScalarFactorModel of(double[] data, int latentDimension, double noiseVariance) {
        double[] x = Check.finiteVector("ScalarFactorModel", "data", data);
        Check.atLeast("ScalarFactorModel", "latentDimension", latentDimension, 1);
        Check.positive("ScalarFactorModel", "noiseVariance", noiseVariance);
        return new ScalarFactorModel(x, latentDimension, noiseVariance);
    }

    /**
     * Draws N observations from the model at {@code theta}: for each n in turn, z_n1..z_nd and then the
     * noise, each one {@code random.nextGaussian()}.
     */
    public static double[] generate(double[] theta, int n, double noiseVariance, RandomGenerator random) {
        double[] t = Check.finiteVector("ScalarFactorModel", "theta", theta);
        Check.atLeast("ScalarFactorModel", "n", n, 1);
        Check.positive("ScalarFactorModel", "noiseVariance", noiseVariance);
        if (random == null) {
            throw new IllegalArgumentException("ScalarFactorModel random must not be null");
        }
        double sd = Math.sqrt(noiseVariance);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (double tj : t) {
                mean += tj * random.nextGaussian();
            }
            x[i] = mean + sd * random.nextGaussian();
        }
        return x;
    }

    public double[] data() {
        return data.clone();
    }

    public int count() {
        return count;
    }

    /** S = sum_n x_n^2, the sufficient statistic. */
    public double sumOfSquares() {
        return sumOfSquares;
    }

    public int latentDimension() {
        return latentDimension;
    }

    public double noiseVariance() {
        return noiseVariance;
    }

    private double[] checkTheta(String parameter, double[] theta) {
        double[] t = Check.finiteVector("ScalarFactorModel", parameter, theta);
        Check.sameLength("ScalarFactorModel", parameter, t.length, "latent dimension", latentDimension);
        return t;
    }

    /** log p(X | theta) = -N/2 log(2 pi c) - S / (2 c), c = sigma2 + |theta|^2. */
    public double logLikelihood(double[] theta) {
        double[] t = checkTheta("theta", theta);
        double c = noiseVariance + Matrices.dot(t, t);
        return -0.5 * count * (LOG_2PI + Math.log(c)) - 0.5 * sumOfSquares / c;
    }

    /** The maximum-likelihood value of |theta|^2: max(S/N - sigma2, 0). */
    public double maximumLikelihoodNormSquared() {
        return Math.max(sumOfSquares / count - noiseVariance, 0.0);
    }

    /** The exact E-step: q(z_n) = p(z_n | x_n, theta) = N(theta x_n / c, I - theta theta^T / c). */
    public LatentPosteriors exactEStep(double[] theta) {
        double[] t = checkTheta("theta", theta);
        double c = noiseVariance + Matrices.dot(t, t);
        double[] gain = new double[latentDimension];
        double[][] cov = Matrices.identity(latentDimension);
        for (int i = 0; i < latentDimension; i++) {
            gain[i] = t[i] / c;
            for (int j = 0; j < latentDimension; j++) {
                cov[i][j] -= t[i] * t[j] / c;
            }
        }
        return new LatentPosteriors(EStep.EXACT, gain, cov);
    }

    /**
     * The variational E-step: each q(z_n) = prod_j q(z_nj) set to its mean-field fixed point,
     * N(theta x_n / c, diag(sigma2 / (sigma2 + theta_j^2))) (see the class comment; the tests check it
     * against {@code Cavi.run} on single points).
     */
    public LatentPosteriors meanFieldEStep(double[] theta) {
        double[] t = checkTheta("theta", theta);
        double c = noiseVariance + Matrices.dot(t, t);
        double[] gain = new double[latentDimension];
        double[][] cov = new double[latentDimension][latentDimension];
        for (int i = 0; i < latentDimension; i++) {
            gain[i] = t[i] / c;
            cov[i][i] = noiseVariance / (noiseVariance + t[i] * t[i]);
        }
        return new LatentPosteriors(EStep.MEAN_FIELD, gain, cov);
    }

    /** The E-step of the given kind. */
    public LatentPosteriors eStep(double[] theta, EStep kind) {
        if (kind == null) {
            throw new IllegalArgumentException("ScalarFactorModel E-step kind must not be null");
        }
        return kind == EStep.EXACT ? exactEStep(theta) : meanFieldEStep(theta);
    }

    /** A = sum_n E_q[z_n z_n^T] = N C + S g g^T. */
    public double[][] expectedOuterProductSum(LatentPosteriors q) {
        checkPosteriors(q);
        double[][] a = new double[latentDimension][latentDimension];
        for (int i = 0; i < latentDimension; i++) {
            for (int j = 0; j < latentDimension; j++) {
                a[i][j] = count * q.covariance(i, j) + sumOfSquares * (q.gain(i) * q.gain(j)); // symmetric bit for bit
            }
        }
        return a;
    }

    /** b = sum_n x_n E_q[z_n] = S g. */
    public double[] weightedMeanSum(LatentPosteriors q) {
        checkPosteriors(q);
        double[] b = new double[latentDimension];
        for (int i = 0; i < latentDimension; i++) {
            b[i] = sumOfSquares * q.gain(i);
        }
        return b;
    }

    /** The M-step: theta = (sum_n E[z_n z_n^T])^-1 sum_n x_n E[z_n], the maximiser of the ELBO in theta. */
    public double[] mStep(LatentPosteriors q) {
        double[][] a = expectedOuterProductSum(q);
        double[] b = weightedMeanSum(q);
        CholeskyDecomposition chol = Matrices.cholesky("ScalarFactorModel", "sum of E[z z^T]", a);
        return chol.getSolver().solve(new ArrayRealVector(b)).toArray();
    }

    /** The ELBO sum_n E_q[log p(x_n, z_n | theta) - log q(z_n)] (formula in the class comment). */
    public double elbo(double[] theta, LatentPosteriors q) {
        double[] t = checkTheta("theta", theta);
        double[][] a = expectedOuterProductSum(q);
        double[] b = weightedMeanSum(q);
        double quadratic = Matrices.dot(t, Matrices.multiply(a, t));
        double trace = 0;
        for (int i = 0; i < latentDimension; i++) {
            trace += a[i][i];
        }
        double logDetC = Matrices.logDeterminant(Matrices.cholesky("ScalarFactorModel", "q covariance", q.covariance()));
        return -0.5 * count * (LOG_2PI + Math.log(noiseVariance))
                - (sumOfSquares - 2 * Matrices.dot(t, b) + quadratic) / (2 * noiseVariance)
                - 0.5 * count * latentDimension * LOG_2PI - 0.5 * trace
                + 0.5 * count * (latentDimension * (LOG_2PI + 1.0) + logDetC);
    }

    /**
     * sum_n KL(q(z_n), p(z_n | x_n, theta)) in closed form, computed without the ELBO:
     *
     * <pre>
     *   N/2 [tr(Lambda C) - d - log |Lambda| - log |C|] + S/2 (g* - g)^T Lambda (g* - g)
     * </pre>
     *
     * with Lambda = I + theta theta^T / sigma2, log |Lambda| = log(1 + |theta|^2 / sigma2) (matrix
     * determinant lemma) and g* = theta / c the exact gain.
     */
    public double klToPosterior(double[] theta, LatentPosteriors q) {
        double[] t = checkTheta("theta", theta);
        checkPosteriors(q);
        double c = noiseVariance + Matrices.dot(t, t);
        double[][] lambda = Matrices.identity(latentDimension);
        double[] gainError = new double[latentDimension];
        for (int i = 0; i < latentDimension; i++) {
            for (int j = 0; j < latentDimension; j++) {
                lambda[i][j] += t[i] * t[j] / noiseVariance;
            }
            gainError[i] = t[i] / c - q.gain(i);
        }
        double[][] cov = q.covariance();
        double logDetC = Matrices.logDeterminant(Matrices.cholesky("ScalarFactorModel", "q covariance", cov));
        double logDetLambda = Math.log1p(Matrices.dot(t, t) / noiseVariance);
        double perPoint = 0.5 * (Matrices.traceOfProduct(lambda, cov) - latentDimension - logDetLambda - logDetC);
        return count * perPoint + 0.5 * sumOfSquares * Matrices.dot(gainError, Matrices.multiply(lambda, gainError));
    }

    private void checkPosteriors(LatentPosteriors q) {
        if (q == null) {
            throw new IllegalArgumentException("ScalarFactorModel q must not be null");
        }
        Check.sameLength("ScalarFactorModel", "q dimension", q.dimension(), "latent dimension", latentDimension);
    }
}
