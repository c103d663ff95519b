package org.vworkbook.notebook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.vworkbook.bbvi.NormalGammaBaseline;
import org.vworkbook.bbvi.NormalGammaRuns;

/** The sentences of notebook BBVI that depend on the numbers. */
public final class BbviProse {
    private BbviProse() {}

    /**
     * What the variance table and the runs show: the variance ratios and which estimator's is largest,
     * the caveats for S &lt; 3 and few replications, which runs came within 0.01 nats of CAVI's ELBO,
     * which diverged, and where the reported fit ended.
     *
     * @param steps the steps each run was asked for
     */
    public static Prose.Markdown comparison(NormalGammaBaseline baseline, NormalGammaRuns runs, Map<String, Double> totalVariances,
            int samples, int replications, int steps) {
        double logEvidence = baseline.logEvidence();
        double elboCavi = baseline.elboCavi();
        double base = totalVariances.get("reinforce");
        String largest = Collections.max(totalVariances.entrySet(), Map.Entry.comparingByValue()).getKey();
        double rCv = base / totalVariances.get("reinforce_cv");
        double rRe = base / totalVariances.get("reparam");
        List<String> reached = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        runs.runs().forEach((k, r) -> (r.firstStepWithin(elboCavi, 0.01) >= 0 ? reached : missed).add(k));
        double elboBbvi = runs.elboBbvi();
        return Prose.markdown(
            "Here $\\log p(\\mathbf x)$ = " + Prose.num(logEvidence) + " nats. At CAVI's optimum, with $S$ = " + samples + " draws per estimate, the basic "
                + "estimator's total variance is " + Prose.num(rCv) + " times that of reinforce_cv and " + Prose.num(rRe) + " times that of reparam"
                + (largest.equals("reinforce") ? ": the largest of the three." : "; here the largest is " + largest + "'s."),
            "The basic estimator's weight $\\log p-\\log q$ contains $\\log p(\\mathbf x)$, a constant that multiplies a mean-zero score, and only "
                + "averaging removes it. The control variate removes that part ($a^*_d\\approx\\mathbb E[w]$ when $w$ varies little), and the "
                + "reparameterisation gradient never sees the constant at all, since it differentiates $\\log p$ along the sample path.",
            Prose.when(samples < 3, "With $S$ = " + samples + " < 3 draws, reinforce_cv has no control variate ($a^* = 0$): it is the Rao-Blackwellised estimator."),
            Prose.when(replications < 100, "With only " + replications + " estimates per estimator these variances are themselves rough estimates "
                + "(for Gaussian estimates a relative standard error of about $\\sqrt{2/(R-1)}$ = " + Prose.num(Math.sqrt(2.0 / (replications - 1)), 2) + ")."),
            steps == 0 ? "With `steps = 0` no BBVI step was taken: every run's fit is the start."
                : "With the same step rule and " + steps + " steps, "
                + (missed.isEmpty() ? "every run (" + and(reached) + ") came within 0.01 nats of CAVI's ELBO."
                    : reached.isEmpty() ? "no run came within 0.01 nats of CAVI's ELBO."
                    : and(reached) + " came within 0.01 nats of CAVI's ELBO and " + and(missed) + " did not.")
                + runs.runs().entrySet().stream().filter(e -> e.getValue().diverged()).map(e -> " The " + e.getKey() + " run stopped after "
                    + e.getValue().stepsTaken() + " of " + steps + " steps: a draw of $\\tau$ or a step left the range of double precision "
                    + "(its $q$ became too extreme; a smaller learning rate keeps it inside), and its fit averages the steps it took.")
                    .reduce("", String::concat)
                + " The reported fit (" + runs.chosen().estimator() + ", iterate average) "
                + (elboCavi - elboBbvi > 1e-9 ? "ends " + Prose.num(elboCavi - elboBbvi) + " nats below CAVI's ELBO." : "matches CAVI's ELBO to within $10^{-9}$ nats."));
    }

    /** "a", "a and b", "a, b and c". */
    static String and(List<String> l) {
        return l.size() < 2 ? String.join("", l) : String.join(", ", l.subList(0, l.size() - 1)) + " and " + l.get(l.size() - 1);
    }
}
