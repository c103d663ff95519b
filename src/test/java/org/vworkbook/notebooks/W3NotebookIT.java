package org.vworkbook.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.exact.LinearGaussianModel;

/** W3's results JSON against the library, for the default run and the cases of tests/cases/W3.txt. */
class W3NotebookIT {

    private static void checkAgainstLibrary(NotebookResults r) {
        double t1 = r.parameter("theta1");
        double t2 = r.parameter("theta2");
        LinearGaussianModel model = LinearGaussianModel.of(new double[] {t1, t2}, r.parameter("sigma2"), r.parameter("x"));
        MultivariateNormal post = model.posterior();
        assertArrayEquals(post.mean(), r.vector("post_mean"), 0.0);
        double[][] cov = r.matrix("post_cov");
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(post.covariance()[i], cov[i], 0.0);
        }
        assertEquals(post.correlation(0, 1), r.number("post_corr"), 0.0);
        assertEquals(model.logEvidence(), r.number("log_evidence"), 0.0);
        assertEquals(t1 * t2 == 0, r.bool("factorizes"));
        // Sherman-Morrison, within the rounding of inverting Lambda (cond = 1 + |theta|^2 / sigma2)
        double s2 = r.parameter("sigma2");
        double x = r.parameter("x");
        double s = s2 + t1 * t1 + t2 * t2;
        double cond = 1 + (t1 * t1 + t2 * t2) / s2;
        double[] mean = r.vector("post_mean");
        assertEquals(x * t1 / s, mean[0], 1e-13 * cond * (1 + Math.abs(x * t1 / s)));
        assertEquals(x * t2 / s, mean[1], 1e-13 * cond * (1 + Math.abs(x * t2 / s)));
        assertEquals((s2 + t2 * t2) / s, cov[0][0], 1e-13 * cond);
        assertEquals(-t1 * t2 / s, cov[0][1], 1e-13 * cond);
        assertEquals(-0.5 * Math.log(2 * Math.PI * s) - x * x / (2 * s), r.number("log_evidence"), 1e-13 * (1 + x * x / s));
    }

    @Test
    void defaultRunMatchesTheLibrary() {
        NotebookResults r = NotebookResults.read("W3");
        checkAgainstLibrary(r);
        assertFalse(r.bool("factorizes"), "theta = (1, 1.5) gives a correlated posterior");
        // Independent closed form (Sherman-Morrison) at the contract defaults theta = (1, 1.5), x = 2, sigma2 = 1.
        double s = 1 + 1 + 2.25;
        assertArrayEquals(new double[] {2 * 1.0 / s, 2 * 1.5 / s}, r.vector("post_mean"), 1e-14);
        assertEquals(-0.5 * Math.log(2 * Math.PI * s) - 4 / (2 * s), r.number("log_evidence"), 1e-14);
    }

    @Test
    void thetaOneZeroFactorizes() {
        NotebookResults r = NotebookResults.read("W3", "w3-theta1-zero");
        assertEquals(0.0, r.parameter("theta1"));
        assertEquals(-1.0, r.parameter("x"));
        checkAgainstLibrary(r);
        assertTrue(r.bool("factorizes"));
        assertEquals(0.0, r.number("post_corr"), 1e-15);
    }

    @Test
    void edgeCasesMatchTheLibrary() {
        for (String c : new String[] {"w3-theta2-zero", "w3-prior", "w3-x-zero", "w3-positive-correlation", "w3-tiny-noise", "w3-huge-noise", "w3-far-mean"}) {
            checkAgainstLibrary(NotebookResults.read("W3", c));
        }
        NotebookResults prior = NotebookResults.read("W3", "w3-prior");
        assertArrayEquals(new double[] {0, 0}, prior.vector("post_mean"), 0.0);
        assertTrue(NotebookResults.read("W3", "w3-positive-correlation").number("post_corr") > 0);
    }
}
