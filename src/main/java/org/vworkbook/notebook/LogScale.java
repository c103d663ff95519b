package org.vworkbook.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Logarithmic axes that never fail. XChart refuses to draw a series with a value {@code <= 0}
 * (or a non-finite one) on a logarithmic axis; a KL that is exactly 0, an ELBO gap that closes to
 * rounding, or a variance ratio of exactly 1 would then crash the cell. Every notebook chart with
 * a log axis goes through {@link #y}, {@link #x} or {@link #xy}, which
 *
 * <ul>
 *   <li>leaves out the points a log axis cannot show (zero, negative, NaN, infinite) and says on the
 *       chart how many it left out and why;</li>
 *   <li>draws the chart on a linear axis instead, and says so on the chart, when a whole series would
 *       vanish (all its values are 0, as for the KL of an exact fit), so the degenerate case is
 *       still drawn.</li>
 * </ul>
 *
 * <p>Call it after the last series is added. {@link Plots#png} applies it again before encoding a
 * chart whose axis is logarithmic, so a series added later cannot crash the rendering either.
 */
public final class LogScale {
    private LogScale() {}

    /** Which axis is logarithmic. */
    private enum Axis { X, Y }

    /** The y axis on a log scale, where the data allow it (see the class comment). Returns the chart. */
    public static XYChart y(XYChart chart) {
        return apply(chart, false, true);
    }

    /** The x axis on a log scale, where the data allow it. Returns the chart. */
    public static XYChart x(XYChart chart) {
        return apply(chart, true, false);
    }

    /** Both axes on a log scale, where the data allow it. Returns the chart. */
    public static XYChart xy(XYChart chart) {
        return apply(chart, true, true);
    }

    /** Applies the log axes already set on the chart again (after more series were added). */
    static XYChart reapply(XYChart chart) {
        boolean lx = chart.getStyler().isXAxisLogarithmic();
        boolean ly = chart.getStyler().isYAxisLogarithmic();
        return lx || ly ? apply(chart, lx, ly) : chart;
    }

    private static XYChart apply(XYChart chart, boolean logX, boolean logY) {
        List<String> notes = new ArrayList<>();
        boolean useX = logX && canUse(chart, Axis.X, notes);
        boolean useY = logY && canUse(chart, Axis.Y, notes);
        int dropped = 0;
        List<String> empty = new ArrayList<>();
        for (XYSeries s : new ArrayList<>(chart.getSeriesMap().values())) {
            double[] x = s.getXData();
            double[] y = s.getYData();
            int keep = 0;
            for (int i = 0; i < x.length; i++) {
                if (drawable(x[i], useX) && drawable(y[i], useY)) {
                    keep++;
                }
            }
            if (keep == x.length) {
                continue;
            }
            double[] kx = new double[keep];
            double[] ky = new double[keep];
            for (int i = 0, j = 0; i < x.length; i++) {
                if (drawable(x[i], useX) && drawable(y[i], useY)) {
                    kx[j] = x[i];
                    ky[j] = y[i];
                    j++;
                }
            }
            dropped += x.length - keep;
            if (keep == 0) {
                chart.removeSeries(s.getName());
                empty.add(s.getName());
            } else {
                s.replaceData(kx, ky, null);
            }
        }
        if (dropped > 0) {
            notes.add(String.format(Locale.ROOT, "%d point%s at 0 or not finite left out (a log axis cannot show them)",
                    dropped, dropped == 1 ? "" : "s"));
        }
        if (!empty.isEmpty()) {
            notes.add("not drawn: " + String.join(", ", empty));
        }
        chart.getStyler().setXAxisLogarithmic(useX);
        chart.getStyler().setYAxisLogarithmic(useY);
        note(chart, notes);
        return chart;
    }

    /**
     * A log axis is used only if no series would lose all its points on it and some finite value
     * is positive; otherwise the axis stays linear and the chart says why.
     */
    private static boolean canUse(XYChart chart, Axis axis, List<String> notes) {
        boolean anyPositive = false;
        List<String> zero = new ArrayList<>();
        for (XYSeries s : chart.getSeriesMap().values()) {
            double[] v = axis == Axis.X ? s.getXData() : s.getYData();
            boolean seriesPositive = false;
            boolean seriesFinite = false;
            for (double d : v) {
                seriesPositive |= Double.isFinite(d) && d > 0;
                seriesFinite |= Double.isFinite(d);
            }
            anyPositive |= seriesPositive;
            if (!seriesPositive && seriesFinite) {
                zero.add(s.getName());
            }
        }
        String name = axis == Axis.X ? "x" : "y";
        if (!zero.isEmpty()) {
            notes.add("linear " + name + " axis: " + String.join(", ", zero)
                    + (zero.size() == 1 ? " is" : " are") + " 0 (or negative) throughout, which a log axis cannot show");
            return false;
        }
        if (!anyPositive) {
            notes.add("linear " + name + " axis: nothing positive to draw on a log axis");
            return false;
        }
        return true;
    }

    private static boolean drawable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    /** The notes in small italic text just under the chart's title, wrapped to the chart's width. */
    private static void note(XYChart chart, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        chart.getStyler().setAnnotationTextFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.ITALIC, 11));
        chart.getStyler().setAnnotationTextFontColor(new java.awt.Color(140, 60, 0));
        int perLine = Math.max(30, (int) (chart.getWidth() / 6.2));
        List<String> lines = wrap("Note: " + String.join("; ", notes) + ".", perLine);
        // Screen coordinates: x is the text's centre from the left edge, y its centre from the bottom.
        for (int i = 0; i < lines.size(); i++) {
            chart.addAnnotation(new AnnotationText(lines.get(i), chart.getWidth() / 2.0, chart.getHeight() - 38 - 13 * i, true));
        }
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
