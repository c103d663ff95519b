package org.vworkbook.bbvi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.NormalGammaGridUpdate;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.distributions.Gamma;
import org.vworkbook.numerics.Quadrature;
import org.vworkbook.numerics.SpecialFunctions;

class NormalGammaFamilyTest {
    private static final NormalGammaMeanFieldState Q = BbviFixtures.MIDWAY;

    @Test
    void unconstrainedCoordinatesRoundTrip() {
        double[] eta = BbviFixtures.FAMILY.toUnconstrained(Q);
        assertArrayEquals(new double[] {0.8, Math.log(120), Math.log(20), Math.log(12)}, eta, 1e-15);
        assertArrayEquals(Q.toArray(), BbviFixtures.FAMILY.fromUnconstrained(eta).toArray(), 1e-12);
    }

    @Test
    void scoreIsTheGradientOfLogQInEta() {
        double h = 1e-6;
        double[] eta = BbviFixtures.FAMILY.toUnconstrained(Q);
        for (double[] z : new double[][] {{0.7, 1.9}, {0.95, 1.2}, {0.5, 2.6}}) {
            double[] score = BbviFixtures.FAMILY.score(Q, z);
            for (int d = 0; d < 4; d++) {
                double[] up = eta.clone();
                double[] down = eta.clone();
                up[d] += h;
                down[d] -= h;
                double fd = (BbviFixtures.FAMILY.fromUnconstrained(up).logDensity(z[0], z[1])
                        - BbviFixtures.FAMILY.fromUnconstrained(down).logDensity(z[0], z[1])) / (2 * h);
                assertEquals(fd, score[d], 1e-6 * (1 + Math.abs(fd)), "coordinate " + d + " at " + z[0] + ", " + z[1]);
            }
        }
    }

    @Test
    void scoreOfTheShapeHasMeanZeroWithPsiOfAlphaButNotWithPsiOfLambda() {
        Gamma qTau = Q.qTau();
        double[] w = NormalGammaGridUpdate.logTauWindow(qTau, 45);
        double a = Q.tauShape();
        double b = Q.tauRate();
        double right = Quadrature.integrate(s -> {
            double tau = Math.exp(s);
            return tau * qTau.density(tau) * a * (Math.log(b) + s - SpecialFunctions.digamma(a));
        }, w[0], w[1], 40);
        assertEquals(0.0, right, 1e-10);
        // Seed 003 writes psi(lambda_N) for psi(alpha_N): its "score" has mean a (psi(a) - psi(l)) != 0.
        double l = Q.muPrecision();
        double seeds = Quadrature.integrate(s -> {
            double tau = Math.exp(s);
            return tau * qTau.density(tau) * a * (Math.log(b) + s - SpecialFunctions.digamma(l));
        }, w[0], w[1], 40);
        assertEquals(a * (SpecialFunctions.digamma(a) - SpecialFunctions.digamma(l)), seeds, 1e-9);
        assertTrue(Math.abs(seeds) > 1, "the seed's score is biased by " + seeds);
    }

    @Test
    void exactElboGradientMatchesFiniteDifferences() {
        double h = 1e-5;
        for (NormalGammaMeanFieldState q : new NormalGammaMeanFieldState[] {Q, BbviFixtures.POOR_START,
                BbviFixtures.OPTIMUM}) {
            double[] eta = BbviFixtures.FAMILY.toUnconstrained(q);
            double[] g = BbviFixtures.ELBO.gradient(q);
            for (int d = 0; d < 4; d++) {
                double[] up = eta.clone();
                double[] down = eta.clone();
                up[d] += h;
                down[d] -= h;
                double fd = (BbviFixtures.ELBO.value(up) - BbviFixtures.ELBO.value(down)) / (2 * h);
                assertEquals(fd, g[d], 1e-6 * (1 + Math.abs(fd)), "coordinate " + d + " at " + q);
            }
        }
        assertArrayEquals(new double[4], BbviFixtures.ELBO.gradient(BbviFixtures.OPTIMUM), 1e-8);
    }

    @Test
    void badCoordinatesAreRefused() {
        BbviFixtures.assertMessage("NormalGammaFamily eta and family dimension must have the same length, got 3 and 4",
                () -> BbviFixtures.FAMILY.fromUnconstrained(new double[] {0, 0, 0}));
        BbviFixtures.assertMessage("NormalGammaFamily eta[2] must be finite, got NaN (in [0.0, 0.0, NaN, 0.0])",
                () -> BbviFixtures.FAMILY.fromUnconstrained(new double[] {0, 0, Double.NaN, 0}));
    }
}
