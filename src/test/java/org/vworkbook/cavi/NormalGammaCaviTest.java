package org.vworkbook.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.Gamma;
import org.vworkbook.distributions.Normal;
import org.vworkbook.distributions.NormalGamma;
import org.vworkbook.exact.NormalNormalGammaModel;
import org.vworkbook.numerics.Quadrature;

class NormalGammaCaviTest {
    static final NormalNormalGammaModel MODEL = NormalNormalGammaModel.of(
            NormalNormalGammaModel.generateData(100, 1.0, 2.0, 1), 0.0, 1.0, 1.0, 1.0);
    static final NormalNormalGammaModel SMALL = NormalNormalGammaModel.of(new double[] {1.2, 0.7, 2.3}, 0.0, 1.0, 1.0,
            1.0);

    /** E_q[g(mu, tau)] by nested Gauss-Legendre quadrature (log tau outside, mu inside). */
    static double expectationUnderQ(NormalGammaMeanFieldState q, DoubleBinaryOperator g) {
        Normal qMu = q.qMu();
        Gamma qTau = q.qTau();
        double[] window = NormalGammaGridUpdate.logTauWindow(qTau, 45);
        double m = qMu.mean();
        double sd = qMu.standardDeviation();
        return Quadrature.integrate(s -> {
            double tau = Math.exp(s);
            return tau * qTau.density(tau) * Quadrature.integrate(mu -> qMu.density(mu) * g.applyAsDouble(mu, tau),
                    m - 12 * sd, m + 12 * sd, 24);
        }, window[0], window[1], 40);
    }

    static double elboByQuadrature(NormalNormalGammaModel model, NormalGammaMeanFieldState q) {
        Normal qMu = q.qMu();
        Gamma qTau = q.qTau();
        return expectationUnderQ(q, (mu, tau) -> model.logJoint(mu, tau) - qMu.logDensity(mu) - qTau.logDensity(tau));
    }

    static double klToPosteriorByQuadrature(NormalNormalGammaModel model, NormalGammaMeanFieldState q) {
        NormalGamma post = model.posterior();
        Normal qMu = q.qMu();
        Gamma qTau = q.qTau();
        return expectationUnderQ(q, (mu, tau) -> qMu.logDensity(mu) + qTau.logDensity(tau) - post.logDensity(mu, tau));
    }

    static NormalGammaMeanFieldState randomState(Random r, NormalGammaMeanFieldState around) {
        return new NormalGammaMeanFieldState(around.muMean() + 0.2 * r.nextGaussian(),
                around.muPrecision() * Math.exp(0.5 * r.nextGaussian()), around.tauShape() * Math.exp(0.5 * r.nextGaussian()),
                around.tauRate() * Math.exp(0.5 * r.nextGaussian()));
    }

    @Test
    void caviConvergesWithAMonotoneElboToAFixedPoint() {
        CaviResult<NormalGammaMeanFieldState> r = NormalGammaCavi.of(MODEL).run();
        assertTrue(r.converged());
        assertTrue(r.iterations() < 50, "iterations " + r.iterations());
        double[] trace = r.elboTrace();
        for (int i = 1; i < trace.length; i++) {
            assertTrue(trace[i] >= trace[i - 1] - 1e-10 * Math.abs(trace[i - 1]), "ELBO drop at " + i);
        }
        NormalGammaMeanFieldState q = r.state();
        NormalGammaMeanFieldState again = NormalGammaCavi.of(MODEL).sweep(q);
        assertEquals(q.muMean(), again.muMean(), 1e-12);
        assertEquals(q.muPrecision(), again.muPrecision(), 1e-9 * q.muPrecision());
        assertEquals(q.tauRate(), again.tauRate(), 1e-12 * q.tauRate());
        // q(mu)'s mean is the exact posterior mean, q(tau)'s shape a0 + (N + 1)/2.
        assertEquals(MODEL.posterior().location(), q.muMean(), 1e-12);
        assertEquals(1.0 + 101 / 2.0, q.tauShape(), 1e-12);
    }

    @Test
    void closedFormElboMatchesQuadrature() {
        Random r = new Random(3);
        for (NormalNormalGammaModel model : new NormalNormalGammaModel[] {MODEL, SMALL}) {
            NormalGammaCavi cavi = NormalGammaCavi.of(model);
            NormalGammaMeanFieldState opt = cavi.run().state();
            for (int k = 0; k < 4; k++) {
                NormalGammaMeanFieldState q = k == 0 ? opt : randomState(r, opt);
                double quad = elboByQuadrature(model, q);
                assertEquals(quad, cavi.elbo(q), 1e-9 * Math.abs(quad), "ELBO at " + q);
            }
        }
    }

    @Test
    void logEvidenceMinusElboIsTheKlToTheExactPosterior() {
        Random r = new Random(5);
        for (NormalNormalGammaModel model : new NormalNormalGammaModel[] {MODEL, SMALL}) {
            NormalGammaCavi cavi = NormalGammaCavi.of(model);
            NormalGammaMeanFieldState opt = cavi.run().state();
            for (int k = 0; k < 4; k++) {
                NormalGammaMeanFieldState q = k == 0 ? opt : randomState(r, opt);
                double kl = klToPosteriorByQuadrature(model, q);
                assertEquals(kl, cavi.klToPosteriorByQuadrature(q), 1e-12 * (1 + kl));
                assertTrue(kl > 0, "KL > 0 since the posterior does not factorise, got " + kl);
                assertEquals(kl, model.logEvidence() - cavi.elbo(q), 1e-9 * (1 + Math.abs(model.logEvidence())),
                        "log p(x) - ELBO = KL at " + q);
            }
        }
    }

    @Test
    void caviOptimumIsTheBestStateNearby() {
        NormalGammaCavi cavi = NormalGammaCavi.of(MODEL);
        NormalGammaMeanFieldState opt = cavi.run().state();
        double best = cavi.elbo(opt);
        Random r = new Random(11);
        for (int k = 0; k < 200; k++) {
            NormalGammaMeanFieldState q = new NormalGammaMeanFieldState(opt.muMean() + 0.01 * r.nextGaussian(),
                    opt.muPrecision() * Math.exp(0.05 * r.nextGaussian()), opt.tauShape() * Math.exp(0.05 * r.nextGaussian()),
                    opt.tauRate() * Math.exp(0.05 * r.nextGaussian()));
            assertTrue(cavi.elbo(q) <= best + 1e-12, "ELBO above the CAVI optimum at " + q);
        }
    }

    @Test
    void gridUpdatesFromExpectedLogJointMatchTheClosedForms() {
        NormalGammaGridUpdate grid = NormalGammaGridUpdate.of(MODEL, 1001);
        NormalGammaCavi cavi = NormalGammaCavi.of(MODEL);
        NormalGammaMeanFieldState start = cavi.priorStart();
        NormalGammaGridUpdate.FactorOnGrid mu = grid.muUpdate(start);
        NormalGammaGridUpdate.FactorOnGrid tau = grid.tauUpdate(cavi.updateMu(start));
        double peakMu = cavi.updateMu(start).qMu().density(cavi.updateMu(start).muMean());
        assertTrue(mu.maxAbsError() < 1e-8 * peakMu, "q(mu) grid error " + mu.maxAbsError());
        assertTrue(tau.maxAbsError() < 1e-7, "q(tau) grid error " + tau.maxAbsError());
        // At the fixed point the numerical update gives the fixed point back.
        NormalGammaMeanFieldState opt = cavi.run().state();
        assertTrue(grid.muUpdate(opt).maxAbsError() < 1e-7);
        assertTrue(grid.tauUpdate(opt).maxAbsError() < 1e-7);
    }

    @Test
    void gridCheckWouldCatchAWrongUpdate() {
        // The grid density of q*(tau) differs clearly from the exact posterior's a0 + N/2 shape.
        NormalGammaGridUpdate grid = NormalGammaGridUpdate.of(MODEL, 1001);
        NormalGammaMeanFieldState opt = NormalGammaCavi.of(MODEL).run().state();
        NormalGammaGridUpdate.FactorOnGrid tau = grid.tauUpdate(opt);
        Gamma wrong = Gamma.ofShapeRate(opt.tauShape() - 0.5, opt.tauRate());
        double worst = 0;
        double[] x = tau.grid();
        double[] y = tau.numerical();
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(y[i] - wrong.density(x[i])));
        }
        assertTrue(worst > 1e-3, "a half-unit shape error must show, got " + worst);
    }

    @Test
    void badInputsAreRefused() {
        assertMessage("NormalGammaMeanFieldState muPrecision must be finite and > 0, got -1.0",
                () -> new NormalGammaMeanFieldState(0, -1, 1, 1));
        assertMessage("NormalGammaMeanFieldState tauShape must be finite and > 0, got 0.0",
                () -> new NormalGammaMeanFieldState(0, 1, 0, 1));
        assertMessage("NormalGammaMeanFieldState muMean must be finite, got NaN",
                () -> new NormalGammaMeanFieldState(Double.NaN, 1, 1, 1));
        assertMessage("NormalGammaCavi model must not be null", () -> NormalGammaCavi.of(null));
        assertMessage("NormalGammaGridUpdate gridPoints must be odd (Simpson's rule), got 2000",
                () -> NormalGammaGridUpdate.of(MODEL, 2000));
        assertMessage("NormalGammaGridUpdate gridPoints must be >= 101, got 11", () -> NormalGammaGridUpdate.of(MODEL, 11));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
