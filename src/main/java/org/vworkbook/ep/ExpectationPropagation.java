package org.vworkbook.ep;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import java.util.ArrayList;
import java.util.List;
import org.vworkbook.numerics.SpecialFunctions;
import org.vworkbook.distributions.Normal;
import org.vworkbook.util.Check;

/**
 * Expectation propagation for the clutter problem (Minka 2001; Bishop 10.7.1, eqs. 10.211-10.224).
 *
 * <p>The posterior is approximated by q(theta) = N(m, v) proportional to p(theta) prod_n f~_n(theta),
 * each site f~_n(theta) = Z~_n exp(-tau_n theta^2 / 2 + nu_n theta) an unnormalised Gaussian kept in
 * natural parameters (tau_n may be negative). One site update, for observation x_n:
 *
 * <ol>
 *   <li>cavity: q^\n has precision tau - tau_n and precision-mean nu - nu_n (skipped if its precision is
 *       not positive: then the cavity is not a distribution, Bishop's remark after 10.224);</li>
 *   <li>tilted distribution q^\n(theta) p(x_n | theta), with normaliser
 *       Z_n = (1 - w) N(x_n | m^\n, v^\n + 1) + w N(x_n | 0, a)  (10.216);</li>
 *   <li>its mean and variance (10.217-10.218, with rho_n = 1 - w N(x_n | 0, a) / Z_n, 10.219):
 *       m = m^\n + rho_n v^\n (x_n - m^\n) / (v^\n + 1),
 *       v = v^\n - rho_n (v^\n)^2 / (v^\n + 1) + rho_n (1 - rho_n) (v^\n)^2 (x_n - m^\n)^2 / (v^\n + 1)^2;</li>
 *   <li>the new site is the ratio N(m, v) / q^\n, i.e. tau_n = 1/v - tau^\n, nu_n = m/v - nu^\n;
 *       with damping eta the site moves only part of the way: tau_n += eta (tau_n,new - tau_n).</li>
 * </ol>
 *
 * <p>Evidence: with A(tau, nu) = nu^2 / (2 tau) - 1/2 log tau + 1/2 log 2 pi the log normaliser of
 * exp(-tau t^2 / 2 + nu t), the model evidence is approximated by Z_EP = integral of
 * p(theta) prod_n f~_n = prod_n Z~_n exp(A(q) - A(prior)), where each site scale is fixed by
 * requiring the cavity times the site to integrate to Z_n: log Z~_n = log Z_n + A(q^\n) - A(q).
 * This is Bishop's 10.225 written in natural parameters (finite even when a site variance is
 * negative); the scales are computed from the final sites, where they are consistent.
 */
public final class ExpectationPropagation {

    private ExpectationPropagation() {}

    /**
     * Options of an EP run.
     *
     * @param damping eta in (0, 1]: 1 is the undamped update
     * @param tolerance stop when the largest change of q's mean or variance over a sweep is below this
     * @param maxSweeps at most this many passes over the data
     */
    public record Options(double damping, double tolerance, int maxSweeps) {
        public Options {
            if (!(damping > 0 && damping <= 1)) {
                throw new IllegalArgumentException("ExpectationPropagation damping must be in (0, 1], got " + damping);
            }
            Check.positive("ExpectationPropagation", "tolerance", tolerance);
            Check.atLeast("ExpectationPropagation", "maxSweeps", maxSweeps, 1);
        }

        /** No damping, tolerance 1e-10, at most 200 sweeps. */
        public static Options defaults() {
            return new Options(1.0, 1e-10, 200);
        }
    }

    /**
     * The outcome of an EP run.
     *
     * @param posterior q(theta)
     * @param logEvidence log Z_EP, the EP estimate of log p(D); empty when a final cavity is improper
     *     (its precision not positive), where the site scales, and so the estimate, are undefined
     * @param sweeps passes over the data performed
     * @param converged whether the tolerance was met
     * @param skippedUpdates site updates skipped because the cavity precision was not positive
     * @param meanTrace q's mean at the start and after each sweep
     * @param varianceTrace q's variance at the start and after each sweep
     * @param sitePrecisionTrace tau_n, the precision of site n, at the start (all 0) and after each sweep:
     *     row i is the state after sweep i, column n the site of observation n (negative values are allowed)
     * @param siteShiftTrace nu_n, the precision-times-mean of site n, in the same layout
     */
    public record Result(Normal posterior, java.util.OptionalDouble logEvidence, int sweeps, boolean converged, int skippedUpdates,
            double[] meanTrace, double[] varianceTrace, double[][] sitePrecisionTrace, double[][] siteShiftTrace) {
        public Result {
            if (posterior == null || logEvidence == null) {
                throw new IllegalArgumentException("ExpectationPropagation.Result posterior and logEvidence must not be null");
            }
            if (logEvidence.isPresent()) {
                Check.finite("ExpectationPropagation.Result", "logEvidence", logEvidence.getAsDouble());
            }
            Check.atLeast("ExpectationPropagation.Result", "sweeps", sweeps, 0);
            Check.atLeast("ExpectationPropagation.Result", "skippedUpdates", skippedUpdates, 0);
            meanTrace = Check.finiteVector("ExpectationPropagation.Result", "meanTrace", meanTrace);
            varianceTrace = Check.positiveVector("ExpectationPropagation.Result", "varianceTrace", varianceTrace);
            Check.sameLength("ExpectationPropagation.Result", "meanTrace", meanTrace.length, "varianceTrace", varianceTrace.length);
            sitePrecisionTrace = copyTrace("sitePrecisionTrace", sitePrecisionTrace, meanTrace.length);
            siteShiftTrace = copyTrace("siteShiftTrace", siteShiftTrace, meanTrace.length);
        }

        private static double[][] copyTrace(String name, double[][] trace, int rows) {
            if (trace == null || trace.length != rows) {
                throw new IllegalArgumentException("ExpectationPropagation.Result " + name + " must have one row per entry of meanTrace ("
                        + rows + "), got " + (trace == null ? "null" : trace.length));
            }
            double[][] copy = new double[rows][];
            for (int i = 0; i < rows; i++) {
                copy[i] = Check.finiteVector("ExpectationPropagation.Result", name + "[" + i + "]", trace[i]);
                Check.sameLength("ExpectationPropagation.Result", name + "[" + i + "]", copy[i].length, name + "[0]", copy[0].length);
            }
            return copy;
        }

        @Override
        public double[] meanTrace() {
            return meanTrace.clone();
        }

        @Override
        public double[] varianceTrace() {
            return varianceTrace.clone();
        }

        @Override
        public double[][] sitePrecisionTrace() {
            return java.util.Arrays.stream(sitePrecisionTrace).map(double[]::clone).toArray(double[][]::new);
        }

        @Override
        public double[][] siteShiftTrace() {
            return java.util.Arrays.stream(siteShiftTrace).map(double[]::clone).toArray(double[][]::new);
        }

        /** The final site precisions tau_n (one per observation; negative where a site widens q). */
        public double[] sitePrecisions() {
            return sitePrecisionTrace[sitePrecisionTrace.length - 1].clone();
        }

        /** The final site precision-times-means nu_n. */
        public double[] siteShifts() {
            return siteShiftTrace[siteShiftTrace.length - 1].clone();
        }

        /** How many final sites have a negative precision. */
        public int negativeSites() {
            return (int) java.util.Arrays.stream(sitePrecisionTrace[sitePrecisionTrace.length - 1]).filter(t -> t < 0).count();
        }

        /**
         * The largest change of any site's precision over the last sweep (0 when no sweep ran):
         * how far the sites, not only q, are from a fixed point.
         */
        public double lastSitePrecisionChange() {
            int last = sitePrecisionTrace.length - 1;
            double d = 0;
            for (int n = 0; last > 0 && n < sitePrecisionTrace[last].length; n++) {
                d = Math.max(d, Math.abs(sitePrecisionTrace[last][n] - sitePrecisionTrace[last - 1][n]));
            }
            return d;
        }
    }

    /** log normaliser of exp(-tau t^2 / 2 + nu t), tau > 0. */
    static double logPartition(double tau, double nu) {
        return 0.5 * nu * nu / tau - 0.5 * Math.log(tau) + 0.5 * LOG_2PI;
    }

    /**
     * Runs EP from sites that are all flat (tau_n = nu_n = 0, so q starts at the prior N(m0, b), whose
     * natural parameters are 1 / b and m0 / b).
     */
    public static Result run(ClutterProblem problem, Options options) {
        int n = problem.size();
        double w = problem.clutterWeight();
        double tau0 = 1.0 / problem.priorVariance();
        double nu0 = problem.priorMean() / problem.priorVariance();
        double[] tau = new double[n];
        double[] nu = new double[n];
        double tauQ = tau0;
        double nuQ = nu0;
        List<Double> means = new ArrayList<>();
        List<Double> vars = new ArrayList<>();
        List<double[]> tauTrace = new ArrayList<>();
        List<double[]> nuTrace = new ArrayList<>();
        means.add(nuQ / tauQ);
        vars.add(1 / tauQ);
        tauTrace.add(tau.clone());
        nuTrace.add(nu.clone());
        int skipped = 0;
        int sweeps = 0;
        boolean converged = false;
        while (sweeps < options.maxSweeps()) {
            double mBefore = nuQ / tauQ;
            double vBefore = 1 / tauQ;
            for (int i = 0; i < n; i++) {
                double tauC = tauQ - tau[i];
                double nuC = nuQ - nu[i];
                if (!(tauC > 0)) {
                    skipped++;
                    continue;
                }
                double mC = nuC / tauC;
                double vC = 1 / tauC;
                double x = problem.observation(i);
                double s = vC + 1;
                double d = x - mC;
                double logIn = Math.log1p(-w) - 0.5 * (LOG_2PI + Math.log(s) + d * d / s);
                double logOut = problem.logClutter(x);
                double logZ = SpecialFunctions.logSumExp(logIn, logOut);
                double rho = Math.exp(logIn - logZ); // 1 - w N(x | 0, a) / Z_n  (10.219)
                double mNew = mC + rho * vC * d / s;
                double vNew = vC - rho * vC * vC / s + rho * (1 - rho) * vC * vC * d * d / (s * s);
                double tauSite = 1 / vNew - tauC;
                double nuSite = mNew / vNew - nuC;
                tau[i] += options.damping() * (tauSite - tau[i]);
                nu[i] += options.damping() * (nuSite - nu[i]);
                tauQ = tauC + tau[i];
                nuQ = nuC + nu[i];
            }
            sweeps++;
            double mAfter = nuQ / tauQ;
            double vAfter = 1 / tauQ;
            means.add(mAfter);
            vars.add(vAfter);
            tauTrace.add(tau.clone());
            nuTrace.add(nu.clone());
            if (Math.max(Math.abs(mAfter - mBefore), Math.abs(vAfter - vBefore)) < options.tolerance()) {
                converged = true;
                break;
            }
        }
        // The evidence from the final sites.
        double logEvidence = logPartition(tauQ, nuQ) - logPartition(tau0, nu0);
        boolean evidenceDefined = true;
        for (int i = 0; i < n; i++) {
            double tauC = tauQ - tau[i];
            double nuC = nuQ - nu[i];
            if (!(tauC > 0)) {
                evidenceDefined = false;
                break;
            }
            double mC = nuC / tauC;
            double s = 1 / tauC + 1;
            double d = problem.observation(i) - mC;
            double logIn = Math.log1p(-w) - 0.5 * (LOG_2PI + Math.log(s) + d * d / s);
            double logZ = SpecialFunctions.logSumExp(logIn, problem.logClutter(problem.observation(i)));
            logEvidence += logZ + logPartition(tauC, nuC) - logPartition(tauQ, nuQ);
        }
        java.util.OptionalDouble evidence = evidenceDefined && Double.isFinite(logEvidence)
                ? java.util.OptionalDouble.of(logEvidence) : java.util.OptionalDouble.empty();
        return new Result(Normal.ofMeanVariance(nuQ / tauQ, 1 / tauQ), evidence, sweeps, converged, skipped,
                means.stream().mapToDouble(Double::doubleValue).toArray(),
                vars.stream().mapToDouble(Double::doubleValue).toArray(),
                tauTrace.toArray(double[][]::new), nuTrace.toArray(double[][]::new));
    }

}
