package org.vworkbook.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vworkbook.FoundationAssertions.assertRefused;
import static org.vworkbook.FoundationAssertions.assertWithinStandardErrors;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vworkbook.numerics.Quadrature;

class GammaFoundationTest {

    /**
     * E[f(t)] by quadrature after substituting t = e^s (dt = e^s ds): the integrand
     * f(e^s) p(e^s) e^s is smooth for every shape, including the log singularity of log t at 0.
     */
    private static double expectation(Gamma g, DoubleUnaryOperator f) {
        double a = g.shape();
        double lo = Math.log(a / g.rate()) - 45 / a - 5;
        double hi = Math.log((a + 40 * Math.sqrt(a) + 40) / g.rate());
        return Quadrature.integrate(s -> {
            double t = Math.exp(s);
            double p = g.density(t);
            return p == 0 ? 0 : t * p * f.applyAsDouble(t);
        }, lo, hi, 600);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2.5, 1.5", "0.5, 2", "7, 0.25", "40, 8"})
    void densityIntegratesToOneWithTheStatedMeanVarianceAndMeanLog(double a, double b) {
        Gamma g = Gamma.ofShapeRate(a, b);
        assertEquals(1.0, expectation(g, t -> 1), 1e-10);
        assertEquals(a / b, expectation(g, t -> t), 1e-10 * a / b);
        assertEquals(g.mean(), expectation(g, t -> t), 1e-10 * a / b);
        double mean = a / b;
        assertEquals(g.variance(), expectation(g, t -> (t - mean) * (t - mean)), 1e-9 * g.variance());
        assertEquals(g.meanLog(), expectation(g, Math::log), 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2.5, 1.5", "0.5, 2", "7, 0.25"})
    void entropyEqualsQuadratureOfMinusPLogP(double a, double b) {
        Gamma g = Gamma.ofShapeRate(a, b);
        assertEquals(expectation(g, t -> -g.logDensity(t)), g.entropy(), 1e-9);
    }

    @Test
    void logDensityAgreesWithCommonsMath() {
        double[][] cases = {{0.5, 2}, {1, 1}, {3.3, 0.7}, {20, 5}};
        for (double[] c : cases) {
            Gamma g = Gamma.ofShapeRate(c[0], c[1]);
            GammaDistribution ref = new GammaDistribution(null, c[0], 1.0 / c[1]);
            for (double t = 0.01; t < 15; t *= 1.3) {
                assertEquals(ref.logDensity(t), g.logDensity(t), 1e-11 * (1 + Math.abs(ref.logDensity(t))), "t=" + t);
            }
        }
        Gamma g = Gamma.ofShapeRate(2, 3);
        assertEquals(Double.NEGATIVE_INFINITY, g.logDensity(0), 0);
        assertEquals(Double.NEGATIVE_INFINITY, g.logDensity(-1), 0);
        assertEquals(0, g.density(-1), 0);
        assertEquals(2, g.shape(), 0);
        assertEquals(3, g.rate(), 0);
    }

    @ParameterizedTest
    @CsvSource({"3.5, 2.0", "0.4, 1.5"}) // Commons Math uses different samplers below and above shape 1
    void sampleMomentsMatchWithinStandardErrors(double a, double b) {
        Gamma g = Gamma.ofShapeRate(a, b);
        Well19937c random = new Well19937c(11L);
        int draws = 100_000;
        double sum = 0;
        double sumSq = 0;
        double sumLog = 0;
        double sumLogSq = 0;
        for (int i = 0; i < draws; i++) {
            double t = g.sample(random);
            sum += t;
            sumSq += t * t;
            sumLog += Math.log(t);
            sumLogSq += Math.log(t) * Math.log(t);
        }
        double mean = sum / draws;
        double var = sumSq / draws - mean * mean;
        double meanLog = sumLog / draws;
        double varLog = sumLogSq / draws - meanLog * meanLog;
        assertWithinStandardErrors(a / b, mean, Math.sqrt(a / (b * b) / draws), 4, "sample mean");
        // Var of the sample variance: (mu4 - sigma^4) / n with mu4 = 3 a (a + 2) / b^4 for the Gamma.
        double mu4 = 3 * a * (a + 2) / Math.pow(b, 4);
        double sigma2 = a / (b * b);
        assertWithinStandardErrors(sigma2, var, Math.sqrt((mu4 - sigma2 * sigma2) / draws), 4, "sample variance");
        assertWithinStandardErrors(g.meanLog(), meanLog, Math.sqrt(varLog / draws), 4, "sample mean of log t");
    }

    @Test
    void badInputIsRefusedWithAMessageNamingTypeParameterRuleAndValue() {
        assertRefused(() -> Gamma.ofShapeRate(-1, 1), "Gamma shape", "> 0", "-1.0");
        assertRefused(() -> Gamma.ofShapeRate(0, 1), "Gamma shape", "0.0");
        assertRefused(() -> Gamma.ofShapeRate(1, -0.1), "Gamma rate", "> 0", "-0.1");
        assertRefused(() -> Gamma.ofShapeRate(Double.NaN, 1), "Gamma shape", "finite", "NaN");
        assertRefused(() -> Gamma.ofShapeRate(1, Double.POSITIVE_INFINITY), "Gamma rate", "Infinity");
    }
}
