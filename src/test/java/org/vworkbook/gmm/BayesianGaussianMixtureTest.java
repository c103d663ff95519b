package org.vworkbook.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;

class BayesianGaussianMixtureTest {

    private static BayesianGaussianMixture model(SyntheticMixture s, int k, double alpha0) {
        return BayesianGaussianMixture.of(s.data(), k, GaussianMixturePrior.defaultsFor(s.data(), alpha0));
    }

    @Test
    void elboNeverDecreasesOneSweepAtATime() {
        for (long seed = 1; seed <= 4; seed++) {
            SyntheticMixture s = SyntheticMixture.generate(400, 3, 2, 3.0, seed);
            BayesianGaussianMixture m = model(s, 5, 0.01);
            GmmState state = m.startFrom(m.randomResponsibilities(seed));
            double elbo = m.elbo(state);
            for (int i = 0; i < 200; i++) {
                state = m.sweep(state);
                double next = m.elbo(state);
                assertTrue(next >= elbo - 1e-9 * Math.abs(elbo), "sweep " + i + ": " + elbo + " -> " + next);
                elbo = next;
            }
            // and through the engine (which throws if it drops)
            CaviResult<GmmState> r = m.run(m.nearestOfRandomPoints(seed), new CaviOptions(1e-9, 2000));
            double[] trace = r.elboTrace();
            for (int i = 1; i < trace.length; i++) {
                assertTrue(trace[i] >= trace[i - 1] - 1e-10 * Math.abs(trace[i - 1]));
            }
            assertTrue(r.converged());
        }
    }

    @Test
    void wellSeparatedClustersAreRecovered() {
        SyntheticMixture s = SyntheticMixture.generate(900, 3, 2, 8.0, 5);
        BayesianGaussianMixture m = model(s, 3, 1.0);
        CaviResult<GmmState> r = m.run(m.nearestOfRandomPoints(2), new CaviOptions(1e-10, 1000));
        assertTrue(r.converged());
        double[][] means = r.state().means();
        double[][] centres = s.centres();
        int[] match = new int[3];
        for (int c = 0; c < 3; c++) {
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < 3; k++) {
                double dist = Math.hypot(means[k][0] - centres[c][0], means[k][1] - centres[c][1]);
                if (dist < best) {
                    best = dist;
                    match[c] = k;
                }
            }
            assertTrue(best < 0.15, "centre " + c + " recovered within " + best);
            assertEquals(1.0 / 3, r.state().weights()[match[c]], 0.06);
        }
        assertTrue(match[0] != match[1] && match[1] != match[2] && match[0] != match[2]);
        int[] labels = m.labels(r.state().posterior());
        int[] truth = s.labels();
        int agree = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == match[truth[i]]) {
                agree++;
            }
        }
        assertTrue(agree >= labels.length - 2, agree + " of " + labels.length + " labelled correctly");
    }

    @Test
    void unneededComponentsEmptyOut() {
        SyntheticMixture s = SyntheticMixture.generate(600, 3, 2, 6.0, 3);
        BayesianGaussianMixture m = model(s, 8, 1e-3);
        CaviResult<GmmState> r = m.run(m.nearestOfRandomPoints(1), new CaviOptions(1e-8, 5000));
        double[] w = r.state().weights();
        int used = 0;
        for (double wk : w) {
            if (wk > 0.05) {
                used++;
            } else {
                assertTrue(wk < 1e-3, "an unused component keeps weight " + wk);
            }
        }
        assertEquals(3, used, java.util.Arrays.toString(w));
    }

    /** Bishop 10.60-10.63 written out with xbar_k and S_k, against the division-free form used by the library. */
    @Test
    void globalUpdateMatchesBishopFormulas() {
        SyntheticMixture s = SyntheticMixture.generate(50, 2, 2, 3.0, 9);
        GaussianMixturePrior prior = new GaussianMixturePrior(0.5, 0.7, new double[] {0.3, -0.2}, 3.5,
                new double[][] {{0.8, 0.1}, {0.1, 0.5}});
        BayesianGaussianMixture m = BayesianGaussianMixture.of(s.data(), 3, prior);
        double[][] r = m.randomResponsibilities(4);
        MixturePosterior p = m.posteriorFrom(m.statisticsOf(r));
        double[][] x = s.data().points();
        double[][] w0inv = new LUDecomposition(new Array2DRowRealMatrix(prior.scale())).getSolver().getInverse().getData();
        for (int k = 0; k < 3; k++) {
            double nk = 0;
            double[] xbar = new double[2];
            for (int n = 0; n < x.length; n++) {
                nk += r[n][k];
                xbar[0] += r[n][k] * x[n][0];
                xbar[1] += r[n][k] * x[n][1];
            }
            xbar[0] /= nk;
            xbar[1] /= nk;
            double[][] sk = new double[2][2];
            for (int n = 0; n < x.length; n++) {
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 2; b++) {
                        sk[a][b] += r[n][k] * (x[n][a] - xbar[a]) * (x[n][b] - xbar[b]) / nk;
                    }
                }
            }
            double beta = 0.7 + nk;
            assertEquals(0.5 + nk, p.weightConcentration()[k], 1e-12);
            assertEquals(beta, p.meanPrecision()[k], 1e-12);
            assertEquals(3.5 + nk, p.degreesOfFreedom()[k], 1e-12);
            double[] m0 = {0.3, -0.2};
            double[][] winv = new double[2][2];
            for (int a = 0; a < 2; a++) {
                assertEquals((0.7 * m0[a] + nk * xbar[a]) / beta, p.means()[k][a], 1e-12);
                for (int b = 0; b < 2; b++) {
                    winv[a][b] = w0inv[a][b] + nk * sk[a][b] + 0.7 * nk / (0.7 + nk) * (xbar[a] - m0[a]) * (xbar[b] - m0[b]);
                }
            }
            double[][] wk = new LUDecomposition(new Array2DRowRealMatrix(winv)).getSolver().getInverse().getData();
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    assertEquals(wk[a][b], p.scale(k)[a][b], 1e-10 * Math.abs(wk[a][b]) + 1e-12);
                }
            }
        }
    }

    /**
     * The ELBO of Bishop 10.70-10.77 against a Monte Carlo estimate of E_q[log p(X, Z, pi, mu, Lambda) - log q]
     * (Z summed exactly, pi / mu / Lambda drawn from q by Gamma variates and the Bartlett decomposition), at
     * a state whose global factor is not the optimum for its q(Z). (With 300 000 draws the two agree to 0.002 +- 0.012.)
     */
    @Test
    void elboMatchesMonteCarlo() {
        // a strong prior keeps q concentrated, so that the Monte Carlo average has a small variance
        SyntheticMixture s = SyntheticMixture.generate(12, 2, 2, 3.0, 11);
        GaussianMixturePrior prior = new GaussianMixturePrior(20.0, 10.0, new double[] {0.1, 0.2}, 40.0,
                new double[][] {{0.02, 0.004}, {0.004, 0.015}});
        BayesianGaussianMixture m = BayesianGaussianMixture.of(s.data(), 2, prior);
        double[][] r = m.randomResponsibilities(1);
        MixtureStatistics stats = m.statisticsOf(r);
        MixturePosterior p = m.posteriorFrom(m.statisticsOf(m.nearestOfRandomPoints(3)));
        double elbo = m.elbo(new GmmState(stats, p));

        double[][] x = s.data().points();
        RandomGenerator rng = new Well19937c(42);
        int samples = 20_000;
        double hz = 0;
        for (double[] row : r) {
            for (double v : row) {
                hz -= v * Math.log(v);
            }
        }
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < samples; i++) {
            double[] alpha = p.weightConcentration();
            double[] pi = new double[2];
            double tot = 0;
            for (int k = 0; k < 2; k++) {
                pi[k] = org.vworkbook.distributions.Gamma.ofShapeRate(alpha[k], 1.0).sample(rng);
                tot += pi[k];
            }
            pi[0] /= tot;
            pi[1] /= tot;
            double logp = logDirichlet(pi, new double[] {20.0, 20.0});
            double logq = logDirichlet(pi, alpha);
            for (int k = 0; k < 2; k++) {
                RealMatrix lambda = sampleWishart(p.scale(k), p.degreesOfFreedom()[k], rng);
                double[] mu = sampleNormal(p.means()[k], lambda.scalarMultiply(p.meanPrecision()[k]), rng);
                logq += logWishart(lambda, p.scale(k), p.degreesOfFreedom()[k])
                        + logNormalPrecision(mu, p.means()[k], lambda.scalarMultiply(p.meanPrecision()[k]));
                logp += logWishart(lambda, prior.scale(), 40.0)
                        + logNormalPrecision(mu, prior.mean(), lambda.scalarMultiply(10.0));
                for (int n = 0; n < x.length; n++) {
                    logp += r[n][k] * (Math.log(pi[k]) + logNormalPrecision(x[n], mu, lambda));
                }
            }
            double v = logp - logq;
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / samples + hz;
        double se = Math.sqrt((sumSq / samples - (sum / samples) * (sum / samples)) / samples);
        assertTrue(se < 0.06, "Monte Carlo standard error " + se);
        assertEquals(mean, elbo, 4 * se, "ELBO " + elbo + " vs Monte Carlo " + mean + " +- " + se);
    }

    /**
     * For a fixed global factor, ELBO(optimal q(Z)) - ELBO(any q(Z)) = sum_n KL(r_n, r*_n), with r* from the
     * responsibilities written directly from Bishop 10.46 and 10.64-10.67.
     */
    @Test
    void assignmentUpdateIsTheOptimumWithTheRightGap() {
        SyntheticMixture s = SyntheticMixture.generate(200, 3, 2, 3.0, 2);
        BayesianGaussianMixture m = model(s, 3, 0.5);
        MixturePosterior p = m.posteriorFrom(m.statisticsOf(m.nearestOfRandomPoints(5)));
        double[][] rOpt = m.responsibilities(p);
        double[][] r = m.randomResponsibilities(8);
        double kl = 0;
        for (int n = 0; n < r.length; n++) {
            for (int k = 0; k < 3; k++) {
                kl += r[n][k] * Math.log(r[n][k] / rOpt[n][k]);
            }
        }
        double optimal = m.elbo(new GmmState(m.expectStatistics(p), p));
        double other = m.elbo(new GmmState(m.statisticsOf(r), p));
        assertEquals(kl, optimal - other, 1e-8 * Math.abs(optimal));
        assertTrue(kl > 0);
        // the fast pass and the direct formula give the same statistics
        MixtureStatistics fast = m.expectStatistics(p);
        MixtureStatistics direct = m.statisticsOf(rOpt);
        assertSameStatistics(direct, fast);
    }

    private static void assertSameStatistics(MixtureStatistics direct, MixtureStatistics fast) {
        for (int k = 0; k < direct.components(); k++) {
            assertEquals(direct.counts()[k], fast.counts()[k], 1e-9);
            org.junit.jupiter.api.Assertions.assertArrayEquals(direct.means()[k], fast.means()[k], 1e-9);
            for (int a = 0; a < direct.secondMoments[k].length; a++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(direct.secondMoments[k][a], fast.secondMoments[k][a],
                        1e-9 * (1 + Math.abs(direct.secondMoments[k][a][a])));
            }
        }
        assertEquals(direct.entropy(), fast.entropy(), 1e-9);
    }

    @Test
    void generalDimensionRuns() {
        SyntheticMixture s = SyntheticMixture.generate(500, 2, 3, 6.0, 7);
        BayesianGaussianMixture m = model(s, 2, 1.0);
        CaviResult<GmmState> r = m.run(m.nearestOfRandomPoints(1), new CaviOptions(1e-9, 500));
        assertTrue(r.converged());
        double[][] means = r.state().means();
        double[][] c = s.centres();
        double d0 = Math.min(dist(means[0], c[0]) + dist(means[1], c[1]), dist(means[0], c[1]) + dist(means[1], c[0]));
        assertTrue(d0 < 0.3, "centres recovered within " + d0);
        // the general-D pass (D = 3 here) against responsibilities written from Bishop 10.46
        MixturePosterior p = r.path().get(1).posterior();
        assertSameStatistics(m.statisticsOf(m.responsibilities(p)), m.expectStatistics(p));
    }

    @Test
    void badInputsAreRefusedWithNamedMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MixtureData.of(new double[0][]));
        assertEquals("MixtureData points must not be empty, got 0 rows", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MixtureData.of(new double[][] {{1, 2}, {3, Double.NaN}}));
        assertEquals("MixtureData points[1][1] must be finite, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MixtureData.of(new double[][] {{1, 2}, {3}}));
        assertEquals("MixtureData points[1] and points[0] must have the same length, got 1 and 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MixtureData.ofFlat(new double[] {1, 2, 3}, 2));
        assertEquals("MixtureData flat length must be a multiple of the dimension 2, got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new GaussianMixturePrior(0.0, 1, new double[] {0, 0}, 2, new double[][] {{1, 0}, {0, 1}}));
        assertEquals("GaussianMixturePrior weightConcentration must be finite and > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new GaussianMixturePrior(1, 1, new double[] {0, 0}, 0.5, new double[][] {{1, 0}, {0, 1}}));
        assertEquals("GaussianMixturePrior degreesOfFreedom must be finite and > D - 1 = 1, got 0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new GaussianMixturePrior(1, 1, new double[] {0, 0}, 2, new double[][] {{1, 2}, {2, 1}}));
        assertTrue(e.getMessage().startsWith("GaussianMixturePrior scale must be positive definite"), e.getMessage());
        SyntheticMixture s = SyntheticMixture.generate(10, 2, 2, 3.0, 1);
        GaussianMixturePrior prior = GaussianMixturePrior.defaultsFor(s.data(), 1.0);
        e = assertThrows(IllegalArgumentException.class, () -> BayesianGaussianMixture.of(s.data(), 0, prior));
        assertEquals("BayesianGaussianMixture components must be >= 1, got 0", e.getMessage());
        GaussianMixturePrior prior3 = new GaussianMixturePrior(1, 1, new double[] {0, 0, 0}, 3, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        e = assertThrows(IllegalArgumentException.class, () -> BayesianGaussianMixture.of(s.data(), 2, prior3));
        assertEquals("BayesianGaussianMixture prior dimension and data dimension must have the same length, got 3 and 2",
                e.getMessage());
        BayesianGaussianMixture m = BayesianGaussianMixture.of(s.data(), 2, prior);
        e = assertThrows(IllegalArgumentException.class, () -> m.startFrom(new double[3][2]));
        assertEquals("BayesianGaussianMixture responsibilities must have 10 rows (one per point), got 3", e.getMessage());
        double[][] bad = m.randomResponsibilities(1);
        bad[4] = new double[] {1.5, -0.5};
        e = assertThrows(IllegalArgumentException.class, () -> m.startFrom(bad));
        assertEquals("BayesianGaussianMixture responsibilities[4][1] must be finite and >= 0, got -0.5", e.getMessage());
        bad[4] = new double[] {0.5, 0.2};
        e = assertThrows(IllegalArgumentException.class, () -> m.startFrom(bad));
        assertEquals("BayesianGaussianMixture responsibilities row 4 must sum to 1, got 0.7", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticMixture.generate(0, 2, 2, 3.0, 1));
        assertEquals("SyntheticMixture n must be >= 1, got 0", e.getMessage());
    }

    @Test
    void moreComponentsThanPointsStartWithEveryPointAsACentreAndTheRestEmpty() {
        SyntheticMixture s = SyntheticMixture.generate(4, 2, 2, 3.0, 5);
        GaussianMixturePrior prior = GaussianMixturePrior.ofCovariancePrior(0.1, 1, s.data().mean(), 2,
                GaussianMixturePrior.covariancePriorFor(s.data()));
        BayesianGaussianMixture m = BayesianGaussianMixture.of(s.data(), 7, prior);
        double[][] r = m.nearestOfRandomPoints(3);
        double[] used = new double[7];
        for (double[] row : r) {
            double sum = 0;
            for (int k = 0; k < 7; k++) {
                used[k] += row[k];
                sum += row[k];
            }
            assertEquals(1.0, sum, 0.0);
        }
        // every point is its own centre (distance 0), so four components hold one point each and three are empty
        int single = 0;
        int empty = 0;
        for (double u : used) {
            single += u == 1.0 ? 1 : 0;
            empty += u == 0.0 ? 1 : 0;
        }
        assertEquals(4, single);
        assertEquals(3, empty);
        CaviResult<GmmState> run = m.run(r, new CaviOptions(1e-10, 500));
        double total = 0;
        for (double w : run.state().weights()) {
            total += w;
        }
        assertEquals(1.0, total, 1e-12);
        // the same as K = N when N >= K: the usual K distinct random points
        BayesianGaussianMixture four = BayesianGaussianMixture.of(s.data(), 4, prior);
        assertEquals(4, java.util.Arrays.stream(four.nearestOfRandomPoints(3)).mapToInt(row -> {
            int k = 0;
            while (row[k] == 0) {
                k++;
            }
            return k;
        }).distinct().count());
    }

    @Test
    void covariancePriorIsTheSampleCovarianceUnlessThatIsSingular() {
        SyntheticMixture s = SyntheticMixture.generate(50, 3, 2, 3.0, 1);
        double[][] c = s.data().covariance();
        double[][] used = GaussianMixturePrior.covariancePriorFor(s.data());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(c[i][j], used[i][j], 0.0);
            }
        }
        assertTrue(GaussianMixturePrior.sampleCovarianceIsPositiveDefinite(s.data()));
        // one point: S = 0, so the identity
        MixtureData one = MixtureData.ofFlat(new double[] {2, 3}, 2);
        double[][] u1 = GaussianMixturePrior.covariancePriorFor(one);
        assertEquals(1.0, u1[0][0], 0.0);
        assertEquals(0.0, u1[0][1], 0.0);
        assertEquals(1.0, u1[1][1], 0.0);
        // points on a line y = 2x: S = var(x) [[1, 2], [2, 4]], trace 5 var(x), so S + 2.5 var(x) I
        MixtureData line = MixtureData.ofFlat(new double[] {0, 0, 1, 2, 2, 4, 3, 6}, 2);
        assertTrue(!GaussianMixturePrior.sampleCovarianceIsPositiveDefinite(line));
        double vx = 5.0 / 3;   // var of 0, 1, 2, 3 with divisor N - 1
        double[][] ul = GaussianMixturePrior.covariancePriorFor(line);
        assertEquals(vx + 2.5 * vx, ul[0][0], 1e-12);
        assertEquals(2 * vx, ul[0][1], 1e-12);
        assertEquals(4 * vx + 2.5 * vx, ul[1][1], 1e-12);
        new CholeskyDecomposition(new Array2DRowRealMatrix(ul));   // positive definite: a valid W0^-1
    }

    // ------------------------------------------------------------ independent densities for the Monte Carlo check

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    private static double logDirichlet(double[] pi, double[] alpha) {
        double s = 0;
        double sumA = 0;
        for (int k = 0; k < pi.length; k++) {
            s += (alpha[k] - 1) * Math.log(pi[k]) - Gamma.logGamma(alpha[k]);
            sumA += alpha[k];
        }
        return s + Gamma.logGamma(sumA);
    }

    /** Wishart(Lambda | W, nu) density: |Lambda|^((nu-D-1)/2) exp(-tr(W^-1 Lambda)/2) / (2^(nu D/2) |W|^(nu/2) Gamma_D(nu/2)). */
    private static double logWishart(RealMatrix lambda, double[][] w, double nu) {
        int d = w.length;
        RealMatrix wm = new Array2DRowRealMatrix(w);
        double logDetW = Math.log(new LUDecomposition(wm).getDeterminant());
        double logDetL = Math.log(new LUDecomposition(lambda).getDeterminant());
        double tr = new LUDecomposition(wm).getSolver().getInverse().multiply(lambda).getTrace();
        double logMvGamma = 0.25 * d * (d - 1) * Math.log(Math.PI);
        for (int j = 1; j <= d; j++) {
            logMvGamma += Gamma.logGamma(0.5 * nu + 0.5 * (1 - j));
        }
        return 0.5 * (nu - d - 1) * logDetL - 0.5 * tr - 0.5 * nu * d * Math.log(2) - 0.5 * nu * logDetW - logMvGamma;
    }

    private static double logNormalPrecision(double[] z, double[] mean, RealMatrix precision) {
        int d = z.length;
        double[] diff = new double[d];
        for (int i = 0; i < d; i++) {
            diff[i] = z[i] - mean[i];
        }
        double quad = 0;
        double[] pd = precision.operate(diff);
        for (int i = 0; i < d; i++) {
            quad += diff[i] * pd[i];
        }
        return -0.5 * d * Math.log(2 * Math.PI) + 0.5 * Math.log(new LUDecomposition(precision).getDeterminant()) - 0.5 * quad;
    }

    /** Bartlett: Lambda = L A A^T L^T, W = L L^T, A lower triangular, A_ii^2 ~ chi^2(nu - i + 1), A_ij ~ N(0, 1). */
    private static RealMatrix sampleWishart(double[][] w, double nu, RandomGenerator rng) {
        int d = w.length;
        RealMatrix l = new CholeskyDecomposition(new Array2DRowRealMatrix(w)).getL();
        RealMatrix a = new Array2DRowRealMatrix(d, d);
        for (int i = 0; i < d; i++) {
            double chi2 = org.vworkbook.distributions.Gamma.ofShapeRate(0.5 * (nu - i), 0.5).sample(rng);
            a.setEntry(i, i, Math.sqrt(chi2));
            for (int j = 0; j < i; j++) {
                a.setEntry(i, j, rng.nextGaussian());
            }
        }
        RealMatrix la = l.multiply(a);
        return la.multiply(la.transpose());
    }

    private static double[] sampleNormal(double[] mean, RealMatrix precision, RandomGenerator rng) {
        RealMatrix cov = new LUDecomposition(precision).getSolver().getInverse();
        cov = cov.add(cov.transpose()).scalarMultiply(0.5);
        RealMatrix l = new CholeskyDecomposition(cov).getL();
        double[] e = new double[mean.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = rng.nextGaussian();
        }
        double[] z = l.operate(e);
        for (int i = 0; i < z.length; i++) {
            z[i] += mean[i];
        }
        return z;
    }
}
