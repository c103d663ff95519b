package org.vworkbook.notebook;

import java.util.Locale;
import org.apache.commons.math3.random.Well19937c;
import org.knowm.xchart.XYChart;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.exact.LinearGaussianModel;
import org.vworkbook.util.Matrices;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The checks, table, chart and sentences of the page on the exact posterior of the two-latent linear-Gaussian
 * model (W3): p(z) = N(0, I), p(x | z) = N(theta^T z, sigma2), posterior N(Lambda^-1 h, Lambda^-1) with
 * Lambda = I + theta theta^T / sigma2, h = x theta / sigma2.
 */
public final class LinearGaussianPages {
    private LinearGaussianPages() {}

    /**
     * The posterior against independent routes: Sherman-Morrison in closed form (mean x theta / s, covariance
     * I - theta theta^T / s, s = sigma2 + |theta|^2), the correlation -theta1 theta2 / sqrt((sigma2 + theta1^2)(sigma2 + theta2^2)),
     * the evidence from the marginal against the completed square, and Bayes' rule log p(z | x) = log p(x, z) - log p(x)
     * at 20 random points; factorisation iff theta1 theta2 = 0. Rounding: inverting Lambda loses up to log10 cond(Lambda)
     * digits, cond(Lambda) = 1 + |theta|^2 / sigma2.
     */
    public static String posteriorChecks(LinearGaussianModel model) {
        checkTwoLatents("posteriorChecks", model);
        double theta1 = model.theta()[0];
        double theta2 = model.theta()[1];
        double sigma2 = model.noiseVariance();
        double x = model.observation();
        MultivariateNormal posterior = model.posterior();
        double[] postMean = posterior.mean();
        double[][] postCov = posterior.covariance();
        double postCorr = posterior.correlation(0, 1);
        double logEvidence = model.logEvidence();
        boolean factorizes = model.factorizes();
        double s = sigma2 + theta1 * theta1 + theta2 * theta2;
        double[] meanSM = {x * theta1 / s, x * theta2 / s};
        double[] covSM = {1 - theta1 * theta1 / s, -theta1 * theta2 / s, 1 - theta2 * theta2 / s};
        double corrClosed = -theta1 * theta2 / Math.sqrt((sigma2 + theta1 * theta1) * (sigma2 + theta2 * theta2));
        double condLambda = 1 + (theta1 * theta1 + theta2 * theta2) / sigma2;
        double worstBayes = 0;   // the largest error of Bayes' rule as a fraction of its rounding tolerance
        Well19937c random = new Well19937c(7);
        for (int k = 0; k < 20; k++) {
            double[] z = {3 * random.nextGaussian(), 3 * random.nextGaussian()};
            double lj = model.logJoint(z);
            double lp = posterior.logDensity(z);
            // a difference of terms of size |log p(x, z)| and |log p(z | x)|, the latter through Lambda^-1
            double allowed = 1e-12 + 1e-13 * (Math.abs(lj) + Math.abs(logEvidence) + condLambda * (1 + Math.abs(lp)));
            worstBayes = Math.max(worstBayes, Math.abs(lp - (lj - logEvidence)) / allowed);
        }
        // the completed square and log p(x, z) are sums of terms as large as x^2 / sigma2 that cancel
        double squareScale = Math.abs(model.joint().constant()) + 0.5 * Math.abs(Matrices.dot(model.joint().linear(), postMean)) + Math.abs(logEvidence);
        return Checks.all(
            Checks.close("posterior mean vs Sherman-Morrison", postMean, meanSM, 1e-13 * condLambda * (1 + Math.abs(meanSM[0]) + Math.abs(meanSM[1]))),
            Checks.close("posterior covariance vs Sherman-Morrison",
                new double[] {postCov[0][0], postCov[0][1], postCov[1][1]}, covSM, 1e-13 * condLambda),
            Checks.close("posterior correlation vs closed form", postCorr, corrClosed, 1e-13 * condLambda),
            Checks.close("log evidence: marginal of x vs completed square", logEvidence, model.joint().logEvidence(), 1e-13 * (1 + squareScale + condLambda)),
            Checks.isTrue("Bayes' rule at 20 random points: every error within rounding of the terms (" + String.format(Locale.ROOT, "worst %.2f of its tolerance", worstBayes) + ")", worstBayes <= 1),
            Checks.isTrue("factorizes == (theta1 * theta2 == 0)", factorizes == (theta1 * theta2 == 0)));
    }

    /** The exact posterior's moments and log p(x). */
    public static Table posteriorTable(LinearGaussianModel model) {
        checkTwoLatents("posteriorTable", model);
        MultivariateNormal posterior = model.posterior();
        double[] postMean = posterior.mean();
        double[][] postCov = posterior.covariance();
        return Table.create("The exact posterior p(z | x)").addColumns(
            StringColumn.create("quantity", "E[z1 | x]", "E[z2 | x]", "Var[z1 | x]", "Var[z2 | x]", "Cov[z1, z2 | x]", "corr(z1, z2 | x)", "log p(x)"),
            DoubleColumn.create("value", postMean[0], postMean[1], postCov[0][0], postCov[1][1], postCov[0][1], posterior.correlation(0, 1), model.logEvidence()));
    }

    /**
     * The prior's and the posterior's 1- and 2-sd ellipses, the line theta^T z = x (dashed; none when theta = 0)
     * and the posterior mean, in a square frame that holds the prior's 2-sd circle and the posterior's 2-sd ellipse.
     */
    public static XYChart posteriorAgainstPrior(LinearGaussianModel model) {
        checkTwoLatents("posteriorAgainstPrior", model);
        double theta1 = model.theta()[0];
        double theta2 = model.theta()[1];
        double x = model.observation();
        MultivariateNormal posterior = model.posterior();
        double[] postMean = posterior.mean();
        double[][] postCov = posterior.covariance();
        XYChart contours = Plots.plane("Posterior p(z | x) against the prior", "z1", "z2");
        Plots.ellipses(contours, "prior N(0, I)", MultivariateNormal.ofMeanCovariance(new double[] {0, 0}, Matrices.identity(2)), 0, 1, GaussianPlots.PRIOR_GREY, false);
        Plots.ellipses(contours, "posterior", posterior, 0, 1, Plots.PALETTE[0], false);
        double half = Math.max(3.0, Math.max(Math.abs(postMean[0]) + 2.5 * Math.sqrt(postCov[0][0]), Math.abs(postMean[1]) + 2.5 * Math.sqrt(postCov[1][1])));
        double[] zs = Plots.linspace(-half, half, 2);
        if (theta2 != 0) {
            Plots.dashed(Plots.line(contours, "theta^T z = x", zs, new double[] {(x - theta1 * zs[0]) / theta2, (x - theta1 * zs[1]) / theta2}))
                .setLineColor(Plots.PALETTE[1]);
        } else if (theta1 != 0) {
            Plots.dashed(Plots.line(contours, "theta^T z = x", new double[] {x / theta1, x / theta1}, zs)).setLineColor(Plots.PALETTE[1]);
        }
        Plots.points(contours, "posterior mean", new double[] {postMean[0]}, new double[] {postMean[1]});
        contours.getStyler().setXAxisMin(-half).setXAxisMax(half).setYAxisMin(-half).setYAxisMax(half);
        return contours;
    }

    /** Which way the ellipses tilt, and where the posterior mean lies on the line theta^T z = x. */
    public static Prose.Markdown posteriorSentence(LinearGaussianModel model) {
        checkTwoLatents("posteriorSentence", model);
        double theta1 = model.theta()[0];
        double theta2 = model.theta()[1];
        double sigma2 = model.noiseVariance();
        double[] postMean = model.posterior().mean();
        double postCorr = model.posterior().correlation(0, 1);
        return Prose.markdown(
            theta1 == 0 && theta2 == 0
                ? "Here $\\boldsymbol\\theta=\\mathbf 0$: the posterior ellipses lie on the prior's circles, and no line is drawn."
                : (model.factorizes() ? "Here $\\theta_1\\theta_2=0$, so the posterior ellipses are aligned with the axes (correlation 0)."
                    : "Here the correlation is " + Prose.num(postCorr) + ", so the ellipses are tilted"
                        + (postCorr < 0 ? ", downwards: a larger $z_1$ goes with a smaller $z_2$." : ", upwards: a larger $z_1$ goes with a larger $z_2$."))
                  + " The posterior mean (" + Prose.num(postMean[0]) + ", " + Prose.num(postMean[1]) + ") lies on the line $\\boldsymbol\\theta^\\top\\mathbf z$ = "
                  + Prose.num(theta1 * postMean[0] + theta2 * postMean[1]) + ", which is $x$ shrunk by the factor $\\|\\boldsymbol\\theta\\|^2/(\\sigma^2+\\|\\boldsymbol\\theta\\|^2)$ = "
                  + Prose.num((theta1 * theta1 + theta2 * theta2) / (sigma2 + theta1 * theta1 + theta2 * theta2)) + ".");
    }

    /** W3 exercise: theta1 = 0 removes the coupling, so the posterior is axis-aligned and factorises. */
    public static Prose.Markdown exerciseTheta1Zero(LinearGaussianModel model) {
        checkTwoLatents("exerciseTheta1Zero", model);
        double theta2 = model.theta()[1];
        double sigma2 = model.noiseVariance();
        LinearGaussianModel zero = LinearGaussianModel.of(new double[] {0.0, theta2}, sigma2, model.observation());
        MultivariateNormal p = zero.posterior();
        return Exercises.answer(
            "With $\\theta_1=0$, $\\Lambda=I+\\boldsymbol\\theta\\boldsymbol\\theta^\\top/\\sigma^2=\\operatorname{diag}(1,\\,1+\\theta_2^2/\\sigma^2)$: the observation says nothing about $z_1$, "
                + "so $z_1\\mid x$ keeps its prior $\\mathcal N(0,1)$, and $z_2\\mid x=\\mathcal N\\big(\\theta_2x/(\\sigma^2+\\theta_2^2),\\ \\sigma^2/(\\sigma^2+\\theta_2^2)\\big)$. "
                + "The correlation $-\\theta_1\\theta_2/\\sqrt{(\\sigma^2+\\theta_1^2)(\\sigma^2+\\theta_2^2)}$ is 0, the ellipses are axis-aligned, and `factorizes` is true.",
            "The library with $\\theta_1=0$ (the other parameters as set) gives the mean (" + Prose.num(p.mean(0)) + ", " + Prose.num(p.mean(1)) + "), variances "
                + Prose.num(p.covariance(0, 0)) + " and " + Prose.num(p.covariance(1, 1)) + ", correlation " + Prose.num(p.correlation(0, 1))
                + " and `factorizes` = " + zero.factorizes() + "; this run has correlation " + Prose.num(model.posterior().correlation(0, 1))
                + " and `factorizes` = " + model.factorizes() + ".");
    }

    /** W3 exercise: the observation moves the posterior mean linearly and leaves the covariance alone. */
    public static Prose.Markdown exerciseObservation(LinearGaussianModel model) {
        checkTwoLatents("exerciseObservation", model);
        double x = model.observation();
        double shifted = x + 1;
        LinearGaussianModel moved = LinearGaussianModel.of(model.theta(), model.noiseVariance(), shifted);
        MultivariateNormal p = model.posterior();
        MultivariateNormal q = moved.posterior();
        double covChange = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                covChange = Math.max(covChange, Math.abs(q.covariance(i, j) - p.covariance(i, j)));
            }
        }
        double s = model.noiseVariance() + Matrices.dot(model.theta(), model.theta());
        return Exercises.answer(
            "$\\Lambda=I+\\boldsymbol\\theta\\boldsymbol\\theta^\\top/\\sigma^2$ does not contain $x$, so the posterior covariance $\\Lambda^{-1}$, its correlation and its ellipses' shape "
                + "are the same for every observation. Only $\\mathbf h=x\\boldsymbol\\theta/\\sigma^2$ carries $x$, and the mean $\\Lambda^{-1}\\mathbf h=x\\,\\boldsymbol\\theta/(\\sigma^2+\\lVert\\boldsymbol\\theta\\rVert^2)$ "
                + "is linear in $x$: raising $x$ by 1 moves it by $\\boldsymbol\\theta/(\\sigma^2+\\lVert\\boldsymbol\\theta\\rVert^2)$, along $\\boldsymbol\\theta$.",
            "The library with $x$ = " + Prose.num(shifted) + " instead of " + Prose.num(x) + ": the covariance changes by at most " + Prose.num(covChange)
                + Prose.when(covChange == 0, " (not at all)") + ", and the mean moves by (" + Prose.num(q.mean(0) - p.mean(0)) + ", " + Prose.num(q.mean(1) - p.mean(1))
                + ") against the predicted (" + Prose.num(model.theta()[0] / s) + ", " + Prose.num(model.theta()[1] / s) + ")"
                + Prose.when(shifted == x, "; at this magnitude of $x$, adding 1 does not change the double at all") + ".");
    }

    private static void checkTwoLatents(String method, LinearGaussianModel model) {
        org.vworkbook.util.Check.notNull("LinearGaussianPages." + method, "model", model);
        org.vworkbook.util.Check.sameLength("LinearGaussianPages." + method, "model dimension", model.dimension(), "two latents", 2);
    }
}
