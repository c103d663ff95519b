package org.vworkbook.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.divergence.GaussianKL;
import org.vworkbook.exact.GaussianJoint;
import org.vworkbook.exact.LinearGaussianModel;
import org.vworkbook.util.Matrices;

class GaussianMeanFieldTest {
    private static final CaviOptions TIGHT = new CaviOptions(1e-13, 10_000);

    /** The worksheet model of W3/W4/A with its defaults. */
    private static LinearGaussianModel w3() {
        return LinearGaussianModel.of(new double[] {1.0, 1.5}, 1.0, 2.0);
    }

    /** A random SPD precision A A^T + delta I with a random linear term and constant. */
    static GaussianJoint randomJoint(RandomGenerator r, int d) {
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = 4 * r.nextDouble() - 2;
            }
        }
        double delta = 0.1 + 2 * r.nextDouble();
        double[][] lambda = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += a[i][k] * a[j][k];
                }
                lambda[i][j] = s + (i == j ? delta : 0);
            }
        }
        double[] h = new double[d];
        for (int i = 0; i < d; i++) {
            h[i] = 6 * r.nextDouble() - 3;
        }
        return GaussianJoint.of(lambda, h, 4 * r.nextDouble() - 2);
    }

    /** A random Gaussian q with full covariance (for identities that hold for every q). */
    static MultivariateNormal randomGaussian(RandomGenerator r, int d) {
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = 2 * r.nextDouble() - 1;
            }
        }
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    s[i][j] += a[i][k] * a[j][k];
                }
                if (i == j) {
                    s[i][j] += 0.05;
                }
            }
        }
        double[] m = new double[d];
        for (int i = 0; i < d; i++) {
            m[i] = 4 * r.nextDouble() - 2;
        }
        return MultivariateNormal.ofMeanCovariance(m, s);
    }

    @Test
    void singletonBlocksReproduceGaussianMeanFieldStepByStep() {
        RandomGenerator r = new Well19937c(11);
        for (int rep = 0; rep < 20; rep++) {
            int d = 2 + rep % 3;
            GaussianJoint joint = randomJoint(r, d);
            double[] m0 = new double[d];
            double[] v0 = new double[d];
            java.util.Arrays.fill(v0, 1.0);
            CaviOptions options = new CaviOptions(1e-12, 200);
            CaviResult<MeanFieldGaussianState> scalar = GaussianMeanField.of(joint).run(m0, v0, options);
            CaviResult<MeanFieldGaussianState> block = singles(joint).run(m0, v0, options);
            assertEquals(scalar.iterations(), block.iterations());
            for (int t = 0; t < scalar.path().size(); t++) {
                for (int i = 0; i < d; i++) {
                    assertEquals(scalar.path().get(t).mean(i), block.path().get(t).mean(i), 1e-12);
                    assertEquals(scalar.path().get(t).variance(i), block.path().get(t).variance(i), 1e-14);
                }
                assertEquals(scalar.elboTrace()[t], block.elboTrace()[t], 1e-10 * (1 + Math.abs(scalar.elboTrace()[t])));
            }
        }
    }

    @Test
    void logEvidenceEqualsElboPlusKlAlongTheTraceOfW3() {
        LinearGaussianModel model = w3();
        GaussianMeanField mf = GaussianMeanField.of(model.joint());
        CaviResult<MeanFieldGaussianState> run = mf.run(new double[] {0, 0}, new double[] {1, 1}, TIGHT);
        double logEvidence = model.logEvidence(); // from the marginal x ~ N(0, sigma2 + |theta|^2)
        double[] elbo = run.elboTrace();
        for (int t = 0; t < elbo.length; t++) {
            double kl = GaussianKL.between(run.path().get(t).asMultivariate(), model.posterior());
            assertTrue(kl >= -1e-14, "KL must be >= 0, got " + kl);
            assertEquals(logEvidence, elbo[t] + kl, 1e-10, "identity at step " + t);
        }
    }

    @Test
    void logEvidenceEqualsElboPlusKlForRandomGaussiansOnRandomModels() {
        RandomGenerator r = new Well19937c(5);
        for (int rep = 0; rep < 200; rep++) {
            int d = 1 + rep % 4;
            double[] theta = new double[d];
            for (int i = 0; i < d; i++) {
                theta[i] = 4 * r.nextDouble() - 2;
            }
            LinearGaussianModel model = LinearGaussianModel.of(theta, 0.2 + 2 * r.nextDouble(), 6 * r.nextDouble() - 3);
            GaussianMeanField mf = GaussianMeanField.of(model.joint());
            MultivariateNormal q = randomGaussian(r, d);
            double kl = GaussianKL.between(q, model.posterior());
            assertTrue(kl >= 0);
            assertEquals(model.logEvidence(), model.joint().elbo(q) + kl, 1e-10);
            assertEquals(mf.klToPosterior(mf.state(q.mean(), diagonal(q))), model.joint().klToPosterior(diagonalPart(q)), 1e-12);
        }
    }

    @Test
    void logEvidenceEqualsElboPlusKlOnTheColliderModel() {
        ColliderGaussianModel model = ColliderGaussianModel.of(0.5, 0.5, 2.0);
        GaussianMeanField mf = GaussianMeanField.ofBlocks(model.joint(), new int[] {0, 1}, new int[] {2});
        RandomGenerator r = new Well19937c(3);
        for (int rep = 0; rep < 50; rep++) {
            MultivariateNormal q = randomGaussian(r, 3);
            assertEquals(model.logEvidence(), model.joint().elbo(q) + GaussianKL.between(q, model.posterior()), 1e-10);
        }
        CaviResult<MeanFieldGaussianState> run = mf.run(new double[3], model.priorVariances(), TIGHT);
        for (MeanFieldGaussianState q : run.path()) {
            assertEquals(model.logEvidence(), mf.elbo(q) + mf.klToPosterior(q), 1e-10);
        }
    }

    @Test
    void elboMatchesMonteCarloForABlockState() {
        ColliderGaussianModel model = ColliderGaussianModel.of(0.7, 0.4, 1.3);
        GaussianMeanField mf = GaussianMeanField.ofBlocks(model.joint(), new int[] {0, 2}, new int[] {1});
        MeanFieldGaussianState q = mf.sweep(mf.state(new double[] {0.3, -0.2, 0.5}, new double[] {1, 1, 2}));
        MultivariateNormal qq = q.asMultivariate();
        RandomGenerator r = new Well19937c(42);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        for (int s = 0; s < n; s++) {
            double[] z = qq.sample(r);
            // log p(x, z) term by term from the model's definition, minus log q
            double v = model.logJoint(z[0], z[1], z[2]) - qq.logDensity(z);
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / n;
        double stderr = Math.sqrt((sumSq / n - mean * mean) / n);
        assertEquals(mf.elbo(q), mean, 5 * stderr);
    }

    @Test
    void klAtTheOptimumHasItsClosedForms() {
        LinearGaussianModel model = w3();
        GaussianMeanField mf = GaussianMeanField.of(model.joint());
        CaviResult<MeanFieldGaussianState> run = mf.run(new double[] {0, 0}, new double[] {1, 1}, TIGHT);
        assertTrue(run.converged());
        double rho = model.posterior().correlation(0, 1);
        double klCavi = mf.klToPosterior(run.state());
        assertEquals(GaussianMeanField.twoFactorKl(rho), klCavi, 1e-10);
        assertEquals(mf.klAtOptimum(), klCavi, 1e-10);
        assertEquals(mf.klAtOptimum(), mf.klToPosterior(mf.optimum()), 1e-12);
        // the fixed point's means are the exact posterior means
        assertEquals(model.posterior().mean(0), run.state().mean(0), 1e-11);
        assertEquals(model.posterior().mean(1), run.state().mean(1), 1e-11);
        // and the variances 1 / Lambda_jj are smaller than the exact marginal variances (mean-field under-disperses)
        assertTrue(run.state().variance(0) < model.posterior().covariance(0, 0));
    }

    @Test
    void klAtTheOptimumOfTwoBlocksIsTheirMutualInformation() {
        RandomGenerator r = new Well19937c(9);
        for (int rep = 0; rep < 20; rep++) {
            GaussianJoint joint = randomJoint(r, 4);
            GaussianMeanField mf = GaussianMeanField.ofBlocks(joint, new int[] {0, 2}, new int[] {1, 3});
            double[][] s = joint.posterior().covariance();
            double logDetA = logDet(new double[][] {{s[0][0], s[0][2]}, {s[2][0], s[2][2]}});
            double logDetB = logDet(new double[][] {{s[1][1], s[1][3]}, {s[3][1], s[3][3]}});
            double mutualInformation = 0.5 * (logDetA + logDetB - joint.posterior().logDetCovariance());
            assertEquals(mutualInformation, mf.klAtOptimum(), 1e-9);
            CaviResult<MeanFieldGaussianState> run = mf.run(new double[4], new double[] {1, 1, 1, 1}, TIGHT);
            assertEquals(mf.klAtOptimum(), mf.klToPosterior(run.state()), 1e-8);
        }
    }

    private static double logDet(double[][] a) {
        return Matrices.logDeterminant(Matrices.cholesky("test", "a", a));
    }

    @Test
    void oneBlockIsExactAfterOneSweep() {
        ColliderGaussianModel model = ColliderGaussianModel.of(0.5, 0.5, 2.0);
        GaussianMeanField mf = GaussianMeanField.ofBlocks(model.joint(), new int[] {0, 1, 2});
        MeanFieldGaussianState q = mf.sweep(mf.state(new double[3], model.priorVariances()));
        assertEquals(0.0, mf.klToPosterior(q), 1e-12);
        assertEquals(0.0, mf.klAtOptimum(), 1e-12);
        assertEquals(model.logEvidence(), mf.elbo(q), 1e-10);
        assertTrue(mf.posteriorFactorizes(0.0));
    }

    @Test
    void qStarEqualsThePosteriorExactlyWhenItFactorisesOverTheBlocks() {
        // theta = (1, 1.5, 0): z3 is independent of (z1, z2) in the posterior, z1 and z2 are not.
        LinearGaussianModel model = LinearGaussianModel.of(new double[] {1.0, 1.5, 0.0}, 1.0, 2.0);
        GaussianMeanField pairAndSingle = GaussianMeanField.ofBlocks(model.joint(), new int[] {0, 1}, new int[] {2});
        GaussianMeanField singles = GaussianMeanField.of(model.joint());
        assertTrue(pairAndSingle.posteriorFactorizes(0.0));
        assertFalse(singles.posteriorFactorizes(0.0));
        double[] v = {1, 1, 1};
        assertEquals(0.0, pairAndSingle.klToPosterior(pairAndSingle.run(new double[3], v, TIGHT).state()), 1e-12);
        assertTrue(singles.klToPosterior(singles.run(new double[3], v, TIGHT).state()) > 0.1);
        // orthogonal theta: the posterior factorises fully, so plain mean-field is exact
        LinearGaussianModel orth = LinearGaussianModel.of(new double[] {1.0, 0.0}, 1.0, 2.0);
        GaussianMeanField mf = GaussianMeanField.of(orth.joint());
        assertTrue(mf.posteriorFactorizes(0.0));
        assertEquals(0.0, mf.klAtOptimum(), 1e-15);
    }

    @Test
    void twoFactorKlIsZeroAtZeroAndGrowsWithRho() {
        assertEquals(0.0, GaussianMeanField.twoFactorKl(0.0), 0.0);
        assertEquals(-0.5 * Math.log(0.75), GaussianMeanField.twoFactorKl(0.5), 1e-15);
        assertEquals(GaussianMeanField.twoFactorKl(0.9), GaussianMeanField.twoFactorKl(-0.9), 0.0);
        assertTrue(GaussianMeanField.twoFactorKl(0.99) > GaussianMeanField.twoFactorKl(0.9));
    }

    @Test
    void aTinyNoiseVarianceRunsWithoutAFalseElboDecreaseAndTheMagnitudeBoundsTheRounding() {
        for (double sigma2 : new double[] {1e-10, 1e-6}) {
            org.vworkbook.exact.LinearGaussianModel model =
                    org.vworkbook.exact.LinearGaussianModel.of(new double[] {3.0, 0.01}, sigma2, 2.0);
            GaussianMeanField f = singles(model.joint());
            CaviResult<MeanFieldGaussianState> r = f.run(new double[2], new double[] {1, 1}, CaviOptions.defaults());
            double magnitude = f.elboMagnitude(r.state());
            assertTrue(magnitude >= Math.abs(r.elbo()));
            assertEquals(magnitude, model.joint().elboMagnitude(r.state().asMultivariate()), 1e-12 * magnitude);
            assertEquals(model.logEvidence(), r.elbo() + f.klToPosterior(r.state()), 1e-9 + Cavi.ROUNDING_SLACK * magnitude);
        }
    }

    @Test
    void badInputsAreRefusedWithMessages() {
        GaussianJoint joint = w3().joint();
        assertMessage("GaussianMeanField joint must not be null",
                () -> GaussianMeanField.ofBlocks(null, new int[] {0}, new int[] {1}));
        assertMessage("GaussianMeanField blocks must not be empty", () -> GaussianMeanField.ofBlocks(joint));
        assertMessage("GaussianMeanField block 1 must not be empty",
                () -> GaussianMeanField.ofBlocks(joint, new int[] {0, 1}, new int[] {}));
        assertMessage("GaussianMeanField block 1 coordinates must be in 0..1, got 2",
                () -> GaussianMeanField.ofBlocks(joint, new int[] {0}, new int[] {2}));
        assertMessage("GaussianMeanField blocks must contain every coordinate 0..1 exactly once, coordinate 0 appears 2 times",
                () -> GaussianMeanField.ofBlocks(joint, new int[] {0, 1}, new int[] {0}));
        assertMessage("GaussianMeanField blocks must contain every coordinate 0..1 exactly once, coordinate 1 appears 0 times",
                () -> GaussianMeanField.ofBlocks(joint, new int[] {0}));
        GaussianMeanField mf = singles(joint);
        assertMessage("GaussianMeanField means and model dimension must have the same length, got 3 and 2",
                () -> mf.state(new double[3], new double[] {1, 1, 1}));
        assertMessage("GaussianMeanField variances[1] must be > 0, got -1.0",
                () -> mf.state(new double[2], new double[] {1, -1}));
        assertMessage("GaussianMeanField means[0] must be finite, got NaN",
                () -> mf.state(new double[] {Double.NaN, 0}, new double[] {1, 1}));
        assertMessage("GaussianMeanField rho must be in (-1, 1), got 1.0", () -> GaussianMeanField.twoFactorKl(1.0));
        assertMessage("GaussianMeanField tolerance must be finite and >= 0, got -1.0", () -> mf.posteriorFactorizes(-1));
    }

    private static double[] diagonal(MultivariateNormal q) {
        double[] v = new double[q.dimension()];
        for (int i = 0; i < v.length; i++) {
            v[i] = q.covariance(i, i);
        }
        return v;
    }

    private static MultivariateNormal diagonalPart(MultivariateNormal q) {
        return MultivariateNormal.ofMeanDiagonalVariance(q.mean(), diagonal(q));
    }

    @Test
    void oneBlockFromThePriorReachesTheExactPosteriorBitForBitInOneSweep() {
        LinearGaussianModel model = LinearGaussianModel.of(new double[] {0.5, -1.2, 2.0}, 0.8, -0.7);
        GaussianMeanField exact = GaussianMeanField.exact(model.joint());
        assertEquals(1, exact.blockCount());
        CaviResult<MeanFieldGaussianState> run = exact.run(new double[3], new double[] {2, 2, 2}, TIGHT);
        MultivariateNormal q = run.path().get(1).asMultivariate();
        MultivariateNormal post = model.posterior();
        for (int i = 0; i < 3; i++) {
            assertEquals(post.mean(i), q.mean(i), 0.0);
            for (int j = 0; j < 3; j++) {
                assertEquals(post.covariance(i, j), q.covariance(i, j), 0.0);
            }
        }
        assertEquals(model.joint().elbo(post), run.elboTrace()[1], 0.0);
        assertEquals(model.logEvidence(), run.elboTrace()[1], 1e-12);
        assertEquals(0.0, exact.klAtOptimum(), 1e-12);
        assertTrue(run.converged());
        assertTrue(run.iterations() <= 2);
    }

    @Test
    void theScalarAndTheBlockRouteShareKlAtOptimumAndAgreeOnTheOptimum() {
        RandomGenerator r = new Well19937c(21);
        for (int rep = 0; rep < 10; rep++) {
            GaussianJoint joint = randomJoint(r, 3);
            GaussianMeanField scalar = GaussianMeanField.of(joint);
            GaussianMeanField blocks = singles(joint);
            assertTrue(scalar.fullyFactorised());
            assertTrue(blocks.fullyFactorised());
            assertEquals(scalar.klAtOptimum(), blocks.klAtOptimum(), 0.0);
            for (int i = 0; i < 3; i++) {
                assertEquals(scalar.optimum().mean(i), blocks.optimum().mean(i), 0.0);
                assertEquals(scalar.optimum().variance(i), blocks.optimum().variance(i), 1e-15 * scalar.optimum().variance(i));
                assertEquals(scalar.optimalVariances()[i], blocks.optimalVariances()[i], 1e-15 * scalar.optimalVariances()[i]);
            }
            assertEquals(scalar.elbo(scalar.optimum()), blocks.elbo(blocks.optimum()), 1e-12 * (1 + scalar.elboMagnitude(scalar.optimum())));
        }
    }

    @Test
    void aBlockStateExposesItsBlocksItsCoordinatesAndOneGaussian() {
        ColliderGaussianModel model = ColliderGaussianModel.of(0.7, 0.4, 1.3);
        GaussianMeanField mf = GaussianMeanField.ofBlocks(model.joint(), new int[] {0, 2}, new int[] {1});
        assertFalse(mf.fullyFactorised());
        MeanFieldGaussianState q = mf.sweep(mf.state(new double[] {0.3, -0.2, 0.5}, new double[] {1, 1, 2}));
        assertFalse(q.fullyFactorised());
        assertEquals(2, q.blockCount());
        assertEquals(java.util.List.of(0, 2), java.util.Arrays.stream(q.block(0)).boxed().toList());
        double[][] s0 = q.covariance(0);
        double[][] full = q.fullCovariance();
        assertEquals(s0[0][1], full[0][2], 0.0);
        assertEquals(0.0, full[0][1], 0.0);
        assertEquals(s0[1][1], q.variance(2), 0.0);
        assertEquals(q.variance(1), q.factor(1).variance(), 0.0);
        assertEquals(q.mean(2), q.blockFactor(0).mean(1), 0.0);
        assertEquals(full[2][0], q.asMultivariate().covariance(2, 0), 0.0);
        // the block covariances are Lambda_kk^-1, and the state is a copy-out value
        double[][] lkk = {{model.joint().precision(0, 0), model.joint().precision(0, 2)},
                {model.joint().precision(2, 0), model.joint().precision(2, 2)}};
        assertEquals(1.0, lkk[0][0] * s0[0][0] + lkk[0][1] * s0[1][0], 1e-14);
        assertEquals(0.0, lkk[0][0] * s0[0][1] + lkk[0][1] * s0[1][1], 1e-14);
        q.covariance(0)[0][0] = 99;
        assertEquals(s0[0][0], q.covariance(0)[0][0], 0.0);
        assertEquals(q, mf.sweep(mf.state(new double[] {0.3, -0.2, 0.5}, new double[] {1, 1, 2})));
        // a fully factorised state has singleton blocks
        MeanFieldGaussianState d = new MeanFieldGaussianState(new double[] {1, 2}, new double[] {3, 4});
        assertTrue(d.fullyFactorised());
        assertEquals(2, d.blockCount());
        assertEquals(4.0, d.covariance(1)[0][0], 0.0);
        assertEquals(1, d.block(1)[0]);
    }

    /** Singleton blocks through the block route (a 1 x 1 Cholesky solve per coordinate). */
    static GaussianMeanField singles(GaussianJoint joint) {
        int[][] blocks = new int[joint.dimension()][];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new int[] {i};
        }
        return GaussianMeanField.ofBlocks(joint, blocks);
    }

    static void assertMessage(String expectedStart, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(expectedStart), "message was: " + e.getMessage());
    }
}
