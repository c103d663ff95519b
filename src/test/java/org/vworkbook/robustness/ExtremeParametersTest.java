package org.vworkbook.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.cavi.NormalGammaCavi;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.divergence.GaussianKL;
import org.vworkbook.exact.LinearGaussianModel;
import org.vworkbook.exact.NormalNormalGammaModel;
import org.vworkbook.regression.BayesianLinearRegression;

/**
 * Extreme but valid parameters (variances 1e-8 and 1e8, N = 10^6) give finite answers that agree
 * with closed forms written independently of the library's route.
 */
class ExtremeParametersTest {

    @ParameterizedTest
    @ValueSource(doubles = {1e-8, 1e8})
    void linearGaussianPosteriorAndMeanFieldAtExtremeNoise(double sigma2) {
        double t1 = 1.0;
        double t2 = 1.5;
        double x = 2.0;
        LinearGaussianModel model = LinearGaussianModel.of(new double[] {t1, t2}, sigma2, x);
        MultivariateNormal post = model.posterior();
        double s = sigma2 + t1 * t1 + t2 * t2; // Sherman-Morrison: mean x theta / s, cov I - theta theta^T / s
        // The library solves Lambda m = h by Cholesky; with sigma2 = 1e-8, Lambda's condition number is
        // about 3e8, so a backward-stable solve is good to about 3e8 * 1e-16 relative: we ask for 1e-6.
        assertEquals(x * t1 / s, post.mean(0), 1e-6 * Math.abs(x * t1 / s) + 1e-15);
        assertEquals(x * t2 / s, post.mean(1), 1e-6 * Math.abs(x * t2 / s) + 1e-15);
        assertEquals(1 - t1 * t1 / s, post.covariance(0, 0), 1e-7 * (1 - t1 * t1 / s) + 1e-15);
        assertEquals(-0.5 * Math.log(2 * Math.PI * s) - x * x / (2 * s), model.logEvidence(), 1e-12);
        assertEquals(model.logEvidence(), model.joint().logEvidence(), 1e-6 * Math.max(1, Math.abs(model.logEvidence())));

        // Started at the exact means, CAVI is at its fixed point after one sweep; the KL there is
        // -1/2 log(1 - rho^2), with 1 - rho^2 = sigma2 s / ((sigma2 + t1^2)(sigma2 + t2^2)) computed without cancellation.
        GaussianMeanField cavi = GaussianMeanField.of(model.joint());
        CaviResult<MeanFieldGaussianState> run = cavi.run(post.mean(), new double[] {1, 1}, new CaviOptions(1e-12, 50));
        assertTrue(run.converged());
        double oneMinusRho2 = sigma2 * s / ((sigma2 + t1 * t1) * (sigma2 + t2 * t2));
        double kl = cavi.klToPosterior(run.state());
        assertTrue(Double.isFinite(kl) && kl >= 0, "KL " + kl);
        assertEquals(-0.5 * Math.log(oneMinusRho2), kl, 1e-6 * Math.max(1, kl));
        assertEquals(model.logEvidence(), run.elbo() + kl, 1e-6 * Math.max(1, Math.abs(model.logEvidence())));
    }

    @Test
    void gaussianKlBetweenVeryNarrowAndVeryWide() {
        Normal narrow = Normal.ofMeanVariance(0.5, 1e-8);
        Normal wide = Normal.ofMeanVariance(-0.5, 1e8);
        // 1/2 [v1/v2 - 1 - log(v1/v2) + (m1 - m2)^2 / v2]
        double expected = 0.5 * (1e-16 - 1 - Math.log(1e-16) + 1.0 / 1e8);
        assertEquals(expected, GaussianKL.between(narrow, wide), 1e-12 * expected);
        double reverse = 0.5 * (1e16 - 1 - Math.log(1e16) + 1.0 / 1e-8);
        assertEquals(reverse, GaussianKL.between(wide, narrow), 1e-12 * reverse);
        assertTrue(Double.isFinite(narrow.logDensity(0.5)) && Double.isFinite(wide.logDensity(1e4)));
    }

    @Test
    void normalGammaWithAMillionPoints() {
        double[] data = NormalNormalGammaModel.generateData(1_000_000, 1.0, 2.0, 1L);
        NormalNormalGammaModel model = NormalNormalGammaModel.of(data, 0.0, 1.0, 1.0, 1.0);
        assertTrue(Double.isFinite(model.logEvidence()));
        assertEquals(1.0, model.posterior().location(), 5e-3);
        assertEquals(2.0, model.posterior().precisionMarginal().mean(), 2e-2);
        NormalGammaCavi cavi = NormalGammaCavi.of(model);
        CaviResult<NormalGammaMeanFieldState> run = cavi.run();
        assertTrue(run.converged());
        assertEquals(model.posterior().location(), run.state().muMean(), 1e-9);
        assertTrue(run.elbo() <= model.logEvidence() + 1e-6, "ELBO above the evidence");
        assertTrue(model.logEvidence() - run.elbo() < 1.0, "with N = 10^6 mean field is nearly exact");
    }

    @Test
    void bayesianLinearRegressionWithAMillionPoints() {
        int n = 1_000_000;
        double[] x = new double[n];
        double[] t = new double[n];
        Well19937c random = new Well19937c(3);
        double beta = 25.0;
        for (int i = 0; i < n; i++) {
            x[i] = 2 * random.nextDouble() - 1;
            t[i] = 0.5 - x[i] + 2 * x[i] * x[i] + random.nextGaussian() / Math.sqrt(beta);
        }
        BayesianLinearRegression blr = BayesianLinearRegression.of(x, t, 2, 2.0, beta);
        double[] mean = blr.posterior().mean();
        assertEquals(0.5, mean[0], 2e-3);
        assertEquals(-1.0, mean[1], 2e-3);
        assertEquals(2.0, mean[2], 5e-3);
        assertTrue(Double.isFinite(blr.logEvidence()));
        double[] oneBlock = blr.fullBlock(new CaviOptions(1e-12, 10)).state().means();
        for (int j = 0; j < 3; j++) {
            assertEquals(mean[j], oneBlock[j], 1e-9);
        }
    }
}
