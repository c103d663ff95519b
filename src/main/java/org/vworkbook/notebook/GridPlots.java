package org.vworkbook.notebook;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.vworkbook.cavi.GridDensity2D;
import org.vworkbook.cavi.GridFactors;
import org.vworkbook.cavi.GridPosterior;
import org.vworkbook.util.Check;

/**
 * Charts of grid densities: highest-density contours of pairwise densities (marching squares,
 * {@link Contours}) and marginal curves, exact against mean-field, in the house style of {@link Plots}.
 * A chart of one exact density against several fits is a {@link ContourPanels} panel.
 */
public final class GridPlots {
    /** The default contour probabilities: the highest-density regions holding 50% and 90% of the mass. */
    public static final double[] DEFAULT_PROBABILITIES = {0.5, 0.9};

    private GridPlots() {}

    /**
     * Adds the highest-density contours of {@code density} holding each of {@code probabilities} of its
     * mass, as one series (the curves separated by gaps) in one colour.
     */
    public static XYSeries contours(XYChart chart, String name, GridDensity2D density, double[] probabilities,
            Color color, boolean dashed) {
        double[] probs = Check.finiteVector("GridPlots", "probabilities", probabilities);
        List<double[][]> all = new ArrayList<>();
        for (double p : probs) {
            all.addAll(Contours.lines(density, density.highestDensityLevel(p)));
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("GridPlots density " + name + " has no contour on its grid");
        }
        double[][] xy = Contours.joined(all);
        XYSeries s = Plots.line(chart, name, xy[0], xy[1]);
        s.setLineColor(color);
        if (dashed) {
            Plots.dashed(s);
        }
        return s;
    }

    /**
     * A chart of the exact pairwise posterior (solid) and a mean-field approximation (dashed), each at
     * its 50% and 90% highest-density contours.
     */
    public static XYChart pair(String title, GridDensity2D exact, GridDensity2D meanField) {
        return ContourPanels.of(title, exact).fit("mean-field q", meanField).chart();
    }

    /** The pairwise chart of latents (i, j): the grid posterior against the factors q. */
    public static XYChart pair(GridPosterior posterior, GridFactors q, int i, int j) {
        return pair("z" + (i + 1) + " and z" + (j + 1) + ": 50% and 90% highest-density contours",
                posterior.pair(i, j), q.pair(i, j));
    }

    /** The posterior marginal of z_j against the mean-field factor q_j. */
    public static XYChart marginal(GridPosterior posterior, GridFactors q, int j) {
        return marginal(posterior, q, j, "q" + (j + 1));
    }

    /** The posterior marginal of z_j against the mean-field factor q_j, the factor's curve named {@code qName}. */
    public static XYChart marginal(GridPosterior posterior, GridFactors q, int j, String qName) {
        XYChart chart = Plots.xy("marginal of z" + (j + 1), "z" + (j + 1), "density");
        double[] g = posterior.grid(j);
        // whole-number axis ends, so that XChart's ticks fall on round values
        chart.getStyler().setXAxisMin(Math.floor(g[0]));
        chart.getStyler().setXAxisMax(Math.ceil(g[g.length - 1]));
        Plots.line(chart, "exact p(z" + (j + 1) + " | x)", g, posterior.marginal(j)).setLineColor(Plots.PALETTE[0]);
        Plots.dashed(Plots.line(chart, qName, g, q.density(j))).setLineColor(Plots.PALETTE[1]);
        return chart;
    }

    /**
     * The posterior marginal of z_j against several mean-field fits, the first named {@code names[0]}
     * and so on (dashed, in the palette's colours after the exact curve's), under {@code title}.
     */
    public static XYChart marginal(String title, GridPosterior posterior, int j, List<String> names, List<GridFactors> fits) {
        if (names == null || fits == null || names.isEmpty() || names.size() != fits.size()) {
            throw new IllegalArgumentException("GridPlots marginal needs one name per fit and at least one fit, got "
                    + (names == null ? "null" : names.size()) + " names and " + (fits == null ? "null" : fits.size()) + " fits");
        }
        XYChart chart = marginal(posterior, fits.get(0), j, names.get(0));
        double[] g = posterior.grid(j);
        for (int f = 1; f < fits.size(); f++) {
            Plots.dashed(Plots.line(chart, names.get(f), g, fits.get(f).density(j)))
                    .setLineColor(Plots.PALETTE[(f + 1) % Plots.PALETTE.length]);
        }
        chart.setTitle(title);
        return chart;
    }
}
