package org.vworkbook.notebook;

import java.util.List;
import org.vworkbook.em.EmComparison;
import org.vworkbook.em.EmResult;

/** The sentences of notebook D that depend on the numbers. */
public final class EmProse {
    private EmProse() {}

    /**
     * Where each method ended: the data's S/N and the maximum-likelihood circle, EM on the ray through
     * theta_0, and VEM on an axis, on the diagonal, or on its way to an axis.
     */
    public static Prose.Markdown paths(EmComparison c) {
        double[] thetaInit = c.thetaInit();
        double[] emTheta = c.em().theta();
        double[] vemTheta = c.vem().theta();
        int iterations = c.iterations();
        double r2 = c.mlNormSquared();
        double sOverN = c.model().sumOfSquares() / c.model().count();
        double init2 = thetaInit[0] * thetaInit[0] + thetaInit[1] * thetaInit[1];
        double em2 = emTheta[0] * emTheta[0] + emTheta[1] * emTheta[1];
        double vem2 = vemTheta[0] * vemTheta[0] + vemTheta[1] * vemTheta[1];
        boolean emOnCircle = Math.abs(em2 - r2) <= 1e-6 * (1 + r2);
        boolean vemOnCircle = Math.abs(vem2 - r2) <= 1e-6 * (1 + r2);
        // "on an axis": the other coordinate is below 1e-8 of the norm; "on the diagonal": |theta1| and |theta2| agree to 1e-6 of the norm
        boolean vemAxis1 = vem2 > 0 && Math.abs(vemTheta[1]) <= 1e-8 * Math.sqrt(vem2);
        boolean vemAxis2 = vem2 > 0 && Math.abs(vemTheta[0]) <= 1e-8 * Math.sqrt(vem2);
        boolean initOnAxis = init2 > 0 && (thetaInit[0] == 0 || thetaInit[1] == 0);
        boolean initDiagonal = init2 > 0 && Math.abs(thetaInit[0]) == Math.abs(thetaInit[1]);
        boolean vemDiagonal = vem2 > 0 && Math.abs(Math.abs(vemTheta[0]) - Math.abs(vemTheta[1])) <= 1e-6 * Math.sqrt(vem2);
        int larger = Math.abs(thetaInit[0]) > Math.abs(thetaInit[1]) ? 1 : 2;
        String emAt = "$\\theta$ = (" + Prose.num(emTheta[0]) + ", " + Prose.num(emTheta[1]) + "), $|\\theta|^2$ = " + Prose.num(em2);
        String vemAt = "$\\theta$ = (" + Prose.num(vemTheta[0]) + ", " + Prose.num(vemTheta[1]) + "), $|\\theta|^2$ = " + Prose.num(vem2);
        String data = "Here $S/N$ = " + Prose.num(sOverN) + Prose.when(r2 > 0,
            " > 1, so the maximum-likelihood circle has $|\\theta|^2$ = " + Prose.num(r2) + ".",
            " \u2264 1: the data are no more spread out than the noise alone, and the maximum-likelihood answer is $\\theta = 0$.");
        String em;
        String vem;
        if (init2 == 0) {
            em = "$\\theta_0 = 0$, the fixed point of both methods: neither EM nor VEM moved"
                + Prose.when(r2 > 0, ", although the likelihood is larger on the circle") + ".";
            vem = "";
        } else {
            em = "After " + iterations + (iterations == 1 ? " step" : " steps") + " EM is at " + emAt + ", on the ray through $\\theta_0$"
                + Prose.when(emOnCircle, Prose.when(r2 > 0, ", on the circle.", ", at the maximum-likelihood answer (to 10<sup>\u22126</sup>)."),
                    ", not yet at the maximum-likelihood value " + Prose.num(r2) + ".");
            String where;
            if (initOnAxis) {
                where = "$\\theta_0$ lies on an axis, so VEM took exactly EM's steps and is at " + vemAt;
            } else if (vemAxis1 || vemAxis2) {
                where = "VEM ended on the $\\theta_" + (vemAxis1 ? 1 : 2) + "$ axis"
                    + Prose.when(initDiagonal, " (it started with $|\\theta_{0,1}| = |\\theta_{0,2}|$: rounding tipped the balance)",
                        Prose.when((vemAxis1 ? 1 : 2) == larger, " (the larger coordinate of $\\theta_0$ won)")) + ", at " + vemAt;
            } else if (initDiagonal && vemDiagonal) {
                where = "VEM started with $|\\theta_{0,1}| = |\\theta_{0,2}|$ and stayed on that diagonal, at " + vemAt
                    + ": neither coordinate is larger, so nothing pulled it towards an axis";
            } else {
                where = "VEM is at " + vemAt + ": it moved towards the $\\theta_" + (Math.abs(vemTheta[0]) > Math.abs(vemTheta[1]) ? 1 : 2)
                    + "$ axis but is not on it after " + iterations + (iterations == 1 ? " step" : " steps")
                    + Prose.when(initDiagonal, " (it started on the diagonal; rounding tipped the balance)");
            }
            vem = where + Prose.when(vemOnCircle, Prose.when(r2 > 0, ", on the circle.", ", at the maximum-likelihood answer (to 10<sup>\u22126</sup>)."),
                ", not yet at the maximum-likelihood value " + Prose.num(r2) + ".");
        }
        return Prose.markdown(data + " " + em + " " + vem);
    }

    /** How VEM's KL moved, and how much the traces change after the drawn iterations. */
    public static Prose.Markdown traces(EmComparison c) {
        EmResult em = c.em();
        EmResult vem = c.vem();
        int iterations = c.iterations();
        double[] thetaInit = c.thetaInit();
        double[] vemTheta = vem.theta();
        int shown = EmPlots.shown(c);
        double later = 0;
        for (double[] trace : List.of(em.logLikelihoodTrace(), vem.elboTrace(), vem.logLikelihoodTrace(), vem.klTrace())) {
            for (int i = shown - 1; i <= iterations; i++) {
                later = Math.max(later, Math.abs(trace[i] - trace[shown - 1]));
            }
        }
        double[] k = vem.klTrace();
        // a KL below this is rounding (N terms of size about 1 + |theta|^2, each exact to about 1e-16 relative); shown as 0
        double klRounding = 1e-12 * c.model().count() * (1 + Math.max(thetaInit[0] * thetaInit[0] + thetaInit[1] * thetaInit[1],
            vemTheta[0] * vemTheta[0] + vemTheta[1] * vemTheta[1]));
        boolean zeroStart = Math.abs(k[0]) <= klRounding;
        boolean zeroEnd = Math.abs(k[iterations]) <= klRounding;
        double lastLogLik = Math.abs(em.logLikelihoodTrace()[iterations]);
        return Prose.markdown(
            "VEM's KL went from " + (zeroStart ? "0 (to rounding)" : Prose.num(k[0])) + " nats at $\\theta_0$ to "
                + (zeroEnd ? "0 (to rounding)" : Prose.num(k[iterations])) + " nats at $\\theta_{" + iterations + "}$"
                + Prose.when(zeroStart && zeroEnd, ": a coordinate of $\\theta$ was 0 throughout (or $\\theta$ was), so the posterior factorised all along") + ".",
            Prose.when(shown <= iterations, "After the drawn iterations (from i = " + (shown - 1) + " to " + iterations
                + ") the four traces change by at most " + Prose.num(later) + " nats"
                + Prose.when(later > 1e-3 * (1 + lastLogLik), ": the charts show only the start of the run.", ".")));
    }
}
