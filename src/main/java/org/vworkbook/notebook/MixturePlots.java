package org.vworkbook.notebook;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.gmm.ConcentrationComparison;
import org.vworkbook.gmm.GmmState;
import org.vworkbook.gmm.MixtureData;
import org.vworkbook.gmm.RestartedFit;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Charts and tables of a Bayesian Gaussian mixture fit in two dimensions: the components, snapshots of
 * the fit as CAVI iterates, and the weights after each sweep.
 */
public final class MixturePlots {
    private static final int PANEL_WIDTH = 440;
    private static final int PANEL_HEIGHT = 360;

    private MixturePlots() {}

    /** The fitted components: E[pi_k], N_k, m_k, and whether each is used (E[pi_k] > 1 %) or emptied out. */
    public static Table components(GmmState fitted) {
        double[] weights = fitted.weights();
        double[][] means = fitted.means();
        int k = weights.length;
        String[] names = new String[k];
        String[] status = new String[k];
        double[] mx = new double[k];
        double[] my = new double[k];
        for (int j = 0; j < k; j++) {
            names[j] = "component " + j;
            mx[j] = means[j][0];
            my[j] = means[j][1];
            status[j] = weights[j] > MixtureChecks.USED_WEIGHT ? "used" : "emptied out";
        }
        return Table.create("Fitted components").addColumns(
            StringColumn.create("component", names), DoubleColumn.create("E[pi_k]", weights), DoubleColumn.create("N_k", fitted.counts()),
            DoubleColumn.create("m_k (x)", mx), DoubleColumn.create("m_k (y)", my), StringColumn.create("", status));
    }

    /**
     * Up to four snapshots of the fit (the start, one sweep, five sweeps and the last; fewer for short
     * runs) drawn into one 2 x 2 image: the data in grey and each used component's 1, 2 and 3 sd ellipses.
     */
    public static BufferedImage snapshots(List<GmmState> path, MixtureData points) {
        return snapshots(path, points, new String[] {"x", "y"});
    }

    /** {@link #snapshots(List, MixtureData)} with the axes named {@code axisLabels[0]}, {@code axisLabels[1]}. */
    public static BufferedImage snapshots(List<GmmState> path, MixtureData points, String[] axisLabels) {
        int last = path.size() - 1;
        int[] snaps = IntStream.of(0, Math.min(1, last), Math.min(5, last), last).distinct().toArray();
        BufferedImage panels = new BufferedImage(2 * PANEL_WIDTH, ((snaps.length + 1) / 2) * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = panels.createGraphics();
        for (int s = 0; s < snaps.length; s++) {
            String title = "after " + snaps[s] + " sweep" + (snaps[s] == 1 ? "" : "s");
            g.drawImage(panel(title, path.get(snaps[s]), points, axisLabels), (s % 2) * PANEL_WIDTH, (s / 2) * PANEL_HEIGHT, null);
        }
        g.dispose();
        return panels;
    }

    /** One panel: the data in grey and the 1, 2 and 3 sd ellipses of each component with E[pi_k] above 1 %. */
    private static BufferedImage panel(String title, GmmState st, MixtureData points, String[] axisLabels) {
        if (axisLabels == null || axisLabels.length != 2) {
            throw new IllegalArgumentException("MixturePlots axisLabels must be two names, got "
                    + (axisLabels == null ? "null" : axisLabels.length + ""));
        }
        XYChart c = Plots.xy(title, axisLabels[0], axisLabels[1], PANEL_WIDTH, PANEL_HEIGHT);
        Plots.points(c, "data", points.column(0), points.column(1)).setMarkerColor(new Color(150, 150, 150));
        c.getStyler().setMarkerSize(3);
        double[] w = st.weights();
        for (int j = 0; j < w.length; j++) {
            if (w[j] > MixtureChecks.USED_WEIGHT) {
                Plots.ellipses(c, "k=" + j, st.posterior().component(j), 0, 1, Plots.PALETTE[j % Plots.PALETTE.length], false);
            }
        }
        c.getStyler().setLegendVisible(false);
        return Plots.image(c);
    }

    /** The final fit of each concentration side by side (one panel per alpha0, titled with it and the components used). */
    public static BufferedImage concentrationPanels(ConcentrationComparison comparison, MixtureData points) {
        return concentrationPanels(comparison, points, new String[] {"x", "y"});
    }

    /** {@link #concentrationPanels(ConcentrationComparison, MixtureData)} with the axes named {@code axisLabels}. */
    public static BufferedImage concentrationPanels(ConcentrationComparison comparison, MixtureData points, String[] axisLabels) {
        double[] a = comparison.concentrations();
        BufferedImage panels = new BufferedImage(a.length * PANEL_WIDTH, PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = panels.createGraphics();
        for (int i = 0; i < a.length; i++) {
            GmmState st = comparison.runs().get(i).state();
            int used = st.effectiveComponents(MixtureChecks.USED_WEIGHT);
            String title = "alpha0 = " + Prose.num(a[i]) + ": " + used + " of " + st.weights().length + " used";
            g.drawImage(panel(title, st, points, axisLabels), i * PANEL_WIDTH, 0, null);
        }
        g.dispose();
        return panels;
    }

    /** One row per restart: its seed, sweeps, whether it converged, its final ELBO, the components it uses, and which is kept. */
    public static Table restarts(RestartedFit fits) {
        int r = fits.restarts();
        double[] elbos = fits.restartElbos();
        long[] seeds = fits.seeds();
        int best = fits.best();
        int[] index = new int[r];
        int[] sweeps = new int[r];
        int[] used = new int[r];
        String[] conv = new String[r];
        String[] kept = new String[r];
        for (int i = 0; i < r; i++) {
            CaviResult<GmmState> run = fits.runs().get(i);
            index[i] = i + 1;
            sweeps[i] = run.iterations();
            used[i] = run.state().effectiveComponents(MixtureChecks.USED_WEIGHT);
            conv[i] = run.converged() ? "yes" : "no (max_iter)";
            kept[i] = i == best ? "best: shown" : "";
        }
        return Table.create("Restarts").addColumns(IntColumn.create("restart", index), LongColumn.create("init seed", seeds),
            IntColumn.create("sweeps", sweeps), StringColumn.create("converged", conv), DoubleColumn.create("final ELBO", elbos),
            IntColumn.create("components used", used), StringColumn.create("", kept));
    }

    /** E[pi_k] of every component after each sweep, on a log axis. */
    public static XYChart weightsPerSweep(List<GmmState> path) {
        XYChart chart = Plots.xy("E[pi_k] after each sweep", "sweep", "E[pi_k] (log scale)");
        double[] sweeps = Plots.iterations(path.size());
        int k = path.get(0).weights().length;
        for (int j = 0; j < k; j++) {
            final int jj = j;
            double[] wj = path.stream().mapToDouble(st -> st.weights()[jj]).toArray();
            Plots.line(chart, "k=" + j, sweeps, wj).setLineColor(Plots.PALETTE[j % Plots.PALETTE.length]);
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return LogScale.y(chart);
    }
}
