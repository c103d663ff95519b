package org.vworkbook.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.em.EStep;
import org.vworkbook.em.EmResult;
import org.vworkbook.em.ExpectationMaximization;
import org.vworkbook.em.ScalarFactorModel;

/** D's results JSON against the library, for the default run and the cases of tests/cases/D.txt. */
class DNotebookIT {

    private static double[] data(NotebookResults r) {
        double[] given = r.parameterVector("data");
        if (given.length > 0) {
            return given;
        }
        return ScalarFactorModel.generate(r.parameterVector("theta_true"), (int) r.parameter("n"), 1.0,
                new Well19937c((long) r.parameter("seed")));
    }

    private static void checkAgainstLibrary(NotebookResults r) {
        double[] x = data(r);
        assertArrayEquals(x, r.vector("data_used"), 0.0);
        int iterations = (int) r.parameter("iterations");
        ScalarFactorModel model = ScalarFactorModel.of(x, 2, 1.0);
        EmResult em = ExpectationMaximization.run(model, r.parameterVector("theta_init"), iterations, EStep.EXACT);
        EmResult vem = ExpectationMaximization.run(model, r.parameterVector("theta_init"), iterations, EStep.MEAN_FIELD);
        assertArrayEquals(em.theta(), r.vector("em_theta"), 0.0);
        assertArrayEquals(vem.theta(), r.vector("vem_theta"), 0.0);
        assertArrayEquals(em.logLikelihoodTrace(), r.vector("em_loglik_trace"), 0.0);
        assertArrayEquals(vem.elboTrace(), r.vector("vem_elbo_trace"), 0.0);
        assertArrayEquals(vem.klBeforeEachMStep(), r.vector("vem_kl_after_estep_trace"), 0.0);
        assertEquals(em.maxKlBeforeMStep(), r.number("em_kl_after_estep_max"), 0.0);

        // The contract's shapes and the mathematics, independently of the library's bookkeeping.
        assertEquals(iterations + 1, r.vector("em_loglik_trace").length);
        assertEquals(iterations + 1, r.vector("vem_elbo_trace").length);
        assertEquals(iterations, r.vector("vem_kl_after_estep_trace").length);
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        assertEquals(Math.max(s / x.length - 1, 0), r.number("ml_norm_sq"), 1e-12);
        assertTrue(Math.abs(r.number("em_kl_after_estep_max")) < 1e-10);
        double[] ll = r.vector("em_loglik_trace");
        double[] elbo = r.vector("vem_elbo_trace");
        for (int i = 1; i <= iterations; i++) {
            assertTrue(ll[i] >= ll[i - 1] - 1e-12 * (1 + Math.abs(ll[i - 1])), "EM log-likelihood decreased at " + i);
            assertTrue(elbo[i] >= elbo[i - 1] - 1e-12 * (1 + Math.abs(elbo[i - 1])), "VEM ELBO decreased at " + i);
        }
        // log p(X | theta) straight from the marginal N(0, 1 + |theta|^2) at theta_0 = theta_init
        double[] t0 = r.parameterVector("theta_init");
        double c = 1 + t0[0] * t0[0] + t0[1] * t0[1];
        assertEquals(-0.5 * x.length * Math.log(2 * Math.PI * c) - s / (2 * c), ll[0], 1e-9);
        // the mean-field KL in closed form, per point 1/2 log(1 + t1^2 t2^2 / (1 + |t|^2)), at theta_0
        double kl0 = 0.5 * x.length * Math.log1p(t0[0] * t0[0] * t0[1] * t0[1] / c);
        if (iterations > 0) {
            assertEquals(kl0, r.vector("vem_kl_after_estep_trace")[0], 1e-10);
        }
    }

    @Test
    void defaultRunMatchesTheLibrary() {
        NotebookResults r = NotebookResults.read("D");
        checkAgainstLibrary(r);
        double ml = r.number("ml_norm_sq");
        double[] em = r.vector("em_theta");
        double[] vem = r.vector("vem_theta");
        // EM: on the maximum-likelihood circle, in the direction of theta_init = (1, 0.5)
        assertEquals(ml, em[0] * em[0] + em[1] * em[1], 1e-9);
        assertEquals(0.5, em[1] / em[0], 1e-12);
        // VEM: on the circle too, but on the theta_1 axis, where every posterior factorises
        assertEquals(ml, vem[0] * vem[0], 1e-9);
        assertTrue(Math.abs(vem[1]) < 1e-12);
        double[] kl = r.vector("vem_kl_after_estep_trace");
        assertTrue(kl[0] > 1.0 && kl[kl.length - 1] < 1e-10);
    }

    @Test
    void startingNearerTheOtherAxisEndsOnIt() {
        NotebookResults r = NotebookResults.read("D", "d-other-axis");
        checkAgainstLibrary(r);
        double[] vem = r.vector("vem_theta");
        assertTrue(Math.abs(vem[0]) < 1e-12);
        assertEquals(r.number("ml_norm_sq"), vem[1] * vem[1], 1e-9);
    }

    @Test
    void givenDataAreUsed() {
        NotebookResults r = NotebookResults.read("D", "d-given-data");
        checkAgainstLibrary(r);
        assertEquals(8, r.vector("data_used").length);
        assertEquals(25.88 / 8 - 1, r.number("ml_norm_sq"), 1e-12);
    }

    @Test
    void fewStepsStillMonotone() {
        NotebookResults r = NotebookResults.read("D", "d-few-steps");
        checkAgainstLibrary(r);
        assertEquals(4, r.vector("em_loglik_trace").length);
    }
    @Test
    void thetaZeroIsAFixedPointOfBoth() {
        NotebookResults r = NotebookResults.read("D", "d-theta-zero");
        checkAgainstLibrary(r);
        assertArrayEquals(new double[] {0, 0}, r.vector("em_theta"), 0.0);
        assertArrayEquals(new double[] {0, 0}, r.vector("vem_theta"), 0.0);
    }

    @Test
    void onAnAxisVemTakesExactlyEmsSteps() {
        NotebookResults r = NotebookResults.read("D", "d-on-axis");
        checkAgainstLibrary(r);
        assertArrayEquals(r.vector("em_theta"), r.vector("vem_theta"), 1e-12);
        assertEquals(0.0, r.vector("vem_theta")[0], 0.0);
    }

    @Test
    void diagonalStartsKeepEmOnTheDiagonal() {
        for (String c : new String[] {"d-diagonal", "d-anti-diagonal"}) {
            NotebookResults r = NotebookResults.read("D", c);
            checkAgainstLibrary(r);
            double[] em = r.vector("em_theta");
            assertEquals(Math.abs(em[0]), Math.abs(em[1]), 1e-12 * Math.abs(em[0]), c);
        }
    }

    @Test
    void vemRatioIsMultipliedByOnePlusThetaSquaredRatioEachStep() {
        // theta_new_1 / theta_new_2 = (theta_1 / theta_2) (1 + theta_1^2) / (1 + theta_2^2), from the M-step by Sherman-Morrison
        NotebookResults r = NotebookResults.read("D", "d-one-step");
        checkAgainstLibrary(r);
        double[] t0 = r.parameterVector("theta_init");
        double[] t1 = r.vector("vem_theta");
        assertEquals(t0[0] / t0[1] * (1 + t0[0] * t0[0]) / (1 + t0[1] * t0[1]), t1[0] / t1[1], 1e-12);
        assertEquals(2, r.vector("em_loglik_trace").length);
    }

    @Test
    void smallSpreadSendsBothTowardsZero() {
        NotebookResults r = NotebookResults.read("D", "d-small-spread");
        checkAgainstLibrary(r);
        assertEquals(0.0, r.number("ml_norm_sq"), 0.0);
        for (String k : new String[] {"em_theta", "vem_theta"}) {
            double[] t = r.vector(k);
            assertTrue(t[0] * t[0] + t[1] * t[1] < 1e-100, k);
        }
    }

    @Test
    void tinyDataSetsAreServed() {
        for (String c : new String[] {"d-single-point", "d-zeros", "d-short"}) {
            checkAgainstLibrary(NotebookResults.read("D", c));
        }
        // all zeros: S = 0, so b = S g = 0 and the first M-step returns theta = 0
        assertArrayEquals(new double[] {0, 0}, NotebookResults.read("D", "d-zeros").vector("em_theta"), 0.0);
        assertEquals(2.5 * 2.5 - 1, NotebookResults.read("D", "d-single-point").number("ml_norm_sq"), 1e-12);
    }
}
