package org.vworkbook.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.cavi.GaussianMeanFieldTest.assertMessage;

import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.exact.LinearGaussianModel;

/**
 * The exact posterior on a grid against closed forms and Monte Carlo. Grid error statement: on uniform grids of spacing h that reach
 * at least 9 posterior standard deviations from the mode, the trapezoid rule is exact to rounding
 * for Gaussians (aliasing error of order exp(-2 pi^2 s^2 / h^2), tail truncation of order exp(-81/2)),
 * so the grid answers must match the closed forms to 1e-9.
 */
class GridPosteriorTest {
    private static final double GRID_ERROR = 1e-9;

    private static LinearGaussianModel w3() {
        return LinearGaussianModel.of(new double[] {1.0, 1.5}, 1.0, 2.0);
    }

    private static GridPosterior w3Grid(int n) {
        LinearGaussianModel m = w3();
        return GridPosterior.of((a, b) -> m.logJoint(new double[] {a, b}), Grid.points(-8, 9, n), Grid.points(-8, 9, n));
    }

    @Test
    void gridPosteriorMatchesTheExactGaussianPosterior() {
        LinearGaussianModel m = w3();
        GridPosterior g = w3Grid(171);
        assertEquals(m.logEvidence(), g.logEvidence(), GRID_ERROR);
        MultivariateNormal p = m.posterior();
        double[] mean = g.mean();
        double[][] cov = g.covariance();
        for (int i = 0; i < 2; i++) {
            assertEquals(p.mean(i), mean[i], GRID_ERROR);
            for (int j = 0; j < 2; j++) {
                assertEquals(p.covariance(i, j), cov[i][j], GRID_ERROR);
            }
        }
        // pointwise: the grid posterior density is the exact density
        double[] g0 = g.grid(0);
        double[] g1 = g.grid(1);
        for (int a = 0; a < g0.length; a += 7) {
            for (int b = 0; b < g1.length; b += 5) {
                double exact = Math.exp(p.logDensity(new double[] {g0[a], g1[b]}));
                assertEquals(exact, g.densityAt(a, b), GRID_ERROR * (1 + exact));
            }
        }
        double[] marginal = g.marginal(1);
        for (int b = 0; b < g1.length; b++) {
            assertEquals(p.marginal(1).density(g1[b]), marginal[b], GRID_ERROR);
        }
        assertTrue(g.edgeMass(0) < 1e-15 && g.edgeMass(1) < 1e-15);
        assertEquals(Math.max(g.edgeMass(0), g.edgeMass(1)), g.largestEdgeMass(), 0.0);
        // P(z2 > t) against the Gaussian marginal's tail, and the whole line against 1
        for (double t : new double[] {-1.0, 0.3, 2.0}) {
            Normal m2 = p.marginal(1);
            double tail = 1 - new org.apache.commons.math3.distribution.NormalDistribution(m2.mean(), m2.standardDeviation())
                    .cumulativeProbability(t);
            // up to the mass of one node (h = 0.1 times a density below 0.6)
            assertEquals(tail, g.massAbove(1, t), 0.06, "P(z2 > " + t + ")");
        }
        assertEquals(1.0, g.massAbove(0, -100), 1e-12);
        assertEquals(0.0, g.massAbove(0, 100), 0.0);
    }

    /** z1, z2 ~ N(0, 1), z3 | z1, z2 ~ N(z1 z2, s^2), x | z3 ~ N(z3, sx^2). */
    static GridPosterior productModel(double s, double sx, double x, int n) {
        return GridPosterior.of((z1, z2, z3) -> Normal.standard().logDensity(z1) + Normal.standard().logDensity(z2)
                + Normal.ofMeanVariance(z1 * z2, s * s).logDensity(z3) + Normal.ofMeanVariance(z3, sx * sx).logDensity(x),
                Grid.points(-5, 5, n), Grid.points(-5, 5, n), Grid.points(-3.5, 7.5, n));
    }

    @Test
    void gridEvidenceOfTheProductModelMatchesMonteCarlo() {
        double s = 0.5;
        double sx = 0.5;
        double x = 2.0;
        GridPosterior g = productModel(s, sx, x, 101);
        // z3 integrates out: x | z1, z2 ~ N(z1 z2, s^2 + sx^2); average over the prior with a fixed seed
        double[] mc = ProductColliderModelTest.monteCarloEvidence(s, sx, x, 400_000, 2024);
        double mean = mc[0];
        double stderr = mc[1];
        assertEquals(mean, Math.exp(g.logEvidence()), 5 * stderr);
        assertTrue(stderr / mean < 0.01);
    }

    @Test
    void badGridsAreRefusedWithMessages() {
        GridPosterior.LogJoint2 f = (a, b) -> -a * a - b * b;
        double[] ok = Grid.points(-3, 3, 11);
        assertMessage("GridPosterior grid z1 must not be null", () -> GridPosterior.of(f, null, ok));
        assertMessage("GridPosterior grid z2 must not be empty", () -> GridPosterior.of(f, ok, new double[0]));
        assertMessage("GridPosterior grid z1 must have at least 5 points, got 3", () -> GridPosterior.of(f, new double[] {0, 1, 2}, ok));
        assertMessage("GridPosterior grid z2 must be strictly increasing, got grid z2[2] = 0.5 after grid z2[1] = 1.0",
                () -> GridPosterior.of(f, ok, new double[] {0, 1, 0.5, 2, 3}));
        assertMessage("GridPosterior grid z1 must be strictly increasing, got grid z1[1] = 0.0 after grid z1[0] = 0.0",
                () -> GridPosterior.of(f, new double[] {0, 0, 1, 2, 3}, ok));
        assertMessage("GridPosterior grid z3[4] must be finite, got NaN",
                () -> GridPosterior.of((a, b, c) -> 0.0, ok, ok, new double[] {0, 1, 2, 3, Double.NaN}));
        assertMessage("GridPosterior log joint must not be null", () -> GridPosterior.of((GridPosterior.LogJoint2) null, ok, ok));
        assertMessage("Grid points must be >= 5, got 2", () -> Grid.points(0, 1, 2));
        assertMessage("Grid upper end must be > lower end 1.0, got 1.0", () -> Grid.points(1, 1, 10));
        double[] big = Grid.points(0, 1, 300);
        assertMessage("GridPosterior grid must have at most 20000000 points in all, got 27000000",
                () -> GridPosterior.of((a, b, c) -> 0.0, big, big, big));
    }

    @Test
    void badLogJointsAreRefusedWithMessages() {
        double[] g = Grid.points(-2, 2, 5);
        assertMessage("GridPosterior log joint must be a number or -infinity, got NaN at (z1, z2) = (0.0, 1.0)",
                () -> GridPosterior.of((a, b) -> a == 0 && b == 1 ? Math.log(-1) : 0.0, g, g));
        assertMessage("GridPosterior log joint must be a number or -infinity, got Infinity at (z1, z2, z3) = (-2.0, -2.0, -2.0)",
                () -> GridPosterior.of((a, b, c) -> Double.POSITIVE_INFINITY, g, g, g));
        assertMessage("GridPosterior log joint is -infinity at every grid point",
                () -> GridPosterior.of((a, b) -> Double.NEGATIVE_INFINITY, g, g));
    }
}
