package org.vworkbook.notebook;

import org.vworkbook.vae.GapDecomposition;
import org.vworkbook.vae.LinearGaussianDecoder;
import org.vworkbook.vae.VaeExperiment;

/** The worked answers of notebook E's exercises, from the run's own numbers. */
public final class VaePages {
    private VaePages() {}

    /** E exercise: with one latent dimension the approximation gap is exactly 0; what is left is amortisation. */
    public static Prose.Markdown exerciseOneLatent(VaeExperiment e, GapDecomposition gaps) {
        int latentDim = e.vae().decoder().latentDimension();
        return Exercises.answer(
            "A Gaussian on $\\mathbb R^1$ is diagonal, so with $L=1$ the mean-field family holds the exact posterior $p(z\\mid x)$: the best per-point $q^*_x$ is exact and the "
                + "approximation gap $\\log p(x)-\\mathcal L(q^*_x)=\\mathrm{KL}(q^*_x\\,\\|\\,p)$ is exactly 0. The total gap is then all amortisation: the one encoder's $q_\\phi(z\\mid x)$ "
                + "against the best $q$ for each point. For this linear decoder the exact posterior mean is affine in $x$ and its variance is the same for every $x$, so a linear "
                + "encoder can represent it, and training can drive the amortisation gap towards 0 too.",
            latentDim == 1
                ? "This run has $L = 1$: its approximation gap is " + Prose.num(gaps.approximationGap()) + " (0 up to rounding) and its amortisation gap " + Prose.num(gaps.amortisationGap()) + "."
                : "This run has $L$ = " + latentDim + ": its approximation gap is " + Prose.num(gaps.approximationGap()) + " nats per point, which $L=1$ removes, and its amortisation gap "
                    + Prose.num(gaps.amortisationGap()) + ".");
    }

    /** E exercise: the approximation gap is the same for every data point, 1/2 (sum_j log M_jj - log |M|). */
    public static Prose.Markdown exerciseSameGapForEveryPoint(VaeExperiment e, GapDecomposition gaps) {
        LinearGaussianDecoder decoder = e.vae().decoder();
        double[][] x = e.data();
        double first = decoder.meanFieldKl();
        double klFirst = org.vworkbook.divergence.GaussianKL.between(decoder.bestMeanField(x[0]).asMultivariate(), decoder.posterior(x[0]));
        double klLast = org.vworkbook.divergence.GaussianKL.between(decoder.bestMeanField(x[x.length - 1]).asMultivariate(), decoder.posterior(x[x.length - 1]));
        return Exercises.answer(
            "The exact posterior of a linear-Gaussian decoder has precision $M=I+W^\\top W/\\sigma^2$, which does not contain $x$; only its mean does. The best mean-field $q^*_x$ has the "
                + "exact mean and variances $1/M_{jj}$, so the means cancel in $\\mathrm{KL}(q^*_x\\,\\|\\,p)=\\tfrac12\\big(\\sum_j\\log M_{jj}-\\log|M|\\big)$: the same number for every point. "
                + "The approximation gap does not depend on the data, only on how far $W^\\top W$ is from diagonal.",
            "For the trained decoder $\\tfrac12(\\sum_j\\log M_{jj}-\\log|M|)$ = " + Prose.num(first) + "; the KL of $q^*_x$ at the first point is " + Prose.num(klFirst)
                + ", at the last (point " + x.length + ") " + Prose.num(klLast) + ", and the run's average approximation gap is " + Prose.num(gaps.approximationGap()) + ".");
    }
}
