package org.vworkbook.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import java.nio.file.Path;
import org.vworkbook.gmm.BayesianGaussianMixture;
import org.vworkbook.gmm.ConcentrationComparison;
import org.vworkbook.gmm.GaussianMixturePrior;
import org.vworkbook.gmm.GmmState;
import org.vworkbook.gmm.MixtureData;
import org.vworkbook.gmm.MixtureInput;
import org.vworkbook.gmm.NormalWishartEvidence;
import org.vworkbook.gmm.RestartedFit;
import org.vworkbook.gmm.SyntheticMixture;

/** GMM's results JSON against the library, for the default run and the cases of tests/cases/GMM.txt. */
class GMMNotebookIT {

    private record Refit(MixtureData data, SyntheticMixture generated, CaviResult<GmmState> run, RestartedFit fits) {}

    private static Refit checkAgainstLibrary(NotebookResults r) {
        double[] flat = r.parameterVector("data");
        MixtureInput input = MixtureInput.choose(flat, r.parameterText("dataset"), (int) r.parameter("n"), (int) r.parameter("k_true"),
                r.parameter("separation"), (long) r.parameter("seed"), Path.of("notebooks", "data", "faithful.csv"));
        SyntheticMixture generated = input.generated();
        MixtureData data = input.points();
        assertEquals(input.source(), r.result("data_source").asText());
        int k = (int) r.parameter("k");
        GaussianMixturePrior prior = GaussianMixturePrior.ofCovariancePrior(r.parameter("alpha0"), r.parameter("beta0"),
                data.mean(), r.parameter("nu0"), GaussianMixturePrior.covariancePriorFor(data));
        BayesianGaussianMixture model = BayesianGaussianMixture.of(data, k, prior);
        long initSeed = (long) r.parameter("init_seed");
        CaviOptions options = new CaviOptions(r.parameter("tol"), (int) r.parameter("max_iter"));
        RestartedFit fits = model.runRestarts(r.parameterText("init"), initSeed, (int) r.parameter("restarts"), options);
        CaviResult<GmmState> run = fits.bestRun();
        assertArrayEquals(fits.restartElbos(), r.vector("restart_elbos"), 0.0);
        assertEquals(fits.best() + 1, (int) r.number("best_restart"));
        assertEquals((int) r.parameter("restarts"), r.vector("restart_elbos").length);
        for (double e : r.vector("restart_elbos")) {
            assertTrue(e <= r.number("elbo") + 1e-9 * (1 + Math.abs(e)), "the kept run has the best final ELBO");
        }
        assertEquals(Math.log(org.apache.commons.math3.util.CombinatoricsUtils.factorialDouble(k)), r.number("log_k_factorial"), 1e-9 * k);
        if (k == 1) { // q is exact: the ELBO is the evidence
            double exact = NormalWishartEvidence.logEvidence(data, prior);
            assertEquals(exact, r.number("elbo"), 1e-9 * (1 + Math.abs(exact)));
        }
        // the comparison of alpha0 = 1e-3 and 10 from the kept run's start
        ConcentrationComparison alphas = ConcentrationComparison.of(model,
                model.startingResponsibilities(r.parameterText("init"), fits.seeds()[fits.best()]), options, ConcentrationComparison.BISHOP);
        assertArrayEquals(new double[] {1e-3, 10}, r.vector("concentration_alpha0"), 0.0);
        assertArrayEquals(java.util.Arrays.stream(alphas.used(0.01)).asDoubleStream().toArray(), r.vector("concentration_components_used"), 0.0);

        assertArrayEquals(run.elboTrace(), r.vector("elbo_trace"), 0.0);
        assertArrayEquals(run.state().weights(), r.vector("weights"), 0.0);
        double[][] means = r.matrix("means");
        assertEquals(k, means.length);
        for (int j = 0; j < k; j++) {
            assertArrayEquals(run.state().means()[j], means[j], 0.0);
        }
        assertEquals(run.iterations(), (int) r.number("iterations"));
        assertEquals(run.converged(), r.bool("converged"));
        // properties that do not depend on how the notebook computed them
        double[] trace = r.vector("elbo_trace");
        assertEquals(r.number("iterations") + 1, trace.length);
        for (int i = 1; i < trace.length; i++) {
            assertTrue(trace[i] >= trace[i - 1] - 1e-10 * (1 + Math.abs(trace[i - 1])), "ELBO decreased at sweep " + i);
        }
        double sumWeights = 0;
        for (double w : r.vector("weights")) {
            assertTrue(w > 0);
            sumWeights += w;
        }
        assertEquals(1.0, sumWeights, 1e-12);
        double sumCounts = 0;
        for (double c : r.vector("counts")) {
            sumCounts += c;
        }
        assertEquals(data.size(), sumCounts, 1e-8 * data.size());
        return new Refit(data, generated, run, fits);
    }

    @Test
    void defaultRunRecoversTheClustersAndEmptiesTheRest() {
        NotebookResults r = NotebookResults.read("GMM");
        Refit fit = checkAgainstLibrary(r);
        assertTrue(r.bool("converged"));
        assertEquals(3, (int) r.number("effective_components"));
        double[] w = r.vector("weights");
        double[][] means = r.matrix("means");
        for (double[] centre : fit.generated().centres()) {
            boolean found = false;
            for (int j = 0; j < w.length; j++) {
                if (w[j] > 0.01 && Math.hypot(means[j][0] - centre[0], means[j][1] - centre[1]) < 0.25) {
                    found = true;
                }
            }
            assertTrue(found, "a used component sits on the true centre " + java.util.Arrays.toString(centre));
        }
        for (double wj : w) {
            assertTrue(wj > 0.2 || wj < 1e-4, "weights are either a cluster's share or emptied out: " + wj);
        }
    }

    @Test
    void givenDataTwoClusters() {
        NotebookResults r = NotebookResults.read("GMM", "gmm-given-data");
        checkAgainstLibrary(r);
        assertEquals(2, (int) r.number("effective_components"));
        double[] w = r.vector("weights");
        double[][] means = r.matrix("means");
        // Four points per cluster and beta0 = 1: m_k = (beta0 m0 + N_k xbar_k) / (beta0 + N_k) is pulled about a fifth of
        // the way from the cluster's mean towards the data mean m0 = (2.5375, 2.5375).
        double[][] clusterMeans = {{0.05, 0.0}, {5.025, 5.075}};
        double[] m0 = {2.5375, 2.5375};
        for (double[] c : clusterMeans) {
            int found = 0;
            for (int j = 0; j < w.length; j++) {
                double toCluster = Math.hypot(means[j][0] - c[0], means[j][1] - c[1]);
                double toPrior = Math.hypot(means[j][0] - m0[0], means[j][1] - m0[1]);
                double clusterToPrior = Math.hypot(c[0] - m0[0], c[1] - m0[1]);
                if (w[j] > 0.01 && toCluster < 1.0 && toPrior < clusterToPrior) {
                    found++;
                }
            }
            assertEquals(1, found, "one used component shrunk from " + java.util.Arrays.toString(c) + " towards m0");
        }
    }

    @Test
    void randomStart() {
        checkAgainstLibrary(NotebookResults.read("GMM", "gmm-random-init"));
    }

    @Test
    void alphaOneKeepsSurplusComponents() {
        NotebookResults r = NotebookResults.read("GMM", "gmm-alpha-one");
        checkAgainstLibrary(r);
        assertTrue(r.number("effective_components") >= 3);
    }

    @Test
    void oneComponentIsTheWholeWeight() {
        NotebookResults r = NotebookResults.read("GMM", "gmm-one-component");
        checkAgainstLibrary(r);
        assertEquals(1.0, r.vector("weights")[0], 1e-12);
        assertEquals(1, (int) r.number("effective_components"));
    }

    @Test
    void degenerateDataAndShortRuns() {
        for (String c : new String[] {"gmm-one-true-component", "gmm-more-components-than-points", "gmm-one-point", "gmm-two-points",
                "gmm-collinear", "gmm-one-sweep", "gmm-alpha-large", "gmm-alpha-tiny", "gmm-one-component-faithful"}) {
            checkAgainstLibrary(NotebookResults.read("GMM", c));
        }
        assertEquals(1, (int) NotebookResults.read("GMM", "gmm-one-sweep").number("iterations"));
        // alpha0 = 100 pulls every weight towards 1/K: all components are used
        NotebookResults large = NotebookResults.read("GMM", "gmm-alpha-large");
        assertEquals(4, (int) large.number("effective_components"));
    }

    @Test
    void oldFaithfulTwoComponentsSurviveAndTenAlphaUsesAllSix() {
        NotebookResults r = NotebookResults.read("GMM", "gmm-faithful");
        checkAgainstLibrary(r);
        assertEquals("faithful", r.result("data_source").asText());
        // Bishop Fig. 10.6: K = 6, alpha0 = 1e-3 leaves two components, alpha0 = 10 uses all six
        assertEquals(2, (int) r.number("effective_components"));
        assertArrayEquals(new double[] {2, 6}, r.vector("concentration_components_used"), 0.0);
        double[] w = r.vector("weights").clone();
        java.util.Arrays.sort(w);
        assertEquals(0.6427, w[5], 1e-3); // scikit-learn on the same data and priors: 0.64274, 0.35725 (FaithfulAndRestartsTest)
        assertEquals(0.3572, w[4], 1e-3);
    }

    @Test
    void restartsOnFaithfulWithLargeAlphaKeepTheBest() {
        NotebookResults r = NotebookResults.read("GMM", "gmm-faithful-restarts");
        Refit fit = checkAgainstLibrary(r);
        assertEquals(4, r.vector("restart_elbos").length);
        assertTrue(fit.fits().elboSpread() > 1e-3, "the four starts reach different optima");
        assertEquals(6, (int) r.number("effective_components"));
    }

    @Test
    void givenDataOverrideTheDataset() {
        NotebookResults r = NotebookResults.read("GMM", "gmm-given-overrides-dataset");
        checkAgainstLibrary(r);
        assertEquals("given", r.result("data_source").asText());
    }
}
