package org.vworkbook.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.cavi.GaussianMeanFieldTest.assertMessage;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.notebook.Plots;

class ContoursTest {
    private static final MultivariateNormal G = MultivariateNormal.ofMeanCovariance(new double[] {0.5, -0.3},
            new double[][] {{1.0, 0.6}, {0.6, 0.8}});

    private static GridDensity2D tabulate(MultivariateNormal g, int n) {
        double[] x = GridCavi.grid(-6, 7, n);
        double[] y = GridCavi.grid(-7, 6, n + 3);
        double[][] v = new double[x.length][y.length];
        for (int a = 0; a < x.length; a++) {
            for (int b = 0; b < y.length; b++) {
                v[a][b] = Math.exp(g.logDensity(new double[] {x[a], y[b]}));
            }
        }
        return new GridDensity2D("x", "y", x, y, v);
    }

    private static double mahalanobisSq(double x, double y) {
        double[][] p = G.precision();
        double dx = x - G.mean(0);
        double dy = y - G.mean(1);
        return p[0][0] * dx * dx + 2 * p[0][1] * dx * dy + p[1][1] * dy * dy;
    }

    @Test
    void contourOfAGaussianIsOneClosedEllipse() {
        GridDensity2D d = tabulate(G, 261);
        double r2 = 2.0;
        double level = Math.exp(-0.5 * r2 - 0.5 * Math.log(4 * Math.PI * Math.PI) - 0.5 * G.logDetCovariance());
        List<double[][]> lines = Contours.lines(d, level);
        assertEquals(1, lines.size());
        double[][] line = lines.get(0);
        int n = line[0].length;
        assertTrue(n > 50);
        assertEquals(line[0][0], line[0][n - 1], 0.0, "closed");
        assertEquals(line[1][0], line[1][n - 1], 0.0, "closed");
        for (int k = 0; k < n; k++) {
            // linear interpolation of exp(-q/2) across a cell of side 0.05: error well below 1%
            assertEquals(r2, mahalanobisSq(line[0][k], line[1][k]), 0.01);
        }
    }

    @Test
    void highestDensityLevelOfAGaussianMatchesTheChiSquareRadius() {
        GridDensity2D d = tabulate(G, 261);
        assertEquals(1.0, d.mass(), 1e-10);
        for (double p : new double[] {0.5, 0.9}) {
            double r2 = -2 * Math.log(1 - p); // P(chi^2_2 <= r2) = p
            double expected = Math.exp(-0.5 * r2 - Math.log(2 * Math.PI) - 0.5 * G.logDetCovariance());
            assertEquals(expected, d.highestDensityLevel(p), 0.01 * expected);
        }
    }

    @Test
    void twoSeparatedModesGiveTwoClosedCurvesAndSaddleCellsAreResolved() {
        double[] x = GridCavi.grid(-4, 4, 81);
        double[] y = GridCavi.grid(-4, 4, 81);
        double[][] v = new double[x.length][y.length];
        for (int a = 0; a < x.length; a++) {
            for (int b = 0; b < y.length; b++) {
                double d1 = (x[a] - 1.5) * (x[a] - 1.5) + (y[b] - 1.5) * (y[b] - 1.5);
                double d2 = (x[a] + 1.5) * (x[a] + 1.5) + (y[b] + 1.5) * (y[b] + 1.5);
                v[a][b] = Math.exp(-d1 / 0.5) + Math.exp(-d2 / 0.5);
            }
        }
        GridDensity2D d = new GridDensity2D("x", "y", x, y, v);
        List<double[][]> lines = Contours.lines(d, 0.5);
        assertEquals(2, lines.size());
        for (double[][] l : lines) {
            int n = l[0].length;
            assertEquals(l[0][0], l[0][n - 1], 0.0);
        }
        // a single saddle cell: corners (0,0) and (1,1) high, (1,0) and (0,1) low, centre high
        GridDensity2D saddle = new GridDensity2D("x", "y", new double[] {0, 1}, new double[] {0, 1},
                new double[][] {{3, 0.2}, {0.2, 3}});
        List<double[][]> s = Contours.lines(saddle, 1.0);
        assertEquals(2, s.size());
        double[][] joined = Contours.joined(s);
        assertEquals(5, joined[0].length);
        assertTrue(Double.isNaN(joined[0][2]));
    }

    @Test
    void gridPlotsDrawExactAgainstMeanField() {
        GridCavi g = GridCavi.of((a, b) -> G.logDensity(new double[] {a, b}), GridCavi.grid(-5, 6, 81), GridCavi.grid(-6, 5, 81));
        GridFactors q = g.run(g.gaussianStart(new double[2], new double[] {1, 1}), CaviOptions.defaults()).state();
        XYChart chart = GridPlots.pair(g, q, 0, 1);
        assertEquals(2, chart.getSeriesMap().size());
        assertTrue(Plots.png(chart).length > 1000);
        XYChart marginal = GridPlots.marginal(g, q, 1);
        assertEquals(2, marginal.getSeriesMap().size());
    }

    @Test
    void badInputsAreRefusedWithMessages() {
        GridDensity2D d = tabulate(G, 21);
        assertMessage("Contours level must be finite and > 0, got 0.0", () -> Contours.lines(d, 0.0));
        assertMessage("Contours density must not be null", () -> Contours.lines(null, 1.0));
        assertMessage("GridDensity2D probability must be in (0, 1), got 1.0", () -> d.highestDensityLevel(1.0));
        assertMessage("GridDensity2D values[0][1] must be finite and >= 0, got -1.0", () -> new GridDensity2D("x", "y",
                new double[] {0, 1}, new double[] {0, 1}, new double[][] {{0, -1}, {0, 0}}));
        assertMessage("GridDensity2D values row 1 must have 2 entries (one per y), got 1", () -> new GridDensity2D("x", "y",
                new double[] {0, 1}, new double[] {0, 1}, new double[][] {{0, 1}, {0}}));
        assertMessage("GridDensity2D x must be strictly increasing", () -> new GridDensity2D("x", "y",
                new double[] {1, 0}, new double[] {0, 1}, new double[][] {{0, 1}, {0, 1}}));
    }
}
