package org.vworkbook.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.distributions.GaussianMixture1D;
import org.vworkbook.distributions.Normal;
import org.vworkbook.ep.ClutterMeanField;
import org.vworkbook.ep.ClutterProblem;
import org.vworkbook.ep.DampingComparison;
import org.vworkbook.ep.ExpectationPropagation;
import org.vworkbook.divergence.GaussianFit;
import org.vworkbook.divergence.ReverseKL;

/** EP's results JSON against the library, for the default run and the cases of tests/cases/EP.txt. */
class EPNotebookIT {

    private static void checkPartOne(NotebookResults r) {
        double[] w = r.parameterVector("weights");
        double[] m = r.parameterVector("means");
        double[] v = r.parameterVector("vars");
        GaussianMixture1D p = GaussianMixture1D.of(w, m, v);
        // Moment matching written out here: mean sum w m, variance sum w (v + m^2) - mean^2.
        double mean = 0;
        double second = 0;
        for (int k = 0; k < w.length; k++) {
            mean += w[k] * m[k];
            second += w[k] * (v[k] + m[k] * m[k]);
        }
        assertEquals(mean, r.number("forward_mean"), 1e-12);
        assertEquals(second - mean * mean, r.number("forward_var"), 1e-11);
        double[] inits = r.parameterVector("reverse_inits");
        JsonNode fits = r.result("reverse_fits");
        assertEquals(inits.length, fits.size());
        for (int i = 0; i < inits.length; i++) {
            GaussianFit f = ReverseKL.fit(p, inits[i], 1.0);
            JsonNode j = fits.get(i);
            assertEquals(f.mean(), j.get("mean").asDouble(), 0.0);
            assertEquals(f.variance(), j.get("var").asDouble(), 0.0);
            assertEquals(f.kl(), j.get("kl").asDouble(), 0.0);
            assertTrue(j.get("kl").asDouble() >= -1e-12, "KL >= 0 up to rounding");
            // A local minimum: neighbours in mean and variance have a larger KL(q || p).
            Normal q = Normal.ofMeanVariance(j.get("mean").asDouble(), j.get("var").asDouble());
            assertEquals(j.get("kl").asDouble(), ReverseKL.kl(q, p), 1e-12);
            // A local minimum, unless the notebook reports a saddle (a start on a symmetry axis of p stays on it):
            // then the variance is still optimal and moving the mean lowers the KL.
            boolean saddle = j.get("saddle").asBoolean();
            for (double[] d : new double[][] {{1e-3, 0}, {-1e-3, 0}, {0, 1e-3}, {0, -1e-3}}) {
                if (saddle && d[0] != 0) {
                    continue;
                }
                assertTrue(ReverseKL.kl(Normal.ofMeanVariance(q.mean() + d[0], q.variance() + d[1]), p) > j.get("kl").asDouble() - 1e-13);
            }
            if (saddle) {
                double h = 1e-3 * Math.sqrt(q.variance());
                double side = Math.min(ReverseKL.profileOverVariance(p, q.mean() - h, q.variance())[1],
                        ReverseKL.profileOverVariance(p, q.mean() + h, q.variance())[1]);
                assertTrue(side < j.get("kl").asDouble(), "a reported saddle has a lower KL beside it");
            }
        }
    }

    private static void checkPartTwo(NotebookResults r) {
        double[] sizes = r.parameterVector("clutter_sizes");
        int nMax = (int) java.util.Arrays.stream(sizes).max().getAsDouble();
        double[] data = ClutterProblem.givenOrGenerated(r.parameterVector("clutter_data"), r.parameter("clutter_theta"), nMax,
                r.parameter("clutter_weight"), r.parameter("clutter_var"), (long) r.parameter("seed"));
        ClutterProblem full = ClutterProblem.of(r.parameter("clutter_weight"), r.parameter("clutter_var"), r.parameter("prior_mean"),
                r.parameter("prior_var"), data);
        assertArrayEquals(data, r.vector("clutter_data_used"), 0.0);
        ExpectationPropagation.Options options = new ExpectationPropagation.Options(r.parameter("damping"), 1e-10, 500);
        int defined = 0;
        for (int k = 0; k < sizes.length; k++) {
            ClutterProblem cp = full.firstObservations((int) sizes[k]);
            ClutterProblem.Posterior ex = cp.exact();
            ExpectationPropagation.Result ep = ExpectationPropagation.run(cp, options);
            CaviResult<ClutterMeanField.State> vb = ClutterMeanField.of(cp).run(new CaviOptions(1e-12, 5000));
            assertEquals(ex.mean(), r.vector("clutter_exact_mean")[k], 0.0);
            assertEquals(ex.variance(), r.vector("clutter_exact_var")[k], 0.0);
            assertEquals(ex.logEvidence(), r.vector("clutter_exact_log_evidence")[k], 0.0);
            assertEquals(ep.posterior().mean(), r.vector("clutter_ep_mean")[k], 0.0);
            assertEquals(ep.posterior().variance(), r.vector("clutter_ep_var")[k], 0.0);
            // the defined EP evidences, in order; an undefined one (an improper final cavity) is left out
            assertEquals(ep.logEvidence().isPresent(), r.result("clutter_ep_log_evidence_defined").get(k).asBoolean());
            if (ep.logEvidence().isPresent()) {
                assertEquals(ep.logEvidence().getAsDouble(), r.vector("clutter_ep_log_evidence")[defined++], 0.0);
            }
            // the final sites, and for the first size their trace and q's mean per pass
            assertArrayEquals(ep.sitePrecisions(), vector(r.result("clutter_site_tau").get(k)), 0.0);
            assertArrayEquals(ep.siteShifts(), vector(r.result("clutter_site_nu").get(k)), 0.0);
            assertEquals(ep.negativeSites(), r.result("clutter_negative_sites").get(k).asInt());
            assertEquals(ep.sweeps(), r.result("clutter_ep_sweeps").get(k).asInt());
            if (k == 0) {
                assertArrayEquals(ep.meanTrace(), r.vector("clutter_ep_mean_trace"), 0.0);
                double[][] trace = r.matrix("clutter_site_tau_trace");
                assertEquals(ep.sweeps() + 1, trace.length);
                for (int i = 0; i < trace.length; i++) {
                    assertArrayEquals(ep.sitePrecisionTrace()[i], trace[i], 0.0);
                }
                // q = prior x sites
                double tauQ = 1 / cp.priorVariance() + java.util.Arrays.stream(ep.sitePrecisions()).sum();
                assertEquals(1 / ep.posterior().variance(), tauQ, 1e-9 * tauQ);
            }
            assertEquals(vb.state().mean(), r.vector("clutter_vb_mean")[k], 0.0);
            assertEquals(vb.state().variance(), r.vector("clutter_vb_var")[k], 0.0);
            assertEquals(vb.elbo(), r.vector("clutter_vb_elbo")[k], 0.0);
            assertTrue(vb.elbo() <= ex.logEvidence() + 1e-9 * Math.max(1, Math.abs(ex.logEvidence())), "the ELBO is a lower bound");
        }
        assertEquals(defined, r.vector("clutter_ep_log_evidence").length);
        checkDamping(r.result("damping_comparison"), DampingComparison.of(full, DampingComparison.dampedEtaFor(r.parameter("damping")), 500));
        checkDamping(r.result("damping_example"), DampingComparison.of(ClutterProblem.of(0.5, 10.0, 0.0, 100.0, new double[] {-7.5, 3.5, 2.0}), 0.5, 500));
    }

    private static double[] vector(JsonNode node) {
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    private static void checkDamping(JsonNode json, DampingComparison d) {
        assertEquals(d.dampedEta(), json.get("eta").asDouble(), 0.0);
        assertEquals(d.undamped().converged(), json.get("undamped_converged").asBoolean());
        assertEquals(d.damped().converged(), json.get("damped_converged").asBoolean());
        assertEquals(d.undamped().sweeps(), json.get("undamped_sweeps").asInt());
        assertEquals(d.damped().sweeps(), json.get("damped_sweeps").asInt());
        assertArrayEquals(d.undamped().meanTrace(), vector(json.get("undamped_mean_trace")), 0.0);
        assertArrayEquals(d.damped().meanTrace(), vector(json.get("damped_mean_trace")), 0.0);
        assertEquals(d.exact().mean(), json.get("exact_mean").asDouble(), 0.0);
    }

    @Test
    void defaultRun() {
        NotebookResults r = NotebookResults.read("EP");
        checkPartOne(r);
        checkPartTwo(r);
        assertEquals(0.0, r.number("forward_mean"), 1e-15);
        assertEquals(10.0, r.number("forward_var"), 1e-12);
        JsonNode fits = r.result("reverse_fits");
        // Starts at -3 and +3 end on their modes (mirror images); KL close to log 2.
        assertEquals(-fits.get(0).get("mean").asDouble(), fits.get(2).get("mean").asDouble(), 1e-7);
        assertTrue(fits.get(0).get("mean").asDouble() < -2.9);
        assertEquals(Math.log(2), fits.get(0).get("kl").asDouble(), 0.01);
        // Modes at +-2: every start reaches the same broad Gaussian at 0.
        JsonNode fits2 = r.result("reverse_fits_modes_2");
        for (int i = 0; i < fits2.size(); i++) {
            assertEquals(0.0, fits2.get(i).get("mean").asDouble(), 1e-6);
            assertTrue(fits2.get(i).get("var").asDouble() > 1);
        }
        // EP close to the exact posterior at the largest N, and closer than VB in variance.
        double[] exVar = r.vector("clutter_exact_var");
        int last = exVar.length - 1;
        assertEquals(1.0, r.vector("clutter_ep_var")[last] / exVar[last], 0.01);
        assertTrue(r.vector("clutter_vb_var")[last] < exVar[last]);
        assertArrayEquals(new double[] {10, 20, 50, 100, 200}, r.parameterVector("clutter_sizes"), 0.0);
    }

    @Test
    void modesTwoApartAndDampedEp() {
        NotebookResults r = NotebookResults.read("EP", "ep-modes-two-damped");
        checkPartOne(r);
        checkPartTwo(r);
        JsonNode fits = r.result("reverse_fits");
        for (int i = 0; i < fits.size(); i++) {
            assertEquals(0.0, fits.get(i).get("mean").asDouble(), 1e-6);
        }
        assertEquals(0.5, r.parameter("damping"));
    }

    @Test
    void unequalWeightsThreeComponents() {
        NotebookResults r = NotebookResults.read("EP", "ep-three-components");
        checkPartOne(r);
        checkPartTwo(r);
    }

    @Test
    void oneComponentAndEqualMeans() {
        NotebookResults one = NotebookResults.read("EP", "ep-one-component");
        checkPartOne(one);
        checkPartTwo(one);
        // p is Gaussian: both fits are p itself
        assertEquals(0.5, one.number("forward_mean"), 1e-12);
        assertEquals(2.0, one.number("forward_var"), 1e-12);
        for (JsonNode f : one.result("reverse_fits")) {
            assertEquals(0.5, f.get("mean").asDouble(), 1e-6);
            assertEquals(2.0, f.get("var").asDouble(), 1e-6);
        }
        NotebookResults equal = NotebookResults.read("EP", "ep-equal-means");
        checkPartOne(equal);
        for (JsonNode f : equal.result("reverse_fits")) {
            assertEquals(1.0, f.get("mean").asDouble(), 1e-6);   // unimodal and symmetric about 1: every fit is centred there
        }
    }

    @Test
    void symmetricStartsAndTheOtherEdgeCases() {
        for (String c : new String[] {"ep-symmetric-start", "ep-symmetric-saddle", "ep-damping-small", "ep-single-size"}) {
            NotebookResults r = NotebookResults.read("EP", c);
            checkPartOne(r);
            checkPartTwo(r);
        }
        // a start at 0 between symmetric modes stays at mean 0 (the gradient in the mean vanishes there)
        assertEquals(0.0, NotebookResults.read("EP", "ep-symmetric-saddle").result("reverse_fits").get(0).get("mean").asDouble(), 1e-9);
    }

    @Test
    void withoutClutterEpAndVbAreExact() {
        NotebookResults r = NotebookResults.read("EP", "ep-no-clutter");
        checkPartOne(r);
        checkPartTwo(r);
        double[] ex = r.vector("clutter_exact_var");
        for (int k = 0; k < ex.length; k++) {
            assertEquals(ex[k], r.vector("clutter_ep_var")[k], 1e-9 * ex[k]);
            assertEquals(ex[k], r.vector("clutter_vb_var")[k], 1e-9 * ex[k]);
            assertEquals(r.vector("clutter_exact_mean")[k], r.vector("clutter_ep_mean")[k], 1e-9);
        }
    }

    @Test
    void defaultRunDampingExampleCyclesUndampedAndSettlesDamped() {
        JsonNode example = NotebookResults.read("EP").result("damping_example");
        assertTrue(!example.get("undamped_converged").asBoolean());
        assertTrue(example.get("damped_converged").asBoolean());
        assertTrue(NotebookResults.read("EP").result("clutter_negative_sites").get(0).asInt() > 0, "the first size has negative sites");
    }

    @Test
    void givenDataWithAPriorMean() {
        NotebookResults r = NotebookResults.read("EP", "ep-given-data");
        checkPartOne(r);
        checkPartTwo(r);
        assertArrayEquals(r.parameterVector("clutter_data"), r.vector("clutter_data_used"), 0.0);
        assertEquals(1.5, r.parameter("prior_mean"), 0.0);
    }

    @Test
    void givenDataWhereUndampedEpCycles() {
        NotebookResults r = NotebookResults.read("EP", "ep-given-cycling");
        checkPartTwo(r);
        assertTrue(!r.result("clutter_ep_converged").get(0).asBoolean(), "undamped EP cycles on these three observations");
        assertTrue(r.result("damping_comparison").get("damped_converged").asBoolean());
    }

    @Test
    void aStrongPriorFarFromTheData() {
        NotebookResults r = NotebookResults.read("EP", "ep-prior-far");
        checkPartTwo(r);
        // with prior N(20, 0.5) the posterior mean sits between the prior mean and the data
        double m = r.vector("clutter_exact_mean")[0];
        assertTrue(m > 2 && m < 20, "posterior mean " + m);
    }
}
