package org.vworkbook.notebook;

import java.util.Arrays;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.vworkbook.distributions.DiagonalNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.divergence.KL;
import org.vworkbook.divergence.MonteCarloKL;
import org.vworkbook.util.Check;

/**
 * Charts of KL divergences between Gaussians: the Monte Carlo estimate against the closed form as the
 * number of draws grows, and both directions of the KL as a mean or a variance moves.
 */
public final class KlPlots {
    /** The number of sample sizes in {@link #monteCarloBands}. */
    public static final int SAMPLE_SIZES = 12;

    private KlPlots() {}

    /**
     * The Monte Carlo estimate of KL(p || q) at {@link #SAMPLE_SIZES} sample sizes with its +-2 standard error
     * band, against the closed form.
     *
     * @param chart the chart
     * @param inside how many of the bands contain the closed form
     * @param zeroSpread whether every estimate has standard error 0 (p = q: each log ratio is 0)
     * @param closedForm the closed form KL(p || q)
     */
    public record MonteCarloBands(XYChart chart, int inside, boolean zeroSpread, double closedForm) {
        /** How many bands contain the closed form, from the numbers. */
        public Prose.Markdown prose() {
            return Prose.markdown(zeroSpread
                ? "Every estimate is exactly the closed form, with a band of width 0: with $p=q$ each log ratio is 0."
                : inside + " of the " + SAMPLE_SIZES + " bands contain the closed form " + Prose.num(closedForm)
                    + Prose.when(inside == SAMPLE_SIZES, ".", " (each misses it with probability about 5%)."));
        }
    }

    /**
     * The estimate at {@link #SAMPLE_SIZES} sample sizes log-spaced from samples / 1000 to samples (at least 2
     * draws each), each from the same seed, with its +-2 standard error band and the closed form, on a log
     * axis of draws.
     *
     * @param maxSpread the standard error of the full-size estimate (0 when p = q)
     */
    public static MonteCarloBands monteCarloBands(DiagonalNormal p, DiagonalNormal q, int samples, long seed, double klPq,
            double maxSpread) {
        if (p == null || q == null) {
            throw new IllegalArgumentException("KlPlots p and q must not be null");
        }
        Check.atLeast("KlPlots", "samples", samples, 2);
        Check.nonNegative("KlPlots", "klPq", klPq);
        Check.nonNegative("KlPlots", "maxSpread", maxSpread);
        XYChart chart = Plots.xy("Monte Carlo estimate of KL(p || q) with +-2 standard errors", "draws from p", "nats");
        int points = SAMPLE_SIZES;
        double[] sizes = new double[points];
        double[] est = new double[points];
        double[] lo = new double[points];
        double[] hi = new double[points];
        int inside = 0;
        for (int k = 0; k < points; k++) {
            int s = (int) Math.max(2, Math.round(samples * Math.pow(10, -3.0 * (points - 1 - k) / (points - 1))));
            MonteCarloKL.Estimate e = MonteCarloKL.estimate(p, q, s, seed);
            sizes[k] = s;
            est[k] = e.value();
            lo[k] = e.value() - 2 * e.standardError();
            hi[k] = e.value() + 2 * e.standardError();
            if (lo[k] <= klPq && klPq <= hi[k]) {
                inside++;
            }
        }
        Plots.lineWithMarkers(chart, "estimate", sizes, est);
        Plots.dashed(Plots.line(chart, "estimate - 2 se", sizes, lo)).setLineColor(Plots.PALETTE[0]);
        Plots.dashed(Plots.line(chart, "estimate + 2 se", sizes, hi)).setLineColor(Plots.PALETTE[0]);
        Plots.line(chart, "closed form", new double[] {sizes[0], sizes[points - 1]}, new double[] {klPq, klPq})
                .setLineColor(Plots.PALETTE[1]);
        LogScale.x(chart);
        return new MonteCarloBands(chart, inside, maxSpread == 0, klPq);
    }

    /** Both KLs between p and q as q's first mean moves by delta in [-4, 4] (161 points). */
    public static XYChart meanShift(DiagonalNormal p, double[] mu2, double[] var2) {
        if (p == null) {
            throw new IllegalArgumentException("KlPlots p must not be null");
        }
        Check.sameLength("KlPlots", "mu2", Check.finiteVector("KlPlots", "mu2", mu2).length, "dimension of p", p.dimension());
        Check.sameLength("KlPlots", "var2", Check.positiveVector("KlPlots", "var2", var2).length, "dimension of p", p.dimension());
        XYChart chart = Plots.xy("Shifting q's first mean by delta", "delta", "nats", 480, 380);
        double[] delta = Plots.linspace(-4, 4, 161);
        double[] fwd = new double[delta.length];
        double[] rev = new double[delta.length];
        for (int k = 0; k < delta.length; k++) {
            double[] shifted = mu2.clone();
            shifted[0] = mu2[0] + delta[k];
            DiagonalNormal qk = DiagonalNormal.ofMeanVariance(shifted, var2);
            fwd[k] = KL.of(p, qk);
            rev[k] = KL.of(qk, p);
        }
        Plots.line(chart, "KL(p || q)", delta, fwd);
        Plots.line(chart, "KL(q || p)", delta, rev);
        return chart;
    }

    /**
     * How much faster one direction rises with the mean shift than the other: the curvature of KL(q || p)
     * in delta over that of KL(p || q) is (1 / var1) / (1 / var2) = var1 / var2 (first coordinates).
     */
    public static Prose.Markdown meanShiftProse(double var1, double var2) {
        Check.positive("KlPlots", "var1", var1);
        Check.positive("KlPlots", "var2", var2);
        double factor = var1 / var2;
        return Prose.markdown(Math.abs(factor - 1) <= 1e-12
            ? "Here $p$ and $q$ have the same variance in the first coordinate (" + Prose.num(var1) + "), so the two parabolas have the same curvature."
            : "Here $p$'s first variance is " + Prose.num(var1) + " and $q$'s is " + Prose.num(var2) + ", so "
                + (factor > 1 ? "$\\mathrm{KL}(p\\|q)$ rises " + Prose.num(factor) + " times as fast as $\\mathrm{KL}(q\\|p)$."
                    : "$\\mathrm{KL}(q\\|p)$ rises " + Prose.num(1 / factor) + " times as fast as $\\mathrm{KL}(p\\|q)$."));
    }

    /** Both KLs between N(0, r) and N(0, 1), equal means, against the variance ratio r = var_p / var_q in [e^-3, e^3]. */
    public static XYChart varianceRatio() {
        XYChart chart = Plots.xy("Equal means, variance ratio r = var_p / var_q", "r", "nats", 480, 380);
        double[] logRatio = Plots.linspace(-3, 3, 121);
        double[] ratio = Arrays.stream(logRatio).map(Math::exp).toArray();
        double[] kpq = Arrays.stream(ratio).map(r -> KL.of(Normal.ofMeanVariance(0, r), Normal.ofMeanVariance(0, 1))).toArray();
        double[] kqp = Arrays.stream(ratio).map(r -> KL.of(Normal.ofMeanVariance(0, 1), Normal.ofMeanVariance(0, r))).toArray();
        Plots.line(chart, "KL(p || q)", ratio, kpq);
        Plots.line(chart, "KL(q || p)", ratio, kqp);
        LogScale.x(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideN);
        return chart;
    }
}
