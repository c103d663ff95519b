package org.vworkbook.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.DiagonalNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.divergence.KL;
import org.vworkbook.divergence.MonteCarloKL;

/** W1's results JSON against the library, for the default run and the cases of tests/cases/W1.txt. */
class W1NotebookIT {

    private static void checkAgainstLibrary(NotebookResults r) {
        double[] mu1 = r.parameterVector("mu1");
        double[] var1 = r.parameterVector("var1");
        double[] mu2 = r.parameterVector("mu2");
        double[] var2 = r.parameterVector("var2");
        DiagonalNormal p = DiagonalNormal.ofMeanVariance(mu1, var1);
        DiagonalNormal q = DiagonalNormal.ofMeanVariance(mu2, var2);
        assertEquals(KL.of(p, q), r.number("kl_pq"), 0.0);
        assertEquals(KL.of(q, p), r.number("kl_qp"), 0.0);
        MonteCarloKL.Estimate mc = MonteCarloKL.estimate(p, q, (int) r.parameter("samples"), (long) r.parameter("seed"));
        assertEquals(mc.value(), r.number("kl_pq_mc"), 0.0);
        assertEquals(mc.standardError(), r.number("kl_pq_mc_stderr"), 0.0);
        // Independently: the univariate formula written out here, and Monte Carlo within 4 standard errors.
        double byHand = 0;
        for (int i = 0; i < mu1.length; i++) {
            double ratio = var1[i] / var2[i];
            double d = mu1[i] - mu2[i];
            byHand += 0.5 * (ratio + d * d / var2[i] - 1 - Math.log(ratio));
            assertEquals(KL.of(Normal.ofMeanVariance(mu1[i], var1[i]), Normal.ofMeanVariance(mu2[i], var2[i])),
                    r.vector("kl_pq_per_coordinate")[i], 1e-15);
        }
        assertEquals(byHand, r.number("kl_pq"), 1e-12 * (1 + byHand));
        assertTrue(r.number("kl_pq") >= 0 && r.number("kl_qp") >= 0);
        // 4 normal standard errors, as a Student-t quantile because the standard error is estimated
        double t = new org.apache.commons.math3.distribution.TDistribution(r.parameter("samples") - 1).inverseCumulativeProbability(1 - 3.167e-5);
        assertTrue(Math.abs(r.number("kl_pq_mc") - r.number("kl_pq")) <= t * r.number("kl_pq_mc_stderr") + 1e-12);
    }

    @Test
    void defaultRunMatchesTheLibrary() {
        NotebookResults r = NotebookResults.read("W1");
        checkAgainstLibrary(r);
        assertArrayEquals(new double[] {0.0, 1.0}, r.parameterVector("mu1"), 0.0);
        assertEquals(100000, (int) r.parameter("samples"));
        // 1/2 log 2 + 1/2 (3.5 + log 2) and 1/2 (2 - log 2) + 1/2 (9 - log 2).
        assertEquals(0.5 * Math.log(2) + 0.5 * (3.5 + Math.log(2)), r.number("kl_pq"), 1e-14);
        assertEquals(0.5 * (2 - Math.log(2)) + 0.5 * (9 - Math.log(2)), r.number("kl_qp"), 1e-14);
    }

    @Test
    void equalDistributionsHaveZeroDivergence() {
        NotebookResults r = NotebookResults.read("W1", "w1-equal");
        checkAgainstLibrary(r);
        assertEquals(0.0, r.number("kl_pq"), 0.0);
        assertEquals(0.0, r.number("kl_qp"), 0.0);
        assertEquals(0.0, r.number("kl_pq_mc"), 0.0);
    }

    @Test
    void threeDimensionsOtherSeed() {
        NotebookResults r = NotebookResults.read("W1", "w1-three-dims");
        checkAgainstLibrary(r);
        assertEquals(3, r.vector("kl_pq_per_coordinate").length);
        assertEquals(7, (long) r.parameter("seed"));
    }

    @Test
    void edgeCasesMatchTheLibrary() {
        for (String c : new String[] {"w1-one-dim", "w1-two-samples", "w1-q-narrow", "w1-same-variances"}) {
            checkAgainstLibrary(NotebookResults.read("W1", c));
        }
        NotebookResults same = NotebookResults.read("W1", "w1-same-variances");
        assertEquals(same.number("kl_pq"), same.number("kl_qp"), 1e-14);   // equal variances: the two directions agree
        NotebookResults equal = NotebookResults.read("W1", "w1-equal");
        assertEquals(0.0, equal.number("kl_pq_mc_stderr"), 0.0);
    }
}
