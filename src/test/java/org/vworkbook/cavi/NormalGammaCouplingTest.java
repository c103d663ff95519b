package org.vworkbook.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.exact.NormalNormalGammaModel;

class NormalGammaCouplingTest {
    private static final double[] FIVE = NormalNormalGammaModel.generateData(5, 1.0, 2.0, 1);
    private static final NormalGammaMeanFieldState POOR = new NormalGammaMeanFieldState(-1.0, 4.0, 4.0, 8.0);

    @Test
    void closedFormKlOfAnyProductMatchesNestedQuadrature() {
        NormalNormalGammaModel model = NormalNormalGammaModel.of(FIVE, 0.3, 2.0, 1.5, 0.7);
        NormalGammaCavi cavi = NormalGammaCavi.of(model);
        for (NormalGammaMeanFieldState q : new NormalGammaMeanFieldState[] {POOR, new NormalGammaMeanFieldState(0.9, 10, 3, 2),
                new NormalGammaMeanFieldState(2.0, 0.5, 0.8, 0.3)}) {
            double closed = model.klFromPosterior(q.muMean(), q.muPrecision(), q.tauShape(), q.tauRate());
            assertEquals(cavi.klToPosteriorByQuadrature(q), closed, 1e-9 * (1 + closed), q.toString());
            // and log p(x) = ELBO + KL
            assertEquals(model.logEvidence() - cavi.elbo(q), closed, 1e-10 * (1 + Math.abs(model.logEvidence())));
        }
    }

    @Test
    void klAtTheOptimumDependsOnTheShapeAloneAndIsWhatCaviReaches() {
        double expected = NormalNormalGammaModel.meanFieldKlAtOptimum(1.0 + 2.5);
        for (double[] prior : new double[][] {{0, 1, 1, 1}, {-3, 0.01, 1, 40}, {2, 100, 1, 0.05}}) {
            NormalNormalGammaModel model = NormalNormalGammaModel.of(FIVE, prior[0], prior[1], prior[2], prior[3]);
            NormalGammaCavi cavi = NormalGammaCavi.of(model);
            CaviResult<NormalGammaMeanFieldState> run = cavi.run(POOR, CaviOptions.defaults());
            NormalGammaMeanFieldState q = run.state();
            assertEquals(expected, model.convergedMeanFieldKl(), 0.0);
            assertEquals(expected, cavi.klToPosteriorByQuadrature(q), 1e-9);
            assertEquals(expected, model.logEvidence() - run.elbo(), 1e-10 * (1 + Math.abs(model.logEvidence())));
            // the fixed point: a = a_N + 1/2, E_q[tau] = a_N / b_N
            double aN = model.posterior().shape();
            assertEquals(aN + 0.5, q.tauShape(), 1e-12);
            assertEquals(aN / model.posterior().rate(), q.tauShape() / q.tauRate(), 1e-10 * q.tauShape() / q.tauRate());
        }
    }

    @Test
    void klAtTheOptimumFallsLikeOneOverFourShape() {
        // 1/(4a) + 1/(8 a^2)... : the leading term within a few per cent at a = 50, and positive everywhere
        double a = 50;
        double kl = NormalNormalGammaModel.meanFieldKlAtOptimum(a);
        assertEquals(1 / (4 * a), kl, 0.02 / (4 * a));
        assertTrue(NormalNormalGammaModel.meanFieldKlAtOptimum(1e6) > 0);
        assertTrue(NormalNormalGammaModel.meanFieldKlAtOptimum(0.5) > NormalNormalGammaModel.meanFieldKlAtOptimum(3.5));
        assertThrows(IllegalArgumentException.class, () -> NormalNormalGammaModel.meanFieldKlAtOptimum(0));
    }

    @Test
    void couplingRunAgreesThreeWaysAndItsExcessFallsToZero() {
        NormalNormalGammaModel model = NormalNormalGammaModel.of(FIVE, 0, 1, 1, 1);
        NormalGammaCoupling c = NormalGammaCoupling.of(model, POOR, CaviOptions.defaults(), 401);
        assertEquals(4, c.panels().size());
        assertEquals(c.klConverged(), c.klFinal(), 1e-10);
        assertEquals(c.klConverged(), c.finalGap(), 1e-10);
        assertEquals(c.klConverged(), c.klGrid(), 1e-9);
        double[] excess = c.excessTrace();
        assertEquals(0.0, excess[excess.length - 1], 0.0);
        for (double e : excess) {
            assertTrue(e >= 0, "the optimum's ELBO bounds every iterate's");
        }
        assertTrue(excess[0] > excess[1]);
        assertTrue(c.conditionalSdRatio() > 1);
        // the excess shrinks by about 1 / (2a)^2 per sweep once near the optimum
        double ratio = c.lastExcessRatio();
        assertTrue(Double.isNaN(ratio) || Math.abs(ratio / c.predictedExcessRatio() - 1) < 0.5, "ratio " + ratio);
        // the panels: the start, then q(mu) at mu_N, then q(tau) with shape a0 + (N + 1)/2
        assertEquals(POOR, c.panels().get(0).q());
        assertEquals(model.posterior().location(), c.panels().get(1).q().muMean(), 1e-12);
        assertEquals(1 + 3.0, c.panels().get(2).q().tauShape(), 1e-12);
        assertTrue(c.exact().mass() > 0.95 && c.exact().mass() < 1.01, "mass " + c.exact().mass());
        assertTrue(c.panels().get(0).density().mass() > 0.99);
    }

    @Test
    void aStartAtTheOptimumStopsAtOnceAndHasNoExcess() {
        NormalNormalGammaModel model = NormalNormalGammaModel.of(FIVE, 0, 1, 1, 1);
        NormalGammaMeanFieldState q = NormalGammaCavi.of(model).run(POOR, CaviOptions.defaults()).state();
        NormalGammaCoupling c = NormalGammaCoupling.of(model, q, CaviOptions.defaults(), 101);
        assertTrue(Double.isNaN(c.lastExcessRatio()));
        for (double e : c.excessTrace()) {
            assertEquals(0.0, e, 0.0);
        }
    }

    @Test
    void tinyShapesAndOneObservationStillTabulate() {
        NormalNormalGammaModel model = NormalNormalGammaModel.of(new double[] {2.5}, 0, 1, 0.01, 1);
        NormalGammaCoupling c = NormalGammaCoupling.of(model, new NormalGammaMeanFieldState(5, 0.01, 0.02, 40), CaviOptions.defaults(), 101);
        assertTrue(Double.isFinite(c.klGrid()));
        assertEquals(c.klConverged(), c.klGrid(), 1e-6);
        assertTrue(c.exact().max() > 0);
    }
}
