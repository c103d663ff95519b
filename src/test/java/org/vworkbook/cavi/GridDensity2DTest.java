package org.vworkbook.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GridDensity2DTest {

    /** A mixture of two unit-variance Gaussians at (+d, +d) and (-d, -d), tabulated on [-8, 8]^2. */
    private static GridDensity2D mirrorMixture(double d, int n) {
        double[] g = Grid.points(-8, 8, n);
        double[][] v = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double p = Math.exp(-0.5 * ((g[a] - d) * (g[a] - d) + (g[b] - d) * (g[b] - d)));
                double m = Math.exp(-0.5 * ((g[a] + d) * (g[a] + d) + (g[b] + d) * (g[b] + d)));
                v[a][b] = (p + m) / (4 * Math.PI);
            }
        }
        return new GridDensity2D("z1", "z2", g, g, v);
    }

    @Test
    void oneGaussianIsOneRegionAtEveryProbability() {
        GridDensity2D single = mirrorMixture(0.0, 81);
        for (double p : new double[] {0.1, 0.5, 0.9, 0.99}) {
            assertEquals(1, single.regionCount(p), "probability " + p);
        }
    }

    @Test
    void wellSeparatedModesAreTwoRegions() {
        // modes 2 d sqrt(2) = 8.5 apart: the 50% and 90% regions (discs of radius 1.2 and 2.1 around each mode) do not meet
        GridDensity2D two = mirrorMixture(3.0, 101);
        assertEquals(2, two.regionCount(0.5));
        assertEquals(2, two.regionCount(0.9));
    }

    @Test
    void closeModesMergeIntoOneRegion() {
        // at d = 0.5 the mixture is unimodal (separation 2d sqrt 2 = 1.41 < 2 standard deviations)
        assertEquals(1, mirrorMixture(0.5, 101).regionCount(0.5));
    }

    @Test
    void regionCountRefusesAProbabilityOutsideTheOpenUnitInterval() {
        GridDensity2D single = mirrorMixture(0.0, 21);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> single.regionCount(1.0));
        assertEquals("GridDensity2D probability must be in (0, 1), got 1.0", e.getMessage());
    }
}
