package org.vworkbook.notebook;

import java.awt.Color;
import java.util.Arrays;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.vae.LinearGaussianDecoder;
import org.vworkbook.vae.TrainingSnapshots;
import org.vworkbook.vae.VaeExperiment;

/** The charts of notebook E: posteriors against q before and after training, and the gap during training. */
public final class VaePlots {
    private VaePlots() {}

    /** The posterior charts: under the generating decoder, and under the trained VAE. */
    public record Posteriors(XYChart before, XYChart after) {}

    /**
     * For the first {@code shown} points: the exact posterior and the best mean-field q under the
     * generating decoder (before), the exact posterior and the encoder's q under the trained VAE (after);
     * 1-sd ellipses in (z1, z2), or densities when L = 1 (dashed: the mean-field q).
     */
    public static Posteriors posteriors(VaeExperiment e, int shown) {
        LinearGaussianDecoder truth = e.truth();
        LinearGaussianDecoder decoder = e.vae().decoder();
        double[][] x = e.data();
        boolean plane = truth.latentDimension() >= 2;
        XYChart before = plane ? Plots.plane("Generating decoder: exact posterior vs best mean-field q", "z1", "z2")
            : Plots.xy("Generating decoder: exact = best mean field (L = 1)", "z", "density");
        XYChart after = plane ? Plots.plane("Trained VAE: exact posterior vs encoder q(z | x)", "z1", "z2")
            : Plots.xy("Trained VAE: exact posterior vs encoder q(z | x)", "z", "density");
        for (int k = 0; k < shown; k++) {
            Color colour = Plots.PALETTE[k];
            MultivariateNormal[] dists = {truth.posterior(x[k]), truth.bestMeanField(x[k]).asMultivariate(),
                decoder.posterior(x[k]), e.vae().encoder().q(x[k]).asMultivariate()};
            String[] names = {": exact", ": best mean field", ": exact", ": encoder"};
            for (int i = 0; i < 4; i++) {
                XYChart chart = i < 2 ? before : after;
                double[][] curve;
                if (plane) {
                    curve = Plots.ellipse(dists[i], 0, 1, 1);
                } else {
                    // one grid per point, wide enough for both densities of its chart
                    MultivariateNormal a = dists[i < 2 ? 0 : 2];
                    MultivariateNormal b = dists[i < 2 ? 1 : 3];
                    double sd = Math.sqrt(Math.max(a.covariance(0, 0), b.covariance(0, 0)));
                    double lo = Math.min(a.mean(0), b.mean(0)) - 4 * sd;
                    double hi = Math.max(a.mean(0), b.mean(0)) + 4 * sd;
                    double[] g = Plots.linspace(lo, hi, 201);
                    MultivariateNormal dist = dists[i];
                    curve = new double[][] {g, Arrays.stream(g).map(z -> Math.exp(dist.logDensity(new double[] {z}))).toArray()};
                }
                XYSeries s = Plots.line(chart, "x" + (k + 1) + names[i], curve[0], curve[1]);
                s.setLineColor(colour);
                if (i % 2 == 1) {
                    Plots.dashed(s);
                }
            }
        }
        before.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        after.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        return new Posteriors(before, after);
    }

    /** The training charts: the fit (log p(x) and ELBO), the decoder's column cosine, and the gap with its parts. */
    public record Training(XYChart fit, XYChart columnCosine, XYChart gap) {}

    /** The three training charts from the snapshots. */
    public static Training training(TrainingSnapshots s, double truthLogLikelihood, int latentDim, int steps) {
        XYChart fit = Plots.xy("Mean log p(x) and mean ELBO during training", "step", "nats per point");
        XYChart cosChart = Plots.xy(latentDim == 1 ? "Decoder columns (L = 1: no pair, 0 by definition)"
            : "Decoder columns during training", "step", "max |cos(w_j, w_k)|");
        XYChart gapChart = Plots.xy(latentDim == 1 ? "The gap (log scale; L = 1: approximation gap 0)"
            : "The gap and its two parts (log scale)", "step", "nats per point");
        int snaps = s.size();
        double[] snapX = Arrays.stream(s.steps()).asDoubleStream().toArray();
        int from = snaps > 1 ? 1 : 0;   // the ELBO at step 0 (the prior as encoder) is far off the scale
        Plots.lineWithMarkers(fit, "log p(x)", snapX, s.logLikelihood());
        Plots.lineWithMarkers(fit, snaps > 1 ? "ELBO (from the first snapshot after step 0)" : "ELBO", Arrays.copyOfRange(snapX, from, snaps),
            Arrays.copyOfRange(s.elbo(), from, snaps));
        Plots.dashed(Plots.line(fit, "log p(x) under the generating decoder", new double[] {0, Math.max(steps, 1)},
            new double[] {truthLogLikelihood, truthLogLikelihood})).setLineColor(Plots.PALETTE[6]);
        fit.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        Plots.lineWithMarkers(cosChart, "max |cos(w_j, w_k)|", snapX, s.columnCosine());
        Plots.lineWithMarkers(gapChart, "total gap = mean KL(q(z|x), p(z|x))", snapX, s.totalGap());
        if (latentDim > 1) {
            Plots.lineWithMarkers(gapChart, "approximation gap (best mean field)", snapX, s.approximationGap());
        }
        Plots.lineWithMarkers(gapChart, "amortisation gap", snapX, s.amortisationGap());
        gapChart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        LogScale.y(gapChart);
        return new Training(fit, cosChart, gapChart);
    }
}
