package org.vworkbook.bbvi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.NormalGammaCavi;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.numerics.Adam;
import org.vworkbook.numerics.RobbinsMonro;

class BbviTest {
    /** The notebook's defaults: 3000 steps of 10 draws, Adam lr 0.2 decaying over 100 steps, seed 1. */
    static BbviResult<NormalGammaMeanFieldState> runDefault(String estimator) {
        return Bbvi.run(BbviFixtures.FAMILY, BbviFixtures.TARGET, GradientEstimator.byName(estimator), Adam.withLearningRate(0.2).withDecay(100),
                BbviFixtures.POOR_START, BbviOptions.of(3000, 10, 1), BbviFixtures.ELBO::value, null);
    }

    /**
     * From the poor start N(0, 1) Gamma(1, 1) (about 135 nats below the optimum), the
     * iterate average of the second half is within 0.01 nats of CAVI's ELBO, and its parameters
     * within: |m - m*| < 0.01 (q*(mu) has sd 0.07), and 10% on l, a and b.
     */
    @ParameterizedTest
    @ValueSource(strings = {"reinforce_cv", "reparam"})
    void reachesTheCaviOptimumFromAPoorStart(String estimator) {
        BbviResult<NormalGammaMeanFieldState> r = runDefault(estimator);
        NormalGammaMeanFieldState opt = BbviFixtures.OPTIMUM;
        double caviElbo = NormalGammaCavi.of(BbviFixtures.MODEL).elbo(opt);
        assertTrue(caviElbo - BbviFixtures.ELBO.value(BbviFixtures.POOR_START) > 100, "the start is poor");
        NormalGammaMeanFieldState q = r.averagedState();
        double gap = caviElbo - BbviFixtures.ELBO.value(q);
        assertTrue(gap >= -1e-9, "no q beats the CAVI optimum, got gap " + gap);
        assertTrue(gap < 0.01, estimator + ": ELBO gap " + gap + " at " + q);
        assertEquals(opt.muMean(), q.muMean(), 0.01);
        assertEquals(1, q.muPrecision() / opt.muPrecision(), 0.1);
        assertEquals(1, q.tauShape() / opt.tauShape(), 0.1);
        assertEquals(1, q.tauRate() / opt.tauRate(), 0.1);
        assertFalse(r.diverged());
        assertTrue(r.firstStepWithin(caviElbo, 0.01) > 0, "the raw iterates also come within 0.01");
    }

    @Test
    void basicReinforceIsFarWorseOnTheSameBudget() {
        double caviElbo = NormalGammaCavi.of(BbviFixtures.MODEL).elbo(BbviFixtures.OPTIMUM);
        double gapBasic = caviElbo - BbviFixtures.ELBO.value(runDefault("reinforce").averagedState());
        assertTrue(gapBasic > 0.1, "basic REINFORCE gap " + gapBasic);
    }

    @Test
    void runsAreReproducibleAndRecordTheirPath() {
        BbviResult<NormalGammaMeanFieldState> a = runDefault("reinforce_cv");
        BbviResult<NormalGammaMeanFieldState> b = runDefault("reinforce_cv");
        assertArrayEquals(a.state().toArray(), b.state().toArray(), 0.0);
        assertEquals(3001, a.path().length);
        assertEquals(3000, a.elboEstimates().length);
        assertEquals(3001, a.elboExact().length);
        assertArrayEquals(BbviFixtures.FAMILY.toUnconstrained(BbviFixtures.POOR_START), a.path()[0], 0.0);
        assertArrayEquals(BbviFixtures.FAMILY.toUnconstrained(a.state()), a.path()[3000], 0.0);
        assertEquals(a.elboExact()[0], BbviFixtures.ELBO.value(BbviFixtures.POOR_START), 0.0);
    }

    @Test
    void progressIsReportedAndDivergenceIsAResult() {
        List<String> lines = new ArrayList<>();
        Bbvi.run(BbviFixtures.FAMILY, BbviFixtures.TARGET, ReparameterisationEstimator.create(), Adam.withLearningRate(0.1),
                BbviFixtures.POOR_START,
                new BbviOptions(50, 5, 1, 10), null, lines::add);
        assertEquals(5, lines.size());
        assertTrue(lines.get(4).startsWith("reparam: step 50/50"), lines.get(4));
        BbviResult<NormalGammaMeanFieldState> wild = Bbvi.run(BbviFixtures.FAMILY, BbviFixtures.TARGET,
                ScoreFunctionEstimator.basic(), RobbinsMonro.of(1e6, 0, 1),
                BbviFixtures.POOR_START, BbviOptions.of(100, 5, 1), null, lines::add);
        assertTrue(wild.diverged());
        assertTrue(wild.stepsTaken() < 100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reinforce", "reinforce_cv", "reparam"})
    void aDrawOfTauThatUnderflowsStopsTheRunAsDiverged(String name) {
        // notebook BBVI with a0 = 0.001, lambda0 = 1e-6: the start q(tau) = Gamma(0.001, 1) draws tau = 0 in double precision
        NormalGammaMeanFieldState start = new NormalGammaMeanFieldState(0.0, 1e-6, 0.001, 1.0);
        List<String> lines = new ArrayList<>();
        BbviResult<NormalGammaMeanFieldState> r = Bbvi.run(BbviFixtures.FAMILY, BbviFixtures.TARGET,
                GradientEstimator.byName(name), Adam.withLearningRate(0.2).withDecay(100), start,
                BbviOptions.of(300, 10, 1), BbviFixtures.ELBO::value, lines::add);
        assertTrue(r.diverged(), name);
        assertEquals(r.stepsTaken() + 1, r.elboExact().length);
        // the typed exception is what the estimator throws at that q, and the run reports where it stopped
        NonFiniteEstimateException e = assertThrows(NonFiniteEstimateException.class, () -> GradientEstimator
                .<NormalGammaMeanFieldState>byName(name).estimate(BbviFixtures.FAMILY, BbviFixtures.TARGET, start, 10,
                        new org.apache.commons.math3.random.Well19937c(1)));
        assertEquals("GradientEstimate draw of tau is 0.0: q(tau) is too extreme to sample in double precision", e.getMessage());
        assertEquals(List.of(name + ": stopped at step " + (r.stepsTaken() + 1) + ": parameters left the representable range"),
                lines);
        assertEquals(2.5, GradientEstimate.checkedPositiveDraw("tau", 2.5), 0.0);
    }

    @Test
    void badOptionsAreRefused() {
        BbviFixtures.assertMessage("BbviOptions steps must be >= 0, got -1", () -> BbviOptions.of(-1, 10, 1));
        BbviFixtures.assertMessage("BbviOptions samples must be >= 1, got 0", () -> BbviOptions.of(10, 0, 1));
        BbviFixtures.assertMessage("BbviResult fromStep must be in [0, 3000], got 3001",
                () -> runDefault("reinforce_cv").averagedState(3001));
    }
}
