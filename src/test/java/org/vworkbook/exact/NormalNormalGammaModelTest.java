package org.vworkbook.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.NormalGammaGridUpdate;
import org.vworkbook.distributions.Gamma;
import org.vworkbook.distributions.Normal;
import org.vworkbook.distributions.NormalGamma;
import org.vworkbook.numerics.Quadrature;
import org.vworkbook.numerics.SpecialFunctions;

class NormalNormalGammaModelTest {
    private static final double[] DATA = NormalNormalGammaModel.generateData(100, 1.0, 2.0, 1);
    private static final NormalNormalGammaModel MODEL = NormalNormalGammaModel.of(DATA, 0.0, 1.0, 1.0, 1.0);
    private static final NormalNormalGammaModel SMALL = NormalNormalGammaModel.of(new double[] {1.2, 0.7, 2.3}, 0.5,
            2.0, 3.0, 0.5);

    /** integral over (mu, tau) of exp(logJoint - shift) * g, by nested Gauss-Legendre in (log tau, mu). */
    static double integrateJoint(NormalNormalGammaModel model, double shift, java.util.function.DoubleBinaryOperator g) {
        NormalGamma post = model.posterior();
        double[] window = NormalGammaGridUpdate.logTauWindow(post.precisionMarginal(), 45);
        double lo = window[0];
        double hi = window[1];
        return Quadrature.integrate(s -> {
            double tau = Math.exp(s);
            double sd = 1 / Math.sqrt(post.lambda() * tau);
            return tau * Quadrature.integrate(mu -> Math.exp(model.logJoint(mu, tau) - shift) * g.applyAsDouble(mu, tau),
                    post.location() - 12 * sd, post.location() + 12 * sd, 24);
        }, lo, hi, 40);
    }

    @Test
    void sufficientStatisticsGiveTheSameLikelihoodAsTheSumOverData() {
        for (double[] z : new double[][] {{0.3, 1.7}, {1.0, 2.0}, {-2.0, 0.1}}) {
            double direct = 0;
            for (double x : DATA) {
                direct += Normal.ofMeanPrecision(z[0], z[1]).logDensity(x);
            }
            assertEquals(direct, MODEL.logLikelihood(z[0], z[1]), 1e-9 * Math.abs(direct));
        }
    }

    @Test
    void logJointIsLikelihoodPlusPrior() {
        for (double[] z : new double[][] {{0.3, 1.7}, {1.0, 2.0}, {-2.0, 0.1}}) {
            double sum = MODEL.logLikelihood(z[0], z[1]) + MODEL.logPrior(z[0], z[1]);
            assertEquals(sum, MODEL.logJoint(z[0], z[1]), 1e-12 * Math.abs(sum));
        }
    }

    @Test
    void logPriorIsTheNormalGammaDensity() {
        NormalGamma prior = NormalGamma.of(0.5, 2.0, 3.0, 0.5);
        assertEquals(prior.logDensity(0.9, 1.3), SMALL.logPrior(0.9, 1.3), 1e-12);
    }

    @Test
    void logEvidenceMatchesTwoDimensionalQuadrature() {
        for (NormalNormalGammaModel m : new NormalNormalGammaModel[] {MODEL, SMALL}) {
            double shift = m.logEvidence();
            double z = integrateJoint(m, shift, (mu, tau) -> 1.0);
            assertEquals(0.0, Math.log(z), 1e-9, "log evidence of " + m);
        }
    }

    @Test
    void logEvidenceEqualsTheCandidateFormulaAtAnyPoint() {
        // log p(x) = log p(x | z) + log p(z) - log p(z | x) for every z.
        for (double[] z : new double[][] {{0.9, 2.1}, {0.0, 0.5}, {3.0, 7.0}}) {
            double candidate = MODEL.logJoint(z[0], z[1]) - MODEL.posterior().logDensity(z[0], z[1]);
            assertEquals(MODEL.logEvidence(), candidate, 1e-9);
        }
    }

    @Test
    void posteriorMomentsMatchQuadrature() {
        NormalNormalGammaModel m = SMALL;
        NormalGamma post = m.posterior();
        double shift = m.logEvidence();
        double z = integrateJoint(m, shift, (mu, tau) -> 1.0);
        assertEquals(post.location(), integrateJoint(m, shift, (mu, tau) -> mu) / z, 1e-9);
        assertEquals(post.shape() / post.rate(), integrateJoint(m, shift, (mu, tau) -> tau) / z, 1e-9);
        // E[tau (mu - mu_N)^2] = 1 / lambda_N: lambda_N scales tau.
        assertEquals(1 / post.lambda(),
                integrateJoint(m, shift, (mu, tau) -> tau * (mu - post.location()) * (mu - post.location())) / z, 1e-9);
        assertEquals(SpecialFunctions.digamma(post.shape()) - Math.log(post.rate()), integrateJoint(m, shift, (mu, tau) -> Math.log(tau)) / z, 1e-9);
    }

    @Test
    void posteriorMarginalOfMuIsTauIntegratedOut() {
        NormalGamma post = SMALL.posterior();
        double[] window = NormalGammaGridUpdate.logTauWindow(post.precisionMarginal(), 45);
        for (double mu : new double[] {-1.0, 0.5, 1.2, 3.0}) {
            double quad = Quadrature.integrate(s -> Math.exp(s + post.logDensity(mu, Math.exp(s))), window[0], window[1], 40);
            assertEquals(quad, SMALL.posteriorDensityOfMu(mu), 1e-12 * (1 + quad), "mu = " + mu);
        }
        assertEquals(1.0, Quadrature.integrate(SMALL::posteriorDensityOfMu, -60, 60, 400), 1e-6);
    }

    @Test
    void posteriorHyperparametersByHandForThreePoints() {
        // x = {1.2, 0.7, 2.3}: N = 3, xbar = 1.4, S = 0.04 + 0.49 + 0.81 = 1.34.
        NormalGamma post = SMALL.posterior();
        assertEquals(5.0, post.lambda(), 1e-12);
        assertEquals((2.0 * 0.5 + 3 * 1.4) / 5.0, post.location(), 1e-12);
        assertEquals(3.0 + 1.5, post.shape(), 1e-12);
        assertEquals(0.5 + 0.5 * (1.34 + 2.0 * 3 * 0.9 * 0.9 / 5.0), post.rate(), 1e-12);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double h = 1e-6;
        for (double[] z : new double[][] {{0.9, 2.1}, {-1.0, 0.4}}) {
            double[] g = MODEL.gradLogJoint(z[0], z[1]);
            double dMu = (MODEL.logJoint(z[0] + h, z[1]) - MODEL.logJoint(z[0] - h, z[1])) / (2 * h);
            double dTau = (MODEL.logJoint(z[0], z[1] + h) - MODEL.logJoint(z[0], z[1] - h)) / (2 * h);
            assertArrayEquals(new double[] {dMu, dTau}, g, 1e-5 * (1 + Math.abs(dMu) + Math.abs(dTau)));
        }
    }

    @Test
    void termsWithMuDifferFromTheJointByLogPriorOfTau() {
        Gamma priorTau = Gamma.ofShapeRate(1.0, 1.0);
        for (double[] z : new double[][] {{0.9, 2.1}, {-1.0, 0.4}}) {
            assertEquals(MODEL.logJoint(z[0], z[1]) - priorTau.logDensity(z[1]), MODEL.logJointTermsWithMu(z[0], z[1]),
                    1e-9);
        }
    }

    @Test
    void expectedLogJointMatchesQuadratureUnderAFactorisedQ() {
        double m = 0.8;
        double l = 50;
        double a = 30;
        double b = 14;
        Normal qMu = Normal.ofMeanPrecision(m, l);
        Gamma qTau = Gamma.ofShapeRate(a, b);
        double[] window = NormalGammaGridUpdate.logTauWindow(qTau, 45);
        double lo = window[0];
        double hi = window[1];
        double sd = qMu.standardDeviation();
        double quad = Quadrature.integrate(s -> {
            double tau = Math.exp(s);
            return tau * qTau.density(tau) * Quadrature.integrate(mu -> qMu.density(mu) * MODEL.logJoint(mu, tau),
                    m - 12 * sd, m + 12 * sd, 24);
        }, lo, hi, 40);
        assertEquals(quad, MODEL.expectedLogJoint(m, l, a, b), 1e-8 * Math.abs(quad));
    }

    @Test
    void generatedDataAreReproducibleFromTheSeed() {
        assertArrayEquals(DATA, NormalNormalGammaModel.generateData(100, 1.0, 2.0, 1));
        double[] given = {1.2, 0.7, 2.3};
        assertArrayEquals(given, NormalNormalGammaModel.dataOrGenerated(given, 100, 1.0, 2.0, 1));
        assertArrayEquals(DATA, NormalNormalGammaModel.dataOrGenerated(new double[0], 100, 1.0, 2.0, 1));
        assertEquals(1.0, MODEL.sampleMean(), 4 / Math.sqrt(2.0 * 100));
    }

    @Test
    void badPriorsAndDataAreRefused() {
        assertMessage("NormalNormalGammaModel data must not be empty",
                () -> NormalNormalGammaModel.of(new double[0], 0, 1, 1, 1));
        assertMessage("NormalNormalGammaModel data[1] must be finite, got NaN (in [1.0, NaN])",
                () -> NormalNormalGammaModel.of(new double[] {1, Double.NaN}, 0, 1, 1, 1));
        assertMessage("NormalNormalGammaModel lambda0 must be finite and > 0, got 0.0",
                () -> NormalNormalGammaModel.of(DATA, 0, 0, 1, 1));
        assertMessage("NormalNormalGammaModel a0 must be finite and > 0, got -1.0",
                () -> NormalNormalGammaModel.of(DATA, 0, 1, -1, 1));
        assertMessage("NormalNormalGammaModel b0 must be finite and > 0, got NaN",
                () -> NormalNormalGammaModel.of(DATA, 0, 1, 1, Double.NaN));
        assertMessage("NormalNormalGammaModel mu0 must be finite, got Infinity",
                () -> NormalNormalGammaModel.of(DATA, Double.POSITIVE_INFINITY, 1, 1, 1));
        assertMessage("NormalNormalGammaModel tau_true must be finite and > 0, got 0.0",
                () -> NormalNormalGammaModel.generateData(10, 1, 0, 1));
        assertMessage("NormalNormalGammaModel data[0] must be finite, got NaN (in [NaN])",
                () -> NormalNormalGammaModel.dataOrGenerated(new double[] {Double.NaN}, 5, 1, 2, 1));
        assertMessage("NormalNormalGammaModel n must be >= 1, got 0",
                () -> NormalNormalGammaModel.generateData(0, 1, 2, 1));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
