package org.vworkbook.notebook;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.util.Check;

/**
 * XChart helpers for the notebooks: a house style, line and trace charts, Gaussian ellipses, and
 * PNG encoding. A chart left as a cell's value is shown as a PNG by the kernel start-up script.
 */
public final class Plots {
    /** Colours used in order by the helpers (colour-blind friendly, Okabe-Ito). */
    public static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0), new Color(240, 228, 66)
    };

    private Plots() {}

    /** An empty XY chart in the house style, 640 x 440 pixels. */
    public static XYChart xy(String title, String xAxis, String yAxis) {
        return xy(title, xAxis, yAxis, 640, 440);
    }

    /** An empty XY chart for contours over two coordinates: near-square, 560 x 500 pixels. */
    public static XYChart plane(String title, String xAxis, String yAxis) {
        return xy(title, xAxis, yAxis, 560, 500);
    }

    /** An empty XY chart in the house style with the given size in pixels. */
    public static XYChart xy(String title, String xAxis, String yAxis, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xAxis)
                .yAxisTitle(yAxis).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setLegendBorderColor(new Color(200, 200, 200));
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setSeriesColors(PALETTE);
        chart.getStyler().setAntiAlias(true);
        return chart;
    }

    /** Adds a line without markers. Returns the series for further styling. */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        Check.notNull("Plots.line", "x", x);
        Check.notNull("Plots.line", "y", y);
        Check.sameLength("Plots.line", "x", x.length, "y", y.length);
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** Adds a line with a marker at every point. */
    public static XYSeries lineWithMarkers(XYChart chart, String name, double[] x, double[] y) {
        Check.notNull("Plots.lineWithMarkers", "x", x);
        Check.notNull("Plots.lineWithMarkers", "y", y);
        Check.sameLength("Plots.lineWithMarkers", "x", x.length, "y", y.length);
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        return s;
    }

    /** Adds points only (a scatter). */
    public static XYSeries points(XYChart chart, String name, double[] x, double[] y) {
        Check.notNull("Plots.points", "x", x);
        Check.notNull("Plots.points", "y", y);
        Check.sameLength("Plots.points", "x", x.length, "y", y.length);
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return s;
    }

    /** Makes a series dashed. */
    public static XYSeries dashed(XYSeries s) {
        s.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
        return s;
    }

    /** A trace against iteration 0, 1, 2, ... (an ELBO history, for example). */
    public static XYChart trace(String title, String yAxis, double[] values) {
        Check.notNull("Plots.trace", "values", values);
        XYChart chart = xy(title, "iteration", yAxis);
        lineWithMarkers(chart, yAxis, iterations(values.length), values);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /** 0, 1, ..., n-1 as doubles. */
    public static double[] iterations(int n) {
        Check.atLeast("Plots.iterations", "n", n, 0);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    /** n evenly spaced points from lo to hi inclusive. */
    public static double[] linspace(double lo, double hi, int n) {
        Check.finite("Plots.linspace", "lo", lo);
        Check.finite("Plots.linspace", "hi", hi);
        Check.atLeast("Plots.linspace", "n", n, 2);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * i / (n - 1);
        }
        return x;
    }

    /**
     * The ellipse {z : (z - m)^T S^-1 (z - m) = r^2} of the (i, j) marginal of a Gaussian, as
     * {x[], y[]} with 181 points (closed). r = 1, 2 are the 1- and 2-standard-deviation contours.
     */
    public static double[][] ellipse(MultivariateNormal g, int i, int j, double radius) {
        Check.notNull("Plots.ellipse", "g", g);
        Check.inRange("Plots.ellipse", "i", i, 0, g.dimension() - 1);
        Check.inRange("Plots.ellipse", "j", j, 0, g.dimension() - 1);
        Check.positive("Plots.ellipse", "radius", radius);
        double a = g.covariance(i, i);
        double b = g.covariance(i, j);
        double c = g.covariance(j, j);
        // Cholesky of the 2 x 2 marginal covariance maps the unit circle onto the ellipse.
        double l11 = Math.sqrt(a);
        double l21 = b / l11;
        double l22 = Math.sqrt(Math.max(c - l21 * l21, 0.0));
        int n = 181;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            double t = 2 * Math.PI * k / (n - 1);
            double u = radius * Math.cos(t);
            double v = radius * Math.sin(t);
            x[k] = g.mean(i) + l11 * u;
            y[k] = g.mean(j) + l21 * u + l22 * v;
        }
        return new double[][] {x, y};
    }

    /** Adds the 1- and 2-sd ellipses of the (i, j) marginal of g in one colour. */
    public static XYChart ellipses(XYChart chart, String name, MultivariateNormal g, int i, int j, Color color,
            boolean dashed) {
        for (int r = 1; r <= 2; r++) {
            double[][] e = ellipse(g, i, j, r);
            XYSeries s = line(chart, name + (r == 1 ? " (1 sd)" : " (2 sd)"), e[0], e[1]);
            s.setLineColor(color);
            if (dashed) {
                dashed(s);
            }
            if (r == 2) {
                s.setShowInLegend(false);
            }
        }
        return chart;
    }

    /**
     * The path of coordinate ascent in two coordinates: from (a[k], b[k]) it moves first along
     * the first axis to (a[k+1], b[k]), then along the second to (a[k+1], b[k+1]). Returns {x, y}.
     */
    public static double[][] coordinatePath(double[] a, double[] b) {
        Check.notNull("Plots.coordinatePath", "a", a);
        Check.notNull("Plots.coordinatePath", "b", b);
        Check.sameLength("Plots.coordinatePath", "a", a.length, "b", b.length);
        for (int k = 0; k < a.length; k++) {
            Check.finite("Plots.coordinatePath", "a[" + k + "]", a[k]);
            Check.finite("Plots.coordinatePath", "b[" + k + "]", b[k]);
        }
        int n = a.length;
        double[] x = new double[Math.max(2 * n - 1, 0)];
        double[] y = new double[x.length];
        for (int k = 0; k < n; k++) {
            x[2 * k] = a[k];
            y[2 * k] = b[k];
            if (k + 1 < n) {
                x[2 * k + 1] = a[k + 1];
                y[2 * k + 1] = b[k];
            }
        }
        return new double[][] {x, y};
    }

    /** The chart as a PNG image. */
    public static BufferedImage image(Chart<?, ?> chart) {
        if (chart instanceof XYChart xy) {
            LogScale.reapply(xy);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** The chart encoded as PNG bytes. */
    public static byte[] png(Chart<?, ?> chart) {
        if (chart instanceof XYChart xy) {
            LogScale.reapply(xy); // a series added after LogScale.y must not crash the rendering
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode chart as PNG", e);
        }
    }

    /** The PNG, base64-encoded, as Jupyter's image/png output wants it. */
    public static String pngBase64(Chart<?, ?> chart) {
        return Base64.getEncoder().encodeToString(png(chart));
    }

    /** Encodes any image as base64 PNG. */
    public static String pngBase64(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode image as PNG", e);
        }
    }
}
