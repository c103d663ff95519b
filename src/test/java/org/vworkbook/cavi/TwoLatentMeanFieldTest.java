package org.vworkbook.cavi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.FoundationAssertions.assertRefused;

import org.junit.jupiter.api.Test;
import org.vworkbook.exact.LinearGaussianModel;

class TwoLatentMeanFieldTest {

    @Test
    void theClosedFormsAgreeWithThePosteriorAndTheRun() {
        for (double[] p : new double[][] {{1.0, 1.5, 1.0, 2.0}, {2.0, -0.7, 0.3, -1.0}, {0.0, 1.2, 0.5, 1.0}}) {
            TwoLatentMeanField w = TwoLatentMeanField.run(p[0], p[1], p[2], p[3], 0.0, 0.0, 1e-12, 1000);
            double rho = w.posterior().correlation(0, 1);
            assertEquals(rho * rho, w.rho2(), 1e-14);
            assertEquals(1 - rho * rho, w.oneMinusRho2(), 1e-14);
            assertEquals(GaussianMeanField.twoFactorKl(rho), w.klMin(), 1e-13);
            assertEquals(w.meanField().klAtOptimum(), w.klMin(), 1e-13);
            // Lambda_12 / Lambda_11 from the joint's precision
            assertEquals(w.model().joint().precision(0, 1) / w.model().joint().precision(0, 0), w.coupling(), 1e-15);
            assertEquals(w.logEvidence(), w.elbo() + w.kl(), 1e-12);
            assertTrue(w.run().converged());
            assertTrue(w.kl() - w.klMin() <= 1e-12);
            assertEquals(w.posterior().covariance(1, 1), w.exactMarginalVariances()[1], 0.0);
        }
    }

    @Test
    void afterAnySweepTheMeansErrorIsTheOneTheLastMovePredicts() {
        for (int maxIter = 1; maxIter <= 6; maxIter++) {
            TwoLatentMeanField w = TwoLatentMeanField.run(1.0, 1.5, 1.0, 2.0, 3.0, -2.0, 0.0, maxIter);
            assertFalse(w.run().converged());
            assertArrayEquals(w.meanError(), w.predictedMeanError(), 1e-12);
            double[] e = w.meanError();
            double quad = 0;
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < 2; k++) {
                    quad += e[i] * w.model().joint().precision(i, k) * e[k];
                }
            }
            assertEquals(w.klMin() + 0.5 * quad, w.kl(), 1e-12);
        }
        TwoLatentMeanField stopped = TwoLatentMeanField.run(1.0, 1.5, 1.0, 2.0, 0.0, 0.0, 1e-6, 1000);
        assertTrue(Math.abs(stopped.meanError()[0]) <= stopped.errorBound()[0] + 1e-12);
        assertTrue(Math.abs(stopped.meanError()[1]) <= stopped.errorBound()[1] + 1e-12);
        assertTrue(stopped.elboScale() >= Math.abs(stopped.elbo()));
        assertEquals(LinearGaussianModel.of(new double[] {1.0, 1.5}, 1.0, 2.0).logEvidence(), stopped.logEvidence(), 0.0);
    }

    @Test
    void hugeThetaAndNoiseVarianceGiveFiniteCorrelationTerms() {
        TwoLatentMeanField huge = TwoLatentMeanField.run(1.9640142768214521, -1.0E8, 1.0E300, 1.0, 2.0, 1.39, 0.47, 20);
        TwoLatentMeanField scaled = TwoLatentMeanField.run(1.9640142768214521e-150, -1.0E-142, 1.0, 1.0, 2.0, 1.39, 0.47, 20);
        assertEquals(scaled.oneMinusRho2(), huge.oneMinusRho2(), 1e-15);
        assertEquals(scaled.rho2(), huge.rho2(), 1e-300);
        TwoLatentMeanField big = TwoLatentMeanField.run(1e150, 2e150, 1e300, 1.0, 0.0, 0.0, 1e-12, 50);
        // u = theta^2 / sigma2 = (1, 4): rho^2 = 4 / (2 * 5), 1 - rho^2 = 6 / (2 * 5)
        assertEquals(0.4, big.rho2(), 1e-15);
        assertEquals(0.6, big.oneMinusRho2(), 1e-15);
    }

    @Test
    void badInputIsRefused() {
        assertRefused(() -> TwoLatentMeanField.run(1, 1, -1, 0, 0, 0, 1e-12, 10), "LinearGaussianModel sigma2", "-1.0");
        assertRefused(() -> new TwoLatentMeanField(null, null, null, 0, 1), "TwoLatentMeanField", "null");
        LinearGaussianModel three = LinearGaussianModel.of(new double[] {1, 1, 1}, 1, 1);
        GaussianMeanField mf = GaussianMeanField.of(three.joint());
        assertRefused(() -> new TwoLatentMeanField(three, mf, mf.run(new double[3], new double[] {1, 1, 1},
                CaviOptions.defaults()), 1e-12, 10), "TwoLatentMeanField model dimension", "3 and 2");
    }
}
