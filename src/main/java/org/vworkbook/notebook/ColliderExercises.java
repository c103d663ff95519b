package org.vworkbook.notebook;

import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.ColliderMeanFields;
import org.vworkbook.util.Check;

/**
 * The worked answers of notebook C's exercises: the exact correlation of z1 and z2 given x is
 * -1 / (1 + s3^2 + sx^2) (integrate z3 out: x | z1, z2 ~ N(z1 + z2, v) with v = s3^2 + sx^2; the
 * posterior covariance of (z1, z2) is I - 1 1^T / (v + 2)), and the changed runs are computed by
 * the library.
 */
public final class ColliderExercises {
    private ColliderExercises() {}

    /** The exact posterior correlation of z1 and z2: -1 / (1 + s3^2 + sx^2). */
    public static double correlationFormula(double s3, double sx) {
        Check.positive("ColliderExercises", "s3", s3);
        Check.positive("ColliderExercises", "sx", sx);
        return -1 / (1 + s3 * s3 + sx * sx);
    }

    /**
     * KL(q_mf || p) at the mean-field optimum of the Gaussian collider: 1/2 log(prod_j Lambda_jj / det Lambda)
     * = log(1 + 1/s3^2) - 1/2 log((sx^2 + s3^2 + 2) / (sx^2 + s3^2)) (the reading adds 1/sx^2 to Lambda_33;
     * det Lambda = det Lambda_0 (1 + (2 + s3^2) / sx^2) by the matrix determinant lemma).
     */
    public static double klMeanFieldFormula(double s3, double sx) {
        Check.positive("ColliderExercises", "s3", s3);
        Check.positive("ColliderExercises", "sx", sx);
        double h = Math.hypot(sx, s3); // v = h^2, without underflow
        return logOnePlusCOverSquare(1, s3) - 0.5 * logOnePlusCOverSquare(2, h);
    }

    /** log(1 + c / t^2) for t > 0, without overflow or underflow of t^2. */
    private static double logOnePlusCOverSquare(double c, double t) {
        return t < 1 ? Math.log(t * t + c) - 2 * Math.log(t) : Math.log1p(c / (t * t));
    }

    /** Exercise: a sharper collider, s3 / 10 (and the limit s3 -> 0). */
    public static Prose.Markdown sharperCollider(ColliderMeanFields fits, double s3, double sx, double x, CaviOptions options) {
        Check.notNull("ColliderExercises", "fits", fits);
        ColliderMeanFields sharp = ColliderMeanFields.run(s3 / 10, sx, x, options);
        double limit = -1 / (1 + sx * sx);
        return Exercises.answer(
            "Integrate $z_3$ out: $x\\mid z_1,z_2\\sim\\mathcal N(z_1+z_2,\\,v)$ with $v = s_3^2+s_x^2$, so the posterior precision of "
                + "$(z_1,z_2)$ is $I+\\mathbf 1\\mathbf 1^\\top/v$ and its covariance $I-\\mathbf 1\\mathbf 1^\\top/(v+2)$: "
                + "$\\operatorname{corr}(z_1,z_2\\mid x) = -1/(1+v) = -1/(1+s_3^2+s_x^2)$. A smaller $s_3$ ties $z_1+z_2$ more tightly to "
                + "$z_3$ and so to $x$, and the causes explain each other away more strongly; as $s_3\\to0$ the correlation tends to "
                + "$-1/(1+s_x^2) = " + Prose.tex(limit) + "$, not to $-1$, because $x$ itself is noisy. The mean field keeps none of it, "
                + "and as $s_3\\to0$ its KL grows without bound: $z_3-z_1-z_2$ has variance of order $s_3^2$, so the posterior "
                + "concentrates near a plane, while each factor's variance is of order $s_3^2$ too (the precision of $z_1$ in the joint "
                + "is $1+1/s_3^2$), and $\\mathrm{KL}=\\tfrac12\\log\\big(\\prod_j\\Lambda_{jj}\\,/\\det\\Lambda\\big)$ grows like $-2\\log s_3$.",
            "Here: $\\rho = " + Prose.tex(fits.exact().correlation(0, 1)) + "$ (the formula: $" + Prose.tex(correlationFormula(s3, sx))
                + "$), $\\mathrm{KL}(q_{\\rm mf}\\,\\|\\,p) = " + Prose.tex(fits.klMeanField()) + "$ nats. With $s_3 = "
                + Prose.tex(s3 / 10) + "$: $\\rho = " + Prose.tex(sharp.exact().correlation(0, 1)) + "$, $\\mathrm{KL} = "
                + Prose.tex(sharp.klMeanField()) + "$ nats"
                + Prose.when(sharp.klMeanField() > fits.klMeanField(), ", larger.", ", no larger (within rounding of this run's)."),
            "To see it, set `s3 = " + (s3 / 10) + ";` and rerun.");
    }

    /** Exercise: a noisy reading (sx x 10), and what the value of x does not change (x + 5). */
    public static Prose.Markdown noisyReading(ColliderMeanFields fits, double s3, double sx, double x, CaviOptions options) {
        Check.notNull("ColliderExercises", "fits", fits);
        ColliderMeanFields noisy = ColliderMeanFields.run(s3, 10 * sx, x, options);
        ColliderMeanFields moved = ColliderMeanFields.run(s3, sx, x + 5, options);
        double klDiff = Math.abs(moved.klMeanField() - fits.klMeanField());
        return Exercises.answer(
            "A large $s_x$ makes $x$ say little about $z_3$, hence about $z_1+z_2$: the posterior of $(z_1,z_2)$ returns towards the "
                + "independent prior, $\\rho = -1/(1+s_3^2+s_x^2)\\to0$. The mean field's KL does not fall, though: it grows. At the "
                + "optimum it is $\\tfrac12\\log\\big(\\prod_j\\Lambda_{jj}/\\det\\Lambda\\big)$; the reading adds $1/s_x^2$ to $\\Lambda_{33}$ only, "
                + "and with $\\det\\Lambda=\\det\\Lambda_0\\,(1+\\Sigma_{0,33}/s_x^2)$ ($\\Lambda_0$ the prior precision, $\\Sigma_{0,33}=2+s_3^2$ "
                + "the prior variance of $z_3$) this gives $\\mathrm{KL}_{\\rm mf}=\\log(1+1/s_3^2)-\\tfrac12\\log\\frac{s_x^2+s_3^2+2}{s_x^2+s_3^2}$, "
                + "increasing in $s_x$ towards $\\log(1+1/s_3^2) = " + Prose.tex(Math.log1p(1 / (s3 * s3))) + "$, the KL of the prior's own best "
                + "product: a priori $z_3$ depends on $z_1+z_2$, and as the reading weakens that dependence, which no product keeps, "
                + "takes over from the explaining away. The value of $x$ moves the posterior mean but not its covariance (a Gaussian model's posterior "
                + "covariance does not depend on the data), so $\\rho$ and the mean field's KL at its optimum do not depend on $x$ at all.",
            "Here: $\\rho = " + Prose.tex(fits.exact().correlation(0, 1)) + "$, $\\mathrm{KL} = " + Prose.tex(fits.klMeanField())
                + "$ nats (the formula: $" + Prose.tex(klMeanFieldFormula(s3, sx)) + "$). With $s_x = " + Prose.tex(10 * sx) + "$: $\\rho = " + Prose.tex(noisy.exact().correlation(0, 1))
                + "$, $\\mathrm{KL} = " + Prose.tex(noisy.klMeanField()) + "$ nats"
                + ". With $x = " + Prose.tex(x + 5) + "$: $\\rho = "
                + Prose.tex(moved.exact().correlation(0, 1)) + "$, $\\mathrm{KL} = " + Prose.tex(moved.klMeanField()) + "$ nats"
                + Prose.when(klDiff <= 1e-9 * (1 + fits.klMeanField()), ", the same as here.",
                    ", " + Prose.num(klDiff) + " nats from this run's: one of the two CAVI runs stopped before its optimum (see `tol`, `max_iter`)."),
            "To see it, set `sx = " + (10 * sx) + ";`, then `x = " + (x + 5) + ";`, and rerun.");
    }
}
