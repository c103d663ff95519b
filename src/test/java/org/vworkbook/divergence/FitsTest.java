package org.vworkbook.divergence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.GaussianMixture;
import org.vworkbook.distributions.GaussianMixture1D;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.numerics.Quadrature;

/** Forward and reverse KL fits of Gaussians to mixtures. */
class FitsTest {
    private static GaussianMixture1D bimodal(double mode) {
        return GaussianMixture1D.of(new double[] {0.5, 0.5}, new double[] {-mode, mode}, new double[] {1, 1});
    }

    @Test
    void reverseKlAgreesWithQuadratureOfTheDefinitionEvenForAWideQ() {
        GaussianMixture1D p = bimodal(3);
        for (Normal q : new Normal[] {Normal.ofMeanVariance(0.5, 1), Normal.ofMeanVariance(0, 60), Normal.ofMeanVariance(-3, 0.05)}) {
            double quad = Quadrature.integrate(x -> q.density(x) * (q.logDensity(x) - p.logDensity(x)),
                    q.mean() - 14 * q.standardDeviation(), q.mean() + 14 * q.standardDeviation(), 4000);
            assertEquals(quad, ReverseKL.kl(q, p), 1e-11, q.toString());
        }
    }

    @Test
    void forwardFitIsTheMixtureMomentsAndGradientDescentFindsIt() {
        GaussianMixture1D p = GaussianMixture1D.of(new double[] {0.3, 0.7}, new double[] {-2, 1.5}, new double[] {0.5, 2});
        Normal mm = ForwardKL.momentMatch(p);
        assertEquals(p.mean(), mm.mean(), 0.0);
        assertEquals(p.variance(), mm.variance(), 0.0);
        GaussianFit gd = ForwardKL.fitByGradientDescent(p, 3.0, 0.2);
        assertTrue(gd.converged());
        assertEquals(mm.mean(), gd.mean(), 1e-9);
        assertEquals(mm.variance(), gd.variance(), 1e-9);
        // KL(p, q) by quadrature in x, against the grid version, and minimality against neighbours.
        double quad = Quadrature.integrate(x -> p.density(x) * (p.logDensity(x) - mm.logDensity(x)), -30, 30, 1200);
        assertEquals(quad, ForwardKL.kl(p, mm), 1e-11);
        assertEquals(ForwardKL.kl(p, mm), gd.kl(), 1e-12);
        for (Normal other : new Normal[] {Normal.ofMeanVariance(mm.mean() + 0.01, mm.variance()),
                Normal.ofMeanVariance(mm.mean(), mm.variance() * 1.01)}) {
            assertTrue(ForwardKL.kl(p, other) > ForwardKL.kl(p, mm));
        }
    }

    @Test
    void multivariateMomentMatch() {
        GaussianMixture g = GaussianMixture.ofIsotropic(new double[] {0.3, 0.7}, new double[] {-2.0, 0.0, 3.0, 1.0},
                new double[] {1.0, 0.5});
        MultivariateNormal mm = ForwardKL.momentMatch(g);
        assertArrayEquals(g.mean(), mm.mean(), 0.0);
        assertArrayEquals(g.covariance()[0], mm.covariance()[0], 1e-15);
    }

    @Test
    void stochasticForwardFitIsTheSampleMeanAndNearTheExactMean() {
        GaussianMixture g = GaussianMixture.ofIsotropic(new double[] {0.3, 0.7}, new double[] {-2.0, 0.0, 3.0, 1.0},
                new double[] {1.0, 0.5});
        double[][] x = ForwardKL.sample(g, 50_000, 1);
        ForwardKL.StochasticFit fit = ForwardKL.isotropicMeanBySgd(x, 128, new double[] {10, -10});
        double[] sampleMean = new double[2];
        for (double[] xi : x) {
            sampleMean[0] += xi[0] / x.length;
            sampleMean[1] += xi[1] / x.length;
        }
        assertArrayEquals(sampleMean, fit.mean(), 1e-10);
        double[][] cov = g.covariance();
        for (int i = 0; i < 2; i++) {
            assertEquals(g.mean()[i], fit.mean()[i], 4 * Math.sqrt(cov[i][i] / x.length));
        }
        assertEquals((50_000 + 127) / 128, fit.steps());
        assertEquals(fit.steps() + 1, fit.path().size());
    }

    @Test
    void reverseFitsAtModesThreeApartSplitByStartAndAreStationary() {
        GaussianMixture1D p = bimodal(3);
        GaussianFit left = ReverseKL.fit(p, -3, 1);
        GaussianFit right = ReverseKL.fit(p, 3, 1);
        assertTrue(left.converged() && right.converged());
        // Mirror images (p is symmetric), each sitting on one mode with KL close to log 2.
        assertEquals(-left.mean(), right.mean(), 1e-7);
        assertEquals(left.variance(), right.variance(), 1e-7);
        assertTrue(left.mean() < -2.9 && left.mean() > -3.0);
        assertEquals(Math.log(2), left.kl(), 0.01);
        assertEquals(ReverseKL.kl(left.fit(), p), left.kl(), 1e-14);
        // A local minimum: moving mean or variance a little raises KL(q, p).
        for (double[] d : new double[][] {{1e-3, 0}, {-1e-3, 0}, {0, 1e-3}, {0, -1e-3}}) {
            Normal near = Normal.ofMeanVariance(left.mean() + d[0], left.variance() + d[1]);
            assertTrue(ReverseKL.kl(near, p) > left.kl(), "neighbour " + near);
        }
        // The finite-difference gradient in (m, v) vanishes.
        double h = 1e-5;
        double gm = (ReverseKL.kl(Normal.ofMeanVariance(left.mean() + h, left.variance()), p)
                - ReverseKL.kl(Normal.ofMeanVariance(left.mean() - h, left.variance()), p)) / (2 * h);
        double gv = (ReverseKL.kl(Normal.ofMeanVariance(left.mean(), left.variance() + h), p)
                - ReverseKL.kl(Normal.ofMeanVariance(left.mean(), left.variance() - h), p)) / (2 * h);
        assertEquals(0.0, gm, 1e-7);
        assertEquals(0.0, gv, 1e-7);
    }

    @Test
    void reverseFitsAtModesTwoApartAllReachOneBroadGaussian() {
        GaussianMixture1D p = bimodal(2);
        GaussianFit a = ReverseKL.fit(p, -3, 1);
        GaussianFit b = ReverseKL.fit(p, 0.5, 1);
        GaussianFit c = ReverseKL.fit(p, 3, 1);
        for (GaussianFit f : new GaussianFit[] {a, b, c}) {
            assertTrue(f.converged());
            assertEquals(0.0, f.mean(), 1e-7);
            assertEquals(a.variance(), f.variance(), 1e-7);
            assertEquals(a.kl(), f.kl(), 1e-13);
        }
        assertTrue(a.variance() > 1 && a.variance() < p.variance(), "broader than a mode, narrower than the moment match");
        // The broad Gaussian beats a Gaussian sitting on one mode.
        assertTrue(a.kl() < ReverseKL.kl(Normal.ofMeanVariance(2, 1), p));
    }

    @Test
    void reverseIsotropicFitFromTheOriginFindsTheLighterComponent() {
        GaussianMixture g = GaussianMixture.ofIsotropic(new double[] {0.3, 0.7}, new double[] {-2.0, 0.0, 3.0, 1.0},
                new double[] {1.0, 0.5});
        ReverseKL.IsotropicFit fit = ReverseKL.fitIsotropicMean(g, new double[] {0, 0});
        assertTrue(fit.converged());
        assertEquals(-2.0, fit.mean()[0], 0.05);
        assertEquals(0.0, fit.mean()[1], 0.05);
        double h = 1e-4;
        for (int i = 0; i < 2; i++) {
            double[] up = fit.mean();
            double[] down = fit.mean();
            up[i] += h;
            down[i] -= h;
            assertEquals(0.0, (ReverseKL.klIsotropic(up, g) - ReverseKL.klIsotropic(down, g)) / (2 * h), 1e-6);
        }
    }

    @Test
    void profileOverVarianceIsTheMinimumAtFixedMean() {
        GaussianMixture1D p = bimodal(3);
        GaussianFit fit = ReverseKL.fit(p, 3, 1);
        double[] atFit = ReverseKL.profileOverVariance(p, fit.mean(), 2.0);
        assertEquals(fit.variance(), atFit[0], 1e-7);
        assertEquals(fit.kl(), atFit[1], 1e-13);
        double[] atOne = ReverseKL.profileOverVariance(p, 1.0, 1.0);
        for (double v : new double[] {0.5, 1, 2, 4, 8}) {
            assertTrue(ReverseKL.kl(Normal.ofMeanVariance(1.0, v), p) >= atOne[1]);
        }
    }

    @Test
    void badStartsAreRefused() {
        GaussianMixture1D p = bimodal(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReverseKL.fit(p, 0, -1));
        assertEquals("ReverseKL initialVariance must be finite and > 0, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReverseKL.fit(p, Double.NaN, 1));
        assertEquals("ReverseKL initialMean must be finite, got NaN", e.getMessage());
        GaussianMixture g = GaussianMixture.ofIsotropic(new double[] {0.3, 0.7}, new double[] {-2.0, 0.0, 3.0, 1.0},
                new double[] {1.0, 0.5});
        e = assertThrows(IllegalArgumentException.class, () -> ReverseKL.fitIsotropicMean(g, new double[] {0, 0, 0}));
        assertEquals("ReverseKL init and p dimension must have the same length, got 3 and 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ForwardKL.isotropicMeanBySgd(new double[0][], 10, new double[] {0}));
        assertEquals("ForwardKL samples must not be empty", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ForwardKL.isotropicMeanBySgd(new double[][] {{1, 2}}, 0, new double[] {0, 0}));
        assertEquals("ForwardKL batchSize must be >= 1, got 0", e.getMessage());
    }
}
