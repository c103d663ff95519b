package org.vworkbook.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.Gamma;
import org.vworkbook.exact.NormalNormalGammaModel;
import org.vworkbook.numerics.SpecialFunctions;

/**
 * The grid updates of {@link NormalGammaGridUpdate} against the closed forms for small shapes
 * (a0 down to 0.01, where the window in log tau is thousands of units long), large shapes
 * (a ~ 1000, sd of log tau 0.03), extreme data, and the fewest and many grid points.
 */
class NormalGammaGridUpdateTest {
    static final double[] SHAPES = {0.01, 0.05, 0.063, 0.3, 1, 1.05, 1.33, 7, 200, 5000};
    static final double[] RATES = {1e-3, 0.37, 1, 28, 1e3};

    /**
     * The moments of s = log tau under Gamma(a, b) by the segmented rule: the mass of the unnormalised density,
     * Gamma(a) e^a / a^a, and the self-normalised E[log tau] = psi(a) - log b and E[tau] = a / b.
     */
    @Test
    void integrationFromTheModeGivesTheMomentsOfLogTau() {
        for (double a : SHAPES) {
            for (double b : RATES) {
                Gamma g = Gamma.ofShapeRate(a, b);
                double[] w = NormalGammaGridUpdate.logTauWindow(g, 40);
                double mode = NormalGammaGridUpdate.logTauMode(g);
                double scale = NormalGammaGridUpdate.logTauScale(g);
                double mass = NormalGammaGridUpdate.massOfLogTau(g, w);
                double meanLog = NormalGammaGridUpdate.integrateFromMode(
                        s -> s * Math.exp(NormalGammaGridUpdate.logUnnormalisedDensityOfLogTau(g, s)), w[0], mode, w[1], scale) / mass;
                double mean = NormalGammaGridUpdate.integrateFromMode(
                        s -> Math.exp(NormalGammaGridUpdate.logUnnormalisedDensityOfLogTau(g, s) + s), w[0], mode, w[1], scale) / mass;
                String at = "a = " + a + ", b = " + b;
                // log Gamma(a) from the Gamma's own normaliser: log p(1) + b = a log b - log Gamma(a)
                double logGammaA = a * Math.log(b) - (g.logDensity(1.0) + b);
                assertEquals(1.0, mass / Math.exp(logGammaA + a - a * Math.log(a)), roundingOfLogDensity(g), "mass, " + at);
                double exactMeanLog = SpecialFunctions.digamma(a) - Math.log(b);
                assertEquals(exactMeanLog, meanLog, 1e-12 * (1 + Math.abs(exactMeanLog) + Math.abs(mode)), "E[log tau], " + at);
                assertEquals(a / b, mean, 1e-12 * a / b, "E[tau], " + at);
            }
        }
    }

    /**
     * The relative accuracy to expect of an integral of the density of s = log tau: 1e-12 for the quadrature,
     * plus the rounding of its logarithm, a sum of terms of size |a log b - log Gamma(a)|, a |log(a/b)| and a
     * (for a = 5000 these are ~1e5, so the density itself is only good to ~1e-11).
     */
    static double roundingOfLogDensity(Gamma g) {
        double a = g.shape();
        return 1e-12 + 1e-15 * (Math.abs(g.logDensity(1.0) + g.rate()) + a * Math.abs(Math.log(a / g.rate())) + a);
    }

    /** The density of log tau in s is the Gamma density of tau times e^s up to a constant, and the log joint in s is the model's. */
    @Test
    void theLogTauFormsAgreeWithTheModelWhereTauIsANormalDouble() {
        NormalNormalGammaModel model = NormalNormalGammaModel.of(new double[] {-2.4, 2.0, 4.6}, -1.7, 6.0, 0.063, 0.37);
        NormalGammaGridUpdate grid = NormalGammaGridUpdate.of(model, 101);
        for (double s : new double[] {-700, -40, -3, 0, 0.5, 6}) {
            double tau = Math.exp(s);
            for (double a : SHAPES) {
                Gamma g = Gamma.ofShapeRate(a, 0.37);
                double peak = g.logDensity(a / 0.37) + Math.log(a / 0.37);
                double expected = g.logDensity(tau) + s - peak;
                assertEquals(expected, NormalGammaGridUpdate.logUnnormalisedDensityOfLogTau(g, s),
                        1e-12 * (1 + Math.abs(expected) + Math.abs(peak)));
            }
            for (double mu : new double[] {-30, 0, 4.5}) {
                double expected = model.logJoint(mu, tau);
                assertEquals(expected, grid.logJointAtLogTau(mu, s), 1e-12 * (1 + Math.abs(expected)), "s = " + s);
            }
        }
        assertTrue(Double.isFinite(grid.logJointAtLogTau(0, -4000)));
    }

    /**
     * E_q(tau)[log p(x, mu, tau)] = A(mu) + B (psi(a) - log b) - (a / b) C(mu), where
     * log p = A + B log tau - tau C: B = (N + 1)/2 + a0 - 1, C(mu) = b0 + (S(mu) + lambda0 (mu - mu0)^2) / 2
     * and A = log p(x, mu, 1) + C(mu).
     */
    @Test
    void expectationOverTauMatchesTheDigammaClosedForm() {
        NormalNormalGammaModel model = NormalNormalGammaModel.of(new double[] {-2.388, 1.992, -3.489, -2.651, -4.113, 1.506,
                4.098, 4.574}, -1.72, 6.012, 0.06308, 0.3692);
        NormalGammaGridUpdate grid = NormalGammaGridUpdate.of(model, 101);
        double bCoef = 0.5 * (model.size() + 1) + model.a0() - 1;
        for (double a : SHAPES) {
            for (double b : RATES) {
                Gamma q = Gamma.ofShapeRate(a, b);
                for (double mu : new double[] {-30, -1.72, 0, 4.5}) {
                    double c = model.b0() + 0.5 * (model.sumOfSquaresAbout(mu) + model.lambda0() * (mu - model.mu0())
                            * (mu - model.mu0()));
                    double aCoef = model.logJoint(mu, 1.0) + c;
                    double exact = aCoef + bCoef * (SpecialFunctions.digamma(a) - Math.log(b)) - a / b * c;
                    double got = grid.expectedLogJointOverTau(mu, q);
                    assertEquals(exact, got, 1e-12 * (Math.abs(aCoef) + Math.abs(bCoef * Math.log(b))
                            + Math.abs(bCoef * SpecialFunctions.digamma(a)) + a / b * c),
                            "a = " + a + ", b = " + b + ", mu = " + mu);
                }
            }
        }
    }

    /**
     * The largest |grid - closed form| relative to the closed form's peak on the grid, over both updates and both
     * checked sweeps, as a multiple of what quadrature and rounding allow: 1e-11 plus 2e-15 |E_-j[log p]| (the
     * rounding of E[log p], which reaches ~5e6 when E[tau] ~ 1e3 meets a prior mean 10 away from the data).
     */
    static double worstRelativeError(NormalNormalGammaModel model, int gridPoints) {
        NormalGammaCavi cavi = NormalGammaCavi.of(model);
        NormalGammaGridUpdate grid = NormalGammaGridUpdate.of(model, gridPoints);
        java.util.List<NormalGammaMeanFieldState> path = cavi.run().path();
        double worst = 0;
        for (NormalGammaMeanFieldState before : new NormalGammaMeanFieldState[] {path.get(0), path.get(path.size() - 2)}) {
            for (NormalGammaGridUpdate.FactorOnGrid f : new NormalGammaGridUpdate.FactorOnGrid[] {grid.muUpdate(before),
                    grid.tauUpdate(cavi.updateMu(before))}) {
                double peak = java.util.Arrays.stream(f.closedForm()).max().getAsDouble();
                assertEquals(peak, f.peak(), 0.0);
                assertEquals(f.maxAbsError() / peak, f.relativeError(), 0.0);
                worst = Math.max(worst, f.relativeError() / (1e-11 + 2e-15 * f.maxAbsExpectedLogJoint()));
            }
        }
        return worst;
    }

    static void assertGridAgrees(String what, NormalNormalGammaModel model) {
        for (int points : new int[] {101, 1001}) {
            double worst = worstRelativeError(model, points);
            assertTrue(worst < 1, what + ", " + points + " grid points: relative error " + worst
                    + " times 1e-11 + 2e-15 |E[log p]|");
        }
    }

    @Test
    void smallPriorShapes() {
        double[] data = NormalNormalGammaModel.generateData(20, 1.0, 2.0, 5);
        for (double a0 : new double[] {0.01, 0.05, 0.3}) {
            assertGridAgrees("a0 = " + a0, NormalNormalGammaModel.of(data, 0, 1, a0, 1));
            assertGridAgrees("a0 = " + a0 + ", b0 = 0.05", NormalNormalGammaModel.of(data, 0, 1, a0, 0.05));
        }
        // The two draws of ./workbook fuzz B that failed with the earlier fixed 24 panels and the tau grid linear in tau.
        assertGridAgrees("one point, a0 = 0.33, b0 = 28", NormalNormalGammaModel.of(new double[] {-4.826}, -0.3958, 9.572,
                0.3302, 28.21));
        assertGridAgrees("eight points, a0 = 0.063", NormalNormalGammaModel.of(new double[] {-2.388, 1.992, -3.489, -2.651,
                -4.113, 1.506, 4.098, 4.574}, -1.72, 6.012, 0.06308, 0.3692));
    }

    @Test
    void largeShapes() {
        assertGridAgrees("a0 = 1000, b0 = 0.001", NormalNormalGammaModel.of(new double[] {0.4}, 0, 1, 1000, 0.001));
        assertGridAgrees("a0 = 50, n = 2000", NormalNormalGammaModel.of(NormalNormalGammaModel.generateData(2000, -5, 50, 2),
                5, 100, 50, 0.05));
    }

    @Test
    void extremeData() {
        assertGridAgrees("one point far from mu0", NormalNormalGammaModel.of(new double[] {1e3}, 0, 0.01, 1, 1));
        assertGridAgrees("equal points", NormalNormalGammaModel.of(new double[] {2, 2, 2, 2}, 2, 1, 1, 1));
        assertGridAgrees("b0 = 1000", NormalNormalGammaModel.of(new double[] {0.1, -0.2}, 0, 1, 1, 1000));
        assertGridAgrees("lambda0 = 100, far prior", NormalNormalGammaModel.of(new double[] {-5, 5, 4.9}, -5, 100, 0.05, 50));
    }

    @Test
    void aFactorOnGridHoldsDensitiesAndItsRelativeErrorIsDefinedOnAZeroPeak() {
        NormalGammaGridUpdate.FactorOnGrid zero = new NormalGammaGridUpdate.FactorOnGrid(
                new double[] {-1.0, 0.0}, new double[] {0.0, 0.0}, new double[] {0.0, 0.0}, 0.0, 0.5);
        org.junit.jupiter.api.Assertions.assertEquals(0.0, zero.relativeError());
        NormalGammaGridUpdate.FactorOnGrid off = new NormalGammaGridUpdate.FactorOnGrid(
                new double[] {-1.0, 0.0}, new double[] {1e-300, 0.0}, new double[] {0.0, 0.0}, 1e-300, 0.5);
        org.junit.jupiter.api.Assertions.assertEquals(Double.POSITIVE_INFINITY, off.relativeError());
        NormalGammaGridUpdate.FactorOnGrid usual = new NormalGammaGridUpdate.FactorOnGrid(
                new double[] {-1.0, 0.0}, new double[] {0.5, 0.25}, new double[] {0.5, 0.2}, 0.05, 0.5);
        org.junit.jupiter.api.Assertions.assertEquals(0.1, usual.relativeError(), 1e-15);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new NormalGammaGridUpdate.FactorOnGrid(new double[] {0.0}, new double[] {1.0}, new double[] {-0.85}, 0.0, 0.5));
        org.junit.jupiter.api.Assertions.assertEquals("FactorOnGrid closedForm[0] must be >= 0 (a density), got -0.85", e.getMessage());
    }
}
