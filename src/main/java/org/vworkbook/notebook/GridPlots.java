package org.vworkbook.notebook;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.vworkbook.cavi.GridDensity2D;
import org.vworkbook.cavi.GridFactors;
import org.vworkbook.cavi.GridPosterior;
import org.vworkbook.cavi.NormalGammaGridUpdate;
import org.vworkbook.distributions.Gamma;
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

    /**
     * Tick labels with as many decimals as the axis's span [lo, hi] needs (about five ticks), and
     * scientific notation beyond 1e5.
     */
    static String axisPattern(double lo, double hi) {
        if (Math.max(Math.abs(lo), Math.abs(hi)) >= 1e5) {
            return "0.##E0";
        }
        int decimals = Math.max(0, Math.min(8, 1 - (int) Math.floor(Math.log10((hi - lo) / 5))));
        return decimals == 0 ? "0" : "0." + "0".repeat(decimals);
    }

    /**
     * q*(mu) as the grid computes it (dots at about 50 of the grid points, every max(1, n / 50)-th) against
     * its closed form N(m, 1/l) (a line through every grid point).
     */
    public static XYChart muUpdate(NormalGammaGridUpdate.FactorOnGrid mu) {
        XYChart chart = Plots.xy("q*(mu): exp E_tau[log p] on a grid vs closed form", "mu", "density");
        double[] gm = mu.grid();
        double[] nm = mu.numerical();
        int every = Math.max(1, gm.length / 50);
        chart.getStyler().setXAxisDecimalPattern(axisPattern(gm[0], gm[gm.length - 1]));
        Plots.line(chart, "closed form N(m, 1/l)", gm, mu.closedForm());
        double[] gmS = IntStream.range(0, gm.length).filter(i -> i % every == 0).mapToDouble(i -> gm[i]).toArray();
        double[] nmS = IntStream.range(0, gm.length).filter(i -> i % every == 0).mapToDouble(i -> nm[i]).toArray();
        Plots.points(chart, "grid, from E_tau[log p]", gmS, nmS);
        return chart;
    }

    /**
     * q*(tau) as the grid computes it against its closed form Gamma(a, b): the closed form on 801 points
     * linear in tau (the grid itself is uniform in log tau, so sparse at large tau), the grid as dots at
     * the grid points nearest to 51 evenly spaced values of tau.
     */
    public static XYChart tauUpdate(NormalGammaGridUpdate.FactorOnGrid tau, Gamma closedForm) {
        XYChart chart = Plots.xy("q*(tau): exp E_mu[log p] on a grid vs closed form", "tau", "density");
        double[] gt = tau.grid();
        double[] nt = tau.numerical();
        double lo = gt[0];
        double hi = gt[gt.length - 1];
        chart.getStyler().setXAxisDecimalPattern(axisPattern(lo, hi));
        double[] lt = Plots.linspace(lo, hi, 801);
        Plots.line(chart, "closed form Gamma(a, b)", lt, Arrays.stream(lt).map(closedForm::density).toArray());
        int[] picks = IntStream.rangeClosed(0, 50).map(k -> {
            double target = lo + (hi - lo) * k / 50;
            int best = 0;
            for (int i = 1; i < gt.length; i++) {
                if (Math.abs(gt[i] - target) < Math.abs(gt[best] - target)) {
                    best = i;
                }
            }
            return best;
        }).distinct().toArray();
        Plots.points(chart, "grid, from E_mu[log p]", Arrays.stream(picks).mapToDouble(i -> gt[i]).toArray(),
                Arrays.stream(picks).mapToDouble(i -> nt[i]).toArray());
        return chart;
    }
}
