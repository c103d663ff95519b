package org.vworkbook.cavi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.vworkbook.distributions.Gamma;
import org.vworkbook.distributions.Normal;
import org.vworkbook.distributions.NormalGamma;
import org.vworkbook.exact.NormalNormalGammaModel;
import org.vworkbook.util.Check;

/**
 * Bishop PRML Fig. 10.4: mean-field CAVI for the Normal-Normal-Gamma model from a chosen (poor)
 * start, with the exact posterior p(mu, tau | x) and q(mu) q(tau) tabulated for contour panels at
 * the start, after the first q(mu) update, after the first q(tau) update and at convergence; the
 * gap log p(x) - ELBO after each sweep; and the KL at convergence three ways: in closed form
 * ({@link NormalNormalGammaModel#meanFieldKlAtOptimum}), as log p(x) - ELBO, and by the trapezoid
 * rule on a grid in (mu, log tau).
 *
 * <p>Why the KL cannot reach 0: under the posterior mu | tau ~ N(mu_N, 1/(lambda_N tau)), so the
 * spread of mu depends on tau (the funnel of the contours), while q(mu) has one spread for all tau.
 * The posterior correlation of mu and tau is nevertheless 0 (E[mu | tau] = mu_N for every tau): the
 * dependence is in the variance, not in the mean.
 *
 * @param model the model
 * @param start the starting q(mu) q(tau)
 * @param run CAVI from {@code start} (q(mu), then q(tau), in each sweep)
 * @param exact the exact posterior density on a contour grid (mu, then tau)
 * @param panels the four panels' q and its density on a contour grid
 * @param gapTrace log p(x) - ELBO after each sweep (entry 0: the start)
 * @param excessTrace gapTrace - KL*, set to 0 where it is within rounding of 0
 * @param klConverged KL* in closed form, the KL of mean field's optimum
 * @param klFinal the closed-form KL of the final q (not assuming it is the optimum)
 * @param klGrid the KL of the final q by the trapezoid rule on a grid in (mu, log tau)
 * @param rounding the size below which a difference of two ELBOs is rounding: 1e-12 (1 + |log p(x)|)
 */
public record NormalGammaCoupling(NormalNormalGammaModel model, NormalGammaMeanFieldState start,
        CaviResult<NormalGammaMeanFieldState> run, GridDensity2D exact, List<Panel> panels, double[] gapTrace,
        double[] excessTrace, double klConverged, double klFinal, double klGrid, double rounding) {

    /** Points per axis of the contour grids. */
    public static final int CONTOUR_POINTS = 121;

    /** One panel: its title and q, with q(mu) q(tau) tabulated. */
    public record Panel(String title, NormalGammaMeanFieldState q, GridDensity2D density) {}

    public NormalGammaCoupling {
        panels = List.copyOf(panels);
        gapTrace = gapTrace.clone();
        excessTrace = excessTrace.clone();
    }

    @Override
    public double[] gapTrace() {
        return gapTrace.clone();
    }

    @Override
    public double[] excessTrace() {
        return excessTrace.clone();
    }

    /**
     * Runs CAVI from {@code start} and tabulates the panels.
     *
     * @param gridPoints points per axis of the KL grid (>= 3)
     */
    public static NormalGammaCoupling of(NormalNormalGammaModel model, NormalGammaMeanFieldState start, CaviOptions options,
            int gridPoints) {
        Check.notNull("NormalGammaCoupling", "model", model);
        Check.notNull("NormalGammaCoupling", "start", start);
        Check.notNull("NormalGammaCoupling", "options", options);
        Check.atLeast("NormalGammaCoupling", "gridPoints", gridPoints, 3);
        NormalGammaCavi cavi = NormalGammaCavi.of(model);
        CaviResult<NormalGammaMeanFieldState> run = cavi.run(start, options);
        double logEvidence = model.logEvidence();
        double kl = model.convergedMeanFieldKl();
        double rounding = 1e-12 * (1 + Math.abs(logEvidence));
        double[] elbo = run.elboTrace();
        double[] gap = new double[elbo.length];
        double[] excess = new double[elbo.length];
        for (int t = 0; t < elbo.length; t++) {
            gap[t] = logEvidence - elbo[t];
            double e = gap[t] - kl;
            excess[t] = Math.abs(e) <= rounding ? 0 : e;
        }
        NormalGammaMeanFieldState afterMu = cavi.updateMu(start);
        NormalGammaMeanFieldState afterTau = cavi.updateTau(afterMu);
        NormalGammaMeanFieldState last = run.state();
        List<Panel> panels = new ArrayList<>();
        panels.add(panel("(a) the start", start));
        panels.add(panel("(b) after the first q(mu) update", afterMu));
        panels.add(panel("(c) after the first q(tau) update", afterTau));
        panels.add(panel("(d) after " + run.iterations() + (run.iterations() == 1 ? " sweep" : " sweeps")
                + (run.converged() ? " (converged)" : " (not converged)"), last));
        double klFinal = model.klFromPosterior(last.muMean(), last.muPrecision(), last.tauShape(), last.tauRate());
        return new NormalGammaCoupling(model, start, run, exactOnGrid(model.posterior()), panels, gap, excess, kl, klFinal,
                klOnGrid(model, last, gridPoints), rounding);
    }

    /** log p(x). */
    public double logEvidence() {
        return model.logEvidence();
    }

    /** log p(x) - ELBO of the final q. */
    public double finalGap() {
        return gapTrace[gapTrace.length - 1];
    }

    /**
     * The coupling in numbers: the ratio of the posterior standard deviation of mu given tau at the
     * 5% quantile of p(tau | x) to that at its 95% quantile, sqrt(tau_95 / tau_05). Mean field
     * replaces both by one standard deviation, 1 / sqrt(lambda_N E[tau]).
     */
    public double conditionalSdRatio() {
        NormalGamma post = model.posterior();
        GammaDistribution g = new GammaDistribution(null, post.shape(), 1 / post.rate());
        return Math.sqrt(g.inverseCumulativeProbability(0.95) / g.inverseCumulativeProbability(0.05));
    }

    /**
     * The excess's last ratio excess[t] / excess[t - 1] over two consecutive positive entries, or NaN
     * when fewer than two are positive (CAVI reached the optimum to rounding within a sweep).
     */
    public double lastExcessRatio() {
        for (int t = excessTrace.length - 1; t >= 2; t--) {
            if (excessTrace[t] > 0 && excessTrace[t - 1] > 0) {
                return excessTrace[t] / excessTrace[t - 1];
            }
        }
        return Double.NaN;
    }

    /**
     * The asymptotic factor by which a sweep shrinks the excess: the rate's update b -> b_N + b / (2 a)
     * (with l = lambda_N a / b) contracts by 1 / (2 a) with a = a0 + (N + 1)/2, and the ELBO's excess is
     * quadratic in the distance from the optimum, so 1 / (2 a)^2.
     */
    public double predictedExcessRatio() {
        double a = model.a0() + 0.5 * (model.size() + 1);
        return 1 / (4 * a * a);
    }

    /** The posterior on a grid: mu over the Student t's centre, tau over its window (geometric spacing). */
    static GridDensity2D exactOnGrid(NormalGamma post) {
        Gamma marginal = post.precisionMarginal();
        double[] tau = tauAxis(marginal);
        double[] sWide = NormalGammaGridUpdate.logTauWindow(marginal, 3);
        double tauLow = Math.max(Math.exp(sWide[0]), tau[0]);
        double half = 3.5 / Math.sqrt(post.lambda() * tauLow);
        double[] mu = linear(post.location() - half, post.location() + half);
        double[][] v = new double[mu.length][tau.length];
        for (int i = 0; i < mu.length; i++) {
            for (int j = 0; j < tau.length; j++) {
                v[i][j] = Math.exp(post.logDensity(mu[i], tau[j]));
            }
        }
        return new GridDensity2D("mu", "tau", mu, tau, v);
    }

    private static Panel panel(String title, NormalGammaMeanFieldState q) {
        Normal qMu = q.qMu();
        Gamma qTau = q.qTau();
        double[] mu = linear(qMu.mean() - 4.5 * qMu.standardDeviation(), qMu.mean() + 4.5 * qMu.standardDeviation());
        double[] tau = tauAxis(qTau);
        double[][] v = new double[mu.length][tau.length];
        for (int j = 0; j < tau.length; j++) {
            double logQTau = qTau.logDensity(tau[j]);
            for (int i = 0; i < mu.length; i++) {
                v[i][j] = Math.exp(qMu.logDensity(mu[i]) + logQTau);
            }
        }
        return new Panel(title, q, new GridDensity2D("mu", "tau", mu, tau, v));
    }

    /** tau from the window of log tau where its density is within e^-9 of its peak, at most 30 units of log tau wide. */
    private static double[] tauAxis(Gamma g) {
        double[] s = NormalGammaGridUpdate.logTauWindow(g, 9);
        double lo = Math.max(s[0], s[1] - 30);
        double[] t = linear(lo, s[1]);
        for (int k = 0; k < t.length; k++) {
            t[k] = Math.exp(t[k]);
        }
        return t;
    }

    private static double[] linear(double lo, double hi) {
        double[] x = new double[CONTOUR_POINTS];
        for (int k = 0; k < x.length; k++) {
            x[k] = lo + (hi - lo) * k / (x.length - 1);
        }
        return x;
    }

    /**
     * KL(q || p(mu, tau | x)) by the trapezoid rule on gridPoints x gridPoints nodes in (mu, s = log tau):
     * mu over m +- 12 sd of q(mu), s over the window where the density of s falls by e^-45; the
     * integrand is q(mu) tau q(tau) (log q(mu) + log q(tau) - log p(mu, tau | x)). The integrand
     * decays smoothly to ~0 at both ends, where the trapezoid rule converges exponentially fast.
     */
    static double klOnGrid(NormalNormalGammaModel model, NormalGammaMeanFieldState q, int gridPoints) {
        NormalGamma post = model.posterior();
        Normal qMu = q.qMu();
        Gamma qTau = q.qTau();
        double m = qMu.mean();
        double sd = qMu.standardDeviation();
        double[] s = NormalGammaGridUpdate.logTauWindow(qTau, 45);
        double hMu = 24 * sd / (gridPoints - 1);
        double hS = (s[1] - s[0]) / (gridPoints - 1);
        double[] logQMu = new double[gridPoints];
        double[] qMuDensity = new double[gridPoints];
        double[] muAt = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            muAt[i] = m - 12 * sd + i * hMu;
            logQMu[i] = qMu.logDensity(muAt[i]);
            qMuDensity[i] = Math.exp(logQMu[i]) * (i == 0 || i == gridPoints - 1 ? 0.5 : 1);
        }
        double total = 0;
        for (int j = 0; j < gridPoints; j++) {
            double tau = Math.exp(s[0] + j * hS);
            double logQTau = qTau.logDensity(tau);
            double w = tau * Math.exp(logQTau) * (j == 0 || j == gridPoints - 1 ? 0.5 : 1);
            if (w == 0) {
                continue;
            }
            // log p(mu, tau | x) = log p(mu_N, tau | x) - lambda_N tau (mu - mu_N)^2 / 2: one density call per row
            double atCentre = post.logDensity(post.location(), tau);
            double curvature = 0.5 * post.lambda() * tau;
            double row = 0;
            for (int i = 0; i < gridPoints; i++) {
                double d = muAt[i] - post.location();
                row += qMuDensity[i] * (logQMu[i] + logQTau - atCentre + curvature * d * d);
            }
            total += w * row;
        }
        return total * hMu * hS;
    }

    @Override
    public String toString() {
        return "NormalGammaCoupling(start " + start + ", " + run.iterations() + " sweeps, KL* = " + klConverged
                + ", final gap " + finalGap() + ", KL on the grid " + klGrid + ", gaps " + Arrays.toString(gapTrace) + ")";
    }
}
