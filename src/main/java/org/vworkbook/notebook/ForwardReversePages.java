package org.vworkbook.notebook;

import org.vworkbook.distributions.GaussianMixture;
import org.vworkbook.divergence.IsotropicForwardFit;
import org.vworkbook.divergence.IsotropicReverseFits;
import org.vworkbook.divergence.ReverseKL;

/** The worked answers of notebook W2's exercises, written from the page's own objects. */
public final class ForwardReversePages {
    private ForwardReversePages() {}

    /** The fraction of the way towards E_p[x] that exercise "closer" moves every component mean. */
    public static final double CLOSER = 0.75;

    /**
     * {@code p}'s components with every mean moved the fraction {@link #CLOSER} of the way from
     * E_p[x]: m_k' = E_p[x] + (1 - CLOSER)(m_k - E_p[x]), weights and variances kept, so E_p[x] is unchanged.
     */
    public static GaussianMixture closer(GaussianMixture p, double[] weights, double[] vars) {
        double[] mean = p.mean();
        double[] means = new double[2 * p.components()];
        for (int k = 0; k < p.components(); k++) {
            double[] m = p.component(k).mean();
            for (int j = 0; j < 2; j++) {
                means[2 * k + j] = mean[j] + (1 - CLOSER) * (m[j] - mean[j]);
            }
        }
        return GaussianMixture.ofIsotropic(weights, means, vars);
    }

    /** The mixture's means as a Java literal {m1x, m1y, m2x, ...}, rounded to 4 significant digits. */
    public static String meansLiteral(GaussianMixture p) {
        StringBuilder sb = new StringBuilder("{");
        for (int k = 0; k < p.components(); k++) {
            double[] m = p.component(k).mean();
            sb.append(k == 0 ? "" : ", ").append(literal(m[0])).append(", ").append(literal(m[1]));
        }
        return sb.append("}").toString();
    }

    private static String literal(double v) {
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    private static double distanceToNearestComponent(GaussianMixture p, double[] x) {
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < p.components(); k++) {
            double[] m = p.component(k).mean();
            best = Math.min(best, Math.hypot(x[0] - m[0], x[1] - m[1]));
        }
        return best;
    }

    private static boolean nearerMean(GaussianMixture p, double[] mu) {
        double[] mean = p.mean();
        return Math.hypot(mu[0] - mean[0], mu[1] - mean[1]) < distanceToNearestComponent(p, mu);
    }

    private static String where(GaussianMixture p, double[] mu) {
        double[] mean = p.mean();
        double toMean = Math.hypot(mu[0] - mean[0], mu[1] - mean[1]);
        double toComponent = distanceToNearestComponent(p, mu);
        return "$(" + Prose.tex(mu[0]) + ", " + Prose.tex(mu[1]) + ")$, " + Prose.num(toMean, 3) + " from $\\mathbb E_p[\\mathbf x]$ and "
            + Prose.num(toComponent, 3) + " from the nearest component mean"
            + Prose.when(toMean < toComponent, " (nearer the mean of $p$)", Prose.when(toMean > toComponent, " (nearer a component)", " (equally near both)"));
    }

    /**
     * Exercise "move the components closer": the forward fit E_p[x] does not move (the means are moved
     * towards it); the reverse fit is recomputed from the same start on the moved mixture.
     */
    public static Prose.Markdown exerciseCloser(GaussianMixture p, double[] weights, double[] vars, IsotropicReverseFits reverse) {
        GaussianMixture moved = closer(p, weights, vars);
        ReverseKL.IsotropicFit movedFit = ReverseKL.fitIsotropicMean(moved, reverse.start());   // one descent, from the page's start
        double[] mean = p.mean();
        String theory = "Moving every component towards $\\mathbb E_p[\\mathbf x]$ by the same fraction keeps $\\sum_k w_k\\mathbf m_k$, so the forward fit $\\boldsymbol\\mu^*=\\mathbb E_p[\\mathbf x]$"
            + " stays at $(" + Prose.tex(mean[0]) + ", " + Prose.tex(mean[1]) + ")$. The reverse fit minimises $-\\mathbb E_q[\\log p]$ with $q$ of unit variance: it sees $p$ through a unit"
            + " Gaussian blur. When the components are far apart compared with that blur, $\\log p$ has a valley at each of them and the fit stays in the one it starts in. As they"
            + " come closer the valleys merge into one, and the single minimum lies between the components, near the mean of $p$.";
        String numbers = "Your reverse fit is at " + where(p, reverse.mean()) + ". With every component moved three quarters of the way towards the mean (`means = "
            + meansLiteral(moved) + "`), the fit from the same start ends at " + where(moved, movedFit.mean()) + ", with $\\mathrm{KL}(q\\|p)$ = "
            + Prose.num(movedFit.kl()) + Prose.when(!movedFit.converged(), " (the descent did not converge)") + "."
            + Prose.when(!nearerMean(moved, movedFit.mean()), " Repeat the move and watch the fit approach the mean of $p$.");
        return Exercises.answer(theory, numbers);
    }

    /**
     * Exercise "start somewhere else": the forward minimiser does not depend on the start; the reverse
     * descent from each component's mean (computed on the page, {@link IsotropicReverseFits#fromComponent})
     * ends in that component's valley or another.
     */
    public static Prose.Markdown exerciseStart(IsotropicForwardFit forward, IsotropicReverseFits reverse) {
        GaussianMixture p = reverse.p();
        ReverseKL.IsotropicFit[] fits = reverse.fromComponent();
        StringBuilder lines = new StringBuilder();
        double bestKl = Double.POSITIVE_INFINITY;
        double worstKl = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < fits.length; k++) {
            double[] m = p.component(k).mean();
            double[] mu = fits[k].mean();
            bestKl = Math.min(bestKl, fits[k].kl());
            worstKl = Math.max(worstKl, fits[k].kl());
            lines.append("* from component ").append(k + 1).append("'s mean $(").append(Prose.tex(m[0])).append(", ").append(Prose.tex(m[1]))
                .append(")$: ends at $(").append(Prose.tex(mu[0])).append(", ").append(Prose.tex(mu[1])).append(")$, $\\mathrm{KL}(q\\|p)$ = ")
                .append(Prose.num(fits[k].kl())).append(fits[k].converged() ? "" : " (did not converge)").append("\n");
        }
        String theory = "$\\mathrm{KL}(p\\|q)$ is a parabola in $\\boldsymbol\\mu$ with one minimum, $\\mathbb E_p[\\mathbf x]$, so the forward fit cannot depend on where its descent starts;"
            + " only the Monte Carlo noise of the draws moves `mu_forward` (here its standard errors are " + Prose.num(forward.standardError()[0], 2) + " and "
            + Prose.num(forward.standardError()[1], 2) + "). $\\mathrm{KL}(q\\|p)$ can have a local minimum per component, and gradient descent ends in the valley it starts in.";
        String verdict = fits.length == 1 ? "With one component there is one valley, and every start ends in it."
            : worstKl - bestKl <= 1e-9 * (1 + Math.abs(bestKl))
                ? "Every start reaches the same KL: here the valleys have merged into one (or are equally deep)."
                : "The starts end in valleys of different depth: the best has KL " + Prose.num(bestKl) + ", the worst " + Prose.num(worstKl)
                    + ". Only the best of them can be the global minimum; gradient descent cannot tell them apart.";
        return Exercises.answer(theory, "Started at each component's mean (as computed on this page):\n" + lines, verdict);
    }
}
