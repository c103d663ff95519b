package org.vworkbook.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vworkbook.FoundationAssertions.assertRefused;

import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class MatricesFoundationTest {
    private static final double[][] S = {{4, 2, 0.4}, {2, 3, 0.5}, {0.4, 0.5, 1}};

    @Test
    void choleskyReproducesTheMatrixAndItsLogDeterminant() {
        CholeskyDecomposition chol = Matrices.cholesky("T", "S", S);
        RealMatrix l = chol.getL();
        RealMatrix back = l.multiply(l.transpose());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(S[i], back.getRow(i), 1e-14);
        }
        double det = S[0][0] * (S[1][1] * S[2][2] - S[1][2] * S[2][1]) - S[0][1] * (S[1][0] * S[2][2] - S[1][2] * S[2][0])
                + S[0][2] * (S[1][0] * S[2][1] - S[1][1] * S[2][0]);
        assertEquals(Math.log(det), Matrices.logDeterminant(chol), 1e-14);
        assertRefused(() -> Matrices.cholesky("Thing", "covariance", new double[][] {{1, 3}, {3, 1}}),
                "Thing covariance must be positive definite", "[[1.0, 3.0], [3.0, 1.0]]");
    }

    @Test
    void smallHelpers() {
        assertArrayEquals(new double[] {1, 0}, Matrices.identity(2)[0], 0);
        assertArrayEquals(new double[] {0, 5}, Matrices.diagonal(new double[] {3, 5})[1], 0);
        assertArrayEquals(new double[] {4 + 4 + 0.4, 2 + 6 + 0.5, 0.4 + 1 + 1},
                Matrices.multiply(S, new double[] {1, 2, 1}), 1e-15);
        assertEquals(1 * 4 + 2 * 5 + 3 * 6, Matrices.dot(new double[] {1, 2, 3}, new double[] {4, 5, 6}), 0);
        double[][] b = {{1, 2, 3}, {0, 1, 0}, {2, 0, 1}};
        double trace = 0;
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                trace += S[i][k] * b[k][i];
            }
        }
        assertEquals(trace, Matrices.traceOfProduct(S, b), 1e-15);
        double[][] c = Matrices.copy(S);
        c[0][0] = 100;
        assertEquals(4, S[0][0], 0);
    }

    @Test
    void symmetriseAveragesEachPairAndLeavesTheDiagonal() {
        double[][] a = {{2.0, 1.0 + 1e-15, 0.5}, {1.0, 3.0, -0.25}, {0.5 + 2e-16, -0.25, 4.0}};
        Matrices.symmetriseInPlace(a);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(a[i][j], a[j][i], 0.0);
            }
        }
        assertEquals(0.5 * (1.0 + 1e-15 + 1.0), a[0][1], 0.0);
        assertArrayEquals(new double[] {2.0, 3.0, 4.0}, new double[] {a[0][0], a[1][1], a[2][2]}, 0.0);
        assertRefused(() -> Matrices.symmetriseInPlace(new double[][] {{1.0, 2.0}}), "Matrices a must be square", "row 0 of length 2");
        assertRefused(() -> Matrices.symmetriseInPlace(null), "Matrices a must not be null");
    }
}
