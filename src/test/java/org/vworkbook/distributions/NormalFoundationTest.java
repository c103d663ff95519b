package org.vworkbook.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vworkbook.FoundationAssertions.assertRefused;
import static org.vworkbook.FoundationAssertions.assertWithinStandardErrors;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.vworkbook.numerics.Quadrature;

class NormalFoundationTest {

    @ParameterizedTest
    @CsvSource({"0, 1", "-2.5, 0.04", "7, 30", "1e3, 1e-4"})
    void densityIntegratesToOneWithTheStatedMeanAndVariance(double m, double v) {
        Normal n = Normal.ofMeanVariance(m, v);
        double sd = Math.sqrt(v);
        double mass = Quadrature.integrateLine(n::density, m, sd);
        double mean = Quadrature.integrateLine(x -> x * n.density(x), m, sd);
        double var = Quadrature.integrateLine(x -> (x - m) * (x - m) * n.density(x), m, sd);
        assertEquals(1.0, mass, 1e-12);
        assertEquals(m, mean, 1e-12 * Math.max(1, Math.abs(m)));
        assertEquals(v, var, 1e-12 * v);
        assertEquals(n.mean(), mean, 1e-12 * Math.max(1, Math.abs(m)));
        assertEquals(n.variance(), var, 1e-12 * v);
        assertEquals(sd, n.standardDeviation(), 1e-15 * sd);
        assertEquals(1 / v, n.precision(), 1e-15 / v);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "3, 0.01", "-1, 25"})
    void entropyEqualsQuadratureOfMinusPLogP(double m, double v) {
        Normal n = Normal.ofMeanVariance(m, v);
        double h = Quadrature.integrateLine(x -> {
            double p = n.density(x);
            return p > 0 ? -p * Math.log(p) : 0.0;
        }, m, Math.sqrt(v));
        assertEquals(h, n.entropy(), 1e-11);
    }

    @Test
    void logDensityAgreesWithCommonsMath() {
        double[][] cases = {{0, 1}, {1.5, 0.3}, {-4, 12}, {2, 1e-6}};
        for (double[] c : cases) {
            Normal n = Normal.ofMeanVariance(c[0], c[1]);
            NormalDistribution ref = new NormalDistribution(null, c[0], Math.sqrt(c[1]));
            for (double k = -6; k <= 6; k += 0.37) {
                double x = c[0] + k * Math.sqrt(c[1]);
                assertEquals(ref.logDensity(x), n.logDensity(x), 1e-12 * (1 + Math.abs(ref.logDensity(x))));
                assertEquals(ref.density(x), n.density(x), 1e-12 * ref.density(x));
            }
        }
    }

    @Test
    void sampleMomentsMatchWithinStandardErrors() {
        Normal n = Normal.ofMeanVariance(-1.3, 2.2);
        Well19937c random = new Well19937c(20261122L);
        int draws = 100_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < draws; i++) {
            double x = n.sample(random);
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / draws;
        double var = sumSq / draws - mean * mean;
        assertWithinStandardErrors(-1.3, mean, Math.sqrt(2.2 / draws), 4, "sample mean");
        assertWithinStandardErrors(2.2, var, 2.2 * Math.sqrt(2.0 / draws), 4, "sample variance");
    }

    @Test
    void samplingIsReproducibleFromTheSeed() {
        Normal n = Normal.ofMeanVariance(0.5, 3);
        assertEquals(n.sample(new Well19937c(7)), n.sample(new Well19937c(7)));
    }

    @Test
    void precisionFactoryAndStandard() {
        Normal n = Normal.ofMeanPrecision(2, 4);
        assertEquals(0.25, n.variance(), 0);
        assertEquals(2, n.mean(), 0);
        Normal s = Normal.standard();
        assertEquals(0, s.mean(), 0);
        assertEquals(1, s.variance(), 0);
        assertEquals(-0.5 * Math.log(2 * Math.PI), s.logDensity(0), 1e-15);
    }

    @Test
    void badInputIsRefusedWithAMessageNamingTypeParameterRuleAndValue() {
        assertRefused(() -> Normal.ofMeanVariance(0, -1), "Normal variance", "> 0", "-1.0");
        assertRefused(() -> Normal.ofMeanVariance(0, 0), "Normal variance", "> 0", "0.0");
        assertRefused(() -> Normal.ofMeanVariance(0, Double.NaN), "Normal variance", "finite", "NaN");
        assertRefused(() -> Normal.ofMeanVariance(0, Double.POSITIVE_INFINITY), "Normal variance", "Infinity");
        assertRefused(() -> Normal.ofMeanVariance(Double.NaN, 1), "Normal mean", "finite", "NaN");
        assertRefused(() -> Normal.ofMeanVariance(Double.NEGATIVE_INFINITY, 1), "Normal mean", "-Infinity");
        assertRefused(() -> Normal.ofMeanPrecision(0, -2), "Normal precision", "> 0", "-2.0");
        assertRefused(() -> Normal.ofMeanPrecision(0, 0), "Normal precision", "0.0");
        assertRefused(() -> Normal.ofMeanPrecision(Double.NaN, 1), "Normal mean", "NaN");
    }
}
