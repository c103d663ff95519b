package org.vworkbook.notebook;

import org.vworkbook.em.EmComparison;

/** The worked answers of notebook D's exercises, written from the page's own objects. */
public final class EmPages {
    private EmPages() {}

    private static double largestPathGap(EmComparison c) {
        double[][] em = c.em().thetaPath();
        double[][] vem = c.vem().thetaPath();
        double gap = 0;
        for (int i = 0; i < Math.min(em.length, vem.length); i++) {
            gap = Math.max(gap, Math.hypot(em[i][0] - vem[i][0], em[i][1] - vem[i][1]));
        }
        return gap;
    }

    private static double largest(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /**
     * Exercise "start on an axis": with a zero coordinate of theta the exact posterior of z_n is
     * factorised, so the variational E-step is exact and both methods take the same path. Reruns both
     * from theta_0 = (0, 1) on the page's data (or uses the page's run when it already starts on an axis).
     */
    public static Prose.Markdown exerciseOnAxis(EmComparison runs) {
        double[] init = runs.thetaInit();
        boolean onAxis = init[0] == 0 || init[1] == 0;
        EmComparison axis = onAxis ? runs : EmComparison.of(runs.model().data(), 1, new double[] {0, 0}, 0, new double[] {0.0, 1.0}, runs.iterations());
        double[] start = axis.thetaInit();
        String theory = "The posterior of $z_n$ has covariance $(I+\\theta\\theta^\\top)^{-1}$, which is diagonal exactly when $\\theta_1\\theta_2=0$; then the mean-field family contains"
            + " the exact posterior, and the KL after the variational E-step, $\\frac N2\\log\\big(1+\\theta_1^2\\theta_2^2/(1+|\\theta|^2)\\big)$, is 0. The M-step keeps the zero coordinate,"
            + " because $\\mathbb E[z_n]=\\theta x_n/(1+|\\theta|^2)$ has a zero there and $\\sum_n\\mathbb E[z_nz_n^\\top]$ is diagonal. So $\\theta$ stays on the axis, every variational"
            + " E-step is exact, and VEM takes exactly EM's path.";
        String numbers = (onAxis ? "Your run starts on an axis, at $\\theta_0 = (" + Prose.tex(start[0]) + ", " + Prose.tex(start[1]) + ")$. "
                : "From $\\theta_0 = (0, 1)$ on your data, for " + axis.iterations() + " iterations: ")
            + "EM ends at $(" + Prose.tex(axis.em().theta()[0]) + ", " + Prose.tex(axis.em().theta()[1]) + ")$ and VEM at $(" + Prose.tex(axis.vem().theta()[0]) + ", "
            + Prose.tex(axis.vem().theta()[1]) + ")$. The two paths are never more than " + Prose.num(largestPathGap(axis), 2) + " apart, and the largest KL after a variational"
            + " E-step is " + Prose.num(largest(axis.vem().klBeforeEachMStep()), 2) + "."
            + (onAxis ? "" : " In your run, started off the axes, that KL reaches " + Prose.num(largest(runs.vem().klBeforeEachMStep()), 3)
                + " and the paths end " + Prose.num(largestPathGapAtEnd(runs), 3) + " apart.");
        return Exercises.answer(theory, numbers);
    }

    private static double largestPathGapAtEnd(EmComparison c) {
        double[] a = c.em().theta();
        double[] b = c.vem().theta();
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    /**
     * Exercise "few observations": the data fix only |theta|^2_ML = max(S/N - 1, 0), and with few points
     * S/N is far from 1 + |theta_true|^2. Reruns both on {@code n} generated points (the page's seed
     * and theta_true) and reports S/N, the maximum-likelihood norm and where each method ended.
     */
    public static Prose.Markdown exerciseFewPoints(EmComparison runs, int n, double[] thetaTrue, long seed, boolean dataGiven) {
        EmComparison few = EmComparison.of(new double[0], n, thetaTrue, seed, runs.thetaInit(), runs.iterations());
        double sOverN = few.model().sumOfSquares() / few.model().count();
        double expected = 1 + thetaTrue[0] * thetaTrue[0] + thetaTrue[1] * thetaTrue[1];
        double[] em = few.em().theta();
        double[] vem = few.vem().theta();
        double emNorm = em[0] * em[0] + em[1] * em[1];
        double vemNorm = vem[0] * vem[0] + vem[1] * vem[1];
        String theory = "Each $x_n\\sim\\mathcal N(0,1+|\\theta|^2)$, so $S/N$ estimates $1+|\\theta_{\\text{true}}|^2$ with a relative standard deviation of $\\sqrt{2/N}$. With few points"
            + " it can land far from it. Then $|\\theta|^2_{\\text{ML}}=\\max(S/N-1,0)$ can be far from $|\\theta_{\\text{true}}|^2$, and it is 0 when $S/N\\le1$. EM still climbs towards the"
            + " maximum-likelihood circle (or the origin). VEM's bound still carries the KL penalty $\\frac N2\\log\\big(1+\\theta_1^2\\theta_2^2/(1+|\\theta|^2)\\big)$, which vanishes when a"
            + " coordinate of $\\theta$ does.";
        String numbers = (dataGiven ? "Your run uses given `data`, so `n` has no effect there; these numbers are for " + n + " generated points. " : "")
            + "With $N = " + n + "$ generated points (seed " + seed + "): $S/N$ = " + Prose.num(sOverN) + " against $1+|\\theta_{\\text{true}}|^2$ = " + Prose.num(expected)
            + ", so $|\\theta|^2_{\\text{ML}}$ = " + Prose.num(few.mlNormSquared())
            + Prose.when(few.mlNormSquared() == 0, " (the origin: these points are no more spread than the noise alone)") + ". After " + few.iterations()
            + (few.iterations() == 1 ? " iteration" : " iterations") + " EM has $|\\theta|^2$ = " + Prose.num(emNorm) + " and VEM " + Prose.num(vemNorm) + ". Your run ($N = "
            + runs.model().count() + "$) has $|\\theta|^2_{\\text{ML}}$ = " + Prose.num(runs.mlNormSquared()) + ".";
        return Exercises.answer(theory, numbers);
    }
}
