package org.vworkbook.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.gmm.BayesianGaussianMixture;
import org.vworkbook.gmm.GmmState;
import org.vworkbook.gmm.NormalWishartEvidence;
import org.vworkbook.gmm.RestartedFit;

/**
 * The checks of notebook GMM (CAVI for a Bayesian Gaussian mixture), and what the fit did with its
 * components, from the numbers.
 */
public final class MixtureChecks {
    /** A component is used when its E[pi_k] exceeds this; below it, it has emptied out. */
    public static final double USED_WEIGHT = 0.01;

    private MixtureChecks() {}

    /**
     * Whether the run converged, and the checks: the ELBO never decreases, the E[pi_k] sum to 1, the
     * N_k sum to N, and the largest E[pi_k] is at least 1/K.
     *
     * @param points N, the number of data points
     */
    public static String fit(CaviResult<GmmState> run, int points) {
        GmmState fitted = run.state();
        double[] weights = fitted.weights();
        int k = weights.length;
        return Checks.all(
            new Checks.Outcome(run.converged() ? "CAVI converged in " + run.iterations() + " sweeps"
                : "CAVI stopped at max_iter = " + run.iterations() + " sweeps before the ELBO settled (converged = false)"),
            Checks.nonDecreasing("ELBO", run.elboTrace(), 1e-12),
            Checks.close("sum of E[pi_k]", Arrays.stream(weights).sum(), 1.0, 1e-12),
            Checks.close("sum of N_k vs N", Arrays.stream(fitted.counts()).sum(), points, 1e-8 * points),
            Checks.isTrue("the largest E[pi_k] is at least 1/K (the weights sum to 1)",
                Arrays.stream(weights).max().getAsDouble() >= 1.0 / k - 1e-12));
    }

    /**
     * The checks of {@link #fit(CaviResult, int)} for the kept run, and also: every restart's ELBO never decreases, the
     * kept run has the largest final ELBO, and with K = 1 (where q is the exact posterior) the ELBO equals the closed-form
     * evidence ln p(D) of one Gaussian with the Gaussian-Wishart prior ({@link NormalWishartEvidence}).
     */
    public static String fit(RestartedFit fits, BayesianGaussianMixture model) {
        CaviResult<GmmState> best = fits.bestRun();
        List<Checks.Outcome> outcomes = new ArrayList<>();
        for (int r = 0; r < fits.restarts(); r++) {
            if (r != fits.best()) {
                outcomes.add(Checks.nonDecreasing("ELBO of restart " + (r + 1), fits.runs().get(r).elboTrace(), 1e-12));
            }
        }
        double top = Arrays.stream(fits.restartElbos()).max().getAsDouble();
        outcomes.add(Checks.isTrue("the kept run has the largest final ELBO of the " + fits.restarts() + " restart" + (fits.restarts() == 1 ? "" : "s")
            + " (up to rounding)", best.elbo() >= top - RestartedFit.ROUNDING * (1 + Math.abs(top))));
        if (model.components() == 1) {
            double exact = NormalWishartEvidence.logEvidence(model.data(), model.prior());
            outcomes.add(Checks.close("K = 1: ELBO vs exact ln p(D)", best.elbo(), exact, 1e-9 * (1 + Math.abs(exact))));
        }
        return fit(best, model.data().size()) + Checks.all(outcomes.toArray(new Checks.Outcome[0]));
    }

    /**
     * What happened to the components: how many keep more than 1 % of the weight, how that compares
     * with the generator's (when the data were generated), and whether the run stopped early.
     *
     * @param generatorComponents the number of components that generated the data, or 0 when the data were given
     * @param points N
     * @param alpha0 the Dirichlet concentration
     */
    public static Prose.Markdown components(CaviResult<GmmState> run, int generatorComponents, int points, double alpha0) {
        double[] weights = run.state().weights();
        int k = weights.length;
        int effective = run.state().effectiveComponents(USED_WEIGHT);
        boolean generated = generatorComponents > 0;
        double smallestUsed = Double.POSITIVE_INFINITY;
        double largestEmpty = 0;
        for (double w : weights) {
            if (w > USED_WEIGHT) {
                smallestUsed = Math.min(smallestUsed, w);
            } else {
                largestEmpty = Math.max(largestEmpty, w);
            }
        }
        return Prose.markdown(
            k == 1 ? "With a single component there is nothing to empty out: $\\mathbb E[\\pi_1] = 1$ and one Gaussian covers all the data."
            : effective == k ? "All " + k + " components keep more than 1 % of the weight (the smallest has " + Prose.pct(smallestUsed, 1) + "): none emptied out"
                + Prose.when(alpha0 >= 1, ", as expected with $\\alpha_0 = " + Prose.num(alpha0) + "$, which does not favour sparse weights", "") + "."
            : effective + " of " + k + " components " + (effective == 1 ? "keeps" : "keep") + " more than 1 % of the weight; the other "
                + (k - effective == 1 ? "one" : String.valueOf(k - effective)) + " emptied out (the largest of their weights is "
                + Prose.num(largestEmpty) + ").",
            generated && k > 1 && points < generatorComponents ? "The generator has " + generatorComponents + " components, but only " + points
                + (points == 1 ? " point was" : " points were") + " drawn."
            : generated && k > 1 ? "The data were generated from " + generatorComponents + " component" + (generatorComponents == 1 ? "" : "s")
                + Prose.when(generatorComponents == effective, ", as many as the fit uses.",
                    Prose.when(effective < generatorComponents, ": the fit uses fewer (overlapping components, or too few sweeps, can merge them).",
                        ": the fit uses more (a cluster can be shared by several components).")) : "",
            Prose.when(!run.converged(), "The run stopped before converging, so these weights may still be moving."));
    }
}
