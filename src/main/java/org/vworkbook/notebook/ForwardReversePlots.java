package org.vworkbook.notebook;

import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.divergence.IsotropicForwardFit;
import org.vworkbook.divergence.IsotropicReverseFits;
import org.vworkbook.divergence.KlAlongSegment;
import org.vworkbook.util.Matrices;

/** The charts of notebook W2: the forward and reverse fits of N(mu, I) over draws of p, and both KLs along a segment. */
public final class ForwardReversePlots {
    private ForwardReversePlots() {}

    /** The first 2000 draws of p (grey), the 1- and 2-sd circles of both fits, and the reverse fit's descent path. */
    public static XYChart picture(IsotropicForwardFit forward, IsotropicReverseFits reverse) {
        XYChart picture = Plots.plane("p, the forward fit and the reverse fit", "x1", "x2");
        double[][] draws = forward.draws();
        int shown = Math.min(2000, draws.length);
        double[] sx = new double[shown];
        double[] sy = new double[shown];
        for (int i = 0; i < shown; i++) {
            sx[i] = draws[i][0];
            sy[i] = draws[i][1];
        }
        Plots.points(picture, "draws from p", sx, sy).setMarkerColor(new Color(170, 170, 170));
        Plots.ellipses(picture, "forward: N(mu_forward, I)", MultivariateNormal.ofMeanCovariance(forward.mean(), Matrices.identity(2)),
                0, 1, Plots.PALETTE[0], false);
        Plots.ellipses(picture, "reverse: N(mu_reverse, I)", MultivariateNormal.ofMeanCovariance(reverse.mean(), Matrices.identity(2)),
                0, 1, Plots.PALETTE[1], false);
        PathPlots.path(picture, "reverse-KL descent path", reverse.fit().path()).setLineColor(Plots.PALETTE[6]);
        return picture;
    }

    /** KL(p, q) and KL(q, p) along the segment. */
    public static XYChart segment(KlAlongSegment s) {
        XYChart segment = Plots.xy("KL along the segment " + s.description(), "t", "nats");
        Plots.line(segment, "KL(p || q)  (forward)", s.t(), s.forward());
        Plots.line(segment, "KL(q || p)  (reverse)", s.t(), s.reverse());
        segment.getStyler().setLegendPosition(Styler.LegendPosition.InsideN);
        return segment;
    }
}
