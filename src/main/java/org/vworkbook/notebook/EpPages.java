package org.vworkbook.notebook;

import java.util.Arrays;
import org.vworkbook.ep.ClutterProblem;
import org.vworkbook.ep.DampingComparison;
import org.vworkbook.ep.ExpectationPropagation;

/** The worked answers of notebook EP's exercises, written from the page's own objects. */
public final class EpPages {
    private EpPages() {}

    /**
     * Exercise "no clutter": with w = 0 every likelihood factor is the Gaussian N(x_n | theta, 1), so its
     * site is exact (tau_n = 1, nu_n = x_n) after one update, and q is the conjugate posterior
     * N((m0/b + sum x) / (1/b + N), 1 / (1/b + N)). Runs EP with w = 0 on {@code problem}'s data
     * (with the reader's damping) and compares it with that closed form and with the reader's run.
     */
    public static Prose.Markdown exerciseNoClutter(ClutterProblem problem, ExpectationPropagation.Result ep, double damping) {
        double[] x = problem.data();
        int n = x.length;
        ClutterProblem clean = ClutterProblem.of(0.0, problem.clutterVariance(), problem.priorMean(), problem.priorVariance(), x);
        ExpectationPropagation.Result run = problem.clutterWeight() == 0 ? ep
            : ExpectationPropagation.run(clean, new ExpectationPropagation.Options(damping, 1e-10, 500));
        double precision = 1 / problem.priorVariance() + n;
        double mean = (problem.priorMean() / problem.priorVariance() + Arrays.stream(x).sum()) / precision;
        double[] tau = run.sitePrecisions();
        double[] nu = run.siteShifts();
        double tauErr = 0;
        double nuErr = 0;
        for (int i = 0; i < n; i++) {
            tauErr = Math.max(tauErr, Math.abs(tau[i] - 1));
            nuErr = Math.max(nuErr, Math.abs(nu[i] - x[i]));
        }
        String theory = "With $w = 0$ every factor $p(x_n\\mid\\theta)=\\mathcal N(x_n\\mid\\theta,1)\\propto\\exp(-\\tfrac12\\theta^2+x_n\\theta)$ is already Gaussian in $\\theta$."
            + " Then $\\rho_n = 1$, the tilted distribution is Gaussian, and matching its moments gives $v^{\\text{new}} = v^{\\setminus n}/(v^{\\setminus n}+1)$:"
            + " the new site is $\\tau_n = 1/v^{\\text{new}} - 1/v^{\\setminus n} = 1$ and $\\nu_n = x_n$, whatever the cavity. No site can be negative."
            + " Undamped, each site is exact after its first update, and the second pass changes nothing, so EP stops after 2 passes. With damping $\\eta<1$, $\\tau_n$ after $k$ updates is"
            + " $1-(1-\\eta)^k$: the same answer, only later. The answer is the conjugate posterior $q = \\mathcal N\\big((m_0/b+\\sum_n x_n)/(1/b+N),\\ 1/(1/b+N)\\big)$.";
        String numbers = (problem.clutterWeight() == 0 ? "Your run has $w = 0$. " : "EP with $w = 0$ on your first " + n + " observations (damping " + Prose.num(damping) + "): ")
            + Prose.when(run.converged(), "it converged after " + run.sweeps() + (run.sweeps() == 1 ? " pass" : " passes"), "it did not converge in " + run.sweeps() + " passes")
            + "; the largest $|\\tau_n - 1|$ is " + Prose.num(tauErr, 2) + " and the largest $|\\nu_n - x_n|$ is " + Prose.num(nuErr, 2)
            + ". Its mean is " + Prose.num(run.posterior().mean()) + " and its variance " + Prose.num(run.posterior().variance())
            + ", against " + Prose.num(mean) + " and " + Prose.num(1 / precision) + " in closed form.";
        String yours = problem.clutterWeight() == 0 ? ""
            : "In your run ($w = " + Prose.tex(problem.clutterWeight()) + "$) " + Prose.when(ep.negativeSites() == 0, "no site ends with a negative precision",
                ep.negativeSites() + " of the " + n + " sites end with a negative precision") + ", and EP " + Prose.when(ep.converged(), "took " + ep.sweeps() + " passes.",
                "did not converge in " + ep.sweeps() + " passes.");
        return Exercises.answer(theory, numbers, yours);
    }

    /**
     * Exercise "damping": a fixed point of damped EP is one of undamped EP, so damping cannot move
     * where EP can stop, only whether and how fast it gets there; the numbers of both comparisons on
     * the page.
     */
    public static Prose.Markdown exerciseDamping(DampingComparison yours, DampingComparison cycling) {
        String theory = "At a fixed point of damped EP every step $\\eta(\\tau_n^{\\text{new}}-\\tau_n)$ is zero, so $\\tau_n^{\\text{new}}=\\tau_n$ for every site: it is a fixed point"
            + " of undamped EP as well, and the reverse holds too. Damping therefore cannot change EP's answer, only the path to it. When undamped EP converges,"
            + " damping usually slows it down, because every step is shorter. When undamped EP overshoots and cycles, the shorter steps can let it settle."
            + " EP may have more than one fixed point, so a damped run can in principle settle at a different one.";
        return Exercises.answer(theory, "On your largest data set: " + EpProse.damping(yours).text(),
            "On the three-observation example: " + EpProse.damping(cycling).text());
    }
}
