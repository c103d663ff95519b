package org.vworkbook.notebook;

import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.math3.special.Gamma;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.gmm.BayesianGaussianMixture;
import org.vworkbook.gmm.ConcentrationComparison;
import org.vworkbook.gmm.GaussianMixturePrior;
import org.vworkbook.gmm.GmmState;
import org.vworkbook.gmm.MixtureData;
import org.vworkbook.gmm.MixtureInput;
import org.vworkbook.gmm.NormalWishartEvidence;
import org.vworkbook.gmm.OldFaithful;
import org.vworkbook.gmm.RestartedFit;

/**
 * The sentences of notebook GMM that depend on the numbers: where the points came from, the K!
 * symmetric modes, the restarts, the two Dirichlet concentrations of Bishop's Fig. 10.6, and the
 * worked answers of the exercises.
 */
public final class MixturePages {
    /** Final ELBOs closer than this (relative to 1 + |ELBO|) are taken as the same optimum (up to relabelling). */
    static final double SAME_OPTIMUM = RestartedFit.ROUNDING;

    private MixturePages() {}

    /** Where the points came from, and that given points override {@code dataset}. */
    public static String dataSource(MixtureInput input) {
        int n = input.points().size();
        return switch (input.source()) {
            case MixtureInput.FAITHFUL -> "The points are the " + n + " Old Faithful eruptions (eruption time, waiting time), each column "
                + "standardised by its mean and population standard deviation (divisor $N$).";
            case MixtureInput.SYNTHETIC -> "The " + n + " point" + (n == 1 ? " was" : "s were") + " generated from "
                + input.generatorComponents() + " Gaussian" + (input.generatorComponents() == 1 ? "" : "s") + ".";
            default -> (n == 1 ? "The point is the one" : "The " + n + " points are the ones") + " given in `data`"
                + Prose.when(input.datasetOverridden(), " (given points take precedence over `dataset`, so that setting is not used here)") + ".";
        };
    }

    /** ln K! for K >= 0. */
    public static double logFactorial(int k) {
        org.vworkbook.util.Check.atLeast("MixturePages", "k", k, 0);
        return Gamma.logGamma(k + 1.0);
    }

    /**
     * The K! relabellings: the number for this K, ln K!, the ELBO with and without it, and how many
     * distinct copies of q the relabellings give when some components are empty.
     */
    public static Prose.Markdown labelSwitching(CaviResult<GmmState> run) {
        GmmState fitted = run.state();
        int k = fitted.weights().length;
        int used = fitted.effectiveComponents(MixtureChecks.USED_WEIGHT);
        double logK = logFactorial(k);
        if (k == 1) {
            return Prose.markdown("With $K = 1$ there is nothing to relabel: $1! = 1$, $\\ln 1! = 0$, and the posterior has a single mode.");
        }
        double distinct = logK - logFactorial(k - used); // ln K!/(K - m)!
        return Prose.markdown(
            "Here $K = " + k + "$: the posterior has $" + k + "! = " + factorialText(k) + "$ equivalent modes and $\\ln " + k + "! = "
                + Prose.tex(logK) + "$ nats. The run's ELBO is $" + Prose.tex(run.elbo()) + "$; compared with $\\ln p(D)$ for this $K$ (Bishop 10.2.4) "
                + "it becomes $\\mathcal L + \\ln K! = " + Prose.tex(run.elbo() + logK) + "$.",
            used == k ? "All " + k + " components are used, so the " + factorialText(k) + " relabelled copies of $q$ are distinct."
                : used + " of the " + k + " components are used; the other " + (k - used) + " sit near the prior and nearly coincide, "
                    + "so relabelling them among themselves hardly changes $q$: only $K!/(K-" + used + ")! = " + Prose.num(Math.exp(distinct))
                    + "$ copies are distinct (logarithm " + Prose.num(distinct) + "), and the copies overlap, so adding the full $\\ln K!$ overstates "
                    + "the correction.");
    }

    private static String factorialText(int k) {
        return k <= 18 ? String.format(java.util.Locale.ROOT, "%,d", factorial(k)).replace(",", "\\,") : Prose.tex(Math.exp(logFactorial(k)));
    }

    private static long factorial(int k) {
        long f = 1;
        for (int i = 2; i <= k; i++) {
            f *= i;
        }
        return f;
    }

    /** What the restarts found: the best, the spread of the final ELBOs, and whether they reached one optimum. */
    public static Prose.Markdown restarts(RestartedFit fits) {
        double[] e = fits.restartElbos();
        int best = fits.best();
        if (fits.restarts() == 1) {
            return Prose.markdown("One start (restarts = 1, seed " + fits.seeds()[0] + "): its final ELBO is " + Prose.num(e[0])
                + "; with more restarts the page would keep the best of several local optima.");
        }
        double spread = fits.elboSpread();
        boolean same = spread <= SAME_OPTIMUM * (1 + Math.abs(e[best]));
        long distinct = distinctOptima(e);
        return Prose.markdown(
            fits.restarts() + " restarts; the best is restart " + (best + 1) + " (seed " + fits.seeds()[best] + ") with final ELBO "
                + Prose.num(e[best]) + ", and the page shows that run.",
            Prose.when(unfinished(fits), "Some restarts stopped at max_iter before converging, so their final ELBOs are not yet local optima."),
            same ? "All restarts end at the same ELBO (spread " + Prose.num(spread) + " nats): the same optimum, up to relabelling the components."
                : "The final ELBOs differ by up to " + Prose.num(spread) + " nats (" + distinct + " different values): CAVI found "
                    + "different local optima from different starts, which is why the best is kept.");
    }

    private static boolean unfinished(RestartedFit fits) {
        return fits.runs().stream().anyMatch(r -> !r.converged());
    }

    private static long distinctOptima(double[] e) {
        double[] s = e.clone();
        Arrays.sort(s);
        long count = 1;
        for (int i = 1; i < s.length; i++) {
            if (s[i] - s[i - 1] > SAME_OPTIMUM * (1 + Math.abs(s[i]))) {
                count++;
            }
        }
        return count;
    }

    /** What each concentration did with the components, from the numbers; names Bishop's finding only when it is reproduced. */
    public static Prose.Markdown concentrations(ConcentrationComparison c, MixtureInput input) {
        double[] a = c.concentrations();
        StringBuilder s = new StringBuilder();
        int k = c.runs().get(0).state().weights().length;
        for (int i = 0; i < a.length; i++) {
            GmmState st = c.runs().get(i).state();
            int used = st.effectiveComponents(MixtureChecks.USED_WEIGHT);
            double[] w = st.weights().clone();
            Arrays.sort(w);
            s.append(i == 0 ? "With " : "; with ").append("$\\alpha_0 = ").append(Prose.tex(a[i])).append("$, ").append(used).append(" of ")
                .append(k).append(k == 1 ? " component is" : " components are").append(" used (largest weight ").append(Prose.num(w[w.length - 1], 3))
                .append(used > 1 ? ", smallest used " + Prose.num(w[w.length - used], 3) : "").append(")");
        }
        s.append('.');
        boolean bishop = MixtureInput.FAITHFUL.equals(input.source()) && k == 6 && a.length == 2 && a[0] == 1e-3 && a[1] == 10
            && c.used(0, MixtureChecks.USED_WEIGHT) == 2 && c.used(1, MixtureChecks.USED_WEIGHT) == 6;
        int small = c.used(0, MixtureChecks.USED_WEIGHT);
        int large = c.used(a.length - 1, MixtureChecks.USED_WEIGHT);
        return Prose.markdown(s.toString(),
            bishop ? "This is Bishop's Fig. 10.6: on Old Faithful with $K = 6$, two components survive with $\\alpha_0 = 10^{-3}$ and all six are used with $\\alpha_0 = 10$."
            : k == 1 ? "With one component the concentration changes nothing: $\\pi_1 = 1$ whatever $\\alpha_0$."
            : small < large ? "The small concentration empties " + (large - small) + " more component" + (large - small == 1 ? "" : "s") + " than the large one."
            : small == large ? "Both concentrations use the same number of components here."
            : "Here the small concentration uses more components than the large one, the opposite of the usual pattern (a different local optimum).");
    }

    // ---------------------------------------------------------------- exercises

    /**
     * Exercise "one component": with K = 1 q(Z) is certain, q(pi, mu, Lambda) is the exact conjugate posterior and the ELBO
     * equals ln p(D) (checked here against the closed form); compared with this run's ELBO (plus ln K!).
     */
    public static Prose.Markdown exerciseOneComponent(BayesianGaussianMixture model, CaviResult<GmmState> run, CaviOptions options) {
        MixtureData points = model.data();
        GaussianMixturePrior prior = model.prior();
        BayesianGaussianMixture one = BayesianGaussianMixture.of(points, 1, prior);
        CaviResult<GmmState> single = model.components() == 1 ? run : one.run(one.startingResponsibilities("nearest", 1), options);
        double exact = NormalWishartEvidence.logEvidence(points, prior);
        double gap = exact - single.elbo();
        int k = model.components();
        double withK = run.elbo() + logFactorial(k);
        return Exercises.answer(
            "With $K = 1$ every $r_{n1} = 1$, so $q(Z)$ is certain and its entropy is 0, and $\\pi_1 = 1$ under any Dirichlet. The factorisation "
                + "$q(Z)\\,q(\\boldsymbol\\pi,\\boldsymbol\\mu,\\boldsymbol\\Lambda)$ then assumes nothing: $q(\\boldsymbol\\mu_1,\\boldsymbol\\Lambda_1)$ is the exact "
                + "Gaussian-Wishart posterior after one sweep, the KL from $q$ to the posterior is 0, and the ELBO equals $\\ln p(D)$.",
            "On these " + points.size() + " points: the ELBO with $K = 1$ is " + Prose.num(single.elbo(), 10) + " and the closed-form evidence of one Gaussian with "
                + "this Gaussian-Wishart prior is " + Prose.num(exact, 10) + " (difference " + Prose.num(gap, 2) + " nats).",
            k == 1 ? "This page already runs with $K = 1$."
                : "This run ($K = " + k + "$) has ELBO " + Prose.num(run.elbo()) + ", or " + Prose.num(withK) + " after adding $\\ln " + k + "!$; "
                    + Prose.when(withK > exact, "that is above the single Gaussian's evidence by " + Prose.num(withK - exact)
                        + " nats, so the data favour the mixture.",
                        "that is not above the single Gaussian's evidence (by " + Prose.num(exact - withK) + " nats), so by this bound the data do not favour "
                            + k + " components over one.")
                    + " (An ELBO is only a lower bound on the evidence of its own $K$, so this is a comparison of bounds.)");
    }

    /**
     * Exercise "restarts": the final ELBOs of {@code asked} restarts (computed here when the page ran fewer), and whether the extra
     * starts found a better optimum than the first.
     */
    public static Prose.Markdown exerciseRestarts(BayesianGaussianMixture model, RestartedFit fits, String init, long initSeed, int asked,
            CaviOptions options) {
        RestartedFit more = fits.restarts() >= asked ? fits : model.runRestarts(init, initSeed, asked, options);
        double[] e = more.restartElbos();
        int best = more.best();
        double gain = e[best] - e[0];
        boolean better = gain > SAME_OPTIMUM * (1 + Math.abs(e[0]));
        StringBuilder list = new StringBuilder();
        for (int r = 0; r < e.length; r++) {
            list.append(r == 0 ? "" : ", ").append(Prose.num(e[r], 8));
        }
        int usedFirst = more.runs().get(0).state().effectiveComponents(MixtureChecks.USED_WEIGHT);
        int usedBest = more.bestRun().state().effectiveComponents(MixtureChecks.USED_WEIGHT);
        return Exercises.answer(
            "Each sweep increases the ELBO, so CAVI climbs to the nearest local optimum of the start it is given; the mixture's ELBO has many "
                + "(the $K!$ relabellings of each, and genuinely different ones: two clusters shared by one component, one cluster split in two). "
                + "Restarts cannot lower the best ELBO: restart 1 is the single run, and the best of several is at least as good.",
            e.length + " restarts from seeds " + more.seeds()[0] + " to " + more.seeds()[e.length - 1] + " end at ELBO " + list + ".",
            unfinished(more) ? (better ? "Restart " + (best + 1) + " ends " + Prose.num(gain) + " nats above the first, " : "None ends above the first by more than rounding, ")
                + "but some of these runs stopped at max_iter before converging, so they compare points on the way, not optima; raise max_iter to compare the optima."
            : better ? "Restart " + (best + 1) + " beats the first by " + Prose.num(gain) + " nats"
                + Prose.when(usedBest != usedFirst, ", and it uses " + usedBest + " components instead of " + usedFirst, "") + ": a better optimum exists."
                : "None beats the first by more than rounding: from these starts CAVI finds one optimum (up to relabelling).");
    }

    /**
     * Exercise "Old Faithful": the Faithful fits with alpha0 = 1e-3 and 10 and this page's K, beta0, nu0, start and stopping rule.
     *
     * @param csv the Old Faithful file ({@link OldFaithful#NOTEBOOK_FILE} in the notebook)
     */
    public static Prose.Markdown exerciseFaithful(Path csv, BayesianGaussianMixture model, String init, long initSeed, CaviOptions options) {
        MixtureData faithful = OldFaithful.standardised(csv);
        GaussianMixturePrior p = model.prior();
        GaussianMixturePrior prior = GaussianMixturePrior.ofCovariancePrior(1e-3, p.meanPrecision(), faithful.mean(), p.degreesOfFreedom(),
            GaussianMixturePrior.covariancePriorFor(faithful));
        BayesianGaussianMixture m = BayesianGaussianMixture.of(faithful, model.components(), prior);
        ConcentrationComparison c = ConcentrationComparison.of(m, m.startingResponsibilities(init, initSeed), options, ConcentrationComparison.BISHOP);
        return Exercises.answer(
            "Old Faithful has two clusters of eruptions (short ones followed by short waits, long ones by long waits). With $\\alpha_0 = 10^{-3}$ the "
                + "Dirichlet prior rewards emptying components ($\\mathbb E[\\ln\\pi_k] = \\psi(\\alpha_0 + N_k) - \\psi(K\\alpha_0 + N)$ plunges as $N_k \\to 0$), "
                + "which pushes surplus components to zero weight; with $\\alpha_0 = 10$ every component starts from ten pseudo-counts, and that push is gone. "
                + "The fits, from this page's start, priors and stopping rule:",
            concentrations(c, new MixtureInput(faithful, null, MixtureInput.FAITHFUL, false)).text());
    }
}
