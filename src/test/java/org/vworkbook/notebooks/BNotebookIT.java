package org.vworkbook.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviResult;
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
    }

    @Test
    void defaultRun() {
        NotebookResults r = NotebookResults.read("B");
        assertEquals(2001, (int) r.parameter("grid_points"));
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
                "b-b0-huge", "b-lambda0-huge", "b-small-shape-first-sweep", "b-shape-near-one"}) {
            checkAgainstLibrary(NotebookResults.read("B", c), 1e-9);
        }
        assertEquals(1, NotebookResults.read("B", "b-single-observation").parameterVector("data").length);
    }
}
