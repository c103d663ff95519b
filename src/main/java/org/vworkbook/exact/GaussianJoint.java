package org.vworkbook.exact;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.vworkbook.distributions.MultivariateNormal;
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
 * <p>Every linear-Gaussian model (W3, C, BLR with known precisions) can be written this way; the
 * mean-field solver {@code GaussianMeanField} works on this form.
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
}
