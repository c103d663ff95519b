package org.vworkbook.notebook;

import java.awt.Color;
import java.util.Arrays;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.vworkbook.bbvi.BbviResult;
import org.vworkbook.bbvi.NormalGammaBaseline;
import org.vworkbook.bbvi.NormalGammaRuns;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.distributions.NormalGamma;

/** The charts of notebook BBVI: each run's distance from the evidence, and the fitted marginals. */
public final class BbviPlots {
    /** One colour per estimator, the same in every chart. */
    public static final Map<String, Color> COLOUR = Map.of("reinforce", Plots.PALETTE[1], "reinforce_cv", Plots.PALETTE[2],
            "reparam", Plots.PALETTE[0], "reinforce_rb", Plots.PALETTE[4]);

    private BbviPlots() {}

    /**
     * log p(x) - ELBO(q_t) = KL(q_t, posterior) along each BBVI run (at most ~600 points per run) and
     * along CAVI's sweeps, with KL(q_CAVI, posterior) as a dashed floor, on a log scale.
     *
     * @param steps the steps each run was asked for (the floor spans them)
     */
    public static XYChart distanceFromEvidence(NormalGammaBaseline baseline, NormalGammaRuns runs, int steps) {
        double logEvidence = baseline.logEvidence();
        double elboCavi = baseline.elboCavi();
        XYChart traces = Plots.xy("Distance from the evidence: log p(x) - ELBO(q_t)", "step (CAVI: sweep)", "nats (log scale)");
        traces.getStyler().setXAxisDecimalPattern("#");
        traces.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        traces.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        for (Map.Entry<String, BbviResult<NormalGammaMeanFieldState>> e : runs.runs().entrySet()) {
            double[] el = e.getValue().elboExact();
            int thin = Math.max(1, el.length / 600);
            int shown = (el.length + thin - 1) / thin;
            double[] at = new double[shown];
            double[] gap = new double[shown];
            for (int k = 0; k < shown; k++) {
                at[k] = k * thin;
                gap[k] = logEvidence - el[k * thin];
            }
            Plots.line(traces, "BBVI " + e.getKey(), at, gap).setLineColor(COLOUR.get(e.getKey()));
        }
        double[] caviTrace = baseline.caviRun().elboTrace();
        double[] caviGap = Arrays.stream(caviTrace).map(v -> logEvidence - v).toArray();
        Plots.lineWithMarkers(traces, "CAVI", Plots.iterations(caviGap.length), caviGap).setLineColor(Plots.PALETTE[3]);
        Plots.dashed(Plots.line(traces, "KL(q_CAVI, posterior)", new double[] {0, Math.max(steps, caviGap.length - 1)},
                new double[] {logEvidence - elboCavi, logEvidence - elboCavi})).setLineColor(Plots.PALETTE[6]);
        return LogScale.y(traces);
    }

    /** The two marginal charts, q(mu) and q(tau). */
    public record Marginals(XYChart mu, XYChart tau) {}

    /**
     * q(mu) and q(tau) of each run's iterate average and of CAVI against the exact marginals (mu | x a
     * Student t, tau | x a Gamma), over +-5 posterior standard deviations.
     */
    public static Marginals marginals(NormalGammaBaseline baseline, NormalGammaRuns runs) {
        NormalGamma exact = baseline.exact();
        NormalGammaMeanFieldState qCavi = baseline.qCavi();
        XYChart tauChart = Plots.xy("q(tau)", "tau", "density");
        double sdMu = Math.sqrt(exact.rate() / (exact.shape() * exact.lambda()));
        double[] muGrid = Plots.linspace(exact.location() - 5 * sdMu, exact.location() + 5 * sdMu, 301);
        double tauMean = exact.shape() / exact.rate();
        double tauSd = Math.sqrt(exact.shape()) / exact.rate();
        double[] tauGrid = Plots.linspace(Math.max(1e-9, tauMean - 5 * tauSd), tauMean + 5 * tauSd, 301);
        XYChart muChart = Plots.xy("q(mu)", "mu", "density");
        muChart.getStyler().setXAxisDecimalPattern("0.00");
        tauChart.getStyler().setXAxisDecimalPattern("0.00");
        Plots.line(muChart, "exact p(mu | x)", muGrid, Arrays.stream(muGrid).map(baseline.model()::posteriorDensityOfMu).toArray())
                .setLineColor(Plots.PALETTE[6]);
        Plots.line(tauChart, "exact p(tau | x)", tauGrid, Arrays.stream(tauGrid).map(t -> exact.precisionMarginal().density(t)).toArray())
                .setLineColor(Plots.PALETTE[6]);
        Plots.dashed(Plots.line(muChart, "CAVI", muGrid, Arrays.stream(muGrid).map(m -> qCavi.qMu().density(m)).toArray()))
                .setLineColor(Plots.PALETTE[3]);
        Plots.dashed(Plots.line(tauChart, "CAVI", tauGrid, Arrays.stream(tauGrid).map(t -> qCavi.qTau().density(t)).toArray()))
                .setLineColor(Plots.PALETTE[3]);
        for (Map.Entry<String, BbviResult<NormalGammaMeanFieldState>> e : runs.runs().entrySet()) {
            NormalGammaMeanFieldState q = e.getValue().averagedState();
            Plots.line(muChart, "BBVI " + e.getKey(), muGrid, Arrays.stream(muGrid).map(m -> q.qMu().density(m)).toArray())
                    .setLineColor(COLOUR.get(e.getKey()));
            Plots.line(tauChart, "BBVI " + e.getKey(), tauGrid, Arrays.stream(tauGrid).map(t -> q.qTau().density(t)).toArray())
                    .setLineColor(COLOUR.get(e.getKey()));
        }
        return new Marginals(muChart, tauChart);
    }
}
