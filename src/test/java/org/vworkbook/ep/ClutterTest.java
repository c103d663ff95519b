package org.vworkbook.ep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;

/** EP and mean-field VB for the clutter problem against the exact posterior by quadrature. */
class ClutterTest {
    private static final double W = 0.5;
    private static final double A = 10;
    private static final double B = 100;

    @Test
    void exactQuadratureReproducesTheConjugateAnswerWithoutClutter() {
        // w = 0: theta | D ~ N(sum x / (N + 1/b), 1 / (N + 1/b)), and p(D) is a Gaussian integral.
        double[] x = {1.2, 0.4, 2.5, 1.9};
        ClutterProblem p = ClutterProblem.of(0.0, A, B, x);
        ClutterProblem.Posterior exact = p.exact();
        double prec = x.length + 1 / B;
        double sum = 0;
        double sumSq = 0;
        for (double xi : x) {
            sum += xi;
            sumSq += xi * xi;
        }
        assertEquals(sum / prec, exact.mean(), 1e-10);
        assertEquals(1 / prec, exact.variance(), 1e-10);
        // log p(D) = -N/2 log 2 pi - 1/2 log(b prec) - 1/2 (sum x^2 - (sum x)^2 / prec).
        double logZ = -0.5 * x.length * Math.log(2 * Math.PI) - 0.5 * Math.log(B * prec) - 0.5 * (sumSq - sum * sum / prec);
        assertEquals(logZ, exact.logEvidence(), 1e-9);
        // ... and EP, whose sites are then exact Gaussians, gives the same.
        ExpectationPropagation.Result ep = ExpectationPropagation.run(p, ExpectationPropagation.Options.defaults());
        assertTrue(ep.converged());
        assertEquals(exact.mean(), ep.posterior().mean(), 1e-10);
        assertEquals(exact.variance(), ep.posterior().variance(), 1e-10);
        assertEquals(logZ, ep.logEvidence().getAsDouble(), 1e-9);
    }

    @Test
    void epIsExactForOneObservation() {
        // One site, one moment match of the exact tilted distribution: mean, variance and evidence are exact.
        ClutterProblem p = ClutterProblem.of(W, A, B, new double[] {2.7});
        ClutterProblem.Posterior exact = p.exact();
        ExpectationPropagation.Result ep = ExpectationPropagation.run(p, ExpectationPropagation.Options.defaults());
        assertEquals(exact.mean(), ep.posterior().mean(), 1e-9);
        assertEquals(exact.variance(), ep.posterior().variance(), 1e-8);
        assertEquals(exact.logEvidence(), ep.logEvidence().getAsDouble(), 1e-9);
    }

    @Test
    void epOnASmallClutterDataSetIsCloseToQuadratureAndBeatsMeanField() {
        double[] data = ClutterProblem.generate(2.0, 20, W, A, 7);
        ClutterProblem p = ClutterProblem.of(W, A, B, data);
        ClutterProblem.Posterior exact = p.exact();
        ExpectationPropagation.Result ep = ExpectationPropagation.run(p, ExpectationPropagation.Options.defaults());
        assertTrue(ep.converged());
        assertEquals(0, ep.skippedUpdates());
        assertEquals(exact.mean(), ep.posterior().mean(), 0.1 * Math.sqrt(exact.variance()));
        assertEquals(1.0, ep.posterior().variance() / exact.variance(), 0.2);
        assertEquals(exact.logEvidence(), ep.logEvidence().getAsDouble(), 0.05);
        CaviResult<ClutterMeanField.State> vb = ClutterMeanField.of(p).run(new CaviOptions(1e-12, 2000));
        assertTrue(vb.converged());
        // The ELBO is a lower bound on the exact log evidence; mean field underestimates the variance.
        assertTrue(vb.elbo() < exact.logEvidence());
        assertTrue(vb.state().variance() < exact.variance());
        assertTrue(Math.abs(ep.posterior().variance() - exact.variance()) < Math.abs(vb.state().variance() - exact.variance()));
        assertTrue(Math.abs(ep.logEvidence().getAsDouble() - exact.logEvidence()) < exact.logEvidence() - vb.elbo());
    }

    @Test
    void epErrorShrinksAsTheDataGrow() {
        double[] data = ClutterProblem.generate(2.0, 200, W, A, 1);
        ClutterProblem.Posterior exact = ClutterProblem.of(W, A, B, data).exact();
        ExpectationPropagation.Result ep = ExpectationPropagation.run(ClutterProblem.of(W, A, B, data),
                ExpectationPropagation.Options.defaults());
        assertEquals(exact.mean(), ep.posterior().mean(), 1e-3 * Math.sqrt(exact.variance()));
        assertEquals(1.0, ep.posterior().variance() / exact.variance(), 0.01);
        assertEquals(exact.logEvidence(), ep.logEvidence().getAsDouble(), 1e-3);
    }

    @Test
    void dampingReachesTheSameFixedPoint() {
        ClutterProblem p = ClutterProblem.of(W, A, B, ClutterProblem.generate(2.0, 30, W, A, 3));
        ExpectationPropagation.Result plain = ExpectationPropagation.run(p, ExpectationPropagation.Options.defaults());
        ExpectationPropagation.Result damped = ExpectationPropagation.run(p, new ExpectationPropagation.Options(0.5, 1e-10, 500));
        assertTrue(plain.converged() && damped.converged());
        assertTrue(damped.sweeps() > plain.sweeps());
        assertEquals(plain.posterior().mean(), damped.posterior().mean(), 1e-8);
        assertEquals(plain.posterior().variance(), damped.posterior().variance(), 1e-8);
        assertEquals(plain.logEvidence().getAsDouble(), damped.logEvidence().getAsDouble(), 1e-8);
    }

    @Test
    void nonConvergenceIsReportedNotHidden() {
        // Five points with a clutter point far out: the undamped EP iteration cycles (a known EP failure).
        double[] data = ClutterProblem.generate(2.0, 200, W, A, 1);
        ClutterProblem p = ClutterProblem.of(W, A, B, data).firstObservations(5);
        ExpectationPropagation.Result ep = ExpectationPropagation.run(p, new ExpectationPropagation.Options(1.0, 1e-10, 100));
        assertFalse(ep.converged());
        assertEquals(100, ep.sweeps());
    }

    @Test
    void meanFieldElboNeverDecreasesAndIsExactWithoutClutter() {
        double[] x = {1.2, 0.4, 2.5, 1.9};
        // A vanishing clutter weight: q(z_n = 1) -> 1 and q(theta) the conjugate posterior.
        ClutterProblem p = ClutterProblem.of(1e-300, A, B, x);
        CaviResult<ClutterMeanField.State> vb = ClutterMeanField.of(p).run(new CaviOptions(1e-14, 1000));
        ClutterProblem.Posterior exact = p.exact();
        assertEquals(exact.mean(), vb.state().mean(), 1e-10);
        assertEquals(exact.variance(), vb.state().variance(), 1e-10);
        assertEquals(exact.logEvidence(), vb.elbo(), 1e-8);
        double[] t = vb.elboTrace();
        for (int i = 1; i < t.length; i++) {
            assertTrue(t[i] >= t[i - 1] - 1e-10 * Math.abs(t[i - 1]));
        }
    }

    @Test
    void withoutClutterEpAndMeanFieldAreTheConjugatePosterior() {
        // w = 0: p(x | theta) = N(x | theta, 1), so theta | D ~ N(sum x / (N + 1/b), 1 / (N + 1/b)) and
        // p(D) = N(x | 0, I + b 1 1^T) (checked against the closed form, not against quadrature only).
        double[] x = {1.3, -0.4, 2.2, 0.9, 5.0};
        ClutterProblem p = ClutterProblem.of(0.0, A, B, x);
        double precision = x.length + 1 / B;
        double sum = java.util.Arrays.stream(x).sum();
        double mean = sum / precision;
        double var = 1 / precision;
        double sumSq = java.util.Arrays.stream(x).map(v -> v * v).sum();
        // log N(x | 0, I + b 1 1^T) = -N/2 log 2 pi - 1/2 log(1 + N b) - 1/2 (|x|^2 - b (sum x)^2 / (1 + N b))
        double logEvidence = -0.5 * x.length * Math.log(2 * Math.PI) - 0.5 * Math.log(1 + x.length * B)
                - 0.5 * (sumSq - B * sum * sum / (1 + x.length * B));
        ClutterProblem.Posterior exact = p.exact();
        assertEquals(mean, exact.mean(), 1e-10);
        assertEquals(var, exact.variance(), 1e-10);
        assertEquals(logEvidence, exact.logEvidence(), 1e-9);
        ExpectationPropagation.Result ep = ExpectationPropagation.run(p, new ExpectationPropagation.Options(1.0, 1e-12, 50));
        assertTrue(ep.converged());
        assertEquals(mean, ep.posterior().mean(), 1e-12);
        assertEquals(var, ep.posterior().variance(), 1e-12);
        assertEquals(logEvidence, ep.logEvidence().getAsDouble(), 1e-10);
        CaviResult<ClutterMeanField.State> vb = ClutterMeanField.of(p).run(new CaviOptions(1e-14, 100));
        assertEquals(mean, vb.state().mean(), 1e-12);
        assertEquals(var, vb.state().variance(), 1e-12);
        for (double r : vb.state().responsibilities()) {
            assertEquals(1.0, r, 0.0);
        }
        // q is exact and every q(z_n) is a point mass, so the ELBO is log p(D)
        assertEquals(logEvidence, vb.elbo(), 1e-10);
        assertTrue(Double.isFinite(vb.elboTrace()[0]));
    }

    @Test
    void badParametersAreRefusedWithMessages() {
        double[] x = {1.0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClutterProblem.of(1.5, A, B, x));
        assertEquals("ClutterProblem clutterWeight must be in [0.0, 1.0], got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClutterProblem.of(1.0, A, B, x));
        assertTrue(e.getMessage().startsWith("ClutterProblem clutterWeight must be < 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClutterProblem.of(W, -1, B, x));
        assertEquals("ClutterProblem clutterVariance must be finite and > 0, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClutterProblem.of(W, A, 0, x));
        assertEquals("ClutterProblem priorVariance must be finite and > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClutterProblem.of(W, A, B, new double[0]));
        assertEquals("ClutterProblem data must not be empty", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ExpectationPropagation.Options(0, 1e-10, 10));
        assertEquals("ExpectationPropagation damping must be in (0, 1], got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ExpectationPropagation.Options(1, 1e-10, 0));
        assertEquals("ExpectationPropagation maxSweeps must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClutterProblem.of(W, A, B, x).firstObservations(2));
        assertEquals("ClutterProblem n must be <= 1 observations, got 2", e.getMessage());
    }
}
