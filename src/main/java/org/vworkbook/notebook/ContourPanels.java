package org.vworkbook.notebook;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.vworkbook.cavi.GridDensity2D;

/**
 * A contour panel: one exact pairwise density (solid) against one or more approximations (dashed),
 * each drawn at its 50% and 90% highest-density contours ({@link GridPlots#DEFAULT_PROBABILITIES}),
 * the exact density in the palette's first colour and the fits in the following ones. Immutable:
 * {@link #fit} returns a new panel.
 *
 * <pre>{@code
 * ContourPanels.of("z1 and z2", posterior.pair(0, 1))
 *     .fit("mean field from +", qPlus.pair(0, 1))
 *     .fit("mean field from -", qMinus.pair(0, 1))
 *     .chart()
 * }</pre>
 */
public final class ContourPanels {
    private final String title;
    private final GridDensity2D exact;
    private final List<String> names;
    private final List<GridDensity2D> fits;

    private ContourPanels(String title, GridDensity2D exact, List<String> names, List<GridDensity2D> fits) {
        this.title = title;
        this.exact = exact;
        this.names = names;
        this.fits = fits;
    }

    /** A panel titled {@code title} showing the exact density; its axes are named after the density's variables. */
    public static ContourPanels of(String title, GridDensity2D exact) {
        if (title == null) {
            throw new IllegalArgumentException("ContourPanels title must not be null");
        }
        if (exact == null) {
            throw new IllegalArgumentException("ContourPanels exact density must not be null");
        }
        return new ContourPanels(title, exact, List.of(), List.of());
    }

    /** This panel with one more approximation, named {@code name} in the legend. */
    public ContourPanels fit(String name, GridDensity2D density) {
        if (name == null || density == null) {
            throw new IllegalArgumentException("ContourPanels fit needs a name and a density, got " + name + " and " + density);
        }
        if (fits.size() + 1 >= Plots.PALETTE.length) {
            throw new IllegalArgumentException("ContourPanels can show at most " + (Plots.PALETTE.length - 1) + " fits");
        }
        List<String> n = new ArrayList<>(names);
        List<GridDensity2D> f = new ArrayList<>(fits);
        n.add(name);
        f.add(density);
        return new ContourPanels(title, exact, List.copyOf(n), List.copyOf(f));
    }

    /** The number of approximations on the panel. */
    public int fitCount() {
        return fits.size();
    }

    /** The chart: the exact density's contours solid, each fit's dashed. */
    public XYChart chart() {
        XYChart chart = Plots.plane(title, exact.xName(), exact.yName());
        GridPlots.contours(chart, "exact posterior", exact, GridPlots.DEFAULT_PROBABILITIES, Plots.PALETTE[0], false);
        for (int k = 0; k < fits.size(); k++) {
            GridPlots.contours(chart, names.get(k), fits.get(k), GridPlots.DEFAULT_PROBABILITIES, Plots.PALETTE[k + 1], true);
        }
        return chart;
    }
}
