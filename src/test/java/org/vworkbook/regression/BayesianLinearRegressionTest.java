package org.vworkbook.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.divergence.GaussianKL;

class BayesianLinearRegressionTest {
    private static final double[] W_TRUE = {0.5, -1.0, 2.0};

    private static BayesianLinearRegression model(int n, long seed, double alpha, double beta) {
        RegressionData d = RegressionData.generate(n, W_TRUE, beta, seed);
        return BayesianLinearRegression.of(d.x(), d.t(), 2, alpha, beta);
    }

    /** The posterior by brute force: Phi built here, S_N^-1 = alpha I + beta Phi^T Phi (Bishop 3.53-3.54). */
    @Test
    void posteriorMatchesDirectLinearAlgebra() {
        BayesianLinearRegression m = model(30, 1, 2.0, 25.0);
        double[] x = m.x();
        double[] t = m.t();
        RealMatrix phi = new Array2DRowRealMatrix(x.length, 3);
        for (int n = 0; n < x.length; n++) {
            phi.setEntry(n, 0, 1.0);
            phi.setEntry(n, 1, x[n]);
            phi.setEntry(n, 2, x[n] * x[n]);
        }
        RealMatrix a = phi.transpose().multiply(phi).scalarMultiply(25.0)
                .add(org.apache.commons.math3.linear.MatrixUtils.createRealIdentityMatrix(3).scalarMultiply(2.0));
        RealMatrix s = new LUDecomposition(a).getSolver().getInverse();
        double[] mean = s.operate(phi.transpose().operate(t)).clone();
        for (int i = 0; i < 3; i++) {
            mean[i] *= 25.0;
        }
        MultivariateNormal post = m.posterior();
        for (int i = 0; i < 3; i++) {
            assertEquals(mean[i], post.mean(i), 1e-10);
            for (int j = 0; j < 3; j++) {
                assertEquals(s.getEntry(i, j), post.covariance(i, j), 1e-12);
            }
        }
    }

    /** Bishop 3.86 against the N-dimensional Gaussian t ~ N(0, beta^-1 I + alpha^-1 Phi Phi^T). */
    @Test
    void evidenceEqualsDirectGaussianMarginalOfTargets() {
        for (long seed = 1; seed <= 5; seed++) {
            double alpha = 0.5 * seed;
            double beta = 5.0 * seed;
            BayesianLinearRegression m = model(12 + (int) seed, seed, alpha, beta);
            double[] x = m.x();
            int n = x.length;
            double[][] cov = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double dot = 1 + x[i] * x[j] + x[i] * x[i] * x[j] * x[j];
                    cov[i][j] = dot / alpha + (i == j ? 1.0 / beta : 0.0);
                }
            }
            // log N(t | 0, C) from a Cholesky factor computed here, independent of the library's Gaussians
            CholeskyDecomposition chol = new CholeskyDecomposition(new Array2DRowRealMatrix(cov));
            double[] y = chol.getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(m.t())).toArray();
            double quad = 0;
            for (int i = 0; i < n; i++) {
                quad += m.t()[i] * y[i];
            }
            double direct = -0.5 * (n * Math.log(2 * Math.PI) + Math.log(chol.getDeterminant()) + quad);
            assertEquals(direct, m.logEvidence(), 1e-9 * Math.abs(direct) + 1e-9);
            assertEquals(direct, m.targetMarginal().logDensity(m.t()), 1e-9 * Math.abs(direct) + 1e-9);
            assertEquals(direct, m.joint().logEvidence(), 1e-9 * Math.abs(direct) + 1e-9);
        }
    }

    @Test
    void oneBlockCaviIsExactAfterOneSweep() {
        BayesianLinearRegression m = model(30, 1, 2.0, 25.0);
        CaviResult<MeanFieldGaussianState> r = m.fullBlock(CaviOptions.defaults());
        assertTrue(r.converged());
        assertEquals(1, r.state().blockCount());
        MultivariateNormal afterOne = r.path().get(1).asMultivariate();
        MultivariateNormal exact = m.posterior();
        for (int i = 0; i < 3; i++) {
            assertEquals(exact.mean(i), afterOne.mean(i), 1e-12);
            for (int j = 0; j < 3; j++) {
                assertEquals(exact.covariance(i, j), afterOne.covariance(i, j), 1e-14);
            }
        }
        assertEquals(0.0, GaussianKL.between(afterOne, exact), 1e-10);
        // The bound reaches the evidence: log p(t) = ELBO + KL with KL = 0.
        assertEquals(m.logEvidence(), r.elboTrace()[1], 1e-9);
        assertTrue(r.elboTrace()[0] < r.elboTrace()[1]);
        // log p = ELBO + KL also at the start (the prior), where KL > 0.
        MultivariateNormal start = r.path().get(0).asMultivariate();
        double elbo0 = r.elboTrace()[0];
        assertEquals(m.logEvidence(), elbo0 + GaussianKL.between(start, exact), 1e-8);
    }

    /**
     * Mean field: the fixed point of m_j = (h_j - sum_{k != j} A_jk m_k) / A_jj is the solution of
     * A m = h, i.e. the exact mean; the variances are 1 / A_jj <= (A^-1)_jj.
     */
    @Test
    void meanFieldFixedPointHasExactMeansAndSmallerVariances() {
        BayesianLinearRegression m = model(30, 1, 2.0, 25.0);
        CaviResult<MeanFieldGaussianState> r = m.meanField(new double[3], new CaviOptions(1e-13, 100_000));
        assertTrue(r.converged());
        MeanFieldGaussianState q = r.state();
        MultivariateNormal exact = m.posterior();
        double[][] a = m.joint().precision();
        for (int j = 0; j < 3; j++) {
            assertEquals(exact.mean(j), q.mean(j), 1e-9);
            assertEquals(1.0 / a[j][j], q.variance(j), 1e-15);
            assertTrue(q.variance(j) < exact.covariance(j, j), "variance " + j + " underestimated");
        }
        double kl = GaussianKL.between(q.asMultivariate(), exact);
        // closed form at the fixed point: KL = 1/2 [ sum_j log A_jj - log |A| ] (means agree, tr(A S_mf) = M)
        double sumLog = 0;
        for (int j = 0; j < 3; j++) {
            sumLog += Math.log(a[j][j]);
        }
        double closed = 0.5 * (sumLog + exact.logDetCovariance());
        assertEquals(closed, kl, 1e-9);
        assertTrue(kl > 0);
        // log p(t) = ELBO + KL at the mean-field optimum
        assertEquals(m.logEvidence(), r.elbo() + kl, 1e-8);
        double[] trace = r.elboTrace();
        for (int i = 1; i < trace.length; i++) {
            assertTrue(trace[i] >= trace[i - 1] - 1e-9);
        }
    }

    @Test
    void evidenceMaximisingAlphaIsStationary() {
        BayesianLinearRegression m = model(30, 1, 2.0, 25.0);
        double a = m.evidenceMaximisingAlpha();
        double h = 1e-4 * a;
        double up = m.withPrecisions(a + h, 25.0).logEvidence();
        double down = m.withPrecisions(a - h, 25.0).logEvidence();
        double centre = m.withPrecisions(a, 25.0).logEvidence();
        assertEquals(0.0, (up - down) / (2 * h), 1e-6);
        assertTrue(centre > up && centre > down);
    }

    @Test
    void evidenceWithoutAFiniteMaximumGivesInfinity() {
        double[] x = {-1, -0.3, 0.4, 1};
        // t = 0: w = 0 fits best, the evidence rises with alpha all the way
        BayesianLinearRegression zero = BayesianLinearRegression.of(x, new double[4], 1, 2.0, 4.0);
        assertEquals(Double.POSITIVE_INFINITY, zero.evidenceMaximisingAlpha());
        // small targets against the noise (beta sum_n phi_n^2 > beta^2 |Phi^T t|^2): the same, checked along alpha
        BayesianLinearRegression small = BayesianLinearRegression.of(x, new double[] {0.1, -0.2, 0.05, 0.1}, 1, 2.0, 4.0);
        assertEquals(Double.POSITIVE_INFINITY, small.evidenceMaximisingAlpha());
        double previous = Double.NEGATIVE_INFINITY;
        for (double a = 1e-3; a < 1e9; a *= 10) {
            double e = small.withPrecisions(a, 4.0).logEvidence();
            assertTrue(e > previous, "log p(t | alpha) rises at alpha = " + a);
            previous = e;
        }
        // and a data set with signal keeps a finite maximum
        assertTrue(Double.isFinite(model(30, 1, 2.0, 25.0).evidenceMaximisingAlpha()));
    }

    @Test
    void knownAlphaEvidenceInTheEigenbasisIsBishop386AndSurvivesASingularDesign() {
        BayesianLinearRegression m = model(20, 3, 2.0, 25.0);
        VariationalAlphaRegression vb = m.withAlphaHyperprior(1.0, 1.0);
        for (double a : new double[] {1e-3, 0.1, 2.0, 50.0, 1e4}) {
            double direct = m.withPrecisions(a, 25.0).logEvidence();
            assertEquals(direct, vb.knownAlphaLogEvidence(a), 1e-9 * Math.max(1, Math.abs(direct)), "alpha = " + a);
        }
        // one point, three weights: Phi^T Phi has rank 1, alpha I + beta Phi^T Phi is singular to rounding at alpha = 1e-18,
        // but the evidence is N(t | 0, 1/beta + |phi|^2 / alpha) exactly
        BayesianLinearRegression one = BayesianLinearRegression.of(new double[] {0.7}, new double[] {1.2}, 2, 1.0, 25.0);
        VariationalAlphaRegression vbOne = one.withAlphaHyperprior(1e-2, 1e-4);
        double phi2 = 1 + 0.49 + 0.2401;
        for (double a : new double[] {1e-18, 1e-6, 1.0, 1e6}) {
            double var = 1 / 25.0 + phi2 / a;
            double exact = -0.5 * Math.log(2 * Math.PI * var) - 0.5 * 1.44 / var;
            assertEquals(exact, vbOne.knownAlphaLogEvidence(a), 1e-9 * Math.max(1, Math.abs(exact)), "alpha = " + a);
        }
        assertTrue(Double.isFinite(vbOne.logEvidenceByQuadrature()));
    }

    @Test
    void quadratureEvidenceReachesAHyperpriorFarOut() {
        // Gamma(1, 1e-30) puts almost all its mass at alpha ~ 1e30, where p(t | alpha) = N(t | 0, I / beta):
        // for targets that look like noise (p(t | alpha) is largest there) the evidence with the hyperprior is that
        // density, up to the prior mass below alpha ~ 1e6, about 1e-24.
        double[] t = {0.1, -0.2, 0.05, 0.1};
        BayesianLinearRegression m = BayesianLinearRegression.of(new double[] {-1, -0.3, 0.4, 1}, t, 1, 2.0, 4.0);
        double sumSq = java.util.Arrays.stream(t).map(v -> v * v).sum();
        double noiseOnly = 0.5 * t.length * Math.log(4.0 / (2 * Math.PI)) - 0.5 * 4.0 * sumSq;
        assertEquals(noiseOnly, m.withAlphaHyperprior(1.0, 1e-30).logEvidenceByQuadrature(), 1e-6);
    }

    @Test
    void variationalAlphaIsMonotoneBelowEvidenceAndMatchesFixedPoint() {
        BayesianLinearRegression m = model(30, 1, 2.0, 25.0);
        VariationalAlphaRegression vb = m.withAlphaHyperprior(1e-2, 1e-4);
        CaviResult<VariationalAlphaRegression.State> r = vb.run(new CaviOptions(1e-13, 10_000));
        assertTrue(r.converged());
        VariationalAlphaRegression.State q = r.state();
        // fixed point: E[alpha] = (a0 + M/2) / (b0 + (m^T m + tr S)/2) and q(w) = posterior at alpha = E[alpha]
        MultivariateNormal qw = q.weights();
        double second = 0;
        for (int j = 0; j < 3; j++) {
            second += qw.mean(j) * qw.mean(j) + qw.covariance(j, j);
        }
        assertEquals((1e-2 + 1.5) / (1e-4 + 0.5 * second), q.alphaMean(), 1e-9 * q.alphaMean());
        MultivariateNormal post = m.withPrecisions(q.alphaMean(), 25.0).posterior();
        for (int j = 0; j < 3; j++) {
            assertEquals(post.mean(j), qw.mean(j), 1e-9);
        }
        // ELBO <= log p(t) (by quadrature over alpha), and close to it (q(alpha) is sharp-ish)
        double logEvidence = vb.logEvidenceByQuadrature();
        assertTrue(r.elbo() <= logEvidence + 1e-9, r.elbo() + " <= " + logEvidence);
        assertTrue(logEvidence - r.elbo() < 1.0);
        // with a vanishing hyperprior the VB alpha is the evidence-maximising one
        VariationalAlphaRegression flat = m.withAlphaHyperprior(1e-12, 1e-12);
        double vbAlpha = flat.run(new CaviOptions(1e-14, 100_000)).state().alphaMean();
        assertEquals(m.evidenceMaximisingAlpha(), vbAlpha, 1e-6 * vbAlpha);
    }

    @Test
    void quadratureEvidenceAgreesWithMonteCarlo() {
        BayesianLinearRegression m = model(20, 3, 2.0, 25.0);
        // a proper, moderately wide prior so that Monte Carlo over alpha converges
        VariationalAlphaRegression vb = m.withAlphaHyperprior(2.0, 1.0);
        Well19937c rng = new Well19937c(7);
        org.vworkbook.distributions.Gamma prior = org.vworkbook.distributions.Gamma.ofShapeRate(2.0, 1.0);
        int draws = 20_000;
        double ref = vb.knownAlphaLogEvidence(2.0);
        double sum = 0;
        for (int i = 0; i < draws; i++) {
            sum += Math.exp(vb.knownAlphaLogEvidence(prior.sample(rng)) - ref);
        }
        double mc = ref + Math.log(sum / draws);
        assertEquals(mc, vb.logEvidenceByQuadrature(), 1e-2);
    }

    @Test
    void badInputsAreRefusedWithNamedMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BayesianLinearRegression.of(new double[] {1, 2, 3}, new double[] {1, 2}, 2, 1, 1));
        assertEquals("BayesianLinearRegression x and t must have the same length, got 3 and 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BayesianLinearRegression.of(new double[] {}, new double[] {}, 2, 1, 1));
        assertEquals("BayesianLinearRegression x must not be empty", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BayesianLinearRegression.of(new double[] {1, Double.NaN}, new double[] {1, 2}, 2, 1, 1));
        assertTrue(e.getMessage().startsWith("BayesianLinearRegression x[1] must be finite, got NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BayesianLinearRegression.of(new double[] {1}, new double[] {1}, 2, -2.0, 1));
        assertEquals("BayesianLinearRegression alpha must be finite and > 0, got -2.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BayesianLinearRegression.of(new double[] {1}, new double[] {1}, 2, 1, 0.0));
        assertEquals("BayesianLinearRegression beta must be finite and > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BayesianLinearRegression.of(new double[] {1}, new double[] {1}, -1, 1, 1));
        assertEquals("BayesianLinearRegression degree must be >= 0, got -1", e.getMessage());
        BayesianLinearRegression m = model(10, 1, 1, 1);
        e = assertThrows(IllegalArgumentException.class, () -> m.withAlphaHyperprior(0.0, 1.0));
        assertEquals("VariationalAlphaRegression a0 must be finite and > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.withAlphaHyperprior(1.0, Double.NaN));
        assertEquals("VariationalAlphaRegression b0 must be finite and > 0, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.meanField(new double[2], CaviOptions.defaults()));
        assertEquals("BayesianLinearRegression initialMeans and features must have the same length, got 2 and 3",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RegressionData.generate(0, W_TRUE, 1, 1));
        assertEquals("RegressionData n must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RegressionData.generate(5, W_TRUE, -1, 1));
        assertEquals("RegressionData beta must be finite and > 0, got -1.0", e.getMessage());
    }

    @Test
    void blockCaviRefusesAStartOfTheWrongDimensionAndDataAreReproducible() {
        BayesianLinearRegression m = model(10, 1, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMeanField.exact(m.joint()).run(new double[2], new double[] {1, 1}, CaviOptions.defaults()));
        assertEquals("GaussianMeanField initialMeans and model dimension must have the same length, got 2 and 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GaussianMeanField.exact(null));
        assertEquals("GaussianMeanField joint must not be null", e.getMessage());
        RegressionData a = RegressionData.generate(20, W_TRUE, 25.0, 9);
        RegressionData b = RegressionData.generate(20, W_TRUE, 25.0, 9);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.x(), b.x(), 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.t(), b.t(), 0.0);
        // the generated noise has the requested precision: residual variance about 1 / beta
        RegressionData big = RegressionData.generate(20_000, W_TRUE, 25.0, 3);
        double[] bx = big.x();
        double[] bt = big.t();
        double ss = 0;
        for (int i = 0; i < 20_000; i++) {
            double f = W_TRUE[0] + W_TRUE[1] * bx[i] + W_TRUE[2] * bx[i] * bx[i];
            ss += (bt[i] - f) * (bt[i] - f);
        }
        // the sample variance has standard deviation sigma^2 sqrt(2 / N); allow four of them
        assertEquals(1.0 / 25.0, ss / 20_000, 4 * (1.0 / 25.0) * Math.sqrt(2.0 / 20_000));
    }
}
