package org.vworkbook.notebook;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.cavi.TwoLatentMeanField;
import org.vworkbook.exact.GaussianJointIdentity;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.util.Check;

/**
 * Pictures of Gaussians in a plane of two coordinates: the 1- and 2-standard-deviation ellipses of
 * an exact posterior against a variational q, and the path of coordinate ascent between them.
 */
public final class GaussianPlots {
    private GaussianPlots() {}

    /**
     * The exact posterior's ellipses and q's ellipses in the plane (i, j), and CAVI's coordinate path: each
     * sweep moves first along the first axis (the update of q_i) and then along the second.
     *
     * @param title the chart's title
     * @param exact the exact posterior
     * @param path the CAVI states, from the start to the last one (the last is the q drawn)
     * @param i the first coordinate (the x axis)
     * @param j the second coordinate (the y axis)
     */
    public static XYChart meanFieldPath(String title, MultivariateNormal exact, List<MeanFieldGaussianState> path, int i, int j) {
        Check.notNull("GaussianPlots.meanFieldPath", "exact", exact);
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("GaussianPlots.meanFieldPath path must hold at least one state");
        }
        double[] a = path.stream().mapToDouble(s -> s.mean(i)).toArray();
        double[] b = path.stream().mapToDouble(s -> s.mean(j)).toArray();
        double[][] zigzag = Plots.coordinatePath(a, b);
        XYChart chart = Plots.plane(title, "z" + (i + 1), "z" + (j + 1));
        Plots.ellipses(chart, "exact posterior", exact, i, j, Plots.PALETTE[0], false);
        Plots.ellipses(chart, "mean field q" + (i + 1) + " q" + (j + 1), path.get(path.size() - 1).asMultivariate(), i, j, Plots.PALETTE[1], false);
        Plots.lineWithMarkers(chart, "CAVI path", zigzag[0], zigzag[1]).setLineColor(Plots.PALETTE[6]);
        return chart;
    }

    /**
     * The 1- and 2-sd ellipses of several Gaussians in the plane (i, j), the first solid, the others dashed,
     * in the palette's colours.
     */
    public static XYChart ellipses(String title, int i, int j, String[] names, MultivariateNormal... gaussians) {
        Check.sameLength("GaussianPlots.ellipses", "names", names.length, "gaussians", gaussians.length);
        XYChart chart = Plots.plane(title, "z" + (i + 1), "z" + (j + 1));
        for (int k = 0; k < gaussians.length; k++) {
            Plots.ellipses(chart, names[k], gaussians[k], i, j, Plots.PALETTE[k], k > 0);
        }
        return chart;
    }

    /**
     * Bishop PRML Fig. 10.2: the exact Gaussian's 1- and 2-sd ellipses (solid) and those of its two factorised fits
     * (dashed): the reverse-KL fit (mean field, minimises KL(q, p)) and the forward-KL fit (the product of the
     * marginals, minimises KL(p, q)), in the plane (z1, z2).
     */
    public static XYChart factorisedFits(String title, org.vworkbook.divergence.FactorisedGaussianFits fits) {
        Check.notNull("GaussianPlots.factorisedFits", "fits", fits);
        XYChart chart = ellipses(title, 0, 1, new String[] {"exact posterior p", "min KL(q, p): mean field q_R", "min KL(p, q): marginals q_F"},
                fits.p(), fits.reverse(), fits.forward());
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
        return chart;
    }

    /** The colour of a prior's ellipses. */
    public static final Color PRIOR_GREY = new Color(150, 150, 150);

    /**
     * Every q as a point (KL, ELBO): the random Gaussians and the CAVI trace all lie on the line
     * ELBO = log p(x) - KL (dashed).
     */
    public static XYChart elboAgainstKl(TwoLatentMeanField a, GaussianJointIdentity random) {
        double[] klTrace = a.klTrace();
        double logEvidence = a.logEvidence();
        XYChart cloud = Plots.xy("Every q lies on ELBO = log p(x) - KL", "KL(q, p(z | x))", "ELBO");
        if (random.count() > 0) {
            Plots.points(cloud, "random Gaussian q", random.kl(), random.elbo());
        }
        Plots.lineWithMarkers(cloud, "CAVI trace", klTrace, a.elboTrace());
        double klMax = Math.max(random.maxKl(1.0), klTrace[0]);
        Plots.dashed(Plots.line(cloud, "log p(x) - KL", new double[] {0, klMax}, new double[] {logEvidence, logEvidence - klMax}));
        cloud.getStyler().setLegendPosition(LegendPosition.InsideNE);
        return cloud;
    }

    /**
     * The minimum KL of mean field against the posterior correlation: the curve -1/2 log(1 - rho^2) for
     * |rho| <= 0.995, the runs of the sweep (converged ones per noise scale, those stopped at the limit), and this
     * model's run at (rho, KL reached).
     */
    public static XYChart klAgainstCorrelation(TwoLatentMeanField.CorrelationSweep sweep, double rho, double kl) {
        double[] rhoGrid = Plots.linspace(-0.995, 0.995, 399);
        double[] klCurve = java.util.Arrays.stream(rhoGrid).map(r -> GaussianMeanField.twoFactorKl(r)).toArray();
        XYChart klChart = Plots.xy("Minimum KL of mean field against the posterior correlation", "posterior correlation rho", "KL(q*, p(z | x))");
        Plots.line(klChart, "-1/2 log(1 - rho^2)", rhoGrid, klCurve);
        for (int s = 0; s < sweep.scales().length; s++) {
            if (sweep.rho().get(s).length > 0) {
                Plots.points(klChart, "CAVI, sigma2 x " + sweep.scales()[s] + ", theta2 in [-4, 4]", sweep.rho().get(s), sweep.kl().get(s));
            }
        }
        if (sweep.slowRho().length > 0) {
            Plots.points(klChart, "CAVI runs stopped at 5000 sweeps", sweep.slowRho(), sweep.slowKl());
        }
        Plots.points(klChart, "this model", new double[] {rho}, new double[] {kl});
        klChart.getStyler().setLegendPosition(LegendPosition.InsideN);
        return klChart;
    }
}
