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

class BlockGaussianMeanFieldTest {
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
            CaviResult<BlockGaussianState> block = BlockGaussianMeanField.singletons(joint).run(m0, v0, options);
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
        BlockGaussianMeanField mf = BlockGaussianMeanField.singletons(model.joint());
        CaviResult<BlockGaussianState> run = mf.run(new double[] {0, 0}, new double[] {1, 1}, TIGHT);
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
            BlockGaussianMeanField mf = BlockGaussianMeanField.singletons(model.joint());
            MultivariateNormal q = randomGaussian(r, d);
            double kl = GaussianKL.between(q, model.posterior());
            assertTrue(kl >= 0);
            assertEquals(model.logEvidence(), mf.elbo(q) + kl, 1e-10);
        }
    }

    @Test
    void logEvidenceEqualsElboPlusKlOnTheColliderModel() {
        ColliderGaussianModel model = ColliderGaussianModel.of(0.5, 0.5, 2.0);
        BlockGaussianMeanField mf = BlockGaussianMeanField.of(model.joint(), new int[] {0, 1}, new int[] {2});
        RandomGenerator r = new Well19937c(3);
        for (int rep = 0; rep < 50; rep++) {
            MultivariateNormal q = randomGaussian(r, 3);
            assertEquals(model.logEvidence(), mf.elbo(q) + GaussianKL.between(q, model.posterior()), 1e-10);
        }
        CaviResult<BlockGaussianState> run = mf.run(new double[3], model.priorVariances(), TIGHT);
        for (BlockGaussianState q : run.path()) {
            assertEquals(model.logEvidence(), mf.elbo(q) + mf.klToPosterior(q), 1e-10);
        }
    }

    @Test
    void elboMatchesMonteCarloForABlockState() {
        ColliderGaussianModel model = ColliderGaussianModel.of(0.7, 0.4, 1.3);
        BlockGaussianMeanField mf = BlockGaussianMeanField.of(model.joint(), new int[] {0, 2}, new int[] {1});
        BlockGaussianState q = mf.sweep(mf.state(new double[] {0.3, -0.2, 0.5}, new double[] {1, 1, 2}));
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
        BlockGaussianMeanField mf = BlockGaussianMeanField.singletons(model.joint());
        CaviResult<BlockGaussianState> run = mf.run(new double[] {0, 0}, new double[] {1, 1}, TIGHT);
        assertTrue(run.converged());
        double rho = model.posterior().correlation(0, 1);
        double klCavi = mf.klToPosterior(run.state());
        assertEquals(BlockGaussianMeanField.twoFactorKl(rho), klCavi, 1e-10);
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
            BlockGaussianMeanField mf = BlockGaussianMeanField.of(joint, new int[] {0, 2}, new int[] {1, 3});
            double[][] s = joint.posterior().covariance();
            double logDetA = logDet(new double[][] {{s[0][0], s[0][2]}, {s[2][0], s[2][2]}});
            double logDetB = logDet(new double[][] {{s[1][1], s[1][3]}, {s[3][1], s[3][3]}});
            double mutualInformation = 0.5 * (logDetA + logDetB - joint.posterior().logDetCovariance());
            assertEquals(mutualInformation, mf.klAtOptimum(), 1e-9);
            CaviResult<BlockGaussianState> run = mf.run(new double[4], new double[] {1, 1, 1, 1}, TIGHT);
            assertEquals(mf.klAtOptimum(), mf.klToPosterior(run.state()), 1e-8);
        }
    }

    private static double logDet(double[][] a) {
        return Matrices.logDeterminant(Matrices.cholesky("test", "a", a));
    }

    @Test
    void oneBlockIsExactAfterOneSweep() {
        ColliderGaussianModel model = ColliderGaussianModel.of(0.5, 0.5, 2.0);
        BlockGaussianMeanField mf = BlockGaussianMeanField.of(model.joint(), new int[] {0, 1, 2});
        BlockGaussianState q = mf.sweep(mf.state(new double[3], model.priorVariances()));
        assertEquals(0.0, mf.klToPosterior(q), 1e-12);
        assertEquals(0.0, mf.klAtOptimum(), 1e-12);
        assertEquals(model.logEvidence(), mf.elbo(q), 1e-10);
        assertTrue(mf.posteriorFactorizes(0.0));
    }

    @Test
    void qStarEqualsThePosteriorExactlyWhenItFactorisesOverTheBlocks() {
        // theta = (1, 1.5, 0): z3 is independent of (z1, z2) in the posterior, z1 and z2 are not.
        LinearGaussianModel model = LinearGaussianModel.of(new double[] {1.0, 1.5, 0.0}, 1.0, 2.0);
        BlockGaussianMeanField pairAndSingle = BlockGaussianMeanField.of(model.joint(), new int[] {0, 1}, new int[] {2});
        BlockGaussianMeanField singles = BlockGaussianMeanField.singletons(model.joint());
        assertTrue(pairAndSingle.posteriorFactorizes(0.0));
        assertFalse(singles.posteriorFactorizes(0.0));
        double[] v = {1, 1, 1};
        assertEquals(0.0, pairAndSingle.klToPosterior(pairAndSingle.run(new double[3], v, TIGHT).state()), 1e-12);
        assertTrue(singles.klToPosterior(singles.run(new double[3], v, TIGHT).state()) > 0.1);
        // orthogonal theta: the posterior factorises fully, so plain mean-field is exact
        LinearGaussianModel orth = LinearGaussianModel.of(new double[] {1.0, 0.0}, 1.0, 2.0);
        BlockGaussianMeanField mf = BlockGaussianMeanField.singletons(orth.joint());
        assertTrue(mf.posteriorFactorizes(0.0));
        assertEquals(0.0, mf.klAtOptimum(), 1e-15);
    }

    @Test
    void twoFactorKlIsZeroAtZeroAndGrowsWithRho() {
        assertEquals(0.0, BlockGaussianMeanField.twoFactorKl(0.0), 0.0);
        assertEquals(-0.5 * Math.log(0.75), BlockGaussianMeanField.twoFactorKl(0.5), 1e-15);
        assertEquals(BlockGaussianMeanField.twoFactorKl(0.9), BlockGaussianMeanField.twoFactorKl(-0.9), 0.0);
        assertTrue(BlockGaussianMeanField.twoFactorKl(0.99) > BlockGaussianMeanField.twoFactorKl(0.9));
    }

    @Test
    void aTinyNoiseVarianceRunsWithoutAFalseElboDecreaseAndTheMagnitudeBoundsTheRounding() {
        for (double sigma2 : new double[] {1e-10, 1e-6}) {
            org.vworkbook.exact.LinearGaussianModel model =
                    org.vworkbook.exact.LinearGaussianModel.of(new double[] {3.0, 0.01}, sigma2, 2.0);
            BlockGaussianMeanField f = BlockGaussianMeanField.singletons(model.joint());
            CaviResult<BlockGaussianState> r = f.run(new double[2], new double[] {1, 1}, CaviOptions.defaults());
            double magnitude = f.elboMagnitude(r.state());
            assertTrue(magnitude >= Math.abs(r.elbo()));
            assertEquals(magnitude, f.elboMagnitude(r.state().asMultivariate()), 1e-12 * magnitude);
            assertEquals(model.logEvidence(), r.elbo() + f.klToPosterior(r.state()), 1e-9 + Cavi.ROUNDING_SLACK * magnitude);
        }
    }

    @Test
    void badInputsAreRefusedWithMessages() {
        GaussianJoint joint = w3().joint();
        assertMessage("BlockGaussianMeanField joint must not be null",
                () -> BlockGaussianMeanField.of(null, new int[] {0}, new int[] {1}));
        assertMessage("BlockGaussianMeanField blocks must not be empty", () -> BlockGaussianMeanField.of(joint));
        assertMessage("BlockGaussianMeanField block 1 must not be empty",
                () -> BlockGaussianMeanField.of(joint, new int[] {0, 1}, new int[] {}));
        assertMessage("BlockGaussianMeanField block 1 coordinates must be in 0..1, got 2",
                () -> BlockGaussianMeanField.of(joint, new int[] {0}, new int[] {2}));
        assertMessage("BlockGaussianMeanField blocks must contain every coordinate 0..1 exactly once, coordinate 0 appears 2 times",
                () -> BlockGaussianMeanField.of(joint, new int[] {0, 1}, new int[] {0}));
        assertMessage("BlockGaussianMeanField blocks must contain every coordinate 0..1 exactly once, coordinate 1 appears 0 times",
                () -> BlockGaussianMeanField.of(joint, new int[] {0}));
        BlockGaussianMeanField mf = BlockGaussianMeanField.singletons(joint);
        assertMessage("BlockGaussianMeanField means and model dimension must have the same length, got 3 and 2",
                () -> mf.state(new double[3], new double[] {1, 1, 1}));
        assertMessage("BlockGaussianMeanField variances[1] must be > 0, got -1.0",
                () -> mf.state(new double[2], new double[] {1, -1}));
        assertMessage("BlockGaussianMeanField means[0] must be finite, got NaN",
                () -> mf.state(new double[] {Double.NaN, 0}, new double[] {1, 1}));
        assertMessage("BlockGaussianMeanField rho must be in (-1, 1), got 1.0", () -> BlockGaussianMeanField.twoFactorKl(1.0));
        assertMessage("BlockGaussianMeanField tolerance must be finite and >= 0, got -1.0", () -> mf.posteriorFactorizes(-1));
    }

    static void assertMessage(String expectedStart, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(expectedStart), "message was: " + e.getMessage());
    }
}
