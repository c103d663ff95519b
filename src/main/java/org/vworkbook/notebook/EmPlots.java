package org.vworkbook.notebook;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.vworkbook.em.EmComparison;
import org.vworkbook.em.EmResult;

/** The charts of notebook D: the parameter paths of EM and VEM, the bounds, and the KL after each E-step. */
public final class EmPlots {
    private EmPlots() {}

    /**
     * Both theta paths in the plane with the maximum-likelihood circle (dashed), theta_0, and theta_true
     * when given (null: the data were given, not generated).
     */
    public static XYChart paths(EmComparison c, double[] thetaTrue) {
        XYChart paths = Plots.plane("Parameter paths from theta_0", "theta1", "theta2");
        double r = Math.sqrt(c.mlNormSquared());
        double[] angle = Plots.linspace(0, 2 * Math.PI, 361);
        Plots.dashed(Plots.line(paths, "|theta|^2 = ML value", Arrays.stream(angle).map(a -> r * Math.cos(a)).toArray(),
            Arrays.stream(angle).map(a -> r * Math.sin(a)).toArray())).setLineColor(Plots.PALETTE[6]);
        for (EmResult run : List.of(c.em(), c.vem())) {
            Color colour = run == c.em() ? Plots.PALETTE[0] : Plots.PALETTE[1];
            XYSeries series = PathPlots.path(paths, run == c.em() ? "EM" : "variational EM", Arrays.asList(run.thetaPath()));
            series.setLineColor(colour);
            series.setMarkerColor(colour);
        }
        double[] init = c.thetaInit();
        Plots.points(paths, "theta_0", new double[] {init[0]}, new double[] {init[1]}).setMarkerColor(Plots.PALETTE[6]);
        if (thetaTrue != null) {
            Plots.points(paths, "theta_true", new double[] {thetaTrue[0]}, new double[] {thetaTrue[1]}).setMarkerColor(Plots.PALETTE[2]);
        }
        paths.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        return paths;
    }

    /** The first (up to) 16 iterations drawn. */
    public static int shown(EmComparison c) {
        return Math.min(c.iterations() + 1, 16);
    }

    /** The charts of the bounds and of the KL after each E-step. */
    public record Bounds(XYChart bounds, XYChart kls) {}

    /** EM's log-likelihood (= its ELBO), VEM's ELBO and log-likelihood, and the KL after each E-step, over the first iterations. */
    public static Bounds bounds(EmComparison c) {
        EmResult em = c.em();
        EmResult vem = c.vem();
        int shown = shown(c);
        double[] it = Plots.iterations(shown);
        double mlLogLik = c.mlLogLikelihood();
        XYChart bounds = Plots.xy("Log-likelihood and ELBO", "iteration i", "nats");
        Plots.lineWithMarkers(bounds, "EM: log p(X | theta_i) = ELBO_i", it, Arrays.copyOf(em.logLikelihoodTrace(), shown));
        Plots.lineWithMarkers(bounds, "VEM: ELBO_i", it, Arrays.copyOf(vem.elboTrace(), shown));
        Plots.dashed(Plots.line(bounds, "VEM: log p(X | theta_i)", it, Arrays.copyOf(vem.logLikelihoodTrace(), shown))).setLineColor(Plots.PALETTE[1]);
        Plots.dashed(Plots.line(bounds, "maximum of log p(X | theta)", new double[] {0, shown - 1}, new double[] {mlLogLik, mlLogLik}))
            .setLineColor(Plots.PALETTE[6]);
        bounds.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        XYChart kls = Plots.xy("KL(q, posterior) right after each E-step", "iteration i", "nats (sum over n)");
        Plots.lineWithMarkers(kls, "EM (exact E-step)", it, Arrays.copyOf(em.klTrace(), shown));
        Plots.lineWithMarkers(kls, "VEM (mean-field E-step)", it, Arrays.copyOf(vem.klTrace(), shown));
        return new Bounds(bounds, kls);
    }
}
