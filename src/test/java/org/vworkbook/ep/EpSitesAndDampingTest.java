package org.vworkbook.ep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;

/**
 * The clutter problem with a prior mean and given data, EP's sites, and damping: against the conjugate
 * answer, brute-force integration, Bishop's closed forms and an EP written independently in the test.
 */
class EpSitesAndDampingTest {
    private static final double W = 0.5;
    private static final double A = 10;
    private static final double B = 100;

    /** log N(x | m, v). */
    private static double logNormal(double x, double m, double v) {
        return -0.5 * (Math.log(2 * Math.PI * v) + (x - m) * (x - m) / v);
    }

    /** {Z, mean, variance} of f(t) = exp(logf(t)) by a midpoint sum over [lo, hi] with many cells (independent of the library). */
    private static double[] bruteMoments(java.util.function.DoubleUnaryOperator logf, double lo, double hi, int cells) {
        double h = (hi - lo) / cells;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < cells; i++) {
            max = Math.max(max, logf.applyAsDouble(lo + (i + 0.5) * h));
        }
        double m0 = 0;
        double m1 = 0;
        double m2 = 0;
        for (int i = 0; i < cells; i++) {
            double t = lo + (i + 0.5) * h;
            double f = Math.exp(logf.applyAsDouble(t) - max) * h;
            m0 += f;
            m1 += f * t;
            m2 += f * t * t;
        }
        double mean = m1 / m0;
        return new double[] {Math.exp(max) * m0, mean, m2 / m0 - mean * mean};
    }

    @Test
    void aPriorMeanGivesTheConjugateAnswerWithoutClutterForExactEpAndVb() {
        double[] x = {1.2, 0.4, 2.5, 1.9};
        double m0 = 3.0;
        double b = 2.0;
        ClutterProblem p = ClutterProblem.of(0.0, A, m0, b, x);
        double precision = 1 / b + x.length;
        double mean = (m0 / b + 1.2 + 0.4 + 2.5 + 1.9) / precision;
        ClutterProblem.Posterior exact = p.exact();
        assertEquals(mean, exact.mean(), 1e-10);
        assertEquals(1 / precision, exact.variance(), 1e-10);
        ExpectationPropagation.Result ep = ExpectationPropagation.run(p, ExpectationPropagation.Options.defaults());
        assertEquals(mean, ep.posterior().mean(), 1e-12);
        assertEquals(1 / precision, ep.posterior().variance(), 1e-12);
        assertEquals(exact.logEvidence(), ep.logEvidence().getAsDouble(), 1e-9);
        // each site is the Gaussian likelihood itself: tau_n = 1, nu_n = x_n; undamped, the second pass changes nothing
        assertArrayEquals(new double[] {1, 1, 1, 1}, ep.sitePrecisions(), 1e-12);
        assertArrayEquals(x, ep.siteShifts(), 1e-12);
        assertEquals(2, ep.sweeps());
        CaviResult<ClutterMeanField.State> vb = ClutterMeanField.of(p).run(new CaviOptions(1e-12, 100));
        assertEquals(mean, vb.state().mean(), 1e-12);
        assertEquals(1 / precision, vb.state().variance(), 1e-12);
        assertEquals(exact.logEvidence(), vb.elbo(), 1e-9);
    }

    @Test
    void theExactPosteriorWithAPriorMeanAgreesWithBruteForceIntegration() {
        double[] x = ClutterProblem.generate(-1.0, 12, W, A, 5);
        for (double m0 : new double[] {-4.0, 0.0, 6.0}) {
            ClutterProblem p = ClutterProblem.of(W, A, m0, 4.0, x);
            double[] brute = bruteMoments(p::logJoint, -60, 60, 40_000); // the midpoint rule converges geometrically on this smooth, decaying integrand
            ClutterProblem.Posterior exact = p.exact();
            assertEquals(brute[1], exact.mean(), 1e-7);
            assertEquals(brute[2], exact.variance(), 1e-7);
            assertEquals(Math.log(brute[0]), exact.logEvidence(), 1e-7);
        }
        assertThrows(IllegalArgumentException.class, () -> ClutterProblem.of(W, A, Double.NaN, B, x));
    }

    @Test
    void givenDataAreUsedAsTheyAreAndMustCoverTheLargestSize() {
        double[] given = {0.5, -1.0, 2.0};
        double[] used = ClutterProblem.givenOrGenerated(given, 2.0, 3, W, A, 1);
        assertArrayEquals(given, used);
        assertNotSame(given, used);
        assertArrayEquals(ClutterProblem.generate(2.0, 7, W, A, 4), ClutterProblem.givenOrGenerated(new double[0], 2.0, 7, W, A, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClutterProblem.givenOrGenerated(given, 2.0, 4, W, A, 1));
        assertTrue(e.getMessage().contains("<= 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClutterProblem.givenOrGenerated(new double[] {Double.NaN}, 2.0, 1, W, A, 1));
    }

    @Test
    void tiltedMomentsByQuadratureMatchBishopsClosedForms() {
        ClutterProblem p = ClutterProblem.of(W, A, 0.0, B, new double[] {4.0, -2.5, 0.3});
        double[][] cavities = {{0.0, 1.0}, {1.5, 0.2}, {-3.0, 20.0}, {0.0, 150.0}};
        for (int n = 0; n < 3; n++) {
            for (double[] c : cavities) {
                double x = p.observation(n);
                double m = c[0];
                double v = c[1];
                double s = v + 1;
                double in = (1 - W) * Math.exp(logNormal(x, m, s));
                double z = in + W * Math.exp(logNormal(x, 0, A)); // 10.216
                double rho = in / z; // 10.219
                double mean = m + rho * v * (x - m) / s; // 10.217
                double var = v - rho * v * v / s + rho * (1 - rho) * v * v * (x - m) * (x - m) / (s * s); // 10.218
                double[] q = p.tiltedMomentsByQuadrature(n, m, v);
                assertEquals(z, q[0], 1e-12 * z + 1e-15);
                assertEquals(mean, q[1], 1e-9 * (1 + Math.abs(mean)));
                assertEquals(var, q[2], 1e-9 * var);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> p.tiltedMomentsByQuadrature(3, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> p.tiltedMomentsByQuadrature(0, 0, 0));
    }

    /** EP written again: sites as (mean, variance) of q, tilted moments by brute-force integration, no closed forms. */
    private static double[] independentEp(ClutterProblem p, int sweeps) {
        int n = p.size();
        double[] tau = new double[n];
        double[] nu = new double[n];
        double tauQ = 1 / p.priorVariance();
        double nuQ = p.priorMean() / p.priorVariance();
        for (int sweep = 0; sweep < sweeps; sweep++) {
            for (int i = 0; i < n; i++) {
                double tauC = tauQ - tau[i];
                double nuC = nuQ - nu[i];
                if (!(tauC > 0)) {
                    continue;
                }
                double mC = nuC / tauC;
                double vC = 1 / tauC;
                double x = p.observation(i);
                double sd = Math.sqrt(vC);
                double[] t = bruteMoments(u -> logNormal(u, mC, vC) + p.logLikelihood(x, u),
                        Math.min(mC, x) - 12 * sd - 12, Math.max(mC, x) + 12 * sd + 12, 8_000);
                tau[i] = 1 / t[2] - tauC;
                nu[i] = t[1] / t[2] - nuC;
                tauQ = tauC + tau[i];
                nuQ = nuC + nu[i];
            }
        }
        return new double[] {nuQ / tauQ, 1 / tauQ};
    }

    @Test
    void epReachesTheFixedPointOfAnIndependentImplementationInBishopsSetting() {
        // Minka 2001 / Bishop Fig. 10.17: w = 0.5, a = 10, b = 100, data from theta = 2
        ClutterProblem p = ClutterProblem.of(W, A, 0.0, B, ClutterProblem.generate(2.0, 12, W, A, 2));
        ExpectationPropagation.Result ep = ExpectationPropagation.run(p, ExpectationPropagation.Options.defaults());
        assertTrue(ep.converged());
        double[] other = independentEp(p, ep.sweeps() + 5);
        assertEquals(other[0], ep.posterior().mean(), 1e-6);
        assertEquals(other[1], ep.posterior().variance(), 1e-6 * ep.posterior().variance());
        // and EP's moments are close to, not equal to, the exact ones
        ClutterProblem.Posterior exact = p.exact();
        assertEquals(exact.mean(), ep.posterior().mean(), 0.5 * Math.sqrt(exact.variance()));
    }

    @Test
    void sitesMultiplyToQAndTheirTraceStartsFlat() {
        ClutterProblem p = ClutterProblem.of(W, A, 1.0, B, ClutterProblem.generate(2.0, 10, W, A, 1));
        ExpectationPropagation.Result ep = ExpectationPropagation.run(p, ExpectationPropagation.Options.defaults());
        double[][] trace = ep.sitePrecisionTrace();
        assertEquals(ep.sweeps() + 1, trace.length);
        assertEquals(ep.sweeps() + 1, ep.siteShiftTrace().length);
        assertArrayEquals(new double[10], trace[0]);
        assertArrayEquals(trace[trace.length - 1], ep.sitePrecisions());
        double tauQ = 1 / B + java.util.Arrays.stream(ep.sitePrecisions()).sum();
        double nuQ = 1.0 / B + java.util.Arrays.stream(ep.siteShifts()).sum();
        assertEquals(1 / ep.posterior().variance(), tauQ, 1e-12);
        assertEquals(ep.posterior().mean() / ep.posterior().variance(), nuQ, 1e-12);
        assertTrue(ep.lastSitePrecisionChange() < 1e-6);
        // the copies are copies
        trace[0][0] = 42;
        assertEquals(0, ep.sitePrecisionTrace()[0][0]);
    }

    @Test
    void atTheFixedPointASiteIsNegativeExactlyWhenItsObservationIsFarAndMaybeClutter() {
        ClutterProblem p = ClutterProblem.of(W, A, 0.0, B, ClutterProblem.generate(2.0, 10, W, A, 1));
        ExpectationPropagation.Result ep = ExpectationPropagation.run(p, ExpectationPropagation.Options.defaults());
        assertTrue(ep.converged());
        double[] tau = ep.sitePrecisions();
        double[] nu = ep.siteShifts();
        double tauQ = 1 / ep.posterior().variance();
        double nuQ = ep.posterior().mean() * tauQ;
        int negative = 0;
        for (int n = 0; n < tau.length; n++) {
            double vC = 1 / (tauQ - tau[n]);
            double mC = (nuQ - nu[n]) * vC;
            double x = p.observation(n);
            double in = (1 - W) * Math.exp(logNormal(x, mC, vC + 1));
            double rho = in / (in + W * Math.exp(logNormal(x, 0, A)));
            assertEquals(tau[n] < 0, (1 - rho) * (x - mC) * (x - mC) > vC + 1, "site " + n);
            negative += tau[n] < 0 ? 1 : 0;
        }
        assertEquals(negative, ep.negativeSites());
        assertTrue(negative > 0, "this data set has sites of negative precision");
    }

    @Test
    void dampingLetsACyclingRunSettleAndKeepsTheFixedPointOfAConvergingOne() {
        DampingComparison cycling = DampingComparison.of(ClutterProblem.of(W, A, 0.0, B, new double[] {-7.5, 3.5, 2.0}), 0.5, 500);
        assertFalse(cycling.undamped().converged());
        assertEquals(0, cycling.undamped().skippedUpdates());
        assertTrue(cycling.undampedSwing() > 0.1);
        assertTrue(cycling.damped().converged());
        assertTrue(cycling.dampedSwing() < cycling.undampedSwing());
        // the damped answer is a fixed point of the undamped update: every tilted distribution has q's moments
        ExpectationPropagation.Result d = cycling.damped();
        double tauQ = 1 / d.posterior().variance();
        double nuQ = d.posterior().mean() * tauQ;
        for (int n = 0; n < 3; n++) {
            double tauC = tauQ - d.sitePrecisions()[n];
            double[] t = cycling.problem().tiltedMomentsByQuadrature(n, (nuQ - d.siteShifts()[n]) / tauC, 1 / tauC);
            assertEquals(d.posterior().mean(), t[1], 1e-7);
            assertEquals(d.posterior().variance(), t[2], 1e-7 * t[2]);
        }
        DampingComparison calm = DampingComparison.of(ClutterProblem.of(W, A, 0.0, B, ClutterProblem.generate(2.0, 30, W, A, 1)), 0.3, 500);
        assertTrue(calm.undamped().converged() && calm.damped().converged());
        assertTrue(calm.damped().sweeps() > calm.undamped().sweeps());
        assertTrue(calm.meanDifference() < 1e-7, "mean difference " + calm.meanDifference());
        assertTrue(calm.varianceDifference() < 1e-7, "variance difference " + calm.varianceDifference());
        assertEquals(0.3, DampingComparison.dampedEtaFor(0.3));
        assertEquals(0.5, DampingComparison.dampedEtaFor(1.0));
        assertEquals(8, calm.asMap().size());
        assertThrows(IllegalArgumentException.class, () -> DampingComparison.of(calm.problem(), 1.0, 10));
        assertThrows(IllegalArgumentException.class, () -> DampingComparison.of(calm.problem(), 0.5, 0));
    }
}
