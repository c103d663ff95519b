package org.vworkbook.notebook;

import java.util.Arrays;
import java.util.Map;
import org.vworkbook.bbvi.GradientVariance;
import org.vworkbook.bbvi.NormalGammaBaseline;
import org.vworkbook.bbvi.NormalGammaBbvi;
import org.vworkbook.exact.NormalNormalGammaModel;
import org.vworkbook.util.Check;

/**
 * The worked answers of notebook BBVI's exercises, computed from the page's own objects (and, for
 * the change an exercise suggests, by calling the library with the changed value).
 */
public final class BbviExercises {
    /** Estimates per estimator in an answer's own variance measurements (at most; fewer if the page uses fewer). */
    static final int ANSWER_REPLICATIONS = 500;

    private BbviExercises() {}

    /**
     * Exercise: four times the draws. Each estimator's total variance at CAVI's optimum with S and with 4S
     * draws per estimate (the same seed, min(R, 500) estimates each), and their ratio.
     */
    public static Prose.Markdown moreSamples(NormalGammaBaseline baseline, int samples, int replications, long seed) {
        Check.notNull("BbviExercises", "baseline", baseline);
        Check.atLeast("BbviExercises", "samples", samples, 1);
        Check.atLeast("BbviExercises", "replications", replications, 2);
        int r = Math.min(replications, ANSWER_REPLICATIONS);
        Map<String, GradientVariance> now = NormalGammaBbvi.gradientVariances(baseline.model(), baseline.qCavi(),
                NormalGammaBbvi.COMPARED, samples, r, seed);
        Map<String, GradientVariance> more = NormalGammaBbvi.gradientVariances(baseline.model(), baseline.qCavi(),
                NormalGammaBbvi.COMPARED, 4 * samples, r, seed);
        StringBuilder rows = new StringBuilder("| estimator | total variance, $S = " + samples + "$ | $S = " + (4 * samples)
                + "$ | ratio |\n|---|---|---|---|\n");
        for (String name : NormalGammaBbvi.COMPARED) {
            double a = now.get(name).totalVariance();
            double b = more.get(name).totalVariance();
            rows.append("| ").append(name).append(" | ").append(Prose.num(a)).append(" | ").append(Prose.num(b)).append(" | ")
                    .append(b > 0 ? Prose.num(a / b, 3) : "undefined (0)").append(" |\n");
        }
        return Exercises.answer(
            "An estimate with $S$ draws is the average of $S$ independent per-draw terms for reinforce and reparam, so its variance is "
                + "exactly the per-draw variance divided by $S$: four times the draws, a quarter of the variance (a ratio of 4), for every "
                + "$q$ and every model. reinforce_cv's control-variate coefficient $a^*$ is estimated from the other draws, so its terms are "
                + "not independent and the $1/S$ law holds only as $S$ grows"
                + Prose.when(samples < 3, "; with $S = " + samples + " < 3$ it has no control variate at all, while with $4S = "
                    + (4 * samples) + "$ draws it has" + Prose.when(4 * samples < 3, " none either", "") , "")
                + ". The standard deviation of a gradient estimate falls only like $1/\\sqrt S$: halving the noise costs four times the draws.",
            "Measured here at CAVI's optimum, " + r + " estimates each (each variance is itself an estimate, with a relative standard "
                + "error of about $\\sqrt{2/(R-1)} = " + Prose.tex(Math.sqrt(2.0 / (r - 1)), 2) + "$ for Gaussian estimates):\n\n" + rows,
            "To see it in the table above, set `samples = " + (4 * samples) + ";` and rerun.");
    }

    /**
     * Exercise: fewer data. The ratio of reinforce's total variance to reparam's at CAVI's optimum for these
     * data and for their first max(1, N / 10) points, with |log p(x)| for both.
     */
    public static Prose.Markdown fewerData(NormalGammaBaseline baseline, int samples, int replications, long seed) {
        Check.notNull("BbviExercises", "baseline", baseline);
        Check.atLeast("BbviExercises", "samples", samples, 1);
        Check.atLeast("BbviExercises", "replications", replications, 2);
        NormalNormalGammaModel m = baseline.model();
        int fewer = Math.max(1, m.size() / 10);
        NormalNormalGammaModel small = NormalNormalGammaModel.of(Arrays.copyOf(m.data(), fewer), m.mu0(), m.lambda0(), m.a0(), m.b0());
        NormalGammaBaseline smallBaseline = NormalGammaBaseline.of(small);
        int r = Math.min(replications, ANSWER_REPLICATIONS);
        double ratioHere = ratio(baseline, samples, r, seed);
        double ratioSmall = ratio(smallBaseline, samples, r, seed);
        String compare = !(Double.isFinite(ratioHere) && Double.isFinite(ratioSmall)) ? "One of the variances is 0, so no ratio can be compared."
                : ratioSmall < ratioHere ? "Here the ratio fell with the data, as the weight's size suggests."
                : "Here it did not fall: the ratio is measured from " + r + " estimates and the weight's size is only one of its causes "
                    + "(the spread of the score under $q$ changes with the data too).";
        return Exercises.answer(
            "reinforce multiplies the score $\\nabla\\log q(z)$, which has mean 0, by the weight $\\log p(\\mathbf x,z)-\\log q(z)$. Under $q$ "
                + "that weight is $\\log p(\\mathbf x)-\\mathrm{KL}$-sized plus fluctuations, and $\\log p(\\mathbf x)$ grows roughly in "
                + "proportion to $N$: with fewer points the constant that only averaging removes is smaller, so one expects reinforce's "
                + "variance to come closer to reparam's, which never sees the constant.",
            "Here, with $N = " + m.size() + "$: $|\\log p(\\mathbf x)| = " + Prose.tex(Math.abs(baseline.logEvidence()))
                + "$ and reinforce's total variance is " + Prose.num(ratioHere, 3) + " times reparam's. With the first " + fewer
                + (fewer == 1 ? " point" : " points") + ": $|\\log p(\\mathbf x)| = " + Prose.tex(Math.abs(smallBaseline.logEvidence()))
                + "$ and the ratio is " + Prose.num(ratioSmall, 3) + " (each at its own CAVI optimum, $S = " + samples + "$, " + r
                + " estimates). " + compare,
            Prose.when(m.size() == 1, "With one point there are no fewer data: both rows are the same model.", ""),
            "To see it, set `n = " + fewer + ";` (with `data = {};`) and rerun: compare `grad_var_ratio`.");
    }

    private static double ratio(NormalGammaBaseline b, int samples, int replications, long seed) {
        Map<String, GradientVariance> v = NormalGammaBbvi.gradientVariances(b.model(), b.qCavi(),
                java.util.List.of("reinforce", "reparam"), samples, replications, seed);
        double re = v.get("reparam").totalVariance();
        return re > 0 ? v.get("reinforce").totalVariance() / re : Double.NaN;
    }
}
