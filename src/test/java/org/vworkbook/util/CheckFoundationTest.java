package org.vworkbook.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.vworkbook.FoundationAssertions.assertRefused;

import org.junit.jupiter.api.Test;

class CheckFoundationTest {

    @Test
    void scalarChecksPassGoodValuesAndNameEverythingForBadOnes() {
        assertEquals(1.5, Check.finite("T", "p", 1.5), 0);
        assertEquals(2.0, Check.positive("T", "p", 2.0), 0);
        assertEquals(0.0, Check.nonNegative("T", "p", 0.0), 0);
        assertEquals(3, Check.atLeast("T", "p", 3, 3));
        assertEquals(0.5, Check.inRange("T", "p", 0.5, 0, 1), 0);
        assertRefused(() -> Check.finite("Gamma", "rate", Double.NaN), "Gamma rate must be finite, got NaN");
        assertRefused(() -> Check.positive("Gamma", "rate", -0.1), "Gamma rate must be finite and > 0, got -0.1");
        assertRefused(() -> Check.positive("Gamma", "rate", Double.POSITIVE_INFINITY), "Gamma rate", "Infinity");
        assertRefused(() -> Check.nonNegative("T", "p", -1e-300), "T p must be finite and >= 0, got -1.0E-300");
        assertRefused(() -> Check.nonNegative("T", "p", Double.NaN), "T p", "NaN");
        assertRefused(() -> Check.atLeast("T", "n", 1, 2), "T n must be >= 2, got 1");
        assertRefused(() -> Check.inRange("T", "p", 1.5, 0, 1), "T p must be in [0.0, 1.0], got 1.5");
        assertRefused(() -> Check.inRange("T", "p", Double.NaN, 0, 1), "T p", "NaN");
    }

    @Test
    void vectorChecksCopyAndNameTheEntry() {
        double[] v = {1, 2};
        double[] c = Check.finiteVector("T", "v", v);
        assertNotSame(v, c);
        assertArrayEquals(v, c, 0);
        assertRefused(() -> Check.finiteVector("T", "v", null), "T v must not be null");
        assertRefused(() -> Check.finiteVector("T", "v", new double[0]), "T v must not be empty");
        assertRefused(() -> Check.finiteVector("T", "v", new double[] {1, Double.NaN}), "T v[1] must be finite, got NaN");
        assertRefused(() -> Check.positiveVector("T", "v", new double[] {1, 0}), "T v[1] must be > 0, got 0.0");
        assertRefused(() -> Check.sameLength("T", "a", 2, "b", 3), "T a and b must have the same length, got 2 and 3");
        String longOne = Check.abbreviate(new double[20]);
        assertEquals(true, longOne.contains("(20 values)"));
    }

    @Test
    void symmetricMatrixChecksShapeFinitenessAndSymmetry() {
        double[][] ok = {{1, 0.5}, {0.5 + 1e-12, 2}};
        double[][] c = Check.symmetricMatrix("T", "S", ok, 2);
        assertEquals(c[0][1], c[1][0], 0);
        assertNotSame(ok[0], c[0]);
        assertRefused(() -> Check.symmetricMatrix("T", "S", new double[][] {{1, 0.5}, {0.6, 1}}, 2),
                "T S must be symmetric", "[0][1] = 0.5", "[1][0] = 0.6");
        assertRefused(() -> Check.symmetricMatrix("T", "S", new double[][] {{1, 0}, {0, Double.NaN}}, 2),
                "T S[1][1] must be finite, got NaN");
        assertRefused(() -> Check.symmetricMatrix("T", "S", new double[][] {{1}}, 2), "T S must be 2 x 2", "1 rows");
        assertRefused(() -> Check.symmetricMatrix("T", "S", new double[][] {{1, 0}, {0, 1, 2}}, 2), "row 1 has 3 entries");
        assertRefused(() -> Check.symmetricMatrix("T", "S", null, 2), "T S must not be null");
    }
}
