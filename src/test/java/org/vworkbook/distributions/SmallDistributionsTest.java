package org.vworkbook.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** DiagonalNormal, Bernoulli, Categorical and IndependentProduct. */
class SmallDistributionsTest {
    @Test
    void diagonalNormalAgreesWithTheFullCovarianceGaussian() {
        DiagonalNormal d = DiagonalNormal.ofMeanVariance(new double[] {0.0, 1.0}, new double[] {1.0, 0.5});
        MultivariateNormal full = d.toMultivariate();
        double[] z = {0.3, -0.7};
        assertEquals(full.logDensity(z), d.logDensity(z), 1e-14);
        assertEquals(full.entropy(), d.entropy(), 1e-14);
        assertEquals(d.marginal(1).logDensity(-0.7) + d.marginal(0).logDensity(0.3), d.logDensity(z), 1e-15);
        Well19937c r = new Well19937c(3);
        int n = 100_000;
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += d.sample(r)[1];
        }
        assertEquals(1.0, s / n, 4 * Math.sqrt(0.5 / n));
    }

    @Test
    void diagonalNormalRefusesMismatchedLengthsAndBadVariances() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DiagonalNormal.ofMeanVariance(new double[] {0.0, 1.0}, new double[] {1.0, 0.5, 2.0}));
        assertEquals("DiagonalNormal mean and variances must have the same length, got 2 and 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DiagonalNormal.ofMeanVariance(new double[] {0.0, 1.0}, new double[] {1.0, 0.0}));
        assertEquals("DiagonalNormal variances[1] must be > 0, got 0.0 (in [1.0, 0.0])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DiagonalNormal.ofMeanVariance(new double[] {Double.NaN}, new double[] {1.0}));
        assertEquals("DiagonalNormal mean[0] must be finite, got NaN (in [NaN])", e.getMessage());
    }

    @Test
    void bernoulliAndCategorical() {
        Bernoulli b = Bernoulli.of(0.25);
        assertEquals(Math.log(0.25), b.logMass(1), 1e-15);
        assertEquals(Math.log(0.75), b.logMass(0), 1e-15);
        assertEquals(-0.25 * Math.log(0.25) - 0.75 * Math.log(0.75), b.entropy(), 1e-15);
        Categorical c = Categorical.of(new double[] {0.2, 0.0, 0.8});
        Well19937c r = new Well19937c(9);
        int[] counts = new int[3];
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            counts[c.sample(r)]++;
        }
        assertEquals(0, counts[1]);
        assertEquals(0.2, counts[0] / (double) n, 4 * Math.sqrt(0.16 / n));
        assertArrayEquals(new double[] {0.2, 0.0, 0.8}, c.probabilities(), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bernoulli.of(1.5));
        assertEquals("Bernoulli probability must be in [0.0, 1.0], got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bernoulli.of(Double.NaN));
        assertEquals("Bernoulli probability must be in [0.0, 1.0], got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Categorical.of(new double[] {0.5, 0.6}));
        assertEquals("Categorical probabilities must sum to 1, got sum 1.1 (in [0.5, 0.6])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Categorical.of(new double[] {1.5, -0.5}));
        assertEquals("Categorical probabilities[1] must be finite and >= 0, got -0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.logMass(2));
        assertEquals("Bernoulli outcome must be 0 or 1, got 2", e.getMessage());
    }

    @Test
    void independentProductRefusesEmptyAndNull() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IndependentProduct.of(java.util.List.of()));
        assertEquals("IndependentProduct factors must not be empty, got []", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IndependentProduct.of(Normal.standard(), null));
        assertEquals("IndependentProduct factors[1] must not be null", e.getMessage());
        assertEquals(2, IndependentProduct.of(Normal.standard(), Gamma.ofShapeRate(1, 1)).size());
    }
}
