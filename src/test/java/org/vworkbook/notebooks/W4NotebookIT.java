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
        // The identity and the fixed point, independently of how the notebook computed them. Tolerances:
        // rounding of the ELBO's terms (elboMagnitude) and of inverting Lambda (cond = 1 + |theta|^2 / sigma2).
        double t1 = r.parameter("theta1");
        double t2 = r.parameter("theta2");
        double s2 = r.parameter("sigma2");
        double cond = 1 + (t1 * t1 + t2 * t2) / s2;
        double magnitude = run.path().stream().mapToDouble(cavi::elboMagnitude).max().getAsDouble();
        double klRounding = 1e-13 * cond * (2 + Math.abs(r.number("kl")));
        assertEquals(r.number("log_evidence"), r.number("elbo") + r.number("kl"),
                1e-12 * (1 + Math.abs(r.number("log_evidence"))) + 1e-13 * magnitude + klRounding);
        assertTrue(r.number("kl") >= -klRounding);
        if (r.bool("converged")) {
            // After the stopping sweep |Delta_2| < tol, so |m1 - mu1| < tol |L12 / L11| / (1 - rho^2) and
            // |m2 - mu2| < tol rho^2 / (1 - rho^2).
            double oneMinusRho2 = s2 * (s2 + t1 * t1 + t2 * t2) / ((s2 + t1 * t1) * (s2 + t2 * t2));
            double rounding = 1e-13 * cond * (1 + Math.abs(post.mean(0)) + Math.abs(post.mean(1)));
            double tol = r.parameter("tol");
            assertEquals(post.mean(0), r.number("m1"), tol * Math.abs(t1 * t2 / (s2 + t1 * t1)) / oneMinusRho2 + rounding);
            assertEquals(post.mean(1), r.number("m2"), tol * (1 - oneMinusRho2) / oneMinusRho2 + rounding);
        }
        // Bishop Fig. 10.2: the forward-KL factorised fit has the exact marginal variances; the KL table against the closed
        // forms in rho (independent of the Gaussian KL the notebook uses): each fit's own direction -1/2 log(1 - rho^2), the
        // other rho^2 / (1 - rho^2) + 1/2 log(1 - rho^2).
        assertArrayEquals(r.vector("exact_marginal_var"), r.vector("forward_factorised_var"), 0.0);
        double omr = s2 * (s2 + t1 * t1 + t2 * t2) / ((s2 + t1 * t1) * (s2 + t2 * t2));
        double rho2 = t1 * t1 * t2 * t2 / ((s2 + t1 * t1) * (s2 + t2 * t2));
        double own = -0.5 * Math.log(omr);
        double cross = rho2 / omr + 0.5 * Math.log(omr);
        com.fasterxml.jackson.databind.JsonNode table = r.result("kl_table");
        double ownTol = 1e-13 * cond * (2 + own);
        double crossTol = 1e-13 * cond * (2 + cross + 1 / omr);
        assertEquals(own, table.get("reverse").get("kl_qp").asDouble(), ownTol);
        assertEquals(own, table.get("forward").get("kl_pq").asDouble(), ownTol);
        assertEquals(cross, table.get("reverse").get("kl_pq").asDouble(), crossTol);
        assertEquals(cross, table.get("forward").get("kl_qp").asDouble(), crossTol);
        // q_R minimises KL(q, p) over factorised q, so no CAVI state (converged or not) does better.
        assertTrue(r.number("kl") >= table.get("reverse").get("kl_qp").asDouble() - klRounding - ownTol);
        double[] trace = r.vector("elbo_trace");
        assertEquals(run.iterations() + 1, trace.length);
        for (int i = 1; i < trace.length; i++) {
            assertTrue(trace[i] >= trace[i - 1] - 1e-13 * (1 + magnitude), "ELBO decreased at sweep " + i);
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
        // Sigma = I - theta theta^T / (sigma2 + |theta|^2): marginal variances 1 - 1/4.25 and 1 - 2.25/4.25.
        assertArrayEquals(new double[] {1 - 1 / 4.25, 1 - 2.25 / 4.25}, r.vector("forward_factorised_var"), 1e-15);
        assertTrue(r.result("kl_table").get("reverse").get("kl_pq").asDouble() > r.result("kl_table").get("reverse").get("kl_qp").asDouble());
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
        for (String fit : new String[] {"reverse", "forward"}) {
            assertEquals(0.0, r.result("kl_table").get(fit).get("kl_qp").asDouble(), 1e-15);   // all three Gaussians coincide
            assertEquals(0.0, r.result("kl_table").get(fit).get("kl_pq").asDouble(), 1e-15);
        }
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

    @Test
    void everyEdgeCaseMatchesTheLibrary() {
        for (String c : new String[] {"w4-theta2-zero", "w4-theta-both-zero", "w4-one-sweep", "w4-tol-zero", "w4-x-zero",
                "w4-tiny-noise", "w4-huge-noise", "w4-loose-tol", "w4-strong-coupling"}) {
            checkAgainstLibrary(NotebookResults.read("W4", c));
        }
    }

    @Test
    void aFactorisingPosteriorIsExactAfterOneSweep() {
        for (String c : new String[] {"w4-theta2-zero", "w4-theta-both-zero"}) {
            NotebookResults r = NotebookResults.read("W4", c);
            assertEquals(0.0, r.number("kl"), 1e-15, c);
            assertArrayEquals(r.vector("exact_marginal_var"), new double[] {r.number("s1_sq"), r.number("s2_sq")}, 1e-15);
            assertTrue(r.bool("converged"), c);
        }
        NotebookResults prior = NotebookResults.read("W4", "w4-theta-both-zero");
        assertEquals(1, (int) prior.number("iterations"));   // the start (0, 0) with variances 1 is the prior = posterior
        assertEquals(prior.number("log_evidence"), prior.number("elbo"), 1e-15);
    }

    @Test
    void toleranceZeroRunsEverySweepAndALooseToleranceStopsWithinItsBound() {
        NotebookResults zero = NotebookResults.read("W4", "w4-tol-zero");
        assertEquals(60, (int) zero.number("iterations"));
        assertEquals(false, zero.bool("converged"));
        NotebookResults loose = NotebookResults.read("W4", "w4-loose-tol");
        assertTrue(loose.bool("converged"));
        // The means are visibly off (about 4e-4) and still inside the tol-derived bound (checked above).
        assertTrue(Math.abs(loose.number("m1") - LinearGaussianModel.of(new double[] {2.964, 0.7524}, 1.038, 3.185).posterior().mean(0)) > 1e-5);
    }
}
