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

    private static void checkAgainstLibrary(NotebookResults r, double tolerance) {
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

        // The grid check, recomputed: first and last sweep, both factors.
        NormalGammaGridUpdate grid = NormalGammaGridUpdate.of(model, (int) r.parameter("grid_points"));
        List<NormalGammaMeanFieldState> path = run.path();
        double worst = 0;
        for (NormalGammaMeanFieldState before : List.of(path.get(0), path.get(path.size() - 2))) {
            worst = Math.max(worst, grid.muUpdate(before).maxAbsError());
            worst = Math.max(worst, grid.tauUpdate(cavi.updateMu(before)).maxAbsError());
        }
        assertEquals(worst, r.number("max_abs_density_error"), 0.0);
        assertTrue(r.number("max_abs_density_error") < tolerance, "grid vs closed form " + r.number("max_abs_density_error"));
    }

    @Test
    void defaultRun() {
        NotebookResults r = NotebookResults.read("B");
        assertEquals(2001, (int) r.parameter("grid_points"));
        checkAgainstLibrary(r, 1e-9);
    }

    @Test
    void threeGivenPoints() {
        NotebookResults r = NotebookResults.read("B", "b-three-points");
        assertArrayEquals(new double[] {1.2, 0.7, 2.3}, r.parameterVector("data"), 0.0);
        // 1001 points over the wide q*(tau) of three points: Simpson's normalisation error is about 4e-8 here.
        checkAgainstLibrary(r, 1e-6);
    }

    @Test
    void coarseGridAndAShapeBelowOne() {
        NotebookResults r = NotebookResults.read("B", "b-other-prior");
        assertEquals(0.5, r.parameter("a0"), 0.0);
        checkAgainstLibrary(r, 1e-6);
    }
    @Test
    void edgeCasesMatchTheLibrary() {
        // the notebook checks the grid error relative to each density's peak (1e-6); here the recomputation must agree exactly,
        // and the absolute error is bounded loosely because a peaked q(tau) (a0 = 1000) has a large peak density
        for (String c : new String[] {"b-single-observation", "b-fewest-grid-points", "b-many-grid-points", "b-a0-tiny", "b-a0-huge",
                "b-b0-huge", "b-lambda0-huge"}) {
            checkAgainstLibrary(NotebookResults.read("B", c), 1e-3);
        }
        assertEquals(1, NotebookResults.read("B", "b-single-observation").parameterVector("data").length);
    }
}
