package org.vworkbook.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.exact.GaussianJoint;

class GaussSeidelTest {

    private static double[][] randomSpd(RandomGenerator rng, int d, double ridge) {
        double[][] b = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                b[i][j] = rng.nextGaussian();
            }
        }
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    a[i][j] += b[i][k] * b[j][k];
                }
            }
            a[i][i] += ridge;
        }
        return a;
    }

    private static double[] sweep(double[][] a, double[] h, double[] m) {
        double[] out = m.clone();
        for (int j = 0; j < a.length; j++) {
            double r = h[j];
            for (int k = 0; k < a.length; k++) {
                if (k != j) {
                    r -= a[j][k] * out[k];
                }
            }
            out[j] = r / a[j][j];
        }
        return out;
    }

    @Test
    void theIterationMatrixMapsTheErrorOfOneSweep() {
        RandomGenerator rng = new Well19937c(3);
        double[][] a = randomSpd(rng, 4, 0.5);
        double[] h = {1, -2, 0.5, 3};
        double[] solution = new CholeskyDecomposition(new Array2DRowRealMatrix(a)).getSolver()
                .solve(new org.apache.commons.math3.linear.ArrayRealVector(h)).toArray();
        double[] m = {0.3, 0.1, -1, 2};
        double[] next = sweep(a, h, m);
        double[][] g = GaussSeidel.iterationMatrix(a);
        double[] e = new double[4];
        for (int j = 0; j < 4; j++) {
            e[j] = m[j] - solution[j];
        }
        double[] ge = new Array2DRowRealMatrix(g).operate(e);
        for (int j = 0; j < 4; j++) {
            assertEquals(next[j] - solution[j], ge[j], 1e-12);
        }
    }

    @Test
    void everySweepShrinksTheEnergyErrorByAtMostQAndTheBoundHolds() {
        RandomGenerator rng = new Well19937c(7);
        for (int trial = 0; trial < 40; trial++) {
            int d = 1 + trial % 5;
            double[][] a = randomSpd(rng, d, Math.pow(10, -3 + 0.1 * trial));
            double[] h = new double[d];
            double[] m = new double[d];
            for (int j = 0; j < d; j++) {
                h[j] = rng.nextGaussian();
                m[j] = 3 * rng.nextGaussian();
            }
            double[] solution = new CholeskyDecomposition(new Array2DRowRealMatrix(a)).getSolver()
                    .solve(new org.apache.commons.math3.linear.ArrayRealVector(h)).toArray();
            double q = GaussSeidel.energyContraction(a);
            assertTrue(q >= 0 && q < 1, "q = " + q);
            // q is at least the spectral radius of G (the asymptotic rate)
            double[] re = new EigenDecomposition(new Array2DRowRealMatrix(GaussSeidel.iterationMatrix(a))).getRealEigenvalues();
            double[] im = new EigenDecomposition(new Array2DRowRealMatrix(GaussSeidel.iterationMatrix(a))).getImagEigenvalues();
            for (int i = 0; i < re.length; i++) {
                assertTrue(Math.hypot(re[i], im[i]) <= q + 1e-9, "spectral radius above q");
            }
            for (int k = 0; k < 30; k++) {
                double[] next = sweep(a, h, m);
                double before = energy(a, m, solution);
                double after = energy(a, next, solution);
                assertTrue(after <= q * before * (1 + 1e-9) + 1e-13, "energy error grew beyond q");
                double bound = GaussSeidel.errorBound(a, m, next);
                for (int j = 0; j < d; j++) {
                    assertTrue(Math.abs(next[j] - solution[j]) <= bound * (1 + 1e-9) + 1e-12,
                            "trial " + trial + " sweep " + k + ": error " + Math.abs(next[j] - solution[j]) + " > bound " + bound);
                }
                m = next;
            }
        }
    }

    @Test
    void oneCoordinateIsSolvedInOneSweepAndADiagonalMatrixToo() {
        assertEquals(0.0, GaussSeidel.energyContraction(new double[][] {{2.5}}), 0.0);
        assertEquals(0.0, GaussSeidel.energyContraction(new double[][] {{2, 0}, {0, 5}}), 0.0);
        assertEquals(0.0, GaussSeidel.errorBound(new double[][] {{2, 0}, {0, 5}}, new double[] {0, 0}, new double[] {1, 1}), 0.0);
        // however far the last sweep moved (its energy would overflow): still exact, not NaN
        assertEquals(0.0, GaussSeidel.errorBound(new double[][] {{1.36}}, new double[] {1e300}, new double[] {1.97}), 0.0);
    }

    @Test
    void twoByTwoContractionIsRhoSquaredTimesTheFirstStep() {
        // For A = [[1, r], [r, 1]] the error after a sweep is (0, r^2 e2 ... ): G = [[0, -r], [0, r^2]],
        // and ||G||_A = |r| (the largest singular value of R G R^-1), checked here against that closed form.
        for (double r : new double[] {0.1, 0.5, -0.9, 0.99}) {
            double q = GaussSeidel.energyContraction(new double[][] {{1, r}, {r, 1}});
            assertEquals(Math.abs(r), q, 1e-12, "r = " + r);
        }
    }

    @Test
    void boundsAStoppedMeanFieldCaviRun() {
        double[][] a = {{3, 1.2, 0.5}, {1.2, 2, 0.7}, {0.5, 0.7, 1.5}};
        double[] h = {1, 2, -1};
        GaussianJoint joint = GaussianJoint.of(a, h, 0.0);
        double[] exact = joint.posterior().mean();
        for (int sweeps = 1; sweeps <= 12; sweeps++) {
            CaviResult<MeanFieldGaussianState> run = GaussianMeanField.of(joint)
                    .run(new double[3], new double[] {1, 1, 1}, new CaviOptions(0.0, sweeps));
            double[] before = run.path().get(run.path().size() - 2).means();
            double[] after = run.state().means();
            double bound = GaussSeidel.errorBound(a, before, after);
            for (int j = 0; j < 3; j++) {
                assertTrue(Math.abs(after[j] - exact[j]) <= bound + 1e-12, sweeps + " sweeps, mean " + j);
            }
        }
    }

    @Test
    void refusesBadMatrices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussSeidel.energyContraction(new double[][] {{0, 0}, {0, 1}}));
        assertTrue(e.getMessage().contains("GaussSeidel A must have a positive diagonal"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GaussSeidel.energyContraction(new double[0][0]));
        assertThrows(IllegalArgumentException.class,
                () -> GaussSeidel.errorBound(new double[][] {{1}}, new double[] {1, 2}, new double[] {1}));
    }

    private static double energy(double[][] a, double[] m, double[] solution) {
        double[] e = new double[m.length];
        for (int j = 0; j < m.length; j++) {
            e[j] = m[j] - solution[j];
        }
        double s = 0;
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e.length; j++) {
                s += e[i] * a[i][j] * e[j];
            }
        }
        return Math.sqrt(Math.max(0, s));
    }
}
