package org.vworkbook.notebook;

import java.util.Arrays;

/** The worked answers of notebook W1's exercises, written from the page's own objects. */
public final class DiagonalKlPages {
    private DiagonalKlPages() {}

    /**
     * Exercise "swap p and q": KL(q || p) is the same formula with the roles exchanged, so after
     * the swap kl_pq is today's kl_qp and the reverse. Recomputes both with the arguments swapped
     * (a fresh {@link DiagonalKlChecks}) and compares.
     */
    public static Prose.Markdown exerciseSwap(DiagonalKlChecks kl) {
        DiagonalKlChecks swapped = DiagonalKlChecks.of(kl.q().mean(), kl.q().variances(), kl.p().mean(), kl.p().variances(), 2, kl.seed());
        double[] forward = kl.perCoordinate();
        double[] reverse = kl.perCoordinateReverse();
        int steeper = 0;
        for (int i = 0; i < forward.length; i++) {
            steeper += reverse[i] > forward[i] ? 1 : 0;
        }
        String theory = "Per coordinate, $\\mathrm{KL}(p_i\\|q_i)=\\tfrac12\\big[\\sigma^2_{1,i}/\\sigma^2_{2,i}+(\\mu_{1,i}-\\mu_{2,i})^2/\\sigma^2_{2,i}-1+\\log(\\sigma^2_{2,i}/\\sigma^2_{1,i})\\big]$."
            + " Swapping $p$ and $q$ exchanges the subscripts 1 and 2, so the new `kl_pq` is today's `kl_qp` and the new `kl_qp` today's `kl_pq`."
            + " KL is not symmetric: the squared mean difference is divided by the variance of the *second* argument, and the variance ratio enters as $r-1-\\log r$,"
            + " which grows linearly in $r$ but only like $-\\log r$ as $r\\to0$.";
        String numbers = "Computed with the arguments swapped: `kl_pq` = " + Prose.num(swapped.klPq()) + " (today's `kl_qp` is " + Prose.num(kl.klQp())
            + ") and `kl_qp` = " + Prose.num(swapped.klQp()) + " (today's `kl_pq` is " + Prose.num(kl.klPq()) + "). "
            + (Math.abs(kl.klPq() - kl.klQp()) <= 1e-12 * (1 + kl.klPq())
                ? "Here the two directions agree, so the swap changes neither number. That happens, for example, when the variances are equal coordinate by coordinate."
                : "The swap exchanges " + Prose.num(kl.klPq()) + " and " + Prose.num(kl.klQp()) + ". In " + steeper + " of the " + forward.length
                    + (forward.length == 1 ? " coordinate" : " coordinates") + " the reverse term is the larger one.")
            + " The Monte Carlo estimate would then draw from the other Gaussian: it changes too, and is an unbiased estimate of the new `kl_pq`.";
        return Exercises.answer(theory, numbers);
    }

    /**
     * Exercise "equal Gaussians": with q = p every term is 1 - 1 + 0 + log 1 = 0 and every Monte Carlo log
     * ratio is exactly 0. Computes KL(p || p) and its estimate (at most 1000 draws) for today's p.
     */
    public static Prose.Markdown exerciseEqual(DiagonalKlChecks kl, int samples) {
        double[] mu = kl.p().mean();
        double[] var = kl.p().variances();
        DiagonalKlChecks same = DiagonalKlChecks.of(mu, var, mu, var, Math.max(2, Math.min(samples, 1000)), kl.seed());
        boolean already = Arrays.equals(mu, kl.q().mean()) && Arrays.equals(var, kl.q().variances());
        String theory = "With $\\mu_2=\\mu_1$ and $\\sigma^2_2=\\sigma^2_1$ every coordinate contributes $\\tfrac12(1+0-1+\\log1)=0$, in both directions: KL is 0 exactly when $p=q$."
            + " The Monte Carlo estimate is then exactly 0 as well: every draw gives $\\log p(\\mathbf x)-\\log q(\\mathbf x)=0$, so the sample mean and the sample standard deviation are 0."
            + " The standard error is 0, the error band has zero width, and the z-score is 0/0, undefined.";
        String numbers = (already ? "Your run already has $q=p$. " : "")
            + "With $q=p$ for your $p$: KL$(p\\|q)$ = " + Prose.num(same.klPq()) + ", KL$(q\\|p)$ = " + Prose.num(same.klQp())
            + ", and the Monte Carlo estimate from " + same.monteCarlo().samples() + " draws is " + Prose.num(same.monteCarlo().value())
            + " with standard error " + Prose.num(same.monteCarlo().standardError()) + "."
            + (already ? "" : " Your run has KL$(p\\|q)$ = " + Prose.num(kl.klPq()) + ".");
        return Exercises.answer(theory, numbers);
    }
}
