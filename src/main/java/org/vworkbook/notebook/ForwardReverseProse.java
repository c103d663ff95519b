package org.vworkbook.notebook;

import org.vworkbook.distributions.GaussianMixture;
import org.vworkbook.divergence.IsotropicForwardFit;
import org.vworkbook.divergence.IsotropicReverseFits;
import org.vworkbook.divergence.KlAlongSegment;
import org.vworkbook.divergence.ReverseKL;

/** The sentences about forward against reverse KL fits (notebook W2) that depend on the numbers. */
public final class ForwardReverseProse {
    private ForwardReverseProse() {}

    /**
     * Which component's term w_k N(x0 | m_k, v_k I) dominates at the start, where the reverse fit ended,
     * whether it converged or stopped at a stationary point that is no component minimum, and which
     * component's descent reaches the lowest KL.
     */
    public static Prose.Markdown reverseFit(IsotropicReverseFits r, double[] vars) {
        GaussianMixture p = r.p();
        int k = p.components();
        double[] start = r.start();
        double[] muReverse = r.mean();
        ReverseKL.IsotropicFit reverse = r.fit();
        ReverseKL.IsotropicFit[] fromComponent = r.fromComponent();
        int nearest = r.nearest();
        double[] terms = new double[k];
        int dominant = 0;
        for (int j = 0; j < k; j++) {
            terms[j] = Math.log(p.weight(j)) + p.component(j).logDensity(start);
            if (terms[j] > terms[dominant]) {
                dominant = j;
            }
        }
        double second = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            if (j != dominant) {
                second = Math.max(second, terms[j]);
            }
        }
        int best = r.best();
        boolean onMinimum = r.onAComponentMinimum();
        String startText = "(" + Prose.num(start[0]) + ", " + Prose.num(start[1]) + ")";
        return Prose.markdown(
            k == 1
                ? "With a single component, $p=\\mathcal N(\\mathbf m_1, v_1I)$ is itself Gaussian: both KLs are minimised at its mean, so the forward and the reverse fit coincide with $\\mathbf m_1$"
                    + Prose.when(vars[0] == 1, ", and since $v_1=1$ the fit is $p$ itself (KL = 0, computed as " + Prose.num(reverse.kl()) + " by quadrature).",
                        "; the KL at the fit is not 0, because $q$'s variance is fixed at 1 while $p$'s is " + Prose.num(vars[0]) + ".")
                : "At the start " + startText
                    + (terms[dominant] - second <= 1e-12 * (1 + Math.abs(second))
                        ? " the two largest terms $w_k\\,\\mathcal N(\\mathbf x_0\\mid\\mathbf m_k,v_kI)$ are equal (log " + Prose.num(second) + "), so no component dominates"
                        : " the largest term $w_k\\,\\mathcal N(\\mathbf x_0\\mid\\mathbf m_k,v_kI)$ is component " + (dominant + 1) + "'s (log "
                            + Prose.num(terms[dominant]) + " against " + Prose.num(second) + " for the next)")
                    + "; the reverse fit ended at (" + Prose.num(muReverse[0]) + ", " + Prose.num(muReverse[1]) + "), " + Prose.num(r.nearestDistance())
                    + " from component " + (nearest + 1) + "'s mean (weight " + Prose.num(p.weight(nearest)) + ").",
            Prose.when(k > 1 && dominant != nearest && terms[dominant] - second > 1e-12 * (1 + Math.abs(second)),
                "So the component that dominates at the start is not where this descent ended: the pull changed along the path."),
            Prose.when(!reverse.converged(), "The descent from `reverse_init` stopped at its step limit before the gradient fell below $10^{-8}$, so that fit is not a converged minimum."),
            Prose.when(k > 1 && reverse.converged() && !onMinimum,
                "It stopped where the gradient vanishes but no descent from a component's mean ends: a stationary point that is not one of those minima (for example a saddle, when the start is a point of symmetry of $p$)."),
            Prose.when(k > 1, "Of the descents started at the components' means, the lowest KL (" + Prose.num(fromComponent[best].kl()) + ") is reached from component " + (best + 1)
                + "'s" + Prose.when(reverse.kl() > fromComponent[best].kl() + 1e-9, "; the fit from `reverse_init` is a local minimum only (KL " + Prose.num(reverse.kl()) + ")",
                    Prose.when(reverse.kl() >= fromComponent[best].kl() - 1e-9, "; the fit from `reverse_init` reaches that KL as well", "")) + "."));
    }

    /** Where the two fits sit and how dense p is at each. */
    public static Prose.Markdown picture(IsotropicForwardFit forward, IsotropicReverseFits reverse) {
        GaussianMixture p = reverse.p();
        double[] muForward = forward.mean();
        double[] muReverse = reverse.mean();
        double logPAtForward = p.logDensity(muForward);
        double logPAtReverse = p.logDensity(muReverse);
        return Prose.markdown(
            p.components() == 1
                ? "With one component the two circles are centred on the same point up to Monte Carlo error (the forward fit is "
                    + Prose.num(Math.hypot(muForward[0] - muReverse[0], muForward[1] - muReverse[1])) + " from the reverse fit)."
                : "The forward fit is at (" + Prose.num(muForward[0]) + ", " + Prose.num(muForward[1]) + "), where $\\log p$ = " + Prose.num(logPAtForward)
                    + "; the reverse fit is at (" + Prose.num(muReverse[0]) + ", " + Prose.num(muReverse[1]) + "), where $\\log p$ = " + Prose.num(logPAtReverse)
                    + (Math.abs(logPAtReverse - logPAtForward) <= 0.01 ? ": about equally dense there."
                        : logPAtReverse > logPAtForward ? ": the reverse fit sits where $p$ is denser, the forward fit where $p$ is thinner."
                        : ": here $p$ is denser at the forward fit."));
    }

    /** How many valleys the reverse KL has along the segment; the forward KL has one minimum. */
    public static Prose.Markdown segment(KlAlongSegment s) {
        int valleys = s.reverseValleys();
        return Prose.markdown("On the " + s.t().length + " points drawn, the reverse KL has " + (valleys == 0 ? "no interior valley" : valleys == 1 ? "one valley" : valleys + " valleys")
            + " along this segment" + Prose.when(valleys >= 2, ", separated by a ridge", "")
            + "; the forward KL has its single minimum at the projection of $\\mathbb E_p[\\mathbf x]$.");
    }
}
