package org.vworkbook.exact;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import static org.vworkbook.numerics.Constants.LOG_2PI_E;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.divergence.GaussianKL;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * A joint density that is Gaussian in the latent vector z for the observed data held fixed:
 *
 * <pre>
 *   log p(x, z) = c + h^T z - 1/2 z^T Lambda z
 * </pre>
 *
 * with Lambda symmetric positive definite. Completing the square gives the exact posterior
 * p(z | x) = N(Lambda^-1 h, Lambda^-1) and the evidence
 * log p(x) = c + 1/2 h^T Lambda^-1 h + d/2 log(2 pi) - 1/2 log |Lambda|.
 *
 * <p><b>ELBO of any Gaussian q = N(m, S).</b> E_q[z] = m and E_q[z^T Lambda z] = m^T Lambda m + tr(Lambda S),
 * and the entropy of q is 1/2 (d log(2 pi e) + log |S|), so (Bishop 10.3 with a Gaussian q)
 *
 * <pre>
 *   L(q) = E_q[log p(x, z)] + H[q] = c + h^T m - 1/2 (m^T Lambda m + tr(Lambda S)) + 1/2 (d log(2 pi e) + log |S|),
 * </pre>
 *
 * and log p(x) = L(q) + KL(q, p(z | x)) for every q (Bishop 10.2): {@link #elbo}, {@link #klToPosterior}.
 *
 * <p>Every linear-Gaussian model (W3, C, BLR with known precisions) can be written this way; the
 * mean-field solver {@code cavi.GaussianMeanField} works on this form.
 */
public final class GaussianJoint {

    private final double[][] precision;
    private final double[] linear;
    private final double constant;
    private final MultivariateNormal posterior;
    private final double logEvidence;

    private GaussianJoint(double[][] precision, double[] linear, double constant) {
        this.precision = precision;
        this.linear = linear;
        this.constant = constant;
        CholeskyDecomposition chol = Matrices.cholesky("GaussianJoint", "precision", precision);
        double[] mean = chol.getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(linear)).toArray();
        this.posterior = MultivariateNormal.ofMeanPrecision(mean, precision);
        int d = linear.length;
        this.logEvidence = constant + 0.5 * Matrices.dot(linear, mean) + 0.5 * d * LOG_2PI
                - 0.5 * Matrices.logDeterminant(chol);
    }

    /**
     * @param precision Lambda, symmetric positive definite (d x d)
     * @param linear h (length d)
     * @param constant c, the part of log p(x, z) that does not depend on z
     * @throws IllegalArgumentException on non-finite entries, mismatched sizes, or a precision that
     *     is not symmetric positive definite
     */
    public static GaussianJoint of(double[][] precision, double[] linear, double constant) {
        double[] h = Check.finiteVector("GaussianJoint", "linear", linear);
        double[][] lambda = Check.symmetricMatrix("GaussianJoint", "precision", precision, h.length);
        Check.finite("GaussianJoint", "constant", constant);
        return new GaussianJoint(lambda, h, constant);
    }

    public int dimension() {
        return linear.length;
    }

    /** A copy of Lambda. */
    public double[][] precision() {
        return Matrices.copy(precision);
    }

    public double precision(int i, int j) {
        return precision[i][j];
    }

    /** A copy of h. */
    public double[] linear() {
        return linear.clone();
    }

    public double linear(int i) {
        return linear[i];
    }

    public double constant() {
        return constant;
    }

    /** log p(x, z) at a point z. */
    public double logJoint(double[] z) {
        Check.sameLength("GaussianJoint", "z", z.length, "linear", linear.length);
        return constant + Matrices.dot(linear, z) - 0.5 * Matrices.dot(z, Matrices.multiply(precision, z));
    }

    /** The exact posterior p(z | x) = N(Lambda^-1 h, Lambda^-1). */
    public MultivariateNormal posterior() {
        return posterior;
    }

    /** log p(x), the log evidence. */
    public double logEvidence() {
        return logEvidence;
    }

    /**
     * True when the posterior factorises over the single coordinates, i.e. Lambda is diagonal
     * (every off-diagonal entry is exactly zero).
     */
    public boolean factorizes() {
        for (int i = 0; i < precision.length; i++) {
            for (int j = 0; j < precision.length; j++) {
                if (i != j && precision[i][j] != 0.0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The ELBO of any Gaussian q = N(m, S) under this joint, in closed form:
     * c + h^T m - 1/2 (m^T Lambda m + tr(Lambda S)) + 1/2 (d log(2 pi e) + log |S|) (see the class comment).
     *
     * @throws IllegalArgumentException if q is null or its dimension is not d
     */
    public double elbo(MultivariateNormal q) {
        checkDimension(q);
        double[] m = q.mean();
        double[][] lambda = precision;
        return constant + Matrices.dot(linear, m)
                - 0.5 * (Matrices.dot(m, Matrices.multiply(lambda, m)) + Matrices.traceOfProduct(lambda, q.covariance()))
                + 0.5 * (m.length * LOG_2PI_E + q.logDetCovariance());
    }

    /**
     * The sum of the absolute values of the terms of {@link #elbo}: |c| + sum_i |h_i m_i|
     * + 1/2 sum_ik (|m_i Lambda_ik m_k| + |Lambda_ik S_ki|) + 1/2 (d log(2 pi e) + |log |S||). The computed
     * ELBO carries a rounding error of a few units in the last place of this, which can far exceed |ELBO|
     * (c and h^T m nearly cancel when the noise is small).
     */
    public double elboMagnitude(MultivariateNormal q) {
        checkDimension(q);
        double[] m = q.mean();
        double[][] s = q.covariance();
        int d = m.length;
        double sum = Math.abs(constant);
        for (int i = 0; i < d; i++) {
            sum += Math.abs(linear[i] * m[i]);
            for (int k = 0; k < d; k++) {
                sum += 0.5 * Math.abs(m[i] * precision[i][k] * m[k]) + 0.5 * Math.abs(precision[i][k] * s[k][i]);
            }
        }
        return sum + 0.5 * (d * LOG_2PI_E + Math.abs(q.logDetCovariance()));
    }

    /**
     * KL(q, p(z | x)) for any Gaussian q, in closed form between the two Gaussians ({@link GaussianKL}).
     * With {@link #elbo} it satisfies log p(x) = ELBO + KL.
     *
     * @throws IllegalArgumentException if q is null or its dimension is not d
     */
    public double klToPosterior(MultivariateNormal q) {
        checkDimension(q);
        return GaussianKL.between(q, posterior);
    }

    private void checkDimension(MultivariateNormal q) {
        if (q == null) {
            throw new IllegalArgumentException("GaussianJoint q must not be null");
        }
        Check.sameLength("GaussianJoint", "q dimension", q.dimension(), "model dimension", linear.length);
    }
}
