package org.vworkbook.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.exact.LinearGaussianModel;

/** W4's results JSON against the library, for the default run and the cases of tests/cases/W4.txt. */
class W4NotebookIT {

    private static void checkAgainstLibrary(NotebookResults r) {
        LinearGaussianModel model = LinearGaussianModel.of(
                new double[] {r.parameter("theta1"), r.parameter("theta2")}, r.parameter("sigma2"), r.parameter("x"));
        GaussianMeanField cavi = GaussianMeanField.of(model.joint());
        CaviResult<MeanFieldGaussianState> run = cavi.run(
                new double[] {r.parameter("m1_init"), r.parameter("m2_init")}, new double[] {1, 1},
                new CaviOptions(r.parameter("tol"), (int) r.parameter("max_iter")));
        MeanFieldGaussianState q = run.state();
        assertEquals(q.mean(0), r.number("m1"), 0.0);
        assertEquals(q.mean(1), r.number("m2"), 0.0);
        assertEquals(q.variance(0), r.number("s1_sq"), 0.0);
        assertEquals(q.variance(1), r.number("s2_sq"), 0.0);
        assertEquals(run.iterations(), (int) r.number("iterations"));
        assertEquals(run.elbo(), r.number("elbo"), 0.0);
        assertEquals(model.logEvidence(), r.number("log_evidence"), 0.0);
        assertEquals(cavi.klToPosterior(q), r.number("kl"), 0.0);
        MultivariateNormal post = model.posterior();
        assertArrayEquals(new double[] {post.covariance(0, 0), post.covariance(1, 1)}, r.vector("exact_marginal_var"), 0.0);
        // The identity and the fixed point, independently of how the notebook computed them.
        assertEquals(r.number("log_evidence"), r.number("elbo") + r.number("kl"), 1e-10);
        assertTrue(r.number("kl") >= -1e-12);
        if (r.bool("converged")) {
            assertArrayEquals(post.mean(), new double[] {r.number("m1"), r.number("m2")}, 1e-9);
        }
        double[] trace = r.vector("elbo_trace");
        assertEquals(run.iterations() + 1, trace.length);
        for (int i = 1; i < trace.length; i++) {
            assertTrue(trace[i] >= trace[i - 1] - 1e-12, "ELBO decreased at sweep " + i);
        }
    }

    @Test
    void defaultRunMatchesTheLibrary() {
        NotebookResults r = NotebookResults.read("W4");
        checkAgainstLibrary(r);
        assertTrue(r.bool("converged"));
        // rho^2 = theta1^2 theta2^2 / ((sigma2 + theta1^2)(sigma2 + theta2^2)) = 2.25 / 6.5 at the defaults.
        assertEquals(-0.5 * Math.log(1 - 2.25 / 6.5), r.number("kl"), 1e-10);
        assertEquals(0.5, r.number("s1_sq"), 1e-15);
        assertEquals(1 / 3.25, r.number("s2_sq"), 1e-15);
    }

    @Test
    void thetaOneZeroIsExact() {
        // ./workbook run W4 -p theta1=0 -p x=-1: the posterior factorises, so mean field is exact.
        NotebookResults r = NotebookResults.read("W4", "w4-theta1-zero");
        checkAgainstLibrary(r);
        assertEquals(0.0, r.number("kl"), 1e-12);
        assertArrayEquals(r.vector("exact_marginal_var"), new double[] {r.number("s1_sq"), r.number("s2_sq")}, 1e-15);
        assertEquals(0.0, r.number("m1"), 0.0);
        assertEquals(-1.5 / 3.25, r.number("m2"), 1e-15);
    }

    @Test
    void farStartAndSmallNoiseReachTheSameFixedPoint() {
        NotebookResults r = NotebookResults.read("W4", "w4-far-start");
        checkAgainstLibrary(r);
        assertEquals(5.0, r.parameter("m1_init"));
        assertTrue(r.bool("converged"));
    }

    @Test
    void iterationLimitIsReportedAsNotConverged() {
        NotebookResults r = NotebookResults.read("W4", "w4-two-sweeps");
        checkAgainstLibrary(r);
        assertEquals(2, (int) r.number("iterations"));
        assertEquals(false, r.bool("converged"));
        assertTrue(r.number("kl") > -0.5 * Math.log(1 - 2.25 / 6.5), "two sweeps have not reached the optimum");
    }
}
