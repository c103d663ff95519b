package org.vworkbook.notebook;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.vworkbook.util.Check;

/**
 * Parameter paths: the iterates of an optimiser (or of EM) drawn over a plane of two of their
 * coordinates, and the traces of coordinates against the step.
 */
public final class PathPlots {
    private PathPlots() {}

    /**
     * Adds the path of coordinates (i, j) of the iterates, in order, as a line with markers.
     *
     * @param path the iterates (each with more than max(i, j) entries)
     * @return the series, for styling
     */
    public static XYSeries path(XYChart chart, String name, List<double[]> path, int i, int j) {
        if (chart == null || path == null || path.isEmpty()) {
            throw new IllegalArgumentException("PathPlots chart and a non-empty path are required");
        }
        double[] x = new double[path.size()];
        double[] y = new double[path.size()];
        for (int k = 0; k < x.length; k++) {
            double[] p = path.get(k);
            Check.atLeast("PathPlots", "iterate length", p.length, Math.max(i, j) + 1);
            x[k] = p[i];
            y[k] = p[j];
        }
        return Plots.lineWithMarkers(chart, name, x, y);
    }

    /** {@link #path(XYChart, String, List, int, int)} of coordinates (0, 1). */
    public static XYSeries path(XYChart chart, String name, List<double[]> path) {
        return path(chart, name, path, 0, 1);
    }

    /**
     * One line per coordinate of the iterates against the step 0, 1, ..., named {@code names[d]}.
     *
     * @param path the iterates, one row per step
     */
    public static XYChart traces(String title, String yAxis, String[] names, double[][] path) {
        if (path == null || path.length == 0 || names == null) {
            throw new IllegalArgumentException("PathPlots path and names are required");
        }
        XYChart chart = Plots.xy(title, "step", yAxis);
        double[] steps = Plots.iterations(path.length);
        for (int d = 0; d < names.length; d++) {
            double[] c = new double[path.length];
            for (int k = 0; k < c.length; k++) {
                Check.atLeast("PathPlots", "iterate length", path[k].length, names.length);
                c[k] = path[k][d];
            }
            Plots.line(chart, names[d], steps, c).setLineColor(Plots.PALETTE[d % Plots.PALETTE.length]);
        }
        return chart;
    }
}
