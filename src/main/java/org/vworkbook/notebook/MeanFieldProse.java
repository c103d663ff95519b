package org.vworkbook.notebook;

import java.util.ArrayList;
import java.util.List;
import org.vworkbook.cavi.Cavi;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.cavi.TwoLatentMeanField;
import org.vworkbook.util.Check;

/**
 * The sentences of the Gaussian mean-field pages whose truth depends on the numbers: each method
 * decides from the computed results which sentence holds and fills in the numbers.
 */
public final class MeanFieldProse {
    private MeanFieldProse() {}

    /** W4: whether the stopping rule ended the run, with its bounds or the means' actual errors, and the rate rho^2. */
    public static Prose.Markdown stopping(TwoLatentMeanField w) {
        double tol = w.tol();
        int maxIter = w.maxIter();
        double rho2 = w.rho2();
        double oneMinusRho2 = w.oneMinusRho2();
        double[] errorBound = w.errorBound();
        double[] meanError = w.meanError();
        double lastMove2 = w.lastMove2();
        double kl = w.kl();
        double klRounding = w.klRounding();
        String digitsPerSweep = rho2 > 0 ? Prose.num(Math.log10(1 / rho2), 3) : "";
        return Prose.markdown(
            w.run().converged()
                ? "CAVI met the stopping rule after " + w.run().iterations() + (w.run().iterations() == 1 ? " sweep" : " sweeps")
                    + ": in the last one no mean moved by `tol` = " + Prose.num(tol) + " or more. By the bound above its means are then within "
                    + Prose.num(errorBound[0]) + " and " + Prose.num(errorBound[1]) + " of the exact ones (plus rounding); the actual errors are "
                    + Prose.num(meanError[0]) + " and " + Prose.num(meanError[1]) + "."
                : "CAVI stopped at the limit of `max_iter` = " + maxIter + (maxIter == 1 ? " sweep" : " sweeps") + " **without** meeting the stopping rule"
                    + Prose.when(tol == 0, " (with `tol` = 0 it can never be met: a move cannot be below 0)",
                        ": the last sweep still moved $m_2$ by " + Prose.num(Math.abs(lastMove2)) + Prose.when(Math.abs(lastMove2) >= tol, " \u2265 `tol`", ""))
                    + ". Its variances are already optimal, but the fixed-point statements about the means describe $q^*$, not this $q$: its means are off by exactly "
                    + Prose.num(meanError[0]) + " and " + Prose.num(meanError[1]) + ", as the identity above predicts from $\\Delta_2$.",
            rho2 == 0
                ? "Here $\\theta_1\\theta_2=0$, so $\\rho=0$: the first sweep already lands on the exact posterior, and mean field is exact (KL = " + Prose.num(Math.abs(kl) <= klRounding ? 0 : kl) + ")."
                : "Here $\\rho^2$ = " + Prose.num(rho2) + ": each sweep multiplies the error of the means by $\\rho^2$ and gains about " + digitsPerSweep
                    + " correct digits, and the bound is " + Prose.num(rho2 / oneMinusRho2) + " times `tol` for $m_2$.");
    }

    /** W4: what the table of exact against mean-field moments shows (undefined ratios, 1 - rho^2, too wide along theta). */
    public static Prose.Markdown exactAgainstMeanField(TwoLatentMeanField w) {
        MeanFieldTables.TwoLatentMoments t = MeanFieldTables.twoLatentMoments(w);
        List<String> undefined = new ArrayList<>();
        for (int i = 0; i < t.ratio().length; i++) {
            if (Double.isNaN(t.ratio()[i]) && !Double.isNaN(t.exact()[i])) {
                undefined.add(t.names()[i]);
            }
        }
        MeanFieldGaussianState q = w.q();
        double rho2 = w.rho2();
        double[] exactMarginalVar = w.exactMarginalVariances();
        boolean thetaZero = t.thetaSq() == 0;
        return Prose.markdown(
            Prose.when(thetaZero, "With $\\theta=\\mathbf 0$ there is no direction $\\boldsymbol\\theta$ (the posterior is the prior, round), so the rows along and across $\\boldsymbol\\theta$ are undefined (\u2014)."),
            Prose.when(!undefined.isEmpty(), "The ratio is undefined (\u2014) for " + String.join(", ", undefined)
                + ": the exact value is 0 there, and a ratio to 0 has no meaning."
                + Prose.when(undefined.contains("correlation"), " (Mean field's correlation is 0 by construction; here the posterior's is 0 too.)")),
            Prose.when(rho2 > 0 && t.thetaSq() > 0, "Mean field's marginal variances are " + Prose.num(q.variance(0) / exactMarginalVar[0]) + " = $1-\\rho^2$ times the exact ones; along $\\boldsymbol\\theta$ its variance is "
                + Prose.num(t.mean(4)) + " against the posterior's " + Prose.num(t.exact()[4]) + " (too wide), across $\\boldsymbol\\theta$ " + Prose.num(t.mean(5)) + " against 1 (too narrow)."),
            Prose.when(rho2 == 0, "The posterior factorises here, so every variance of $q$ equals the exact one."));
    }

    /** W4: what the ellipse chart shows (centred or not; where q's ellipses stick out; the zig-zag). */
    public static Prose.Markdown ellipses(TwoLatentMeanField w) {
        double rho = w.rho();
        double rho2 = w.rho2();
        double[] meanError = w.meanError();
        double[] exactMarginalVar = w.exactMarginalVariances();
        double centreOff = Math.hypot(meanError[0], meanError[1]);
        double size = Math.sqrt(Math.max(exactMarginalVar[0], exactMarginalVar[1]));
        boolean centred = centreOff <= 1e-3 * size;   // the centres coincide to the drawing's resolution
        String signs = rho < 0 ? "$(z_1-m_1)(z_2-m_2)>0$ (up-right and down-left of the centre)" : "$(z_1-m_1)(z_2-m_2)<0$ (up-left and down-right of the centre)";
        return Prose.markdown(
            rho2 == 0
                ? "Here $\\rho=0$: the posterior is axis-aligned and " + (centred ? "the mean-field ellipses lie on the exact ones: mean field is exact." : "$q$ has its variances, but CAVI has not yet reached its centre.")
                : (centred
                    ? "The centres coincide (CAVI reached the exact mean to the drawing's resolution). The ellipses of the same level meet on the lines $z_1=m_1$ and $z_2=m_2$;"
                        + " $q$'s ellipses stick out of the posterior's where " + signs + " and lie inside it in the other two quadrants."
                    : "CAVI's $q$ is not yet centred on the posterior (its centre is " + Prose.num(centreOff) + " away, as the path shows), so this picture is of an intermediate $q$, not of the optimum $q^*$;"
                        + " its ellipses already have the optimal widths."),
            Prose.when(w.run().path().size() > 2 && Math.abs(rho) > 0, "The path zig-zags because each update moves one coordinate at a time; with $\\rho^2$ = " + Prose.num(rho2) + " each sweep shrinks the remaining error by that factor."));
    }

    /** W4: how far the ELBO rose, and how far below log p(x) it ends compared with the optimum's gap. */
    public static Prose.Markdown elboTrace(TwoLatentMeanField w, int shown) {
        double[] elboTrace = w.elboTrace();
        double elbo = w.elbo();
        double kl = w.kl();
        double klMin = w.klMin();
        double klRounding = w.klRounding();
        double rise = elbo - elboTrace[0];
        double elboRounding = Cavi.ROUNDING_SLACK * (1 + w.elboScale());
        return Prose.markdown(
            (rise > elboRounding
                ? "The ELBO rose from " + Prose.num(elboTrace[0]) + " at the start to " + Prose.num(elbo)
                : "The ELBO stayed at " + Prose.num(elbo) + " (the start was already optimal, to rounding")
            + (rise > elboRounding ? "" : ")")
            + (elboTrace.length > shown ? " (the chart shows the first " + (shown - 1) + " of " + w.run().iterations() + " sweeps)" : "") + ". "
            + "It ends " + Prose.num(Math.abs(kl) <= klRounding ? 0 : kl) + " below $\\log p(x)$ = " + Prose.num(w.logEvidence()) + ", which is the KL of the final $q$; "
            + (kl - klMin <= klRounding + elboRounding
                ? "that is the optimum's gap $-\\tfrac12\\log(1-\\rho^2)$ = " + Prose.num(klMin) + "" + Prose.when(klMin == 0, ": mean field loses nothing here") + "."
                : "the optimum's gap $-\\tfrac12\\log(1-\\rho^2)$ is " + Prose.num(klMin) + ", so CAVI stopped " + Prose.num(kl - klMin) + " short of the best mean-field bound."));
    }

    /** A (a): the ELBO rose as much as the KL fell, and where the CAVI trace stops on the line ELBO = log p(x) - KL. */
    public static Prose.Markdown identity(TwoLatentMeanField a) {
        double[] elboTrace = a.elboTrace();
        double[] klTrace = a.klTrace();
        double logEvidence = a.logEvidence();
        double klMfMin = a.klMin();
        double tol = a.tol();
        double identityRounding = MeanFieldChecks.identityRounding(a);
        double maxIdentityError = a.maxIdentityError();
        double klMaxTrace = java.util.Arrays.stream(klTrace).max().getAsDouble();
        double klEnd = klTrace[klTrace.length - 1];
        double rise = elboTrace[elboTrace.length - 1] - elboTrace[0];
        double klRoundingA = 1e-13 * a.conditionNumber() * (2 + klMaxTrace);
        // at the optimum when converged: KL - KL* <= L12^2 tol^2 / (2 L11 (1 - rho^2)) (the W4 error identity), plus rounding
        double l11A = a.model().joint().precision(0, 0);
        double l12A = a.model().joint().precision(0, 1);
        boolean atMin = a.run().converged() && Math.abs(klEnd - klMfMin) <= l12A * l12A * tol * tol / (2 * l11A * a.oneMinusRho2()) + klRoundingA;
        int iterations = a.run().iterations();
        return Prose.markdown(
            (rise > identityRounding
                ? "Over the " + iterations + (iterations == 1 ? " sweep" : " sweeps") + " the ELBO rose by " + Prose.num(rise) + " and the KL fell by "
                    + Prose.num(klTrace[0] - klEnd) + ": the same amount, since their sum stays on $\\log p(x)$ = " + Prose.num(logEvidence) + " (largest deviation "
                    + Prose.num(maxIdentityError) + Prose.when(maxIdentityError > 1e-9, ", rounding: the terms of the ELBO are as large as " + Prose.num(a.elboScale()) + " here") + ")."
                : "The ELBO and the KL did not move (the start was already the optimum, to rounding); their sum is $\\log p(x)$ = " + Prose.num(logEvidence) + ".")
            + Prose.when(elboTrace.length > 12, " The first chart shows the first 11 sweeps."),
            (klMfMin == 0
                ? "Here $\\theta_1\\theta_2=0$: the posterior factorises, and the CAVI trace " + (atMin ? "reaches" : "heads for") + " the point KL = 0 on $\\log p(x)$."
                : "The CAVI trace walks down the line and "
                    + (atMin ? "stops at KL = " + Prose.num(klEnd) + " = $-\\tfrac12\\log(1-\\rho^2)$, short of 0: the best that mean field can do here (part (b))."
                        : a.run().converged()
                            ? "stops at KL = " + Prose.num(klEnd) + ", within the bound that `tol` allows above the mean-field minimum " + Prose.num(klMfMin) + "."
                            : "stops at KL = " + Prose.num(klEnd) + ", above the mean-field minimum " + Prose.num(klMfMin) + ", because it ran out of sweeps.")));
    }

    /** A (c): which rows have a positive KL below rounding, and which runs hit the sweep limit. */
    public static Prose.Markdown blockings(List<MeanFieldTables.Blocking> rows, double sigma2) {
        Check.notNull("MeanFieldProse.blockings", "rows", rows);
        List<String> tiny = new ArrayList<>();
        List<String> unconverged = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (!rows.get(r).factorises() && rows.get(r).klClosed() <= rows.get(r).rounding()) {
                tiny.add(String.valueOf(r + 1));
            }
            if (!rows.get(r).converged()) {
                unconverged.add(String.valueOf(r + 1));
            }
        }
        return Prose.markdown(
            Prose.when(tiny.isEmpty(), "Every row where the posterior does not factorise has a positive KL.",
                "In row(s) " + String.join(", ", tiny) + " the posterior does not factorise, so the KL is positive, but it is below the rounding of this computation:"
                    + " the coupling $\\theta_i\\theta_j/\\sigma^2$ is tiny for $\\sigma^2$ = " + Prose.num(sigma2) + "."),
            Prose.when(!unconverged.isEmpty(), "In row(s) " + String.join(", ", unconverged) + " block CAVI stopped at its limit of 5000 sweeps before its means settled"
                + " (a strongly coupled posterior contracts slowly), so the KL it reached is above the closed form."));
    }

    /** A (d): how many runs of the sweep converged, and whether this model's correlation lies beyond the drawn curve. */
    public static Prose.Markdown correlationSweep(TwoLatentMeanField.CorrelationSweep sweep, double rho) {
        int converged = sweep.converged();
        int runs = sweep.runs();
        return Prose.markdown(
            Prose.when(converged == runs, "All " + runs + " runs converged and lie on the curve.",
                converged + " of the " + runs + " runs converged and lie on the curve; the other " + (runs - converged)
                    + " hit the limit of 5000 sweeps (their posterior correlation is so close to $\\pm1$ that each sweep removes only a fraction $1-\\rho^2$ of the error) and sit above it."),
            Prose.when(Math.abs(rho) > 0.995, "This model's own correlation, " + Prose.num(rho, 10) + ", lies beyond the drawn part of the curve ($|\\rho|\\le0.995$)."));
    }
}
