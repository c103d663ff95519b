package org.vworkbook.notebook;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.regression.BayesianLinearRegression;
import org.vworkbook.regression.RegressionFits;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The tables, charts and number-dependent sentences of the Bayesian linear regression page (BLR), built from
 * {@link RegressionFits}.
 */
public final class RegressionPages {
    private RegressionPages() {}

    /** The posterior of the weights: exact, one block, mean field, with mean field's variance ratio. */
    public static Table weights(RegressionFits f) {
        BayesianLinearRegression model = f.model();
        MeanFieldGaussianState qMf = f.meanFieldQ();
        double[] exactVar = f.exactVariances();
        String[] names = new String[model.features()];
        double[] ratio = new double[model.features()];
        for (int j = 0; j < names.length; j++) {
            names[j] = "w" + j;
            ratio[j] = qMf.variance(j) / exactVar[j];
        }
        return Table.create("Posterior of the weights: exact, one block, mean field").addColumns(
            StringColumn.create("weight", names),
            DoubleColumn.create("exact mean", f.exact().mean()),
            DoubleColumn.create("one-block mean", f.oneBlockAfterOneUpdate().mean()),
            DoubleColumn.create("mean-field mean", qMf.means()),
            DoubleColumn.create("exact variance", exactVar),
            DoubleColumn.create("mean-field variance", qMf.variances()),
            DoubleColumn.create("mean-field / exact variance", ratio));
    }

    /** What the weights table shows: the smallest variance ratio and how large an underestimate it is. */
    public static Prose.Markdown weightsSentence(RegressionFits f) {
        BayesianLinearRegression model = f.model();
        MeanFieldGaussianState qMf = f.meanFieldQ();
        double[] exactVar = f.exactVariances();
        double mfKl = f.meanFieldKl();
        double minRatio = Double.POSITIVE_INFINITY;
        int argMin = 0;
        for (int j = 0; j < model.features(); j++) {
            double r = qMf.variance(j) / exactVar[j];
            if (r < minRatio) {
                minRatio = r;
                argMin = j;
            }
        }
        String size = minRatio < 0.5 ? "a large underestimate" : minRatio < 0.9 ? "a moderate underestimate" : "a small underestimate";
        return Prose.markdown(
            model.features() == 1
                ? "With the intercept alone ($D = 0$) there is one weight, so $q(w_0)$ is already the whole family: mean field is the exact posterior, "
                    + "its variance ratio is " + Prose.num(minRatio) + " and $\\mathrm{KL}(q_{\\rm mf}\\,\\|\\,p) = " + Prose.num(mfKl) + "$."
                : f.meanFieldExact()
                ? "Here $A$ is diagonal (the largest feature correlation $|A_{jk}|/\\sqrt{A_{jj}A_{kk}}$ is " + Prose.num(f.featureCorrelation())
                    + ", zero up to rounding): the posterior factorises, so the factorised $q$ is exact. Every variance ratio is 1 up to rounding (the smallest is "
                    + Prose.num(minRatio, 16) + ") and $\\mathrm{KL}(q_{\\rm mf}\\,\\|\\,p) = " + Prose.num(mfKl) + "$."
                : "The largest feature correlation in $A$ is " + Prose.num(f.featureCorrelation()) + ". The smallest variance ratio is " + Prose.num(minRatio)
                    + ", for $w_" + argMin + "$: mean field gives it " + Prose.pct(minRatio, 1) + " of its exact variance, " + size
                    + ", and $\\mathrm{KL}(q_{\\rm mf}\\,\\|\\,p) = " + Prose.num(mfKl) + "$ nats.",
            Prose.when(!f.meanField().converged(), "Mean field stopped after " + f.meanField().iterations() + " sweeps without converging, so its means are not yet $\\mathbf m_N$ "
                + "(the variances are already at their fixed point)."));
    }

    /** The inputs a predictive chart spans: 201 points from the smallest to the largest x, padded by a tenth (a unit around one distinct x). */
    public static double[] predictiveGrid(double[] xs) {
        org.vworkbook.util.Check.finiteVector("RegressionPages.predictiveGrid", "xs", xs);
        org.vworkbook.util.Check.atLeast("RegressionPages.predictiveGrid", "number of inputs", xs.length, 1);
        double lo = java.util.Arrays.stream(xs).min().getAsDouble();
        double hi = java.util.Arrays.stream(xs).max().getAsDouble();
        double pad = hi > lo ? 0.1 * (hi - lo) : 1.0;   // one distinct input: a unit window around it
        return Plots.linspace(lo - pad, hi + pad, 201);
    }

    /** The data with the predictive mean and +-2 sd (noise included) of both fits. */
    public static XYChart predictiveFit(RegressionFits f, RegressionFits.PredictiveBands b) {
        double[] grid = b.grid();
        XYChart fit = Plots.xy("Data, predictive mean and +-2 sd (noise included)", "x", "t");
        Plots.points(fit, "data", f.x(), f.t()).setMarkerColor(Plots.PALETTE[6]);
        Plots.line(fit, "exact", grid, b.exactMean()).setLineColor(Plots.PALETTE[0]);
        Plots.line(fit, "exact -2 sd", grid, b.exactLower()).setLineColor(Plots.PALETTE[0]).setShowInLegend(false);
        Plots.line(fit, "exact +2 sd", grid, b.exactUpper()).setLineColor(Plots.PALETTE[0]).setShowInLegend(false);
        Plots.dashed(Plots.line(fit, "mean field", grid, b.meanFieldMean())).setLineColor(Plots.PALETTE[1]);
        Plots.dashed(Plots.line(fit, "mean-field -2 sd", grid, b.meanFieldLower())).setLineColor(Plots.PALETTE[1]).setShowInLegend(false);
        Plots.dashed(Plots.line(fit, "mean-field +2 sd", grid, b.meanFieldUpper())).setLineColor(Plots.PALETTE[1]).setShowInLegend(false);
        fit.getStyler().setLegendPosition(LegendPosition.InsideN);
        return fit;
    }

    /** The sd of y(x) = w^T phi(x) under both fits, with the data's x marked. */
    public static XYChart spread(RegressionFits f, RegressionFits.PredictiveBands b) {
        XYChart spread = Plots.xy("Standard deviation of y(x) = w^T phi(x)", "x", "sd of y(x)");
        Plots.line(spread, "exact posterior", b.grid(), b.exactSd()).setLineColor(Plots.PALETTE[0]);
        Plots.dashed(Plots.line(spread, "mean field", b.grid(), b.meanFieldSd())).setLineColor(Plots.PALETTE[1]);
        Plots.points(spread, "data x", f.x(), new double[f.x().length]).setMarkerColor(Plots.PALETTE[6]);
        spread.getStyler().setLegendPosition(LegendPosition.InsideN);
        return spread;
    }

    /** Where mean field's spread of y(x) is below or above the exact one. */
    public static Prose.Markdown spreadSentence(RegressionFits f, RegressionFits.PredictiveBands b) {
        double[] grid = b.grid();
        int below = 0;
        int above = 0;
        for (int i = 0; i < grid.length; i++) {
            if (b.meanFieldSd()[i] < b.exactSd()[i] * (1 - 1e-9)) {
                below++;
            } else if (b.meanFieldSd()[i] > b.exactSd()[i] * (1 + 1e-9)) {
                above++;
            }
        }
        boolean zeroShown = grid[0] <= 0 && grid[grid.length - 1] >= 0;
        return Prose.markdown(
            below == 0 && above == 0
                ? "The two curves coincide over the whole plotted range: mean field's $y(x)$ has the exact spread."
                : "On the plotted range mean field's sd of $y(x)$ is below the exact one on " + Prose.pct((double) below / grid.length, 0)
                    + " of the grid" + Prose.when(above > 0, " and above it on " + Prose.pct((double) above / grid.length, 0), ", and nowhere above it") + ".",
            Prose.when(zeroShown && f.model().features() > 0, "At $x = 0$ mean field's variance of $y = w_0$ is " + Prose.pct(f.meanFieldQ().variance(0) / f.exactVariances()[0], 1)
                + " of the exact one."));
    }

    /** log p(t) - ELBO after each sweep of both CAVI runs (log scale), with mean field's KL as a dashed level when it is not 0. */
    public static XYChart elboGaps(RegressionFits f) {
        double logEvidence = f.logEvidence();
        double mfKl = f.meanFieldKl();
        return TracePlots.sweeps("log p(t) - ELBO after each CAVI sweep", "nats (log scale)", TracePlots.shown(f.meanField().elboTrace(), 40))
            .gap("one block", logEvidence, f.oneBlock().elboTrace())
            .gap("mean field", logEvidence, f.meanField().elboTrace())
            .levelIf(mfKl > 1e-12 * Math.max(1, Math.abs(logEvidence)), "KL(q_mf, p)", mfKl)
            .logY()
            .chart();
    }

    /** What the gap chart shows. */
    public static Prose.Markdown elboGapsSentence(RegressionFits f) {
        double logEvidence = f.logEvidence();
        double mfKl = f.meanFieldKl();
        int iterations = f.meanField().iterations();
        return Prose.markdown(
            "After one sweep the one-block gap is " + Prose.num(Math.abs(logEvidence - f.oneBlock().elboTrace()[1])) + " nats in absolute value: rounding.",
            mfKl <= 1e-12 * Math.max(1, Math.abs(logEvidence))
                ? "Mean field is exact here ($\\mathrm{KL}(q_{\\rm mf}\\,\\|\\,p) = " + Prose.num(mfKl) + "$), so its gap closes too, after "
                    + iterations + " sweep" + (iterations == 1 ? "" : "s") + "; there is no dashed KL level to draw."
                : "The mean-field gap " + Prose.when(f.meanField().converged(), "levels off at $\\mathrm{KL}(q_{\\rm mf}\\,\\|\\,p) = " + Prose.num(mfKl) + "$ nats (the dashed line).",
                    "is still " + Prose.num(mfKl) + " nats when the run stops after " + iterations + " sweeps, above the fixed point's KL."));
    }

    /** log p(t | alpha) over alpha (log scale), with the evidence maximum, VB's E[alpha] and the known alpha. */
    public static XYChart evidenceOverAlpha(RegressionFits f) {
        RegressionFits.EvidenceCurve c = f.evidenceCurve();
        double[] alphaGrid = c.alpha();
        double[] evidenceCurve = c.logEvidence();
        double vbAlphaMean = f.variationalQ().alphaMean();
        double alpha = f.model().alpha();
        double eMin = java.util.Arrays.stream(evidenceCurve).min().getAsDouble();
        double eMax = java.util.Arrays.stream(evidenceCurve).max().getAsDouble();
        XYChart alphaChart = Plots.xy("log p(t | alpha) and the two estimates of alpha", "alpha (log scale)", "nats");
        Plots.line(alphaChart, "log p(t | alpha)", alphaGrid, evidenceCurve);
        if (f.evidenceMaxFinite()) {
            Plots.dashed(Plots.line(alphaChart, "evidence maximum", new double[] {f.alphaEvidenceMax(), f.alphaEvidenceMax()}, new double[] {eMin, eMax}));
        }
        Plots.dashed(Plots.line(alphaChart, "VB E[alpha]", new double[] {vbAlphaMean, vbAlphaMean}, new double[] {eMin, eMax}));
        if (alpha > alphaGrid[0] && alpha < alphaGrid[alphaGrid.length - 1]) {
            Plots.dashed(Plots.line(alphaChart, "alpha of the known-alpha runs", new double[] {alpha, alpha}, new double[] {eMin, eMax}));
        }
        alphaChart.getStyler().setLegendPosition(LegendPosition.InsideSE);
        return LogScale.x(alphaChart);
    }

    /** alpha: the evidence maximum against the VB fixed point. */
    public static Table alphaEstimates(RegressionFits f) {
        return Table.create("alpha: the evidence maximum against the VB fixed point").addColumns(
            StringColumn.create("quantity", "alpha maximising log p(t | alpha)", "E[alpha] under q(alpha)", "sd of q(alpha)",
                "log p(t | alpha) at the maximum (at infinity: log N(t | 0, I / beta))", "VB ELBO", "log p(t) with the hyperprior (quadrature)"),
            DoubleColumn.create("value", f.alphaEvidenceMax(), f.variationalQ().alphaMean(), Math.sqrt(f.variationalQ().alpha().variance()),
                f.logEvidenceAtMax(), f.variationalRun().elbo(), f.logEvidenceHyper()));
    }

    /** How far VB's E[alpha] is from the evidence maximum, and how far the VB ELBO is below log p(t). */
    public static Prose.Markdown alphaSentence(RegressionFits f) {
        double alphaEvidenceMax = f.alphaEvidenceMax();
        double vbAlphaMean = f.variationalQ().alphaMean();
        return Prose.markdown(
            f.evidenceMaxFinite()
                ? "The evidence is largest at $\\alpha = " + Prose.num(alphaEvidenceMax) + "$ and VB's $\\mathbb E[\\alpha] = " + Prose.num(vbAlphaMean)
                    + "$: they differ by " + Prose.pct(Math.abs(vbAlphaMean - alphaEvidenceMax) / alphaEvidenceMax, 1) + " of the evidence maximum"
                    + Prose.when(Math.abs(vbAlphaMean - alphaEvidenceMax) < 0.05 * alphaEvidenceMax, ", so with this hyperprior the two nearly agree.",
                        ", so this hyperprior ($a_0 = " + Prose.num(f.variational().a0()) + "$, $b_0 = " + Prose.num(f.variational().b0()) + "$) moves the estimate noticeably.")
                : "Here $\\log p(\\mathbf t\\mid\\alpha)$ rises all the way to $\\alpha=\\infty$: the data are explained best by $\\mathbf w = \\mathbf 0$ and noise, "
                    + "so there is no finite evidence maximum (the table shows $\\infty$), while the hyperprior keeps VB's $\\mathbb E[\\alpha] = " + Prose.num(vbAlphaMean) + "$ finite.",
            "The VB ELBO is " + Prose.num(f.logEvidenceHyper() - f.variationalRun().elbo()) + " nats below $\\log p(\\mathbf t)$ with the hyperprior.");
    }

    /** The factorised family's KL at its fixed point, 1/2 (sum_j log A_jj - log |A|), for a model. */
    private static double meanFieldGap(BayesianLinearRegression m) {
        return org.vworkbook.cavi.GaussianMeanField.of(m.joint()).klAtOptimum();
    }

    /** "with alpha = a it is KL", or why there is no such rerun (a outside the doubles, or the model leaves their range). */
    private static String gapSentence(BayesianLinearRegression m, double a) {
        if (!(a > 0) || !Double.isFinite(a)) {
            return "$\\alpha$ = " + Prose.num(a) + " is no valid precision in double precision, so there is no rerun";
        }
        try {
            return "with $\\alpha$ = " + Prose.num(a) + " it is " + Prose.num(meanFieldGap(m.withPrecisions(a, m.beta())));
        } catch (IllegalArgumentException outOfRange) {
            return "with $\\alpha$ = " + Prose.num(a) + " the model leaves the range of doubles, so there is no rerun";
        }
    }

    /** BLR exercise: a stronger prior (larger alpha) makes A more diagonal, so the factorised fit loses less. */
    public static Prose.Markdown exerciseAlpha(RegressionFits f) {
        BayesianLinearRegression m = f.model();
        double alpha = m.alpha();
        double up = alpha * 100;
        double down = alpha / 100;
        String larger = gapSentence(m, up);
        String smaller = gapSentence(m, down);
        return Exercises.answer(
            "The posterior precision is $A=\\alpha I+\\beta\\Phi^\\top\\Phi$ and the factorised fit's KL is $\\tfrac12\\big(\\sum_j\\log A_{jj}-\\log|A|\\big)$. "
                + "Its derivative in $\\alpha$ is $\\tfrac12\\big(\\sum_j 1/A_{jj}-\\operatorname{tr}A^{-1}\\big)\\le0$, because $(A^{-1})_{jj}\\ge1/A_{jj}$ for every positive-definite $A$. "
                + "So a larger $\\alpha$ never increases the KL: the isotropic prior swamps the correlations the data induce, and as $\\alpha\\to\\infty$ the posterior tends to the round prior "
                + "and mean field becomes exact. A smaller $\\alpha$ lets the design's correlations through.",
            "This run ($\\alpha$ = " + Prose.num(alpha) + ") has $\\mathrm{KL}(q^*\\,\\|\\,p)$ = " + Prose.num(f.meanFieldKlAtOptimum()) + "; " + larger + "; " + smaller + "."
                + Prose.when(m.features() == 1, " With one weight ($D = 0$) there is nothing to factorise, so the KL is 0 for every $\\alpha$."));
    }

    /** BLR exercise: with orthogonal feature columns A is diagonal and the factorised q is the exact posterior. */
    public static Prose.Markdown exerciseOrthogonalDesign(RegressionFits f) {
        BayesianLinearRegression m = f.model();
        BayesianLinearRegression orthogonal = BayesianLinearRegression.of(new double[] {-1.0, 1.0}, new double[] {0.3, 1.2}, 1, m.alpha(), m.beta());
        double[][] a = orthogonal.joint().precision();
        return Exercises.answer(
            "With $x=(-1,1)$ and features $(1,x)$ the columns of $\\Phi$ are $(1,1)$ and $(-1,1)$: orthogonal, so $\\Phi^\\top\\Phi=\\operatorname{diag}(2,2)$ and "
                + "$A=\\alpha I+\\beta\\Phi^\\top\\Phi$ is diagonal. The posterior factorises, the CAVI updates $m_j=(h_j-\\sum_{k\\ne j}A_{jk}m_k)/A_{jj}$ no longer couple, "
                + "and the factorised $q$ is the exact posterior after one sweep: `mf_kl` is 0 (up to rounding) and `mf_var` equals the exact variances $1/(\\alpha+2\\beta)$.",
            "The library with that design (this run's $\\alpha$ and $\\beta$) gives $A_{12}$ = " + Prose.num(a[0][1]) + " and $\\mathrm{KL}(q^*\\,\\|\\,p)$ = "
                + Prose.num(meanFieldGap(orthogonal)) + ". This run's largest feature correlation $|A_{jk}|/\\sqrt{A_{jj}A_{kk}}$ is " + Prose.num(f.featureCorrelation())
                + Prose.when(f.meanFieldExact(), ", so its design is orthogonal too and its KL is 0.",
                    ", so its KL is " + Prose.num(f.meanFieldKlAtOptimum()) + "."));
    }
}
