package org.vworkbook.cavi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.FoundationAssertions.assertRefused;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The CAVI engine driven by fake models whose state is the sweep count and whose ELBO is a given sequence. */
class CaviFoundationTest {

    private record Fake(IntToDoubleFunction elboOfSweep) implements CoordinateAscent<Integer> {
        @Override
        public Integer sweep(Integer state) {
            return state + 1;
        }

        @Override
        public double elbo(Integer state) {
            return elboOfSweep.applyAsDouble(state);
        }
    }

    @Test
    void aDecreasingElboThrowsNamingTheSweep() {
        Fake model = new Fake(k -> k < 3 ? -10.0 + k : -10.0 + k - 5); // rises 0,1,2 then drops at sweep 3
        ElboDecreasedException e = assertThrows(ElboDecreasedException.class,
                () -> Cavi.run(model, 0, new CaviOptions(0, 100)));
        assertTrue(e.getMessage().contains("sweep 3"), e.getMessage());
        assertTrue(e.getMessage().contains("-8.0") && e.getMessage().contains("-12.0"), e.getMessage());
        assertTrue(e instanceof IllegalStateException);
    }

    @Test
    void aNanElboAfterASweepIsADecrease() {
        Fake model = new Fake(k -> k == 2 ? Double.NaN : k);
        ElboDecreasedException e = assertThrows(ElboDecreasedException.class,
                () -> Cavi.run(model, 0, new CaviOptions(0, 10)));
        assertTrue(e.getMessage().contains("sweep 2"), e.getMessage());
    }

    @Test
    void aNanStartingElboIsRefused() {
        Fake model = new Fake(k -> Double.NaN);
        assertThrows(IllegalStateException.class, () -> Cavi.run(model, 0, CaviOptions.defaults()));
    }

    @Test
    void aDropWithinRoundingSlackIsAccepted() {
        double base = -1000.0;
        Fake model = new Fake(k -> k == 0 ? base : base - 1e-12 * k); // drops of 1e-12 << 1e-10 (1 + 1000)
        CaviResult<Integer> r = Cavi.run(model, 0, new CaviOptions(0, 5));
        assertEquals(5, r.iterations());
    }

    /** A fake whose ELBO is the sum of two huge terms that cancel: its rounding is of their size. */
    private record Cancelling(double big, IntToDoubleFunction elboOfSweep) implements CoordinateAscent<Integer> {
        @Override
        public Integer sweep(Integer state) {
            return state + 1;
        }

        @Override
        public double elbo(Integer state) {
            return elboOfSweep.applyAsDouble(state);
        }

        @Override
        public double elboMagnitude(Integer state) {
            return big;
        }
    }

    @Test
    void aDropWithinTheRoundingOfTheElbosTermsIsAccepted() {
        // ELBO about -3, made of terms of size 1e8: a drop of 1e-8 (~450 ulps of 1e8 would be 5.6e-6) is rounding.
        Cancelling model = new Cancelling(1e8, k -> -3.0 - 1e-8 * k);
        assertEquals(4, Cavi.run(model, 0, new CaviOptions(0, 4)).iterations());
        // Without the magnitude (the default: |ELBO|) the same drop is far beyond 1e-10 (1 + 3) and refused.
        Fake plain = new Fake(k -> -3.0 - 1e-8 * k);
        assertThrows(ElboDecreasedException.class, () -> Cavi.run(plain, 0, new CaviOptions(0, 4)));
        // A drop far beyond the rounding of the terms is still refused.
        Cancelling wrong = new Cancelling(1e8, k -> -3.0 - 1e-3 * k);
        assertThrows(ElboDecreasedException.class, () -> Cavi.run(wrong, 0, new CaviOptions(0, 4)));
    }

    @Test
    void theDefaultMagnitudeIsTheAbsoluteElbo() {
        Fake model = new Fake(k -> -7.5 + k);
        assertEquals(7.5, model.elboMagnitude(0), 0.0);
        assertEquals(2.5, model.elboMagnitude(10), 0.0);
    }

    @Test
    void reachingMaxIterationsIsNotConvergence() {
        Fake model = new Fake(k -> k); // the ELBO rises by 1 each sweep: the change never falls below tolerance
        CaviResult<Integer> r = Cavi.run(model, 0, new CaviOptions(1e-6, 7));
        assertFalse(r.converged());
        assertEquals(7, r.iterations());
        assertEquals(8, r.path().size());
        assertEquals(8, r.elboTrace().length);
        assertEquals(7, r.state());
        assertEquals(7.0, r.elbo(), 0);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, r.elboTrace(), 0);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), r.path());
    }

    @Test
    void zeroIterationsGiveAPathOfOneState() {
        Fake model = new Fake(k -> k);
        CaviResult<Integer> r = Cavi.run(model, 42, new CaviOptions(1e-6, 0));
        assertEquals(0, r.iterations());
        assertFalse(r.converged());
        assertEquals(List.of(42), r.path());
        assertArrayEquals(new double[] {42}, r.elboTrace(), 0);
        assertEquals(42, r.state());
    }

    @Test
    void aChangeBelowToleranceStops() {
        // ELBO after sweep k is 1 - 2^-k, so the change at sweep k is 2^-k; 2^-10 < 1e-3 <= 2^-9.
        Fake model = new Fake(k -> 1 - Math.pow(2, -k));
        CaviResult<Integer> r = Cavi.run(model, 0, new CaviOptions(1e-3, 1000));
        assertTrue(r.converged());
        assertEquals(10, r.iterations());
        assertEquals(11, r.path().size());
        assertEquals(11, r.elboTrace().length);
        assertEquals(1 - Math.pow(2, -10), r.elbo(), 0);
    }

    @Test
    void theModelsChangeMeasureIsTheStoppingRule() {
        CoordinateAscent<Integer> model = new CoordinateAscent<>() {
            @Override
            public Integer sweep(Integer s) {
                return s + 1;
            }

            @Override
            public double elbo(Integer s) {
                return s; // changes by 1: would never stop on the default measure
            }

            @Override
            public double change(Integer before, Integer after) {
                return after >= 4 ? 0.0 : 1.0;
            }
        };
        CaviResult<Integer> r = Cavi.run(model, 0, new CaviOptions(0.5, 100));
        assertTrue(r.converged());
        assertEquals(4, r.iterations());
    }

    @Test
    void theResultIsImmutable() {
        CaviResult<Integer> r = Cavi.run(new Fake(k -> k), 0, new CaviOptions(0, 3));
        r.elboTrace()[0] = 99;
        assertEquals(0, r.elboTrace()[0], 0);
        assertThrows(UnsupportedOperationException.class, () -> r.path().add(5));
    }

    @Test
    void badOptionsAreRefusedWithAMessageNamingTypeParameterRuleAndValue() {
        assertRefused(() -> new CaviOptions(-1, 10), "CaviOptions tolerance", ">= 0", "-1.0");
        assertRefused(() -> new CaviOptions(Double.NaN, 10), "CaviOptions tolerance", "NaN");
        assertRefused(() -> new CaviOptions(1e-6, -1), "CaviOptions maxIterations", ">= 0", "-1");
        CaviOptions d = CaviOptions.defaults();
        assertEquals(1e-12, d.tolerance(), 0);
        assertEquals(1000, d.maxIterations());
    }
}
