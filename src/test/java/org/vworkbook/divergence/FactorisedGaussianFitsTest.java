package org.vworkbook.divergence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.MultivariateNormal;

/** The two factorised fits of a Gaussian (Bishop Fig. 10.2) against independent methods. */
class FactorisedGaussianFitsTest {
    // A correlated 2-D Gaussian (rho = 0.8) and a 3-D one.
    private static final MultivariateNormal P2 = MultivariateNormal.ofMeanCovariance(new double[] {0.5, -1.0},
            new double[][] {{1.0, 0.8 * Math.sqrt(2.0)}, {0.8 * Math.sqrt(2.0), 2.0}});
    private static final MultivariateNormal P3 = MultivariateNormal.ofMeanCovariance(new double[] {1.0, 0.0, -2.0},
            new double[][] {{2.0, 0.6, -0.3}, {0.6, 1.0, 0.2}, {-0.3, 0.2, 0.5}});

    /** The factorised q with means z[0..d) and log variances z[d..2d). */
    private static MultivariateNormal factorised(double[] meanAndLogVar) {
        int d = meanAndLogVar.length / 2;
        double[] m = java.util.Arrays.copyOf(meanAndLogVar, d);
        double[] v = java.util.Arrays.stream(meanAndLogVar, d, 2 * d).map(Math::exp).toArray();
        return MultivariateNormal.ofMeanDiagonalVariance(m, v);
    }

    private static double forwardKl(MultivariateNormal p, double[] meanAndLogVar) {
        return GaussianKL.between(p, factorised(meanAndLogVar));
    }

    private static double reverseKl(MultivariateNormal p, double[] meanAndLogVar) {
        return GaussianKL.between(factorised(meanAndLogVar), p);
    }

    /** Nelder-Mead over (means, log variances) of a factorised q from (0, 0), independent of the closed form. */
    private static double[] minimise(MultivariateFunction f, int d) {
        SimplexOptimizer opt = new SimplexOptimizer(1e-14, 1e-14);
        PointValuePair best = opt.optimize(new MaxEval(200000), new ObjectiveFunction(f), GoalType.MINIMIZE,
                new InitialGuess(new double[2 * d]), new NelderMeadSimplex(2 * d, 0.5));
        best = opt.optimize(new MaxEval(200000), new ObjectiveFunction(f), GoalType.MINIMIZE,
                new InitialGuess(best.getPoint()), new NelderMeadSimplex(2 * d, 0.05));   // a restart polishes the simplex
        return best.getPoint();
    }

    @Test
    void theForwardFitIsTheNumericalMinimiserOfKlPqAndTheReverseFitThatOfKlQp() {
        for (MultivariateNormal p : new MultivariateNormal[] {P2, P3}) {
            int d = p.dimension();
            FactorisedGaussianFits fits = FactorisedGaussianFits.of(p);
            double[] fwd = minimise(z -> forwardKl(p, z), d);
            double[] rev = minimise(z -> reverseKl(p, z), d);
            for (int j = 0; j < d; j++) {
                assertEquals(p.mean(j), fwd[j], 1e-5);
                assertEquals(fits.forwardVariances()[j], Math.exp(fwd[d + j]), 1e-5);
                assertEquals(p.covariance(j, j), Math.exp(fwd[d + j]), 1e-5);
                assertEquals(p.mean(j), rev[j], 1e-5);
                assertEquals(fits.reverseVariances()[j], Math.exp(rev[d + j]), 1e-5);
                assertEquals(1 / p.precision()[j][j], Math.exp(rev[d + j]), 1e-5);
            }
            assertEquals(forwardKl(p, fwd), fits.klTable().forward().klPq(), 1e-10);
            assertEquals(reverseKl(p, rev), fits.klTable().reverse().klQp(), 1e-10);
        }
    }

    @Test
    void perturbingTheForwardFitsMeansOrVariancesIncreasesKlPq() {
        FactorisedGaussianFits fits = FactorisedGaussianFits.of(P3);
        double best = fits.klTable().forward().klPq();
        double[] m = P3.mean();
        double[] v = fits.forwardVariances();
        for (int j = 0; j < 3; j++) {
            for (double h : new double[] {-1e-3, 1e-3, -0.2, 0.2}) {
                double[] m2 = m.clone();
                m2[j] += h;
                double[] v2 = v.clone();
                v2[j] *= Math.exp(h);
                assertTrue(GaussianKL.between(P3, MultivariateNormal.ofMeanDiagonalVariance(m2, v)) > best);
                assertTrue(GaussianKL.between(P3, MultivariateNormal.ofMeanDiagonalVariance(m, v2)) > best);
            }
        }
    }

    @Test
    void theKlTableMatchesMonteCarloWithAFixedSeed() {
        FactorisedGaussianFits fits = FactorisedGaussianFits.of(P2);
        FactorisedGaussianFits.KlTable t = fits.klTable();
        double[][] pairs = {
            {t.reverse().klQp(), z(MonteCarloKL.estimate(fits.reverse(), P2, 200000, 11), t.reverse().klQp())},
            {t.reverse().klPq(), z(MonteCarloKL.estimate(P2, fits.reverse(), 200000, 12), t.reverse().klPq())},
            {t.forward().klQp(), z(MonteCarloKL.estimate(fits.forward(), P2, 200000, 13), t.forward().klQp())},
            {t.forward().klPq(), z(MonteCarloKL.estimate(P2, fits.forward(), 200000, 14), t.forward().klPq())}};
        for (double[] pair : pairs) {
            assertTrue(pair[0] > 0);
            assertTrue(Math.abs(pair[1]) < 4, "z-score " + pair[1]);
        }
    }

    private static double z(MonteCarloKL.Estimate e, double reference) {
        return e.zScore(reference);
    }

    @Test
    void inTwoDimensionsTheTableDependsOnRhoAloneAndTheCrossDirectionIsLarger() {
        double rho = 0.8;
        double own = -0.5 * Math.log(1 - rho * rho);
        double cross = rho * rho / (1 - rho * rho) + 0.5 * Math.log(1 - rho * rho);
        FactorisedGaussianFits.KlTable t = FactorisedGaussianFits.of(P2).klTable();
        assertEquals(own, t.reverse().klQp(), 1e-13);
        assertEquals(own, t.forward().klPq(), 1e-13);
        assertEquals(cross, t.reverse().klPq(), 1e-13);
        assertEquals(cross, t.forward().klQp(), 1e-13);
        assertTrue(cross > own);
        assertEquals(cross, t.maxAbs(), 1e-13);
    }

    @Test
    void aFactorisedGaussianIsItsOwnFitWithEveryKlZero() {
        MultivariateNormal p = MultivariateNormal.ofMeanDiagonalVariance(new double[] {1.0, -2.0}, new double[] {0.5, 3.0});
        FactorisedGaussianFits fits = FactorisedGaussianFits.of(p);
        assertArrayEquals(new double[] {0.5, 3.0}, fits.forwardVariances(), 0.0);
        assertArrayEquals(new double[] {0.5, 3.0}, fits.reverseVariances(), 1e-15);
        assertEquals(0.0, fits.klTable().maxAbs(), 1e-15);
    }

    @Test
    void theTableWritesTheResultsNames() {
        Map<String, Map<String, Double>> m = FactorisedGaussianFits.of(P2).klTable().asMap();
        assertEquals(java.util.List.of("reverse", "forward"), java.util.List.copyOf(m.keySet()));
        assertEquals(java.util.List.of("kl_qp", "kl_pq"), java.util.List.copyOf(m.get("reverse").keySet()));
        assertEquals(FactorisedGaussianFits.of(P2).klTable().forward().klQp(), m.get("forward").get("kl_qp"), 0.0);
    }
}
