package org.vworkbook.cavi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vworkbook.cavi.GaussianMeanFieldTest.assertMessage;

import org.junit.jupiter.api.Test;

/** Evenly spaced grids and the checks every axis of a grid model passes. */
class GridTest {
    @Test
    void pointsAreEvenlySpacedAndEndExactlyAtTheUpperEnd() {
        double[] g = Grid.points(-1, 2, 7);
        assertArrayEquals(new double[] {-1, -0.5, 0, 0.5, 1, 1.5, 2}, g, 1e-15);
        assertEquals(0.7, Grid.points(0.1, 0.7, 13)[12], 0.0);
    }

    @Test
    void axesAreCheckedAndCopied() {
        double[] in = {0, 1, 2};
        double[] out = Grid.checkAxis("X", "axis", in, 2);
        in[0] = -5;
        assertEquals(0.0, out[0], 0.0);
        assertMessage("X axis must have at least 4 points, got 3", () -> Grid.checkAxis("X", "axis", new double[] {0, 1, 2}, 4));
        assertMessage("X axis must be strictly increasing, got axis[1] = 0.0 after axis[0] = 1.0",
                () -> Grid.checkAxis("X", "axis", new double[] {1, 0}, 2));
        assertMessage("Grid points must be >= 5, got 2", () -> Grid.points(0, 1, 2));
        assertMessage("Grid upper end must be > lower end 1.0, got 1.0", () -> Grid.points(1, 1, 10));
        assertMessage("Grid lower end must be finite", () -> Grid.points(Double.NaN, 1, 10));
        assertMessage("X grid must have at most 20000000 points in all, got 20000001", () -> Grid.checkSize("X", 20_000_001L));
    }
}
