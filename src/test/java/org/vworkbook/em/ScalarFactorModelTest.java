package org.vworkbook.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.divergence.GaussianKL;
import org.vworkbook.exact.LinearGaussianModel;

/** Every closed form of {@link ScalarFactorModel} against a per-point computation that does not share its code. */
class ScalarFactorModelTest {
    private static final double[] THETA = {1.2, -0.7};
    private static final double SIGMA2 = 0.8;

    private static double[] smallData() {
        return ScalarFactorModel.generate(new double[] {1.5, 1.0}, 7, 1.0, new Well19937c(11L));
    }

    @Test
    void logLikelihoodIsTheSumOfPerPointEvidences() {
        double[] x = smallData();
        ScalarFactorModel model = ScalarFactorModel.of(x, 2, SIGMA2);
        double sum = 0;
        for (double xn : x) {
            sum += LinearGaussianModel.of(THETA, SIGMA2, xn).logEvidence();
        }
        assertEquals(sum, model.logLikelihood(THETA), 1e-12);
    }

    @Test
    void exactEStepIsThePerPointPosterior() {
        double[] x = smallData();
        ScalarFactorModel model = ScalarFactorModel.of(x, 2, SIGMA2);
        LatentPosteriors q = model.exactEStep(THETA);
        for (double xn : x) {
            // the posterior from completing the square with a Cholesky solve (GaussianJoint), not Sherman-Morrison
            MultivariateNormal post = LinearGaussianModel.of(THETA, SIGMA2, xn).posterior();
            MultivariateNormal mine = q.forObservation(xn);
            for (int i = 0; i < 2; i++) {
                assertEquals(post.mean(i), mine.mean(i), 1e-12);
                for (int j = 0; j < 2; j++) {
                    assertEquals(post.covariance(i, j), mine.covariance(i, j), 1e-12);
                }
            }
        }
    }

    @Test
    void meanFieldEStepIsTheFixedPointCaviReaches() {
        double[] x = smallData();
        ScalarFactorModel model = ScalarFactorModel.of(x, 2, SIGMA2);
        LatentPosteriors q = model.meanFieldEStep(THETA);
        for (double xn : x) {
            GaussianMeanField mf = GaussianMeanField.of(LinearGaussianModel.of(THETA, SIGMA2, xn).joint());
            CaviResult<MeanFieldGaussianState> run = mf.run(new double[] {0, 0}, new double[] {1, 1},
                    new CaviOptions(1e-14, 10_000));
            assertTrue(run.converged());
            MultivariateNormal mine = q.forObservation(xn);
            for (int i = 0; i < 2; i++) {
                assertEquals(run.state().mean(i), mine.mean(i), 1e-12);
                assertEquals(run.state().variance(i), mine.covariance(i, i), 1e-14);
            }
            assertEquals(0.0, mine.covariance(0, 1), 0.0);
        }
    }

    @Test
    void elboOfTheMeanFieldStepIsTheSumOfPerPointMeanFieldElbos() {
        double[] x = smallData();
        ScalarFactorModel model = ScalarFactorModel.of(x, 2, SIGMA2);
        LatentPosteriors q = model.meanFieldEStep(THETA);
        double sum = 0;
        for (double xn : x) {
            GaussianMeanField mf = GaussianMeanField.of(LinearGaussianModel.of(THETA, SIGMA2, xn).joint());
            MultivariateNormal qn = q.forObservation(xn);
            sum += mf.elbo(new MeanFieldGaussianState(qn.mean(),
                    new double[] {qn.covariance(0, 0), qn.covariance(1, 1)}));
        }
        assertEquals(sum, model.elbo(THETA, q), 1e-10);
    }

    @Test
    void elboMatchesMonteCarloForAFullCovarianceQ() {
        double[] x = smallData();
        ScalarFactorModel model = ScalarFactorModel.of(x, 2, SIGMA2);
        // an arbitrary q, neither E-step's: gain and covariance chosen by hand
        LatentPosteriors q = new LatentPosteriors(EStep.EXACT, new double[] {0.3, -0.5},
                new double[][] {{0.6, 0.2}, {0.2, 0.9}});
        RandomGenerator random = new Well19937c(5L);
        MultivariateNormal[] qs = new MultivariateNormal[x.length];
        LinearGaussianModel[] ps = new LinearGaussianModel[x.length];
        for (int n = 0; n < x.length; n++) {
            qs[n] = q.forObservation(x[n]);
            ps[n] = LinearGaussianModel.of(THETA, SIGMA2, x[n]);
        }
        int draws = 100_000;
        double sum = 0;
        double sumSq = 0;
        for (int s = 0; s < draws; s++) {
            double total = 0;
            for (int n = 0; n < x.length; n++) {
                double[] z = qs[n].sample(random);
                total += ps[n].logJoint(z) - qs[n].logDensity(z);
            }
            sum += total;
            sumSq += total * total;
        }
        double mean = sum / draws;
        double stderr = Math.sqrt((sumSq / draws - mean * mean) / draws);
        assertEquals(mean, model.elbo(THETA, q), 5 * stderr);
    }

    @Test
    void klIsTheSumOfPerPointGaussianKlsAndCompletesTheIdentity() {
        double[] x = smallData();
        ScalarFactorModel model = ScalarFactorModel.of(x, 2, SIGMA2);
        LatentPosteriors arbitrary = new LatentPosteriors(EStep.MEAN_FIELD, new double[] {0.3, -0.5},
                new double[][] {{0.6, 0.0}, {0.0, 0.9}});
        for (LatentPosteriors q : new LatentPosteriors[] {model.exactEStep(THETA), model.meanFieldEStep(THETA), arbitrary}) {
            double sum = 0;
            for (double xn : x) {
                sum += GaussianKL.between(q.forObservation(xn), LinearGaussianModel.of(THETA, SIGMA2, xn).posterior());
            }
            assertEquals(sum, model.klToPosterior(THETA, q), 1e-11);
            assertTrue(model.klToPosterior(THETA, q) >= -1e-12);
            // log p(X | theta) = ELBO + KL
            assertEquals(model.logLikelihood(THETA), model.elbo(THETA, q) + model.klToPosterior(THETA, q), 1e-10);
        }
        assertEquals(0.0, model.klToPosterior(THETA, model.exactEStep(THETA)), 1e-12);
    }

    @Test
    void meanFieldKlHasTheTwoDimensionalClosedForm() {
        // per point KL = 1/2 log(Lambda11 Lambda22 / |Lambda|), the same for every x_n
        double[] x = smallData();
        ScalarFactorModel model = ScalarFactorModel.of(x, 2, SIGMA2);
        double a = SIGMA2 + THETA[0] * THETA[0];
        double b = SIGMA2 + THETA[1] * THETA[1];
        double c = SIGMA2 + THETA[0] * THETA[0] + THETA[1] * THETA[1];
        double expected = x.length * 0.5 * Math.log(a * b / (SIGMA2 * c));
        assertEquals(expected, model.klToPosterior(THETA, model.meanFieldEStep(THETA)), 1e-12);
        assertEquals(0.0, model.klToPosterior(new double[] {1.3, 0.0}, model.meanFieldEStep(new double[] {1.3, 0.0})), 1e-13);
    }

    @Test
    void mStepMaximisesTheElboInTheta() {
        ScalarFactorModel model = ScalarFactorModel.of(smallData(), 2, SIGMA2);
        for (EStep kind : EStep.values()) {
            LatentPosteriors q = model.eStep(THETA, kind);
            double[] best = model.mStep(q);
            double top = model.elbo(best, q);
            double h = 1e-5;
            for (int j = 0; j < 2; j++) {
                double[] up = best.clone();
                up[j] += h;
                double[] down = best.clone();
                down[j] -= h;
                assertEquals(0.0, (model.elbo(up, q) - model.elbo(down, q)) / (2 * h), 1e-5);
                assertTrue(model.elbo(up, q) < top && model.elbo(down, q) < top);
            }
        }
    }

    @Test
    void maximumLikelihoodNormIsTheStationaryPointOfTheLikelihood() {
        ScalarFactorModel model = ScalarFactorModel.of(smallData(), 2, 1.0);
        double r2 = model.maximumLikelihoodNormSquared();
        assertTrue(r2 > 0);
        double h = 1e-4;
        double l = model.logLikelihood(new double[] {Math.sqrt(r2), 0});
        assertTrue(l > model.logLikelihood(new double[] {Math.sqrt(r2 + h), 0}));
        assertTrue(l > model.logLikelihood(new double[] {Math.sqrt(r2 - h), 0}));
        // every direction with the same norm is as good: only |theta| is identified
        double angle = 0.7;
        assertEquals(l, model.logLikelihood(new double[] {Math.sqrt(r2) * Math.cos(angle), Math.sqrt(r2) * Math.sin(angle)}), 1e-9);
        // data with S/N <= sigma2: the maximum is at theta = 0
        assertEquals(0.0, ScalarFactorModel.of(new double[] {0.1, -0.2}, 2, 1.0).maximumLikelihoodNormSquared(), 0.0);
    }

    @Test
    void generatedDataHaveTheMarginalVariance() {
        double[] a = ScalarFactorModel.generate(new double[] {1.5, 1.0}, 20_000, 1.0, new Well19937c(1L));
        double[] b = ScalarFactorModel.generate(new double[] {1.5, 1.0}, 20_000, 1.0, new Well19937c(1L));
        assertEquals(a[123], b[123], 0.0);
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        // Var x = 1 + 1.5^2 + 1 = 4.25; the standard error of the mean of x^2 is about 4.25 sqrt(2 / 20000)
        assertEquals(4.25, s / a.length, 5 * 4.25 * Math.sqrt(2.0 / 20_000));
    }

    @Test
    void refusesBadInput() {
        assertEquals("ScalarFactorModel data must not be empty",
                assertThrows(IllegalArgumentException.class, () -> ScalarFactorModel.of(new double[0], 2, 1.0)).getMessage());
        assertEquals("ScalarFactorModel data[1] must be finite, got NaN (in [1.0, NaN])",
                assertThrows(IllegalArgumentException.class,
                        () -> ScalarFactorModel.of(new double[] {1.0, Double.NaN}, 2, 1.0)).getMessage());
        assertEquals("ScalarFactorModel noiseVariance must be finite and > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> ScalarFactorModel.of(new double[] {1.0}, 2, 0.0)).getMessage());
        assertEquals("ScalarFactorModel latentDimension must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> ScalarFactorModel.of(new double[] {1.0}, 0, 1.0)).getMessage());
        ScalarFactorModel model = ScalarFactorModel.of(new double[] {1.0}, 2, 1.0);
        assertEquals("ScalarFactorModel theta and latent dimension must have the same length, got 3 and 2",
                assertThrows(IllegalArgumentException.class, () -> model.logLikelihood(new double[] {1, 2, 3})).getMessage());
        assertEquals("ScalarFactorModel n must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> ScalarFactorModel.generate(new double[] {1, 1}, 0, 1.0, new Well19937c(1L))).getMessage());
        assertEquals("LatentPosteriors covariance must be symmetric, got [0][1] = 0.5 but [1][0] = 0.0",
                assertThrows(IllegalArgumentException.class, () -> new LatentPosteriors(EStep.EXACT,
                        new double[] {0, 0}, new double[][] {{1, 0.5}, {0, 1}})).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LatentPosteriors(EStep.EXACT,
                new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}})).getMessage()
                .startsWith("LatentPosteriors covariance must be positive definite"));
    }
}
