package org.vworkbook.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vworkbook.bbvi.BbviOptions;
import org.vworkbook.bbvi.BbviResult;
import org.vworkbook.bbvi.GradientVariance;
import org.vworkbook.bbvi.NormalGammaBbvi;
import org.vworkbook.bbvi.NormalGammaElbo;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.NormalGammaCavi;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.distributions.NormalGamma;
import org.vworkbook.exact.NormalNormalGammaModel;

/** BBVI's results JSON against the library, for the default run and the cases of tests/cases/BBVI.txt. */
class BBVINotebookIT {

    private static NormalNormalGammaModel model(NotebookResults r) {
        double[] x = NormalNormalGammaModel.dataOrGenerated(r.parameterVector("data"), (int) r.parameter("n"),
                r.parameter("mu_true"), r.parameter("tau_true"), (long) r.parameter("seed"));
        return NormalNormalGammaModel.of(x, r.parameter("mu0"), r.parameter("lambda0"), r.parameter("a0"), r.parameter("b0"));
    }

    private static NormalGammaMeanFieldState state(NotebookResults r, String name) {
        JsonNode q = r.result(name);
        return new NormalGammaMeanFieldState(q.get("mu_n").asDouble(), q.get("lambda_n").asDouble(), q.get("a_n").asDouble(),
                q.get("b_n").asDouble());
    }

    private static void checkAgainstLibrary(NotebookResults r) {
        NormalNormalGammaModel model = model(r);
        NormalGamma post = model.posterior();
        JsonNode exact = r.result("exact");
        assertEquals(post.location(), exact.get("mu_n").asDouble(), 0.0);
        assertEquals(post.lambda(), exact.get("lambda_n").asDouble(), 0.0);
        assertEquals(post.shape(), exact.get("a_n").asDouble(), 0.0);
        assertEquals(post.rate(), exact.get("b_n").asDouble(), 0.0);
        assertEquals(model.logEvidence(), r.number("log_evidence"), 0.0);

        NormalGammaCavi cavi = NormalGammaCavi.of(model);
        CaviResult<NormalGammaMeanFieldState> run = cavi.run();
        assertArrayEquals(run.state().toArray(), state(r, "cavi").toArray(), 0.0);
        assertEquals(run.elbo(), r.number("elbo_cavi"), 0.0);

        // The reported BBVI fit is the iterate average of the run of `estimator`, reproduced exactly from its seed.
        String estimator = r.parameterText("estimator");
        BbviOptions options = new BbviOptions((int) r.parameter("steps"), (int) r.parameter("samples"),
                (long) r.parameter("bbvi_seed"), 0);
        NormalGammaMeanFieldState start = new NormalGammaMeanFieldState(r.parameter("mu0"), r.parameter("lambda0"),
                r.parameter("a0"), r.parameter("b0"));
        BbviResult<NormalGammaMeanFieldState> bbvi = NormalGammaBbvi.run(model, estimator, start, options, r.parameter("learning_rate"),
                r.parameter("decay_steps"));
        NormalGammaMeanFieldState qBbvi = state(r, "bbvi");
        assertArrayEquals(bbvi.averagedState().toArray(), qBbvi.toArray(), 0.0);
        assertEquals(NormalGammaElbo.of(model).value(qBbvi), r.number("elbo_bbvi"), 0.0);

        Map<String, GradientVariance> gv = NormalGammaBbvi.gradientVariances(model, run.state(), NormalGammaBbvi.COMPARED,
                (int) r.parameter("samples"), (int) r.parameter("replications"), (long) r.parameter("bbvi_seed"));
        for (String name : NormalGammaBbvi.COMPARED) {
            assertEquals(gv.get(name).totalVariance(), r.result("grad_var").get(name).asDouble(), 0.0, name);
        }

        // Independently of how the notebook computed them: the identity, KL >= 0, nothing above the evidence or CAVI.
        double kl = cavi.klToPosteriorByQuadrature(run.state());
        assertEquals(kl, r.number("log_evidence") - r.number("elbo_cavi"), 1e-8);
        assertTrue(kl > 0);
        assertTrue(r.number("elbo_bbvi") <= r.number("elbo_cavi") + 1e-9);
        double[] trace = r.vector("elbo_trace_bbvi");
        assertEquals(bbvi.stepsTaken() + 1, trace.length);
        for (double v : trace) {
            assertTrue(v <= r.number("log_evidence"), "an ELBO above log p(x)");
        }
    }

    @Test
    void defaultRunMatchesTheLibraryAndMeetsTheTargets() {
        NotebookResults r = NotebookResults.read("BBVI");
        checkAgainstLibrary(r);
        assertEquals("reparam", r.parameterText("estimator"));
        assertTrue(r.number("elbo_cavi") - r.number("elbo_bbvi") < 0.01, "BBVI within 0.01 nats of CAVI");
        JsonNode v = r.result("grad_var");
        assertTrue(v.get("reinforce").asDouble() / v.get("reinforce_cv").asDouble() >= 100);
        assertTrue(v.get("reinforce").asDouble() / v.get("reparam").asDouble() >= 1000);
        assertEquals(100, r.parameter("n"));
    }

    @Test
    void threeGivenPoints() {
        NotebookResults r = NotebookResults.read("BBVI", "bbvi-three-points");
        checkAgainstLibrary(r);
        assertArrayEquals(new double[] {1.2, 0.7, 2.3}, r.parameterVector("data"), 0.0);
        // N = 3, xbar = 1.4: lambda_n = 4, mu_n = 3 * 1.4 / 4, a_n = 2.5 at the default prior.
        JsonNode exact = r.result("exact");
        assertEquals(4.0, exact.get("lambda_n").asDouble(), 1e-15);
        assertEquals(1.05, exact.get("mu_n").asDouble(), 1e-15);
        assertEquals(2.5, exact.get("a_n").asDouble(), 1e-15);
        assertEquals(3.0, r.result("cavi").get("a_n").asDouble(), 1e-15);
    }

    @Test
    void controlVariatesWithAnotherPrior() {
        NotebookResults r = NotebookResults.read("BBVI", "bbvi-cv-other-prior");
        checkAgainstLibrary(r);
        assertEquals("reinforce_cv", r.parameterText("estimator"));
        assertTrue(r.number("elbo_cavi") - r.number("elbo_bbvi") < 0.05);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"bbvi-one-sample", "bbvi-two-replications", "bbvi-no-steps",
        "bbvi-one-point", "bbvi-tight-prior", "bbvi-vague-prior-reinforce", "bbvi-rao-blackwellised",
        "bbvi-large-learning-rate", "bbvi-underflowing-tau"})
    void edgeCasesMatchTheLibrary(String name) {
        checkAgainstLibrary(NotebookResults.read("BBVI", name));
    }

    @Test
    void withFewerThanThreeDrawsTheControlVariateEstimatorIsRaoBlackwellised() {
        for (String name : new String[] {"bbvi-one-sample", "bbvi-two-replications"}) {
            NotebookResults r = NotebookResults.read("BBVI", name);
            NormalNormalGammaModel model = model(r);
            NormalGammaMeanFieldState q = state(r, "cavi");
            double rb = NormalGammaBbvi.gradientVariances(model, q, java.util.List.of("reinforce_rb"), (int) r.parameter("samples"),
                    (int) r.parameter("replications"), (long) r.parameter("bbvi_seed")).get("reinforce_rb").totalVariance();
            assertEquals(rb, r.result("grad_var").get("reinforce_cv").asDouble(), 0.0, name);
        }
    }

    @Test
    void withoutStepsTheFitIsTheStart() {
        NotebookResults r = NotebookResults.read("BBVI", "bbvi-no-steps");
        assertArrayEquals(new double[] {r.parameter("mu0"), r.parameter("lambda0"), r.parameter("a0"), r.parameter("b0")},
                state(r, "bbvi").toArray(), 1e-12);
        assertEquals(1, r.vector("elbo_trace_bbvi").length);
    }
}
