package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.FoundationAssertions.assertRefused;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class PathPlotsTest {
    @Test
    void aPathIsTheChosenCoordinatesOfTheIteratesInOrder() {
        XYChart chart = Plots.plane("path", "a", "b");
        List<double[]> path = List.of(new double[] {0, 1, 2}, new double[] {3, 4, 5}, new double[] {6, 7, 8});
        XYSeries s = PathPlots.path(chart, "descent", path, 2, 0);
        assertArrayEquals(new double[] {2, 5, 8}, s.getXData(), 0.0);
        assertArrayEquals(new double[] {0, 3, 6}, s.getYData(), 0.0);
        PathPlots.path(chart, "default", path);
        assertArrayEquals(new double[] {1, 4, 7}, chart.getSeriesMap().get("default").getYData(), 0.0);
        assertTrue(Plots.png(chart).length > 1000);
        assertRefused(() -> PathPlots.path(chart, "short", List.of(new double[] {1}), 0, 1), "PathPlots iterate length");
    }

    @Test
    void tracesDrawOneLinePerCoordinateAgainstTheStep() {
        double[][] path = {{1, 10}, {2, 20}, {3, 30}, {4, 40}};
        XYChart chart = PathPlots.traces("traces", "value", new String[] {"m", "log s"}, path);
        assertEquals(List.of("m", "log s"), List.copyOf(chart.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {0, 1, 2, 3}, chart.getSeriesMap().get("log s").getXData(), 0.0);
        assertArrayEquals(new double[] {10, 20, 30, 40}, chart.getSeriesMap().get("log s").getYData(), 0.0);
        assertTrue(Plots.png(chart).length > 1000);
    }
}
