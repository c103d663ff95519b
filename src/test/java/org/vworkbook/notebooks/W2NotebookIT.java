package org.vworkbook.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.GaussianMixture;
import org.vworkbook.ep.ForwardKL;
import org.vworkbook.ep.ReverseKL;

/** W2's results JSON against the library, for the default run and the cases of tests/cases/W2.txt. */
class W2NotebookIT {

    private static GaussianMixture mixture(NotebookResults r) {
        return GaussianMixture.ofIsotropic(r.parameterVector("weights"), r.parameterVector("means"), r.parameterVector("vars"));
    }

    private static void checkAgainstLibrary(NotebookResults r) {
        GaussianMixture p = mixture(r);
        int samples = (int) r.parameter("samples");
        long seed = (long) r.parameter("seed");
        double[] init = r.parameterVector("reverse_init");
        assertArrayEquals(p.mean(), r.vector("mean_p"), 0.0);
        ForwardKL.StochasticFit forward = ForwardKL.isotropicMeanBySgd(ForwardKL.sample(p, samples, seed), 100, init);
        assertArrayEquals(forward.mean(), r.vector("mu_forward"), 0.0);
        ReverseKL.IsotropicFit reverse = ReverseKL.fitIsotropicMean(p, init);
        assertArrayEquals(reverse.mean(), r.vector("mu_reverse"), 0.0);
        assertEquals(reverse.kl(), r.number("kl_reverse"), 0.0);
        // Independently: the forward fit is within 4 Monte Carlo standard errors of the exact mean,
        // and the reverse fit is stationary (finite differences of KL(q || p)) with KL >= 0.
        double[][] cov = p.covariance();
        for (int i = 0; i < 2; i++) {
            assertEquals(p.mean()[i], r.vector("mu_forward")[i], 4 * Math.sqrt(cov[i][i] / samples));
            double h = 1e-4;
            double[] up = r.vector("mu_reverse");
            double[] down = r.vector("mu_reverse");
            up[i] += h;
            down[i] -= h;
            assertEquals(0.0, (ReverseKL.klIsotropic(up, p) - ReverseKL.klIsotropic(down, p)) / (2 * h), 1e-6);
        }
        assertTrue(r.number("kl_reverse") >= 0);
        assertTrue(r.bool("reverse_converged"));
    }

    @Test
    void defaultRunFindsTheLighterComponent() {
        NotebookResults r = NotebookResults.read("W2");
        checkAgainstLibrary(r);
        assertArrayEquals(new double[] {1.5, 0.7}, r.vector("mean_p"), 1e-15);
        assertArrayEquals(new double[] {-2.0, 0.0}, r.vector("mu_reverse"), 0.05);
    }

    @Test
    void startNearTheHeavierComponentFindsIt() {
        NotebookResults r = NotebookResults.read("W2", "w2-start-right");
        checkAgainstLibrary(r);
        assertArrayEquals(new double[] {3.0, 1.0}, r.vector("mu_reverse"), 0.1);
        assertTrue(r.number("kl_reverse") < NotebookResults.read("W2").number("kl_reverse"),
                "the heavier component's fit is the better local minimum");
    }

    @Test
    void fewerSamplesOtherSeed() {
        NotebookResults r = NotebookResults.read("W2", "w2-few-samples");
        checkAgainstLibrary(r);
        assertEquals(5000, (int) r.parameter("samples"));
    }
}
