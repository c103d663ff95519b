package org.vworkbook.notebook;

import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.NormalGammaCavi;
import org.vworkbook.cavi.NormalGammaCoupling;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.exact.NormalNormalGammaModel;
import org.vworkbook.util.Check;

/**
 * The sentences of notebook B's Fig. 10.4 section and its exercises' worked answers, from the
 * computed {@link NormalGammaCoupling}.
 */
public final class NormalGammaPages {
    private NormalGammaPages() {}

    /** How large the coupling is at this N, and how the gap fell over the sweeps. */
    public static Prose.Markdown couplingProse(NormalGammaCoupling c) {
        Check.notNull("NormalGammaPages", "coupling", c);
        NormalNormalGammaModel model = c.model();
        int n = model.size();
        double aN = model.posterior().shape();
        double kl = c.klConverged();
        double[] gap = c.gapTrace();
        double[] excess = c.excessTrace();
        int reached = -1;
        for (int t = 0; t < excess.length; t++) {
            if (excess[t] == 0) {
                reached = t;
                break;
            }
        }
        String size = "With $N = " + n + "$ point" + (n == 1 ? "" : "s") + " and $a_0 = " + Prose.tex(model.a0())
                + "$ the posterior shape is $a_N = " + Prose.tex(aN) + "$. Across the central 90% of $p(\\tau\\mid\\mathbf x)$ the "
                + "posterior standard deviation of $\\mu$ given $\\tau$ changes by a factor of " + Prose.num(c.conditionalSdRatio(), 3)
                + " (from the 5% to the 95% quantile of $\\tau$); $q(\\mu)$ has one standard deviation for all $\\tau$. "
                + "That costs $\\mathrm{KL}^* = " + Prose.tex(kl) + "$ nats at the optimum; its large-$a_N$ form "
                + "$1/(4a_N) = " + Prose.tex(1 / (4 * aN)) + "$ is off by " + Prose.pct(Math.abs(1 / (4 * aN) - kl) / kl, 1) + ".";
        String fall;
        if (gap.length == 1) {
            fall = "The run made no sweep.";
        } else {
            fall = "From the start the gap was " + Prose.num(gap[0]) + " nats; after the first sweep it was " + Prose.num(gap[1])
                    + " nats. "
                    + Prose.when(reached == 0, "The start was already the optimum to rounding, so the gap was $\\mathrm{KL}^*$ throughout.",
                        Prose.when(reached > 0,
                            "From sweep " + reached + " on the gap equals $\\mathrm{KL}^*$ to rounding "
                                + "(the excess $\\mathcal L^*-\\mathcal L$ is then 0 and the log-scale chart leaves those points out).",
                            "The excess over $\\mathrm{KL}^*$ had not reached rounding when the run stopped: it is "
                                + Prose.num(excess[excess.length - 1]) + " nats."));
            double ratio = c.lastExcessRatio();
            fall += Prose.when(Double.isFinite(ratio),
                    " Near the optimum each sweep multiplied the excess by " + Prose.num(ratio, 3) + "; the asymptotic factor "
                        + "$1/(2a)^2$ with $a = a_0 + (N+1)/2$ is " + Prose.num(c.predictedExcessRatio(), 3) + ".",
                    " No two consecutive sweeps left a positive excess, so no rate per sweep can be read off.");
        }
        return Prose.markdown(size, fall);
    }

    /** Exercise: more data. KL* as a function of a_N = a0 + N/2, here and at ten times N. */
    public static Prose.Markdown exerciseMoreData(NormalGammaCoupling c) {
        Check.notNull("NormalGammaPages", "coupling", c);
        NormalNormalGammaModel model = c.model();
        int n = model.size();
        double aN = model.posterior().shape();
        double aTen = model.a0() + 5.0 * n;
        double klTen = NormalNormalGammaModel.meanFieldKlAtOptimum(aTen);
        return Exercises.answer(
            "$\\mathrm{KL}^*$ depends on the data only through their number $N$, and on the prior only through $a_0$: $\\mathrm{KL}^* = \\log\\Gamma(a_N)-\\log\\Gamma(a_N+\\tfrac12)"
                + "+(a_N+\\tfrac12)\\log(a_N+\\tfrac12)-a_N\\log a_N-\\tfrac12 \\approx \\frac1{4a_N} = \\frac1{4a_0+2N}$. "
                + "Each point makes $p(\\tau\\mid\\mathbf x)$ narrower, so the spread of $\\mu$ given $\\tau$ varies less over the plausible "
                + "$\\tau$, and one spread for all $\\tau$ costs less. Once $N\\gg a_0$, ten times the points give about a tenth of the KL.",
            "Here $N = " + n + "$, $a_N = " + Prose.tex(aN) + "$ and $\\mathrm{KL}^* = " + Prose.tex(c.klConverged())
                + "$ nats; with $10N = " + (10 * n) + "$ points, $a_N = " + Prose.tex(aTen) + "$ and $\\mathrm{KL}^* = "
                + Prose.tex(klTen) + "$ nats, " + Prose.num(c.klConverged() / klTen, 3) + " times smaller.",
            Prose.when(model.size() == 1 && model.a0() < 1,
                "With one point and a small $a_0$ this is near the largest KL* the model allows: as $a_N \\to \\tfrac12$, "
                    + "$\\mathrm{KL}^* \\to " + Prose.tex(NormalNormalGammaModel.meanFieldKlAtOptimum(0.5)) + "$ nats.", ""),
            "To see it, set `n` to " + (10 * n) + " (with `data = {};`, or give " + (10 * n) + " points in `data`) and rerun: "
                + "`kl_converged` in the results is the closed form, checked against the three other computations.");
    }

    /**
     * Exercise: what does not matter. KL* after CAVI on the same data with b0 x 10, lambda0 / 100, mu0 + 3 and
     * the data shifted by 3, from the same start: each equal to this run's.
     */
    public static Prose.Markdown exerciseWhatDoesNotMatter(NormalGammaCoupling c) {
        Check.notNull("NormalGammaPages", "coupling", c);
        NormalNormalGammaModel m = c.model();
        double[] shifted = m.data();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 3;
        }
        NormalNormalGammaModel[] others = {
            NormalNormalGammaModel.of(m.data(), m.mu0(), m.lambda0(), m.a0(), 10 * m.b0()),
            NormalNormalGammaModel.of(m.data(), m.mu0(), m.lambda0() / 100, m.a0(), m.b0()),
            NormalNormalGammaModel.of(shifted, m.mu0() + 3, m.lambda0(), m.a0(), m.b0())
        };
        String[] names = {"$b_0 \\times 10$", "$\\lambda_0 / 100$", "the data and $\\mu_0$ shifted by 3"};
        StringBuilder rows = new StringBuilder();
        double worst = 0;
        for (int k = 0; k < others.length; k++) {
            NormalGammaMeanFieldState q = NormalGammaCavi.of(others[k]).run(c.start(), CaviOptions.defaults()).state();
            double kl = others[k].klFromPosterior(q.muMean(), q.muPrecision(), q.tauShape(), q.tauRate());
            worst = Math.max(worst, Math.abs(kl - c.klFinal()));
            rows.append(k == 0 ? "" : "; ").append(names[k]).append(": ").append(Prose.num(kl, 8));
        }
        return Exercises.answer(
            "Only $a_0$ and $N$ matter. At CAVI's fixed point $m = \\mu_N$, $a = a_N + \\tfrac12$ and $b = b_N(a_N+\\tfrac12)/a_N$, "
                + "so $\\mathbb E_q[\\tau] = a_N/b_N$ is the exact posterior mean of $\\tau$ and $l = \\lambda_N a_N/b_N$. In "
                + "$\\mathbb E_q[\\log q]-\\mathbb E_q[\\log p(\\mu,\\tau\\mid\\mathbf x)]$ every $\\log b_N$ cancels, $\\lambda_N$ "
                + "appears only as $\\lambda_N/l$ (a function of $a_N$, $b_N$) and $\\mu_N$ only as $m-\\mu_N = 0$: $b_0$, $\\lambda_0$, "
                + "$\\mu_0$, the values of the data and the start move the posterior, the evidence and the ELBO, but not their difference at the optimum.",
            "Recomputed by CAVI from the same start (the KL of each final $q$ in closed form, 8 digits): " + rows
                + ". This run's final $q$: " + Prose.num(c.klFinal(), 8) + " nats"
                + Prose.when(worst <= 1e-9 * (1 + c.klFinal()), ", the same to rounding.",
                    ", different by " + Prose.num(worst) + " nats: this run stopped after " + c.run().iterations()
                        + (c.run().iterations() == 1 ? " sweep" : " sweeps") + ", before the optimum ($\\mathrm{KL}^* = "
                        + Prose.tex(c.klConverged()) + "$)."),
            "To see it, set `b0 = " + (10 * m.b0()) + ";` (or change `lambda0`, `mu0`, `start_*`) and rerun: "
                + "`log_evidence` changes, `kl_converged` does not.");
    }
}
