package org.vworkbook.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * Charts of a quantity after each sweep of an iteration (an ELBO, a KL, the gap log p(x) - ELBO), over the
 * first {@code shown} entries of each trace (entry 0 is the start), with dashed horizontal reference levels
 * such as log p(x) or the optimum. Built step by step and ended by {@link #chart()}:
 *
 * <pre>
 *   TracePlots.sweeps("ELBO after each CAVI sweep", "nats", 15).trace("ELBO", elbo)
 *       .level("log p(x)", logEvidence).legend("InsideSE").chart()
 * </pre>
 *
 * A builder is a value: every step returns a new one.
 */
public final class TracePlots {
    private final String title;
    private final String yAxis;
    private final int shown;
    private final List<Step> steps;
    private final LegendPosition legend;
    private final boolean logY;

    private sealed interface Step permits Trace, Level {}

    private record Trace(String name, double[] values) implements Step {}

    private record Level(String name, double value) implements Step {}

    private TracePlots(String title, String yAxis, int shown, List<Step> steps, LegendPosition legend, boolean logY) {
        this.title = title;
        this.yAxis = yAxis;
        this.shown = shown;
        this.steps = steps;
        this.legend = legend;
        this.logY = logY;
    }

    /**
     * A chart of the first {@code shown} entries (sweeps 0 .. shown - 1) with x axis "sweep".
     *
     * @throws IllegalArgumentException unless shown >= 1
     */
    public static TracePlots sweeps(String title, String yAxis, int shown) {
        if (shown < 1) {
            throw new IllegalArgumentException("TracePlots shown must be >= 1, got " + shown);
        }
        return new TracePlots(title, yAxis, shown, List.of(), null, false);
    }

    /** How many entries of a trace a chart limited to {@code limit} entries shows: min(length, limit). */
    public static int shown(double[] trace, int limit) {
        org.vworkbook.util.Check.notNull("TracePlots", "trace", trace);
        org.vworkbook.util.Check.atLeast("TracePlots", "limit", limit, 1);
        return Math.min(trace.length, limit);
    }

    private TracePlots with(Step s) {
        List<Step> next = new ArrayList<>(steps);
        next.add(s);
        return new TracePlots(title, yAxis, shown, List.copyOf(next), legend, logY);
    }

    /**
     * A trace as a line with markers. A trace shorter than {@code shown} stays at its last value (a run that
     * stopped earlier keeps its final state).
     *
     * @throws IllegalArgumentException if the trace is empty
     */
    public TracePlots trace(String name, double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("TracePlots trace " + name + " must not be empty");
        }
        double[] v = new double[shown];
        for (int i = 0; i < shown; i++) {
            v[i] = values[Math.min(i, values.length - 1)];
        }
        return with(new Trace(name, v));
    }

    /** The gap {@code reference - values[t]} after each sweep as a trace (e.g. log p(x) - ELBO, the KL of the state). */
    public TracePlots gap(String name, double reference, double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("TracePlots trace " + name + " must not be empty");
        }
        double[] g = new double[shown];
        for (int i = 0; i < shown; i++) {
            g[i] = reference - values[Math.min(i, values.length - 1)];
        }
        return with(new Trace(name, g));
    }

    /** A dashed horizontal reference level across the chart (such as log p(x), or log p(x) - KL at the optimum). */
    public TracePlots level(String name, double value) {
        return with(new Level(name, value));
    }

    /** The level when the condition holds, else the same chart (a level that would say nothing is left out). */
    public TracePlots levelIf(boolean condition, String name, double value) {
        return condition ? level(name, value) : this;
    }

    /** Where the legend goes. */
    public TracePlots legend(LegendPosition position) {
        return new TracePlots(title, yAxis, shown, steps, position, logY);
    }

    /**
     * Where the legend goes, by the name of XChart's position ("InsideSE", "InsideN", "OutsideE", ...).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public TracePlots legend(String position) {
        try {
            return legend(LegendPosition.valueOf(position));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("TracePlots legend must be one of " + Arrays.toString(LegendPosition.values())
                    + ", got " + position);
        }
    }

    /** A log-scaled y axis, through {@link LogScale#y} (for gaps that shrink geometrically). */
    public TracePlots logY() {
        return new TracePlots(title, yAxis, shown, steps, legend, true);
    }

    /** The chart, its series in the order they were added. */
    public XYChart chart() {
        XYChart chart = Plots.xy(title, "sweep", yAxis);
        double[] x = Plots.iterations(shown);
        double[] span = {0, Math.max(1, shown - 1)};
        for (Step s : steps) {
            if (s instanceof Trace t) {
                Plots.lineWithMarkers(chart, t.name(), x, Arrays.copyOf(t.values(), t.values().length));
            } else if (s instanceof Level l) {
                Plots.dashed(Plots.line(chart, l.name(), span, new double[] {l.value(), l.value()}));
            }
        }
        if (legend != null) {
            chart.getStyler().setLegendPosition(legend);
        }
        return logY ? LogScale.y(chart) : chart;
    }
}
