package org.vworkbook.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class EmComparisonTest {
    @Test
    void theClosedFormKlIsTheModelsKlAndTheRunsAreTheDirectOnes() {
        EmComparison c = EmComparison.of(new double[0], 100, new double[] {1.5, 1.0}, 3, new double[] {1.0, 0.5}, 30);
        double[] x = ScalarFactorModel.generate(new double[] {1.5, 1.0}, 100, 1.0, new Well19937c(3L));
        assertArrayEquals(x, c.model().data(), 0.0);
        EmResult em = ExpectationMaximization.run(ScalarFactorModel.of(x, 2, 1.0), new double[] {1.0, 0.5}, 30, EStep.EXACT);
        assertArrayEquals(em.theta(), c.em().theta(), 0.0);
        assertEquals(30, c.iterations());
        assertArrayEquals(c.vem().klTrace(), c.vemKlClosedForm(), 1e-9 * c.roundingScale());
        assertEquals(0.0, c.emDirectionError(), 1e-9);
        assertEquals(c.model().logLikelihood(new double[] {0.0, Math.sqrt(c.mlNormSquared())}), c.mlLogLikelihood(), 1e-9);
    }
}
