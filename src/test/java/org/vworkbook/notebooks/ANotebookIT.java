package org.vworkbook.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.divergence.GaussianKL;
import org.vworkbook.exact.LinearGaussianModel;

/** A's results JSON against the library, for the default run and the cases of tests/cases/A.txt. */
class ANotebookIT {

    private static CaviResult<MeanFieldGaussianState> checkAgainstLibrary(NotebookResults r) {
        double theta1 = r.parameter("theta1");
        double theta2 = r.parameter("theta2");
        double sigma2 = r.parameter("sigma2");
        LinearGaussianModel model = LinearGaussianModel.of(new double[] {theta1, theta2}, sigma2, r.parameter("x"));
        GaussianMeanField cavi = GaussianMeanField.of(model.joint());
        CaviResult<MeanFieldGaussianState> run = cavi.run(new double[] {0, 0}, new double[] {1, 1},
                new CaviOptions(r.parameter("tol"), (int) r.parameter("max_iter")));
        // the same library objects give the same numbers
        assertEquals(model.logEvidence(), r.number("log_evidence"), 0.0);
        assertArrayEquals(run.elboTrace(), r.vector("elbo_trace"), 0.0);
        double[] kl = r.vector("kl_trace");
        assertEquals(run.path().size(), kl.length);
        for (int t = 0; t < kl.length; t++) {
            assertEquals(GaussianKL.between(run.path().get(t).asMultivariate(), model.posterior()), kl[t], 0.0);
        }
        assertEquals(cavi.klToPosterior(run.state()), r.number("kl_mf_cavi"), 0.0);
        // and the mathematics, independently of how the notebook computed it. Tolerances: rounding of the ELBO's
        // terms (elboMagnitude, large when sigma2 is small) and of inverting Lambda (cond = 1 + |theta|^2 / sigma2).
        double cond = 1 + (theta1 * theta1 + theta2 * theta2) / sigma2;
        double magnitude = run.path().stream().mapToDouble(cavi::elboMagnitude).max().getAsDouble();
        double klMax = java.util.Arrays.stream(kl).max().getAsDouble();
        double klRounding = 1e-13 * cond * (2 + klMax);
        double identity = 1e-12 * (1 + Math.abs(r.number("log_evidence"))) + 1e-13 * magnitude + klRounding;
        double[] elbo = r.vector("elbo_trace");
        double worst = 0;
        for (int t = 0; t < elbo.length; t++) {
            assertTrue(kl[t] >= -klRounding, "KL < 0 at step " + t);
            worst = Math.max(worst, Math.abs(r.number("log_evidence") - elbo[t] - kl[t]));
            if (t > 0) {
                assertTrue(elbo[t] >= elbo[t - 1] - 1e-13 * (1 + magnitude), "ELBO decreased at sweep " + t);
                assertTrue(kl[t] <= kl[t - 1] + klRounding, "KL increased at sweep " + t);
            }
        }
        assertTrue(worst <= identity, "identity error " + worst);
        assertEquals(worst, r.number("max_identity_error"), 1e-12 + 1e-3 * worst);
        double oneMinusRhoSq = sigma2 * (sigma2 + theta1 * theta1 + theta2 * theta2) / ((sigma2 + theta1 * theta1) * (sigma2 + theta2 * theta2));
        assertEquals(-0.5 * Math.log(oneMinusRhoSq), r.number("kl_mf_min"), 1e-13 * (1 + r.number("kl_mf_min")));
        assertEquals(GaussianMeanField.of(model.joint()).klAtOptimum(), r.number("kl_mf_min"), klRounding);
        assertTrue(r.number("kl_mf_cavi") >= r.number("kl_mf_min") - klRounding, "CAVI cannot beat the mean-field optimum");
        // random q lie around the posterior: their ELBO terms are of the size of the trace's, x^2 / sigma2 at most ~ x^2 cond
        assertTrue(r.number("random_q_max_identity_error") <= 1e-10 + 1e-13 * (magnitude + cond * (1 + r.parameter("x") * r.parameter("x"))) + klRounding * 100);
        return run;
    }

    @Test
    void defaultRunMatchesTheLibrary() {
        NotebookResults r = NotebookResults.read("A");
        CaviResult<MeanFieldGaussianState> run = checkAgainstLibrary(r);
        assertTrue(run.converged());
        assertTrue(r.bool("converged"));
        // rho^2 = 2.25 / 6.5 at the defaults
        assertEquals(-0.5 * Math.log(1 - 2.25 / 6.5), r.number("kl_mf_min"), 1e-12);
        assertEquals(r.number("kl_mf_min"), r.number("kl_mf_cavi"), 1e-10);
        assertEquals(29, r.vector("elbo_trace").length);
    }

    @Test
    void factorisedPosteriorIsRecoveredExactly() {
        NotebookResults r = NotebookResults.read("A", "a-factorised");
        checkAgainstLibrary(r);
        assertEquals(0.0, r.number("kl_mf_min"), 0.0);
        assertEquals(0.0, r.number("kl_mf_cavi"), 1e-14);
        double[] elbo = r.vector("elbo_trace");
        assertEquals(r.number("log_evidence"), elbo[elbo.length - 1], 1e-12);
    }

    @Test
    void strongCouplingCostsMore() {
        NotebookResults r = NotebookResults.read("A", "a-strong-coupling");
        checkAgainstLibrary(r);
        assertTrue(r.bool("converged"));
        assertEquals(-0.5 * Math.log(1 - 16.0 / 20.25), r.number("kl_mf_cavi"), 1e-10);
        assertTrue(r.number("kl_mf_min") > -0.5 * Math.log(1 - 2.25 / 6.5));
    }

    @Test
    void stoppingEarlyLeavesTheKlAboveTheMinimum() {
        NotebookResults r = NotebookResults.read("A", "a-three-sweeps");
        checkAgainstLibrary(r);
        assertFalse(r.bool("converged"));
        assertEquals(4, r.vector("kl_trace").length);
        assertTrue(r.number("kl_mf_cavi") > r.number("kl_mf_min") + 1e-6);
    }

    @Test
    void edgeCasesMatchTheLibrary() {
        for (String c : new String[] {"a-prior", "a-theta2-zero", "a-one-sweep", "a-tol-zero", "a-no-random-q", "a-tiny-noise", "a-huge-noise"}) {
            checkAgainstLibrary(NotebookResults.read("A", c));
        }
        NotebookResults prior = NotebookResults.read("A", "a-prior");
        assertEquals(0.0, prior.number("kl_mf_cavi"), 1e-15);
        assertEquals(prior.number("log_evidence"), prior.vector("elbo_trace")[0], 1e-14);   // the start is the prior = posterior
        assertFalse(NotebookResults.read("A", "a-tol-zero").bool("converged"));
        assertEquals(41, NotebookResults.read("A", "a-tol-zero").vector("elbo_trace").length);
    }
}
