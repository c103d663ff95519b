package org.vworkbook.notebook;

import org.vworkbook.cavi.TwoLatentMeanField;
import org.vworkbook.divergence.FactorisedGaussianFits;

/**
 * The pages of the two-latent mean-field notebooks (W4, A) whose text depends on the numbers: the two factorised fits
 * of Bishop Fig. 10.2, and the worked answers of the exercises. Each answer is built from the page's own run and,
 * where the exercise suggests a change, from a rerun of the library with that change, so it is true under any
 * parameters.
 */
public final class MeanFieldPages {
    private MeanFieldPages() {}

    /** Entries of a KL table at most this are rounding of an exact 0 (the fits coincide with p when rho = 0). */
    private static final double ZERO_KL = 1e-15;

    /** W4: how much narrower and broader the two fits are, which KL is larger, and the degenerate case rho = 0. */
    public static Prose.Markdown factorisedFits(TwoLatentMeanField w) {
        FactorisedGaussianFits.KlTable kl = w.factorisedFits().klTable();
        double rho2 = w.rho2();
        double omr = w.oneMinusRho2();
        if (rho2 == 0) {
            return Prose.markdown("Here $\\theta_1\\theta_2=0$, so $\\rho=0$: the posterior factorises, $\\Lambda$ and $\\Sigma$ are diagonal and "
                + "$1/\\Lambda_{jj}=\\Sigma_{jj}$. The three Gaussians are one and the same, so the dashed ellipses of both fits lie on the solid ones, and "
                + (kl.maxAbs() == 0 ? "every KL in the table is exactly 0."
                    : "every KL in the table is 0 (the largest entry, " + Prose.num(kl.maxAbs()) + ", is rounding)."));
        }
        double t1 = w.theta1();
        double t2 = w.theta2();
        double thetaSq = t1 * t1 + t2 * t2;
        double[] fv = w.factorisedFits().forwardVariances();
        double alongP = w.sigma2() / (w.sigma2() + thetaSq);
        double alongF = (t1 * t1 * fv[0] + t2 * t2 * fv[1]) / thetaSq;
        return Prose.markdown(
            "Here $\\rho$ = " + Prose.num(w.rho()) + ", so $1-\\rho^2$ = " + Prose.num(omr) + ". Mean field $q_R$ has " + Prose.num(omr)
                + " times each marginal variance (its standard deviations are " + Prose.num(Math.sqrt(omr)) + " times the marginal ones), while $q_F$ has the marginal variances themselves."
                + " The ellipses of $q_R$ enclose " + Prose.num(Math.sqrt(omr)) + " of the posterior's area, those of $q_F$ " + Prose.num(1 / Math.sqrt(omr))
                + " times it. Along $\\boldsymbol\\theta$, where the posterior is narrowest (variance " + Prose.num(alongP) + "), $q_F$ has variance "
                + Prose.num(alongF) + ", " + Prose.num(alongF / alongP) + " times as much: it spreads mass across the posterior's narrow direction, where the posterior has little.",
            "Each fit wins in the direction it minimises: $\\mathrm{KL}(q_R\\,\\|\\,p)=\\mathrm{KL}(p\\,\\|\\,q_F)$ = " + Prose.num(kl.reverse().klQp())
                + " nats, while the other direction costs $\\mathrm{KL}(p\\,\\|\\,q_R)=\\mathrm{KL}(q_F\\,\\|\\,p)$ = " + Prose.num(kl.reverse().klPq())
                + " nats, " + Prose.num(kl.reverse().klPq() - kl.reverse().klQp()) + " more.",
            w.run().converged()
                ? "CAVI's $q$ of the first chart has $q_R$'s variances and reached its means to within " + Prose.num(Math.hypot(w.meanError()[0], w.meanError()[1])) + "."
                : "CAVI's $q$ of the first chart has $q_R$'s variances but stopped at `max_iter` without meeting the stopping rule; its means are "
                    + Prose.num(Math.hypot(w.meanError()[0], w.meanError()[1])) + " from $q_R$'s, the fixed point it is heading for.");
    }

    /**
     * The same run with changed values, or null when a changed value is not a finite double (sigma2 also > 0) or the
     * changed model leaves the range of doubles (the library refuses it, e.g. x^2 / sigma2 overflows).
     */
    private static TwoLatentMeanField rerun(TwoLatentMeanField w, double theta1, double theta2, double sigma2, double m1Init, double m2Init) {
        if (!Double.isFinite(theta1) || !Double.isFinite(theta2) || !(sigma2 > 0) || !Double.isFinite(sigma2)) {
            return null;
        }
        try {
            return TwoLatentMeanField.run(theta1, theta2, sigma2, w.model().observation(), m1Init, m2Init, w.tol(), w.maxIter());
        } catch (IllegalArgumentException outOfRange) {
            return null;
        }
    }

    private static String klSummary(TwoLatentMeanField w) {
        if (w == null) {
            return "(this change leaves the range of doubles here, so there is no rerun)";
        }
        FactorisedGaussianFits.KlTable kl = w.factorisedFits().klTable();
        return "$\\rho$ = " + Prose.num(w.rho()) + ", $\\mathrm{KL}(q_R\\|p)$ = " + Prose.num(kl.reverse().klQp())
            + ", $\\mathrm{KL}(p\\|q_R)$ = " + Prose.num(kl.reverse().klPq());
    }

    /** W4 exercise: theta1 = 0 makes the posterior factorise, so the three Gaussians coincide and every KL is 0. */
    public static Prose.Markdown exerciseTheta1Zero(TwoLatentMeanField w) {
        // theta1 = 0 only removes terms from Lambda and h, so the rerun of a model that exists exists too.
        TwoLatentMeanField zero = rerun(w, 0.0, w.theta2(), w.sigma2(), initial(w, 0), initial(w, 1));
        FactorisedGaussianFits.KlTable kl = zero.factorisedFits().klTable();
        return Exercises.answer(
            "With $\\theta_1=0$ the likelihood does not involve $z_1$: $\\Lambda=I+\\boldsymbol\\theta\\boldsymbol\\theta^\\top/\\sigma^2$ is diagonal, "
                + "$\\Lambda_{12}=\\theta_1\\theta_2/\\sigma^2=0$, so $\\rho=0$ and $p(\\mathbf z\\mid x)=p(z_1\\mid x)\\,p(z_2\\mid x)$ lies in the factorised family. "
                + "Then $1/\\Lambda_{jj}=\\Sigma_{jj}$: $q_R$, $q_F$ and $p$ are the same Gaussian, every KL in the table is 0, and CAVI is exact "
                + "(its mean $m_1=\\theta_1(x-\\theta_2m_2)/(\\sigma^2+\\theta_1^2)=0$ after one update; $m_2=\\theta_2x/(\\sigma^2+\\theta_2^2)$ after the next).",
            "Rerunning the library with $\\theta_1=0$ (the other parameters as set) gives $\\rho$ = " + Prose.num(zero.rho())
                + " and a largest KL in the table of " + Prose.num(kl.maxAbs()) + (kl.maxAbs() <= ZERO_KL ? " (0 up to rounding)" : "")
                + "; its CAVI " + (zero.run().converged() ? "stopped after " + zero.run().iterations() + Prose.when(zero.run().iterations() == 1, " sweep", " sweeps")
                    + " (the first sweep lands on the posterior; the stopping rule needs one more sweep that moves nothing, unless the start was already right)"
                    : "ran its " + zero.run().iterations() + Prose.when(zero.run().iterations() == 1, " sweep", " sweeps") + " without meeting the stopping rule") + "; "
                + (w.rho2() == 0 ? "this run already has $\\theta_1\\theta_2=0$, so its table is 0 too."
                    : "this run, with $\\theta_1$ = " + Prose.num(w.theta1()) + ", has " + klSummary(w) + "."));
    }

    /** W4 exercise: a larger noise variance weakens the correlation and every KL; a smaller one strengthens them. */
    public static Prose.Markdown exerciseNoise(TwoLatentMeanField w) {
        TwoLatentMeanField large = rerun(w, w.theta1(), w.theta2(), w.sigma2() * 100, initial(w, 0), initial(w, 1));
        TwoLatentMeanField small = rerun(w, w.theta1(), w.theta2(), w.sigma2() / 100, initial(w, 0), initial(w, 1));
        return Exercises.answer(
            "$\\rho^2=\\theta_1^2\\theta_2^2/\\big((\\sigma^2+\\theta_1^2)(\\sigma^2+\\theta_2^2)\\big)$ falls as $\\sigma^2$ grows: a noisy observation says little, "
                + "the posterior stays close to the round prior, and both fits approach it. As $\\sigma^2\\to0$, $\\rho^2\\to1$ (when $\\theta_1\\theta_2\\ne0$): the observation pins "
                + "$\\theta^\\top\\mathbf z$ to $x$, the posterior becomes a thin ridge, $q_R$ collapses onto its narrow width and $q_F$ spreads along the whole ridge. "
                + "Every entry of the table depends on $\\rho^2$ alone and grows with it: $-\\tfrac12\\log(1-\\rho^2)$ and $\\rho^2/(1-\\rho^2)+\\tfrac12\\log(1-\\rho^2)$.",
            "With $\\sigma^2$ = " + Prose.num(w.sigma2() * 100) + " (100 times this run's): " + klSummary(large) + ". This run ($\\sigma^2$ = " + Prose.num(w.sigma2())
                + "): " + klSummary(w) + ". With $\\sigma^2$ = " + Prose.num(w.sigma2() / 100) + ": " + klSummary(small) + "."
                + Prose.when(w.rho2() == 0, " Here $\\theta_1\\theta_2=0$, so $\\rho=0$ for every $\\sigma^2$ and nothing changes."));
    }

    /** W4 exercise: CAVI's fixed point does not depend on where it starts (Gauss-Seidel on Lambda m = h). */
    public static Prose.Markdown exerciseStart(TwoLatentMeanField w) {
        TwoLatentMeanField far = rerun(w, w.theta1(), w.theta2(), w.sigma2(), 5.0, -3.0);   // the run's own model: it exists
        double apart = Math.hypot(far.q().mean(0) - w.q().mean(0), far.q().mean(1) - w.q().mean(1));
        boolean both = far.run().converged() && w.run().converged();
        return Exercises.answer(
            "The variances $s_j^2=1/\\Lambda_{jj}$ do not involve the means, so they are the same after the first sweep from any start. The means follow the Gauss–Seidel "
                + "iteration for $\\Lambda\\mathbf m=\\mathbf h$, which converges from every start because $\\Lambda$ is symmetric positive definite; the error shrinks by $\\rho^2$ per sweep. "
                + "So a far start costs sweeps, not accuracy: the ELBO is a concave quadratic in the means with one maximum, at $\\boldsymbol\\mu$.",
            "From $(5,-3)$ the library's CAVI " + (far.run().converged() ? "converged after " + far.run().iterations() + " sweeps" : "stopped at `max_iter` = " + far.maxIter())
                + "; this run " + (w.run().converged() ? "converged after " + w.run().iterations() + " sweeps" : "stopped at `max_iter`")
                + ". The two final means are " + Prose.num(apart) + " apart"
                + (both ? ", within what `tol` allows." : ": a run that stops at `max_iter` has no guarantee of being at the fixed point; how far it still is depends on $\\rho^2$ and the number of sweeps.")
                + " The variances agree: " + Prose.num(far.q().variance(0)) + " and " + Prose.num(far.q().variance(1)) + ".");
    }

    /** The run's starting means (the first state of its path). */
    private static double initial(TwoLatentMeanField w, int j) {
        return w.run().path().get(0).mean(j);
    }

    /** A exercise: one sweep leaves KL above its minimum, yet log p(x) = ELBO + KL holds for that q as for every q. */
    public static Prose.Markdown exerciseOneSweep(TwoLatentMeanField a) {
        TwoLatentMeanField one = TwoLatentMeanField.run(a.theta1(), a.theta2(), a.sigma2(), a.model().observation(), initial(a, 0), initial(a, 1), a.tol(), 1);
        double excess = one.kl() - one.klMin();
        return Exercises.answer(
            "The identity $\\log p(x)=\\mathcal L(q)+\\mathrm{KL}(q\\,\\|\\,p(\\mathbf z\\mid x))$ holds for every $q$, converged or not: it is algebra, not optimality. "
                + "What one sweep does not give is the optimum: its variances are already $1/\\Lambda_{jj}$, but the mean of $q_1$ was updated with the starting $m_2$, "
                + "so $\\mathrm{KL}=-\\tfrac12\\log(1-\\rho^2)+\\tfrac12(\\mathbf m-\\boldsymbol\\mu)^\\top\\Lambda(\\mathbf m-\\boldsymbol\\mu)$ keeps a mean term unless $\\rho=0$ "
                + "(then one sweep is exact) or the start happened to be right.",
            "With `max_iter = 1` the library gives $\\max|\\log p(x)-\\mathcal L-\\mathrm{KL}|$ = " + Prose.num(one.maxIdentityError()) + " along the run, and a KL of "
                + Prose.num(one.kl()) + " against the minimum " + Prose.num(one.klMin()) + " ("
                + (excess <= one.klRounding() ? "the same, to rounding" : Prose.num(excess) + " above it") + ").");
    }

    /** A exercise: rho, and so KL(q*, p), depends on theta and sigma2 only through theta_j^2 / sigma2. */
    public static Prose.Markdown exerciseScaling(TwoLatentMeanField a) {
        TwoLatentMeanField scaled = rerun(a, 2 * a.theta1(), 2 * a.theta2(), 4 * a.sigma2(), initial(a, 0), initial(a, 1));
        return Exercises.answer(
            "$\\rho^2=\\dfrac{u_1u_2}{(1+u_1)(1+u_2)}$ with $u_j=\\theta_j^2/\\sigma^2$, so doubling both weights and multiplying $\\sigma^2$ by 4 leaves $\\rho$ and the mean-field gap "
                + "$-\\tfrac12\\log(1-\\rho^2)$ unchanged (and $\\Lambda=I+\\boldsymbol\\theta\\boldsymbol\\theta^\\top/\\sigma^2$ with it). What changes is the evidence, "
                + "$x\\sim\\mathcal N(0,\\sigma^2+\\lVert\\boldsymbol\\theta\\rVert^2)$ with 4 times the variance, and the posterior mean $\\Lambda^{-1}\\boldsymbol\\theta x/\\sigma^2$, which halves.",
            scaled == null ? "Here $2\\theta$ or $4\\sigma^2$ leaves the range of doubles, so the library cannot rerun it."
                : "The library's rerun gives $\\mathrm{KL}(q^*,p)$ = " + Prose.num(scaled.klMin()) + " against this run's " + Prose.num(a.klMin()) + ", and $\\log p(x)$ = "
                + Prose.num(scaled.logEvidence()) + " against " + Prose.num(a.logEvidence()) + ".");
    }
}
