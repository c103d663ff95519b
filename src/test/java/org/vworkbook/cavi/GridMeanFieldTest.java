package org.vworkbook.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.cavi.GaussianMeanFieldTest.assertMessage;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.exact.LinearGaussianModel;

/**
 * Mean-field CAVI on a grid against closed forms. Grid error statement: on uniform grids of spacing h that reach
 * at least 9 posterior standard deviations from the mode, the trapezoid rule is exact to rounding
 * for Gaussians (aliasing error of order exp(-2 pi^2 s^2 / h^2), tail truncation of order exp(-81/2)),
 * so the grid answers must match the closed forms to 1e-9.
 */
class GridMeanFieldTest {
    static GridMeanField meanField(GridPosterior.LogJoint2 f, double[] g1, double[] g2) {
        return GridMeanField.of(GridPosterior.of(f, g1, g2));
    }

    static GridMeanField meanField(GridPosterior.LogJoint3 f, double[] g1, double[] g2, double[] g3) {
        return GridMeanField.of(GridPosterior.of(f, g1, g2, g3));
    }

    private static final double GRID_ERROR = 1e-9;

    private static LinearGaussianModel w3() {
        return LinearGaussianModel.of(new double[] {1.0, 1.5}, 1.0, 2.0);
    }

    private static GridMeanField w3Grid(int n) {
        LinearGaussianModel m = w3();
        return meanField((a, b) -> m.logJoint(new double[] {a, b}), Grid.points(-8, 9, n), Grid.points(-8, 9, n));
    }

    @Test
    void gridCaviReproducesTheGaussianCaviPathAndFixedPoint() {
        LinearGaussianModel m = w3();
        GridMeanField g = w3Grid(171);
        CaviOptions options = new CaviOptions(1e-12, 1000);
        CaviResult<GridFactors> grid = g.run(g.gaussianStart(new double[2], new double[] {1, 1}), options);
        GaussianMeanField closed = GaussianMeanField.of(m.joint());
        CaviResult<MeanFieldGaussianState> exact = closed.run(new double[2], new double[] {1, 1}, options);
        assertTrue(grid.converged());
        int steps = Math.min(grid.path().size(), exact.path().size());
        for (int t = 0; t < steps; t++) {
            GridFactors q = grid.path().get(t);
            MeanFieldGaussianState e = exact.path().get(t);
            for (int j = 0; j < 2; j++) {
                assertEquals(e.mean(j), q.mean(j), GRID_ERROR, "mean " + j + " at sweep " + t);
                assertEquals(e.variance(j), q.variance(j), GRID_ERROR, "variance " + j + " at sweep " + t);
            }
            assertEquals(exact.elboTrace()[t], grid.elboTrace()[t], GRID_ERROR, "ELBO at sweep " + t);
        }
        GridFactors q = grid.state();
        double[] fixedMeans = m.posterior().mean();
        double[] fixedVariances = closed.optimalVariances();
        for (int j = 0; j < 2; j++) {
            assertEquals(fixedMeans[j], q.mean(j), GRID_ERROR);
            assertEquals(fixedVariances[j], q.variance(j), GRID_ERROR);
            // each factor is the Gaussian N(m_j, 1 / Lambda_jj) pointwise
            Normal f = Normal.ofMeanVariance(fixedMeans[j], fixedVariances[j]);
            double[] grd = q.grid(j);
            double[] dens = q.density(j);
            for (int i = 0; i < grd.length; i++) {
                assertEquals(f.density(grd[i]), dens[i], GRID_ERROR);
            }
        }
        double klClosed = GaussianMeanField.twoFactorKl(m.posterior().correlation(0, 1));
        assertEquals(klClosed, g.klToPosterior(q), GRID_ERROR);
    }

    @Test
    void threeLatentGridReproducesTheColliderClosedForms() {
        ColliderGaussianModel c = ColliderGaussianModel.of(0.5, 0.5, 2.0);
        // posterior sds are <= 0.78: [-6.5, 7] keeps > 9 sd on each side of every mean; h = 0.15
        GridMeanField g = meanField(c::logJoint, Grid.points(-6.5, 7, 91), Grid.points(-6.5, 7, 91),
                Grid.points(-5, 8.5, 91));
        assertEquals(c.logEvidence(), g.posterior().logEvidence(), 1e-8);
        double[][] cov = g.posterior().covariance();
        for (int i = 0; i < 3; i++) {
            assertEquals(c.posterior().mean(i), g.posterior().mean()[i], 1e-8);
            for (int j = 0; j < 3; j++) {
                assertEquals(c.posterior().covariance(i, j), cov[i][j], 1e-8);
            }
        }
        CaviOptions options = new CaviOptions(1e-12, 2000);
        CaviResult<GridFactors> grid = g.run(g.gaussianStart(new double[3], c.priorVariances()), options);
        GaussianMeanField closed = GaussianMeanField.of(c.joint());
        MeanFieldGaussianState opt = closed.optimum();
        for (int j = 0; j < 3; j++) {
            assertEquals(opt.mean(j), grid.state().mean(j), 1e-8);
            assertEquals(opt.variance(j), grid.state().variance(j), 1e-8);
        }
        assertEquals(closed.klAtOptimum(), g.klToPosterior(grid.state()), 1e-8);
        // pairwise exact marginal of (z1, z2) is the Gaussian marginal
        GridDensity2D pair = g.posterior().pair(0, 1);
        MultivariateNormal p12 = MultivariateNormal.ofMeanCovariance(new double[] {c.posterior().mean(0), c.posterior().mean(1)},
                new double[][] {{c.posterior().covariance(0, 0), c.posterior().covariance(0, 1)},
                    {c.posterior().covariance(1, 0), c.posterior().covariance(1, 1)}});
        double[] x = pair.x();
        double[] y = pair.y();
        for (int a = 0; a < x.length; a += 9) {
            for (int b = 0; b < y.length; b += 9) {
                assertEquals(Math.exp(p12.logDensity(new double[] {x[a], y[b]})), pair.value(a, b), 1e-8);
            }
        }
    }

    @Test
    void evidenceEqualsElboPlusKlOnTheGridForEveryState() {
        GridMeanField g = productModel(0.5, 0.5, 2.0, 61);
        RandomGenerator r = new Well19937c(17);
        for (int rep = 0; rep < 20; rep++) {
            GridFactors q = g.gaussianStart(new double[] {4 * r.nextDouble() - 2, 4 * r.nextDouble() - 2, 4 * r.nextDouble()},
                    new double[] {0.1 + r.nextDouble(), 0.1 + r.nextDouble(), 0.1 + r.nextDouble()});
            double kl = g.klToPosterior(q);
            assertTrue(kl >= 0);
            assertEquals(g.posterior().logEvidence(), g.elbo(q) + kl, 1e-10);
            GridFactors swept = g.sweep(q);
            assertEquals(g.posterior().logEvidence(), g.elbo(swept) + g.klToPosterior(swept), 1e-10);
        }
    }

    /** z1, z2 ~ N(0, 1), z3 | z1, z2 ~ N(z1 z2, s^2), x | z3 ~ N(z3, sx^2). */
    static GridMeanField productModel(double s, double sx, double x, int n) {
        return meanField((z1, z2, z3) -> Normal.standard().logDensity(z1) + Normal.standard().logDensity(z2)
                + Normal.ofMeanVariance(z1 * z2, s * s).logDensity(z3) + Normal.ofMeanVariance(z3, sx * sx).logDensity(x),
                Grid.points(-5, 5, n), Grid.points(-5, 5, n), Grid.points(-3.5, 7.5, n));
    }

    @Test
    void meanFieldSettlesOnOneModeOfTheBimodalProductPosterior() {
        GridMeanField g = productModel(0.5, 0.5, 2.0, 71);
        // the posterior is symmetric under (z1, z2) -> (-z1, -z2): mean 0, two modes
        assertEquals(0.0, g.posterior().mean()[0], 1e-12);
        CaviOptions options = new CaviOptions(1e-10, 2000);
        GridFactors plus = g.run(g.gaussianStart(new double[] {1, 1, 0}, new double[] {1, 1, 2.25}), options).state();
        GridFactors minus = g.run(g.gaussianStart(new double[] {-1, -1, 0}, new double[] {1, 1, 2.25}), options).state();
        assertTrue(plus.mean(0) > 0.8 && plus.mean(1) > 0.8, plus.toString());
        assertTrue(minus.mean(0) < -0.8 && minus.mean(1) < -0.8, minus.toString());
        assertEquals(plus.mean(0), -minus.mean(0), 1e-8);
        double kl = g.klToPosterior(plus);
        assertEquals(kl, g.klToPosterior(minus), 1e-8);
        // one mode of two symmetric, well separated ones: KL(q, p) >= log 2 - (overlap), here well above it
        assertTrue(kl > Math.log(2), "KL " + kl);
    }

    @Test
    void eachUpdateMaximisesTheElboInItsFactor() {
        GridMeanField g = productModel(0.7, 0.4, 1.5, 41);
        RandomGenerator r = new Well19937c(8);
        GridFactors q = g.gaussianStart(new double[] {0.5, 1, 1}, new double[] {1, 1, 1});
        for (int j = 0; j < 3; j++) {
            GridFactors best = g.updateFactor(q, j);
            double bestElbo = g.elbo(best);
            for (int rep = 0; rep < 30; rep++) {
                double eps = rep < 15 ? 1e-3 : 0.3;
                double[][] dens = {best.density(0), best.density(1), best.density(2)};
                for (int i = 0; i < dens[j].length; i++) {
                    dens[j][i] *= Math.exp(eps * (2 * r.nextDouble() - 1));
                }
                double other = g.elbo(g.factors(dens));
                assertTrue(other <= bestElbo + 1e-13, "perturbed factor " + j + " beat the update: " + other + " > " + bestElbo);
            }
        }
    }

    @Test
    void factorisedJointIsRecoveredExactlyInOneSweep() {
        // log p = log N(z1 | 1, 0.5) + log N(z2 | -1, 2) + const: the posterior factorises, so q* = p
        GridMeanField g = meanField((a, b) -> -0.5 * (a - 1) * (a - 1) / 0.5 - 0.5 * (b + 1) * (b + 1) / 2 + 3.0,
                Grid.points(-6, 8, 141), Grid.points(-15, 13, 141));
        CaviResult<GridFactors> run = g.run(g.gaussianStart(new double[] {0, 0}, new double[] {1, 1}), new CaviOptions(1e-12, 100));
        assertEquals(0.0, g.klToPosterior(run.path().get(1)), 1e-12);
        assertTrue(run.iterations() <= 2);
    }

    @Test
    void supportConstraintsWithMinusInfinityWork() {
        // z1 > 0 only: a half-normal prior, joint -infinity elsewhere
        GridMeanField g = meanField((a, b) -> a < 0 ? Double.NEGATIVE_INFINITY
                : -0.5 * a * a - 0.5 * b * b - 0.5 * (1.0 - a - b) * (1.0 - a - b),
                Grid.points(-2, 6, 81), Grid.points(-6, 6, 121));
        GridFactors start = g.gaussianStart(new double[] {1, 0}, new double[] {1, 1});
        CaviResult<GridFactors> run = g.run(g.sweep(start), new CaviOptions(1e-12, 500));
        double[] q1 = run.state().density(0);
        double[] grid = run.state().grid(0);
        for (int i = 0; i < grid.length; i++) {
            if (grid[i] < 0) {
                assertEquals(0.0, q1[i], 0.0);
            }
        }
        double kl = g.klToPosterior(run.state());
        assertTrue(Double.isFinite(kl) && kl >= 0);
        assertEquals(g.posterior().logEvidence(), run.elbo() + kl, 1e-10);
    }

    private static double[] oneAt(int i) {
        double[] v = new double[21];
        v[i] = 1;
        return v;
    }

    @Test
    void badStatesAreRefusedWithMessages() {
        GridMeanField g = w3Grid(21);
        GridMeanField other = meanField((a, b) -> -a * a - b * b, Grid.points(-3, 3, 21), Grid.points(-3, 3, 21));
        assertMessage("GridMeanField means and number of latents must have the same length, got 3 and 2",
                () -> g.gaussianStart(new double[3], new double[] {1, 1, 1}));
        assertMessage("GridMeanField variances[0] must be > 0, got 0.0", () -> g.gaussianStart(new double[2], new double[2]));
        assertMessage("GridMeanField densities must have one array per latent (2), got 1", () -> g.factors(new double[21]));
        assertMessage("GridMeanField density q2 and grid z2 must have the same length, got 3 and 21",
                () -> g.factors(oneAt(3), new double[3]));
        double[] neg = new double[21];
        neg[4] = -1;
        double[] one = oneAt(3);
        assertMessage("GridMeanField density q1[4] must be >= 0, got -1.0", () -> g.factors(neg, one));
        assertMessage("GridMeanField density q2 must be > 0 somewhere, got all zeros", () -> g.factors(one, new double[21]));
        GridFactors foreign = other.gaussianStart(new double[2], new double[] {1, 1});
        assertMessage("GridMeanField factors must live on this model's grids, factor q1 has a different grid",
                () -> g.run(foreign, CaviOptions.defaults()));
        assertMessage("GridPosterior latent index must be in 0..1, got 2", () -> g.posterior().marginal(2));
        assertMessage("GridPosterior pair must name two different latents, got 1 twice", () -> g.posterior().pair(1, 1));
        GridFactors q = g.gaussianStart(new double[2], new double[] {1, 1});
        assertMessage("GridFactors pair must name two different latents, got 0 twice", () -> q.pair(0, 0));
        assertMessage("GridFactors latent index must be in 0..1, got 2", () -> q.massAbove(2, 0.0));
        assertMessage("GridMeanField posterior must not be null", () -> GridMeanField.of(null));
        assertThrows(IllegalArgumentException.class, () -> g.klToPosterior(null));
    }
}
