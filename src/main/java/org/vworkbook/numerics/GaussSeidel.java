package org.vworkbook.numerics;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * How far a Gauss-Seidel iterate for A m = h (A symmetric positive definite) can still be from the
 * solution. One sweep updates m_j = (h_j - sum_{k != j} A_jk m_k) / A_jj for j = 1..d in turn, each
 * with the newest values; the error e = m - A^-1 h then obeys e' = G e with
 * G = -(D + L)^-1 L^T (D the diagonal, L the strictly lower part of A). In the energy norm
 * ||e||_A = sqrt(e^T A e) every sweep shrinks the error by at least q = ||G||_A < 1 (Golub and
 * Van Loan, Matrix Computations, Theorem 11.2.3), so with d = m_k - m_{k-1} the last move,
 *
 * <pre>
 *   ||e_k||_A <= q ||e_{k-1}||_A <= q (||e_k||_A + ||d||_A)   =>   ||e_k||_A <= q / (1 - q) ||d||_A,
 *   max_j |e_kj| <= ||e_k||_2 <= ||e_k||_A / sqrt(lambda_min(A)).
 * </pre>
 *
 * Mean-field CAVI for a Gaussian joint is exactly this iteration on its means, so this bounds the
 * distance of a stopped CAVI run from the exact posterior mean.
 */
public final class GaussSeidel {
    private static final String NAME = "GaussSeidel";

    private GaussSeidel() {}

    /** The iteration matrix G = -(D + L)^-1 L^T of one sweep (the error after = G times the error before). */
    public static double[][] iterationMatrix(double[][] a) {
        double[][] s = checked(a);
        int d = s.length;
        double[][] g = new double[d][d];
        // Column c of G: apply one sweep to the error vector e = unit vector c with h = 0.
        for (int c = 0; c < d; c++) {
            double[] e = new double[d];
            e[c] = 1;
            for (int j = 0; j < d; j++) {
                double r = 0;
                for (int k = 0; k < d; k++) {
                    if (k != j) {
                        r -= s[j][k] * e[k];
                    }
                }
                e[j] = r / s[j][j];
            }
            for (int j = 0; j < d; j++) {
                g[j][c] = e[j];
            }
        }
        return g;
    }

    /** q = ||G||_A = ||R G R^-1||_2 with A = R^T R: the contraction of the error per sweep in the energy norm; 0 when d = 1. */
    public static double energyContraction(double[][] a) {
        double[][] s = checked(a);
        CholeskyDecomposition chol = Matrices.cholesky(NAME, "A", s);
        RealMatrix r = chol.getLT();
        RealMatrix rInv = new org.apache.commons.math3.linear.LUDecomposition(r).getSolver().getInverse();
        RealMatrix b = r.multiply(new Array2DRowRealMatrix(iterationMatrix(s))).multiply(rInv);
        return new SingularValueDecomposition(b).getNorm();
    }

    /**
     * The bound q / (1 - q) ||current - previous||_A / sqrt(lambda_min(A)) on the largest entry of
     * current - A^-1 h, where current is one Gauss-Seidel sweep after previous. Infinite if q >= 1
     * by rounding (A too ill-conditioned for the bound to say anything).
     */
    public static double errorBound(double[][] a, double[] previous, double[] current) {
        double[][] s = checked(a);
        double[] p = Check.finiteVector(NAME, "previous", previous);
        double[] c = Check.finiteVector(NAME, "current", current);
        Check.sameLength(NAME, "previous", p.length, "A", s.length);
        Check.sameLength(NAME, "current", c.length, "A", s.length);
        double q = energyContraction(s);
        if (!(q < 1)) {
            return Double.POSITIVE_INFINITY;
        }
        if (q == 0) {
            return 0.0; // one sweep solves the system exactly (e.g. a diagonal A): no error is left, however far it moved
        }
        double[] d = new double[p.length];
        for (int j = 0; j < d.length; j++) {
            d[j] = c[j] - p[j];
        }
        double energy = Math.sqrt(Math.max(0, Matrices.dot(d, Matrices.multiply(s, d))));
        double lambdaMin = Double.POSITIVE_INFINITY;
        for (double l : new EigenDecomposition(new Array2DRowRealMatrix(s)).getRealEigenvalues()) {
            lambdaMin = Math.min(lambdaMin, l);
        }
        if (!(lambdaMin > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return q / (1 - q) * energy / Math.sqrt(lambdaMin);
    }

    private static double[][] checked(double[][] a) {
        if (a == null || a.length == 0) {
            throw new IllegalArgumentException(NAME + " A must be a non-empty square matrix, got "
                    + (a == null ? "null" : "0 x 0"));
        }
        double[][] s = Check.symmetricMatrix(NAME, "A", a, a.length);
        for (int j = 0; j < s.length; j++) {
            if (!(s[j][j] > 0)) {
                throw new IllegalArgumentException(NAME + " A must have a positive diagonal, got A[" + j + "][" + j + "] = " + s[j][j]);
            }
        }
        return s;
    }
}
