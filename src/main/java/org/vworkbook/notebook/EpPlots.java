package org.vworkbook.notebook;

import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.vworkbook.distributions.GaussianMixture1D;
import org.vworkbook.distributions.Normal;
import org.vworkbook.divergence.GaussianFit;
import org.vworkbook.divergence.MixtureFits;
import org.vworkbook.divergence.ReverseKlProfile;
import org.vworkbook.ep.ClutterComparison;
import org.vworkbook.ep.ClutterProblem;
import org.vworkbook.ep.DampingComparison;
import org.vworkbook.ep.ExpectationPropagation;

/** The charts of notebook EP: the KL fits to a mixture, the reverse-KL landscape, and the clutter comparison. */
public final class EpPlots {
    private EpPlots() {}

    /** p and its forward fit (solid) and reverse fits (dashed), over the means +- 4 of the largest sd. */
    public static XYChart fits(MixtureFits fits, double[] means, double[] vars) {
        GaussianMixture1D p = fits.p();
        Normal forward = fits.forward();
        double[] inits = fits.reverseInits();
        double lo = Arrays.stream(means).min().getAsDouble() - 4 * Math.sqrt(Arrays.stream(vars).max().getAsDouble());
        double hi = Arrays.stream(means).max().getAsDouble() + 4 * Math.sqrt(Arrays.stream(vars).max().getAsDouble());
        double[] xs = Plots.linspace(lo, hi, 401);
        XYChart chart = Plots.xy("p and its Gaussian fits", "x", "density");
        Plots.line(chart, "p (mixture)", xs, Arrays.stream(xs).map(p::density).toArray()).setLineColor(Plots.PALETTE[6]);
        Plots.line(chart, "forward: moment matching", xs, Arrays.stream(xs).map(forward::density).toArray()).setLineColor(Plots.PALETTE[0]);
        for (int i = 0; i < fits.reverse().size(); i++) {
            Normal q = fits.reverse().get(i).fit();
            Plots.dashed(Plots.line(chart, "reverse from " + inits[i], xs, Arrays.stream(xs).map(q::density).toArray()))
                .setLineColor(Plots.PALETTE[1 + i % 5]);
        }
        return chart;
    }

    /** The two profile curves min_v KL(N(mu, v), p) over mu, with the reverse fits to each mixture as points. */
    public static XYChart landscape(ReverseKlProfile profile, ReverseKlProfile profile2, List<GaussianFit> fits, List<GaussianFit> fits2) {
        XYChart landscape = Plots.xy("min over the variance of KL(N(mu, var) || p)", "mu", "nats");
        Plots.line(landscape, "p of the parameters", profile.mu(), profile.kl());
        Plots.line(landscape, "modes at -2, +2", profile2.mu(), profile2.kl());
        for (int i = 0; i < fits.size(); i++) {
            Plots.points(landscape, i == 0 ? "reverse fits (p of the parameters)" : "fit " + i, new double[] {fits.get(i).mean()},
                new double[] {fits.get(i).kl()}).setMarkerColor(Plots.PALETTE[0]);
            Plots.points(landscape, i == 0 ? "reverse fits (modes at +-2)" : "fit2 " + i, new double[] {fits2.get(i).mean()},
                new double[] {fits2.get(i).kl()}).setMarkerColor(Plots.PALETTE[1]);
        }
        landscape.getSeriesMap().values().forEach(s -> s.setShowInLegend(!s.getName().startsWith("fit")));
        return landscape;
    }

    /** The posterior of theta at the smallest data set: exact (quadrature), EP and VB. */
    public static XYChart posteriorAtSmallest(ClutterProblem full, ClutterComparison c) {
        int size = c.sizes()[0];
        ClutterProblem smallest = full.firstObservations(size);
        ClutterProblem.Posterior exact = c.exact().get(0);
        double sd0 = Math.sqrt(exact.variance());
        double[] ts = Plots.linspace(Math.floor(exact.mean() - 6 * sd0), Math.ceil(exact.mean() + 6 * sd0), 401);
        XYChart densities = Plots.xy("Posterior of theta, N = " + size, "theta", "density");
        densities.getStyler().setXAxisDecimalPattern("0.#");
        double logZ = exact.logEvidence();
        Plots.line(densities, "exact (quadrature)", ts, Arrays.stream(ts).map(t -> Math.exp(smallest.logJoint(t) - logZ)).toArray())
            .setLineColor(Plots.PALETTE[6]);
        Normal epQ = Normal.ofMeanVariance(c.epMean()[0], c.epVariance()[0]);
        Normal vbQ = Normal.ofMeanVariance(c.vbMean()[0], c.vbVariance()[0]);
        Plots.line(densities, "EP", ts, Arrays.stream(ts).map(epQ::density).toArray()).setLineColor(Plots.PALETTE[0]);
        Plots.dashed(Plots.line(densities, "mean-field VB", ts, Arrays.stream(ts).map(vbQ::density).toArray())).setLineColor(Plots.PALETTE[1]);
        return densities;
    }

    private static double[] sorted(int[] bySize, double[] v) {
        return Arrays.stream(bySize).mapToDouble(i -> v[i]).toArray();
    }

    /** The posterior variance of theta against N, exact, EP and VB (log-log). */
    public static XYChart varianceAgainstSize(ClutterComparison c) {
        int[] bySize = c.bySize();
        double[] ns = Arrays.stream(c.sizes()).asDoubleStream().toArray();
        double[] sortedNs = sorted(bySize, ns);
        XYChart varChart = Plots.xy("Posterior variance of theta against N", "N", "variance");
        Plots.lineWithMarkers(varChart, "exact", sortedNs, sorted(bySize, c.exactVariance())).setLineColor(Plots.PALETTE[6]);
        Plots.lineWithMarkers(varChart, "EP", sortedNs, sorted(bySize, c.epVariance())).setLineColor(Plots.PALETTE[0]);
        Plots.lineWithMarkers(varChart, "mean-field VB", sortedNs, sorted(bySize, c.vbVariance())).setLineColor(Plots.PALETTE[1]);
        return LogScale.xy(varChart);
    }

    /** EP's log Z and VB's ELBO minus the exact log evidence, against N (log N). */
    public static XYChart evidenceAgainstSize(ClutterComparison c) {
        int[] bySize = c.bySize();
        int sizes = bySize.length;
        double[] ns = Arrays.stream(c.sizes()).asDoubleStream().toArray();
        double[] sortedNs = sorted(bySize, ns);
        double[] epLogZ = c.epLogEvidence();
        double[] vbElbo = c.vbElbo();
        double[] exactLogZ = c.exactLogEvidence();
        XYChart evidenceChart = Plots.xy("Evidence estimates minus the exact log p(D)", "N", "nats");
        double[] epGap = new double[sizes];
        double[] vbGap = new double[sizes];
        for (int k = 0; k < sizes; k++) {
            epGap[k] = epLogZ[k] - exactLogZ[k];
            vbGap[k] = vbElbo[k] - exactLogZ[k];
        }
        Plots.lineWithMarkers(evidenceChart, "EP log Z - log p(D)", sortedNs, sorted(bySize, epGap)).setLineColor(Plots.PALETTE[0]);
        Plots.lineWithMarkers(evidenceChart, "VB ELBO - log p(D)  (= -KL(q || posterior) <= 0)", sortedNs, sorted(bySize, vbGap))
            .setLineColor(Plots.PALETTE[1]);
        Plots.dashed(Plots.line(evidenceChart, "0", new double[] {sortedNs[0], sortedNs[sizes - 1]}, new double[] {0, 0}))
            .setLineColor(Plots.PALETTE[6]);
        evidenceChart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        return LogScale.x(evidenceChart);
    }

    /**
     * Each site's precision tau_n against the pass (0: the flat start), one line per observation,
     * with 0 dashed: a site below it widens q (a negative-precision factor).
     */
    public static XYChart sitePrecisions(ExpectationPropagation.Result ep, double[] data) {
        double[][] trace = ep.sitePrecisionTrace();
        int sites = trace[0].length;
        double[] passes = Plots.iterations(trace.length);
        XYChart chart = Plots.xy("Site precisions tau_n over the passes, N = " + sites, "pass", "site precision tau_n");
        for (int n = 0; n < sites; n++) {
            final int site = n;
            double[] tau = Arrays.stream(trace).mapToDouble(row -> row[site]).toArray();
            Plots.line(chart, "site " + (n + 1) + " (x = " + Prose.num(data[n], 3) + ")", passes, tau)
                .setLineColor(Plots.PALETTE[n % 6]);
        }
        Plots.dashed(Plots.line(chart, "0", new double[] {0, passes[passes.length - 1]}, new double[] {0, 0})).setLineColor(Plots.PALETTE[6]);
        chart.getStyler().setLegendVisible(sites <= 12);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return chart;
    }

    /** At most this many passes are drawn by {@link #dampingTrace}. */
    public static final int DAMPING_PASSES_DRAWN = 100;

    /**
     * q's mean against the pass for undamped and damped EP on one problem, with the exact posterior
     * mean dashed; at most the first {@link #DAMPING_PASSES_DRAWN} passes (the title says when a run was longer).
     */
    public static XYChart dampingTrace(String title, DampingComparison d) {
        double[] undamped = d.undamped().meanTrace();
        double[] damped = d.damped().meanTrace();
        int longest = Math.max(undamped.length, damped.length) - 1;
        int drawn = Math.min(longest, DAMPING_PASSES_DRAWN);
        undamped = Arrays.copyOf(undamped, Math.min(undamped.length, drawn + 1));
        damped = Arrays.copyOf(damped, Math.min(damped.length, drawn + 1));
        XYChart chart = Plots.xy(title + (drawn < longest ? " (first " + drawn + " of " + longest + " passes)" : ""), "pass", "mean of q(theta)");
        org.knowm.xchart.XYSeries u = Plots.lineWithMarkers(chart, "undamped (eta = 1)", Plots.iterations(undamped.length), undamped);
        u.setLineColor(Plots.PALETTE[1]);
        u.setMarkerColor(Plots.PALETTE[1]);
        org.knowm.xchart.XYSeries v = Plots.lineWithMarkers(chart, "damped (eta = " + Prose.num(d.dampedEta()) + ")", Plots.iterations(damped.length), damped);
        v.setLineColor(Plots.PALETTE[0]);
        v.setMarkerColor(Plots.PALETTE[0]);
        Plots.dashed(Plots.line(chart, "exact posterior mean", new double[] {0, Math.max(1, drawn)},
            new double[] {d.exact().mean(), d.exact().mean()})).setLineColor(Plots.PALETTE[6]);
        return chart;
    }
}
