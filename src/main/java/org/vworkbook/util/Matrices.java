package org.vworkbook.util;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/** Small dense linear-algebra helpers on {@code double[][]}, backed by Commons Math. */
public final class Matrices {
    private Matrices() {}

    /** The n x n identity. */
    public static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1.0;
        }
        return m;
    }

    /** A deep copy. */
    public static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /** The matrix with {@code v} on its diagonal. */
    public static double[][] diagonal(double[] v) {
        double[][] m = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) {
            m[i][i] = v[i];
        }
        return m;
    }

    /** A v. */
    public static double[] multiply(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += a[i][j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }

    /** u . v */
    public static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }

    /** The trace of A B for square A, B of the same size. */
    public static double traceOfProduct(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                s += a[i][j] * b[j][i];
            }
        }
        return s;
    }

    /**
     * The Cholesky factor L (lower triangular, L L^T = A) of a symmetric positive-definite matrix.
     *
     * @throws IllegalArgumentException naming {@code owner} and {@code parameter} when A is not positive definite
     */
    public static CholeskyDecomposition cholesky(String owner, String parameter, double[][] a) {
        try {
            // Symmetry was checked by the caller; the thresholds here only guard positive definiteness.
            return new CholeskyDecomposition(new Array2DRowRealMatrix(a, true), 1e-8, 1e-300);
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new IllegalArgumentException(owner + " " + parameter
                    + " must be positive definite, got a matrix with a non-positive pivot "
                    + e.getArgument() + " at row " + e.getRow() + ": " + format(a), e);
        }
    }

    /** log det A from a Cholesky factorisation: 2 sum log L_ii. */
    public static double logDeterminant(CholeskyDecomposition chol) {
        RealMatrix l = chol.getL();
        double s = 0;
        for (int i = 0; i < l.getRowDimension(); i++) {
            s += Math.log(l.getEntry(i, i));
        }
        return 2 * s;
    }

    /** A readable rendering for messages. */
    public static String format(double[][] a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(java.util.Arrays.toString(a[i]));
        }
        return sb.append(']').toString();
    }

    /**
     * Replaces a[i][j] and a[j][i] by their average (a square matrix that should be symmetric and carries
     * rounding, such as an inverse): the matrix becomes exactly symmetric.
     */
    public static void symmetriseInPlace(double[][] a) {
        Check.notNull("Matrices", "a", a);
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || a[i].length != a.length) {
                throw new IllegalArgumentException("Matrices a must be square, got row " + i + " of length "
                        + (a[i] == null ? "null" : a[i].length) + " in a " + a.length + "-row matrix");
            }
        }
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                double m = 0.5 * (a[i][j] + a[j][i]);
                a[i][j] = m;
                a[j][i] = m;
            }
        }
    }
}
