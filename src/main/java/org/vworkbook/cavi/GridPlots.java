package org.vworkbook.cavi;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.vworkbook.notebook.Plots;
import org.vworkbook.util.Check;

/**
 * Charts of grid densities for the notebooks: highest-density contours of pairwise densities
 * (marching squares, {@link Contours}) and marginal curves, exact against mean-field, in the house
 * style of {@link Plots}.
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
        XYChart chart = Plots.plane(title, exact.xName(), exact.yName());
        contours(chart, "exact posterior", exact, DEFAULT_PROBABILITIES, Plots.PALETTE[0], false);
        contours(chart, "mean-field q", meanField, DEFAULT_PROBABILITIES, Plots.PALETTE[1], true);
        return chart;
    }

    /** The pairwise chart of latents (i, j) of a grid model: exact posterior against the factors q. */
    public static XYChart pair(GridCavi model, GridFactors q, int i, int j) {
        return pair("z" + (i + 1) + " and z" + (j + 1) + ": 50% and 90% highest-density contours",
                model.exactPair(i, j), model.meanFieldPair(q, i, j));
    }

    /** The exact posterior marginal of z_j against the mean-field factor q_j. */
    public static XYChart marginal(GridCavi model, GridFactors q, int j) {
        return marginal(model, q, j, "q" + (j + 1));
    }

    /** The exact posterior marginal of z_j against the mean-field factor q_j, the factor's curve named {@code qName}. */
    public static XYChart marginal(GridCavi model, GridFactors q, int j, String qName) {
        XYChart chart = Plots.xy("marginal of z" + (j + 1), "z" + (j + 1), "density");
        double[] g = model.grid(j);
        // whole-number axis ends, so that XChart's ticks fall on round values
        chart.getStyler().setXAxisMin(Math.floor(g[0]));
        chart.getStyler().setXAxisMax(Math.ceil(g[g.length - 1]));
        Plots.line(chart, "exact p(z" + (j + 1) + " | x)", g, model.exactMarginal(j)).setLineColor(Plots.PALETTE[0]);
        Plots.dashed(Plots.line(chart, qName, g, q.density(j))).setLineColor(Plots.PALETTE[1]);
        return chart;
    }
}
