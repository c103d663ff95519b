package org.vworkbook.divergence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.GaussianMixture;
import org.vworkbook.distributions.GaussianMixture1D;
import org.vworkbook.distributions.Normal;

/** MixtureFits, ReverseKlProfile, IsotropicForwardFit, IsotropicReverseFits and KlAlongSegment against independent computations. */
class FitRecordsTest {
    private static final GaussianMixture1D P = GaussianMixture1D.of(new double[] {0.3, 0.7}, new double[] {-2.0, 1.5}, new double[] {0.5, 1.0});
    private static final GaussianMixture P2D = GaussianMixture.ofIsotropic(new double[] {0.3, 0.7}, new double[] {-2.0, 0.0, 3.0, 1.0},
            new double[] {1.0, 0.5});

    @Test
    void mixtureFitsAreMomentMatchingAndStationaryReverseFits() {
        MixtureFits fits = MixtureFits.of(P, new double[] {-2.0, 1.5});
        assertEquals(P.mean(), fits.forward().mean(), 1e-12);
        assertEquals(P.variance(), fits.forward().variance(), 1e-12);
        assertEquals(fits.forward().mean(), fits.forwardByGradientDescent().mean(), 1e-8);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(new double[2], fits.stationarityGradient(i), 1e-7);
            assertFalse(fits.saddle().get(i));
        }
        // each reverse fit descended from its start N(init, 1)
        for (int i = 0; i < 2; i++) {
            assertTrue(fits.reverse().get(i).kl() <= ReverseKL.kl(Normal.ofMeanVariance(fits.reverseInits()[i], 1.0), P));
        }
        List<Map<String, Object>> maps = fits.reverseAsMaps();
        assertEquals(List.of("init", "mean", "var", "kl", "iterations", "converged", "saddle"), List.copyOf(maps.get(0).keySet()));
        assertFalse(MixtureFits.asMaps(fits.reverseInits(), fits.reverse(), null).get(0).containsKey("saddle"));
    }

    @Test
    void theProfileIsTheMinimumOverTheVarianceAndItsValleysAreCounted() {
        double[] mu = ReverseKlProfile.grid(new double[] {-2.0, 1.5}, new double[] {0.5, 1.0}, new double[] {0.0}, 25);
        assertEquals(-6.0, mu[0], 0.0);
        assertEquals(6.0, mu[24], 1e-12);
        ReverseKlProfile profile = ReverseKlProfile.of(P, mu);
        for (int k : new int[] {5, 12, 18}) {
            double best = Double.POSITIVE_INFINITY;
            for (double logV = -4; logV <= 3; logV += 1e-3) {
                best = Math.min(best, ReverseKL.kl(Normal.ofMeanVariance(mu[k], Math.exp(logV)), P));
            }
            assertEquals(best, profile.kl()[k], 1e-6);
        }
        assertEquals(1, new ReverseKlProfile(new double[] {0, 1, 2, 3}, new double[] {3, 1, 1, 2}).valleys());
        assertEquals(0, new ReverseKlProfile(new double[] {0, 1, 2}, new double[] {1, 2, 3}).valleys());
    }

    @Test
    void theForwardFitIsTheSampleMeanAndTheReverseFitIsStationary() {
        IsotropicForwardFit f = IsotropicForwardFit.of(P2D, 1000, 3, new double[] {5, 5});
        double[] mean = new double[2];
        for (double[] x : f.draws()) {
            mean[0] += x[0] / 1000;
            mean[1] += x[1] / 1000;
        }
        assertArrayEquals(mean, f.mean(), 1e-12);
        assertEquals(10, f.fit().steps());
        assertEquals(Math.sqrt(P2D.covariance()[1][1] / 1000), f.standardError()[1], 0.0);
        IsotropicReverseFits r = IsotropicReverseFits.of(P2D, new double[] {2.5, 1.0});
        assertArrayEquals(new double[2], r.finiteDifferenceGradient(), 1e-6);
        assertEquals(1, r.nearest());
        assertTrue(r.onAComponentMinimum());
        assertEquals(r.fromComponent()[r.best()].kl(), Math.min(r.fromComponent()[0].kl(), r.fromComponent()[1].kl()), 0.0);
    }

    @Test
    void alongTheSegmentTheForwardKlIsAParabolaAndTheReverseKlIsTheQuadrature() {
        IsotropicForwardFit f = IsotropicForwardFit.of(P2D, 500, 1, new double[] {0, 0});
        KlAlongSegment s = KlAlongSegment.of(P2D, f.draws());
        double[] t = s.t();
        assertEquals(37, t.length);
        assertEquals(-0.4, t[0], 0.0);
        double[] fwd = s.forward();
        double second = fwd[2] - 2 * fwd[1] + fwd[0];
        for (int k = 1; k + 1 < t.length; k++) {
            assertEquals(second, fwd[k + 1] - 2 * fwd[k] + fwd[k - 1], 1e-9);
        }
        // the heavier component (weight 0.7, mean (3, 1)) is t = 0
        assertEquals(ReverseKL.klIsotropic(new double[] {3.0, 1.0}, P2D), s.reverse()[8], 1e-12);
        assertTrue(s.description().startsWith("from component 2 (t = 0) to component 1"));
    }
}
