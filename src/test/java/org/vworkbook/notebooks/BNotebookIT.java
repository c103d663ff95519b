package org.vworkbook.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.NormalGammaCoupling;
import org.vworkbook.cavi.NormalGammaCavi;
import org.vworkbook.cavi.NormalGammaGridUpdate;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.exact.NormalNormalGammaModel;

/** B's results JSON against the library, for the default run and the cases of tests/cases/B.txt. */
class BNotebookIT {

    private static void checkAgainstLibrary(NotebookResults r, double relativeTolerance) {
        double[] x = NormalNormalGammaModel.dataOrGenerated(r.parameterVector("data"), (int) r.parameter("n"),
                r.parameter("mu_true"), r.parameter("tau_true"), (long) r.parameter("seed"));
        NormalNormalGammaModel model = NormalNormalGammaModel.of(x, r.parameter("mu0"), r.parameter("lambda0"),
                r.parameter("a0"), r.parameter("b0"));
        NormalGammaCavi cavi = NormalGammaCavi.of(model);
        CaviResult<NormalGammaMeanFieldState> run = cavi.run();
        assertArrayEquals(run.elboTrace(), r.vector("elbo_trace"), 0.0);
        assertEquals(run.iterations(), (int) r.number("iterations"));
        assertTrue(r.bool("elbo_monotone"));
        double[] trace = r.vector("elbo_trace");
        for (int i = 1; i < trace.length; i++) {
            assertTrue(trace[i] >= trace[i - 1] - 1e-10 * (1 + Math.abs(trace[i - 1])), "ELBO decreased at sweep " + i);
        }
        assertTrue(trace[trace.length - 1] < model.logEvidence(), "the ELBO stays below log p(x)");

        // The grid check, recomputed: first and last sweep, both factors; each error also relative to its density's peak.
        NormalGammaGridUpdate grid = NormalGammaGridUpdate.of(model, (int) r.parameter("grid_points"));
        List<NormalGammaMeanFieldState> path = run.path();
        double worst = 0;
        double worstRelative = 0;
        for (NormalGammaMeanFieldState before : List.of(path.get(0), path.get(path.size() - 2))) {
            for (NormalGammaGridUpdate.FactorOnGrid f : List.of(grid.muUpdate(before), grid.tauUpdate(cavi.updateMu(before)))) {
                worst = Math.max(worst, f.maxAbsError());
                // beyond quadrature, rounding E[log p] to double precision moves the density by ~1e-16 |E[log p]| relative
                worstRelative = Math.max(worstRelative, f.relativeError() - 2e-15 * f.maxAbsExpectedLogJoint());
            }
        }
        assertEquals(worst, r.number("max_abs_density_error"), 0.0);
        assertTrue(worstRelative < relativeTolerance, "grid vs closed form, relative to the peak: " + worstRelative);

        // Fig. 10.4: the run from the poor start, recomputed; KL* in closed form against the last gap and the grid
        NormalGammaMeanFieldState start = new NormalGammaMeanFieldState(r.parameter("start_mu_mean"), 1 / r.parameter("start_mu_var"),
                r.parameter("start_tau_shape"), r.parameter("start_tau_rate"));
        NormalGammaCoupling fig = NormalGammaCoupling.of(model, start, CaviOptions.defaults(), (int) r.parameter("grid_points"));
        assertArrayEquals(fig.gapTrace(), r.vector("gap_trace"), 0.0);
        assertEquals(fig.run().iterations(), (int) r.number("fig104_iterations"));
        double kl = r.number("kl_converged");
        assertEquals(NormalNormalGammaModel.meanFieldKlAtOptimum(r.parameter("a0") + 0.5 * x.length), kl, 0.0);
        assertTrue(kl > 0);
        double[] gaps = r.vector("gap_trace");
        assertEquals(kl, gaps[gaps.length - 1], 1e-9 * (1 + Math.abs(model.logEvidence())));
        assertEquals(kl, r.number("kl_converged_grid"), 1e-6 * (1 + kl));
        assertTrue(r.number("conditional_sd_ratio") > 1);
    }

    @Test
    void defaultRun() {
        NotebookResults r = NotebookResults.read("B");
        assertEquals(2001, (int) r.parameter("grid_points"));
        assertEquals(5, (int) r.parameter("n"));
        checkAgainstLibrary(r, 1e-10);
    }

    @Test
    void threeGivenPoints() {
        NotebookResults r = NotebookResults.read("B", "b-three-points");
        assertArrayEquals(new double[] {1.2, 0.7, 2.3}, r.parameterVector("data"), 0.0);
        checkAgainstLibrary(r, 1e-10);
    }

    @Test
    void coarseGridAndAShapeBelowOne() {
        NotebookResults r = NotebookResults.read("B", "b-other-prior");
        assertEquals(0.5, r.parameter("a0"), 0.0);
        checkAgainstLibrary(r, 1e-10);
    }

    @Test
    void edgeCasesMatchTheLibrary() {
        // the notebook checks the grid error relative to each density's peak against 1e-6 + 1e-14 |E[log p]|; the quadrature is
        // good to ~1e-12
        for (String c : new String[] {"b-single-observation", "b-fewest-grid-points", "b-many-grid-points", "b-a0-tiny", "b-a0-huge",
                "b-b0-huge", "b-lambda0-huge", "b-small-shape-first-sweep", "b-shape-near-one", "b-start-tiny-shape",
                "b-start-at-prior-many-points"}) {
            checkAgainstLibrary(NotebookResults.read("B", c), 1e-9);
        }
        assertEquals(1, NotebookResults.read("B", "b-single-observation").parameterVector("data").length);
    }
}
