package org.vworkbook.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.GaussianMixture;
import org.vworkbook.divergence.ForwardKL;
import org.vworkbook.divergence.ReverseKL;

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
            // 4 standard errors for a nearly normal sample mean; Chebyshev's 126 (same probability) below 30 draws
            assertEquals(p.mean()[i], r.vector("mu_forward")[i], (samples >= 30 ? 4 : 126) * Math.sqrt(cov[i][i] / samples));
            double h = 1e-4;
            double[] up = r.vector("mu_reverse");
            double[] down = r.vector("mu_reverse");
            up[i] += h;
            down[i] -= h;
            assertEquals(0.0, (ReverseKL.klIsotropic(up, p) - ReverseKL.klIsotropic(down, p)) / (2 * h), 1e-6);
        }
        assertTrue(r.number("kl_reverse") >= -1e-10, "KL >= 0 up to the grid's quadrature error");
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

    @Test
    void oneComponentGivesBothFitsAtItsMean() {
        for (String c : new String[] {"w2-one-component", "w2-one-unit-component"}) {
            NotebookResults r = NotebookResults.read("W2", c);
            checkAgainstLibrary(r);
            assertArrayEquals(r.parameterVector("means"), r.vector("mu_reverse"), 1e-6);
            assertArrayEquals(r.parameterVector("means"), r.vector("mean_p"), 0.0);
        }
        // v = 1: q = N(m, I) is p itself, KL 0 up to quadrature
        assertEquals(0.0, NotebookResults.read("W2", "w2-one-unit-component").number("kl_reverse"), 1e-10);
        // v = 0.4894: KL(N(m, I), N(m, v I)) = (1/v - 1 + log v) in two dimensions
        double v = 0.4894;
        assertEquals(1 / v - 1 + Math.log(v), NotebookResults.read("W2", "w2-one-component").number("kl_reverse"), 1e-9);
    }

    @Test
    void aSymmetricStartStaysAtTheSaddle() {
        NotebookResults r = NotebookResults.read("W2", "w2-symmetric-start");
        checkAgainstLibrary(r);
        assertArrayEquals(new double[] {0, 0}, r.vector("mu_reverse"), 1e-12);
        assertEquals(0, (int) r.number("reverse_iterations"));
    }

    @Test
    void otherMixturesAndSampleSizes() {
        for (String c : new String[] {"w2-three-components", "w2-one-sample", "w2-overlapping"}) {
            checkAgainstLibrary(NotebookResults.read("W2", c));
        }
    }
}
