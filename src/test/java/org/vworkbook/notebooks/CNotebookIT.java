package org.vworkbook.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.ColliderGaussianModel;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.Grid;
import org.vworkbook.cavi.GridFactors;
import org.vworkbook.cavi.GridMeanField;
import org.vworkbook.cavi.GridPosterior;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;

/** C's results JSON against the library, for the default run and the cases of tests/cases/C.txt. */
class CNotebookIT {

    private static void checkGaussianVersion(NotebookResults r) {
        double s3 = r.parameter("s3");
        double sx = r.parameter("sx");
        double x = r.parameter("x");
        ColliderGaussianModel model = ColliderGaussianModel.of(s3, sx, x);
        MultivariateNormal exact = model.posterior();
        assertArrayEquals(exact.mean(), r.vector("exact_mean"), 0.0);
        double[][] cov = r.matrix("exact_cov");
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(exact.covariance()[i], cov[i], 0.0);
        }
        GaussianMeanField mf = GaussianMeanField.of(model.joint());
        CaviResult<MeanFieldGaussianState> run = mf.run(new double[3], model.priorVariances(),
                new CaviOptions(r.parameter("tol"), (int) r.parameter("max_iter")));
        assertArrayEquals(run.state().means(), r.vector("mf_mean"), 0.0);
        assertArrayEquals(run.state().variances(), r.vector("mf_var"), 0.0);
        assertArrayEquals(run.elboTrace(), r.vector("elbo_trace"), 0.0);
        assertEquals(mf.klToPosterior(run.state()), r.number("kl_mf"), 0.0);
        assertEquals(exact.correlation(0, 1), r.number("corr_z1_z2"), 0.0);

        // closed forms, independent of the library's matrices: integrating z3 out gives x | z1, z2 ~ N(z1 + z2, v)
        double v = s3 * s3 + sx * sx;
        assertEquals(x / (v + 2), r.vector("exact_mean")[0], 1e-12);
        assertEquals(x / (v + 2), r.vector("exact_mean")[1], 1e-12);
        assertEquals(1 - 1 / (v + 2), cov[0][0], 1e-12);
        assertEquals(-1 / (v + 2), cov[0][1], 1e-12);
        assertEquals(-1 / (v + 1), r.number("corr_z1_z2"), 1e-12);
        assertTrue(r.number("corr_z1_z2") < 0, "explaining away: the causes are negatively correlated given x");
        assertEquals(Normal.ofMeanVariance(0, 2 + v).logDensity(x), r.number("log_evidence"), 1e-12);
        double[] elbo = r.vector("elbo_trace");
        // rounding: the ELBO's terms reach max|Lambda| (1 + |m|^2) + |h||m| (as in the notebook's check)
        double[] em = r.vector("exact_mean");
        double elboTerms = Math.max(1 + 1 / (s3 * s3), 1 / (s3 * s3) + 1 / (sx * sx)) * (1 + em[0] * em[0] + em[1] * em[1] + em[2] * em[2])
                + Math.abs(x * em[2]) / (sx * sx);
        for (int t = 1; t < elbo.length; t++) {
            assertTrue(elbo[t] >= elbo[t - 1] - Math.max(1e-12 * (1 + Math.abs(elbo[t - 1])), 1e-14 * elboTerms),
                    "ELBO decreased at sweep " + t);
        }
        assertEquals(r.number("log_evidence"), elbo[elbo.length - 1] + r.number("kl_mf"), 1e-10);
        double[] mfVar = r.vector("mf_var");
        assertEquals(s3 * s3 / (1 + s3 * s3), mfVar[0], 1e-14);
        assertEquals(1 / (1 / (s3 * s3) + 1 / (sx * sx)), mfVar[2], 1e-14);
        if (r.bool("converged")) {
            assertArrayEquals(r.vector("exact_mean"), r.vector("mf_mean"), 1e-9);
        }
        for (int j = 0; j < 3; j++) {
            assertTrue(mfVar[j] < cov[j][j], "mean field under-estimates Var[z" + (j + 1) + "]");
        }
        // wherever CAVI stopped, KL = KL at the optimum + r^T Sigma r / 2 with r = Lambda m - h (0 at the fixed point)
        double a = 1 / (s3 * s3);
        double b = 1 / (sx * sx);
        double[][] lambda = {{1 + a, a, -a}, {a, 1 + a, -a}, {-a, -a, a + b}};
        double[] h = {0, 0, x * b};
        double logScale = 1 + Math.abs(r.number("log_evidence"));
        assertEquals(GaussianMeanField.of(model.joint()).klAtOptimum() + offOptimum(lambda, h, cov, r.vector("mf_mean")),
                r.number("kl_mf"), 1e-10 * logScale);
        GaussianMeanField structured = GaussianMeanField.ofBlocks(model.joint(), new int[] {0, 1}, new int[] {2});
        CaviResult<MeanFieldGaussianState> structuredRun = structured.run(new double[3], model.priorVariances(),
                new CaviOptions(r.parameter("tol"), (int) r.parameter("max_iter")));
        assertEquals(structured.klToPosterior(structuredRun.state()), r.number("kl_structured"), 0.0);
        double klGap = -0.5 * Math.log1p(-1 / ((1 + s3 * s3) * (1 + s3 * s3)));
        assertEquals(klGap, (r.number("kl_mf") - offOptimum(lambda, h, cov, r.vector("mf_mean")))
                - (r.number("kl_structured") - offOptimum(lambda, h, cov, structuredRun.state().asMultivariate().mean())),
                1e-10 * logScale);
    }

    /** r^T Sigma r / 2 with r = Lambda m - h: how far the KL at means m lies above the KL at the fixed point. */
    private static double offOptimum(double[][] lambda, double[] h, double[][] sigma, double[] m) {
        double[] r = new double[3];
        for (int i = 0; i < 3; i++) {
            r[i] = -h[i];
            for (int j = 0; j < 3; j++) {
                r[i] += lambda[i][j] * m[j];
            }
        }
        double q = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                q += r[i] * sigma[i][j] * r[j];
            }
        }
        return 0.5 * q;
    }

    /** Rebuilds the non-Gaussian collider exactly as the notebook does (same lambda, same grids) and compares. */
    private static void checkProductVersion(NotebookResults r) {
        double sx = r.parameter("sx");
        double x = r.parameter("x");
        double s = r.parameter("s_prod");
        int n = (int) r.parameter("grid_points");
        double init = r.parameter("prod_init");
        double halfWidth = 4.5 + Math.sqrt(Math.abs(x));
        double pad = 3 + 8 * Math.max(sx, s);
        double[] cause = Grid.points(-halfWidth, halfWidth, n);
        double[] effect = Grid.points(Math.min(x, 0) - pad, Math.max(x, 0) + pad, n);
        Normal prior = Normal.standard();
        GridPosterior posterior = GridPosterior.of((z1, z2, z3) -> prior.logDensity(z1) + prior.logDensity(z2)
                + Normal.ofMeanVariance(z1 * z2, s * s).logDensity(z3) + Normal.ofMeanVariance(z3, sx * sx).logDensity(x),
                cause, cause, effect);
        GridMeanField product = GridMeanField.of(posterior);
        double[] startVar = {1.0, 1.0, 1.0 + s * s};
        CaviOptions options = new CaviOptions(r.parameter("tol"), (int) r.parameter("max_iter"));
        GridFactors plus = product.run(product.gaussianStart(new double[] {init, init, x}, startVar), options).state();
        assertEquals(posterior.logEvidence(), r.number("prod_log_evidence"), 1e-12);
        assertEquals(product.klToPosterior(plus), r.number("prod_kl_plus"), 1e-10);
        assertArrayEquals(plus.means(), r.vector("prod_mf_mean_plus"), 1e-10);
        // the mirror run lands on the mirror mode (with prod_init = 0 the two runs are one and the same), at the same KL;
        // the exact mean of the causes is 0
        double[] mPlus = r.vector("prod_mf_mean_plus");
        double[] mMinus = r.vector("prod_mf_mean_minus");
        if (init != 0) {
            assertEquals(mPlus[0], -mMinus[0], 1e-7);
            assertEquals(mPlus[1], -mMinus[1], 1e-7);
        }
        assertEquals(r.number("prod_kl_plus"), r.number("prod_kl_minus"), 1e-8);
        assertEquals(0.0, r.vector("prod_exact_mean")[0], 1e-9);
        double[] elbo = r.vector("prod_elbo_trace_plus");
        for (int t = 1; t < elbo.length; t++) {
            assertTrue(elbo[t] >= elbo[t - 1] - 1e-10 * (1 + Math.abs(elbo[t - 1])), "grid ELBO decreased at sweep " + t);
        }
    }

    /** For parameters where the product collider has two well-separated modes (|x| well above s_prod^2 + sx^2). */
    private static void checkOneModePerFit(NotebookResults r) {
        double x = r.parameter("x");
        double[] mPlus = r.vector("prod_mf_mean_plus");
        assertTrue(Math.abs(mPlus[0]) > 0.5, "mean field sits on one mode, away from the exact mean 0");
        assertTrue(Math.signum(mPlus[0] * mPlus[1]) == Math.signum(x), "the mode has z1 z2 of the sign of x");
        assertTrue(r.number("prod_kl_plus") > 0.5 * Math.log(2), "one of two symmetric modes is missed");
    }

    @Test
    void defaultRunMatchesTheLibrary() {
        NotebookResults r = NotebookResults.read("C");
        checkGaussianVersion(r);
        checkProductVersion(r);
        checkOneModePerFit(r);
        // v = 0.5 at the defaults: exact means 0.8, correlation -2/3
        assertEquals(-2.0 / 3.0, r.number("corr_z1_z2"), 1e-12);
        assertEquals(0.8, r.vector("exact_mean")[0], 1e-12);
        assertTrue(r.number("grid_max_error") < 1e-7, "grid CAVI reproduces the closed forms");
        assertTrue(r.number("prod_kl_plus") > Math.log(2));
    }

    @Test
    void weakColliderHasWeakExplainingAway() {
        NotebookResults r = NotebookResults.read("C", "c-weak-collider");
        checkGaussianVersion(r);
        checkProductVersion(r);
        checkOneModePerFit(r);
        assertEquals(-1 / 5.25, r.number("corr_z1_z2"), 1e-12);
        assertTrue(r.number("kl_mf") < NotebookResults.read("C").number("kl_mf"));
    }

    @Test
    void strongExplainingAway() {
        NotebookResults r = NotebookResults.read("C", "c-strong-explaining-away");
        checkGaussianVersion(r);
        checkProductVersion(r);
        checkOneModePerFit(r);
        assertEquals(-1 / 1.08, r.number("corr_z1_z2"), 1e-12);
    }

    @Test
    void negativeObservationFlipsTheModes() {
        NotebookResults r = NotebookResults.read("C", "c-negative-x");
        checkGaussianVersion(r);
        checkProductVersion(r);
        checkOneModePerFit(r);
        assertTrue(r.vector("prod_mf_mean_plus")[0] * r.vector("prod_mf_mean_plus")[1] < 0);
    }
    @Test
    void largeNoiseLeavesOneRegionAndBothFitsNearZero() {
        // x = -4, sx = 2: |x| = 4 < s_prod^2 + sx^2 = 4.25, so the origin is the posterior's only maximum
        NotebookResults r = NotebookResults.read("C", "c-one-region");
        checkGaussianVersion(r);
        checkProductVersion(r);
        assertEquals(0.0, r.vector("prod_mf_mean_plus")[0], 1e-6);
        assertEquals(0.0, r.vector("prod_mf_mean_minus")[0], 1e-6);
    }

    @Test
    void oneSweepStillGivesTheConditionalVariances() {
        NotebookResults r = NotebookResults.read("C", "c-one-sweep");
        checkGaussianVersion(r);
        checkProductVersion(r);
        assertEquals(2, r.vector("elbo_trace").length);
        assertEquals(false, r.bool("converged"));
    }

    @Test
    void symmetricStartGivesOneFit() {
        NotebookResults r = NotebookResults.read("C", "c-symmetric-start");
        checkGaussianVersion(r);
        checkProductVersion(r);
        assertArrayEquals(r.vector("prod_mf_mean_plus"), r.vector("prod_mf_mean_minus"), 0.0);
    }

    @Test
    void extremeParametersAreServed() {
        for (String c : new String[] {"c-x-zero", "c-x-far", "c-s3-tiny", "c-s3-large", "c-sx-tiny", "c-sx-large", "c-coarse-grid"}) {
            NotebookResults r = NotebookResults.read("C", c);
            checkGaussianVersion(r);
            checkProductVersion(r);
        }
    }
}
