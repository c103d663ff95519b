package org.vworkbook.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.vworkbook.cavi.Cavi;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.cavi.TwoLatentMeanField;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.exact.GaussianJointIdentity;

/**
 * The check lists of the Gaussian mean-field notebooks: each method runs the checks that state the
 * mathematics of one page (a failing check throws {@link Checks.CheckFailed}) and returns them as one
 * block of text. Every tolerance is rounding: a sum of terms of size M carries an error of a few ulps of M
 * (the ELBO's terms c ~ -x^2 / (2 sigma2) and h^T m cancel when sigma2 is small), and inverting Lambda loses
 * up to log10 cond(Lambda) digits.
 */
public final class MeanFieldChecks {
    private MeanFieldChecks() {}

    /**
     * Mean-field CAVI on the two-latent model (W4): log p(x) = ELBO + KL, KL >= 0, the ELBO never decreases,
     * s_j^2 = sigma2 / (sigma2 + theta_j^2), s_j^2 / Var[z_j | x] = 1 - rho^2, the after-every-sweep identity
     * m - mu = (Lambda12 / Lambda11, -rho^2) Delta2 / (1 - rho^2) and KL = -1/2 log(1 - rho^2)
     * + 1/2 (m - mu)^T Lambda (m - mu); when the stopping rule ended the run, its bounds on the means.
     */
    public static List<Checks.Outcome> twoLatentOutcomes(TwoLatentMeanField w) {
        MultivariateNormal posterior = w.posterior();
        MeanFieldGaussianState q = w.q();
        double theta1 = w.theta1();
        double theta2 = w.theta2();
        double sigma2 = w.sigma2();
        double kl = w.kl();
        double klRounding = w.klRounding();
        double logEvidence = w.logEvidence();
        double oneMinusRho2 = w.oneMinusRho2();
        double[] meanError = w.meanError();
        double[] exactMarginalVar = w.exactMarginalVariances();
        double cond = 1 + (theta1 * theta1 + theta2 * theta2) / sigma2;
        double elboScale = w.elboScale();
        double meanScale = 1 + Math.abs(posterior.mean(0)) + Math.abs(posterior.mean(1)) + Math.abs(q.mean(0)) + Math.abs(q.mean(1));
        double meanQuadratic = 0;   // (m - mu)^T Lambda (m - mu)
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 2; k++) {
                meanQuadratic += meanError[i] * w.model().joint().precision(i, k) * meanError[k];
            }
        }
        List<Checks.Outcome> checks = new ArrayList<>(List.of(
            Checks.close("ELBO + KL vs log p(x)", w.elbo() + kl, logEvidence, 1e-12 * (1 + Math.abs(logEvidence)) + Cavi.ROUNDING_SLACK * elboScale + klRounding),
            Checks.nonNegative("KL(q, posterior)", kl, klRounding),
            Checks.nonDecreasing("ELBO over the sweeps", w.elboTrace(), Cavi.ROUNDING_SLACK * (1 + elboScale)),
            Checks.close("s1^2 vs sigma2 / (sigma2 + theta1^2) (set by the first sweep)", q.variance(0), sigma2 / (sigma2 + theta1 * theta1), 8 * Math.ulp(q.variance(0))),
            Checks.close("s2^2 vs sigma2 / (sigma2 + theta2^2)", q.variance(1), sigma2 / (sigma2 + theta2 * theta2), 8 * Math.ulp(q.variance(1))),
            Checks.close("s1^2 / Var[z1 | x] vs 1 - rho^2", q.variance(0) / exactMarginalVar[0], oneMinusRho2, 1e-13 * cond * oneMinusRho2),
            Checks.close("m - mu after the last sweep vs (Lambda12 / Lambda11, -rho^2) Delta2 / (1 - rho^2)", meanError, w.predictedMeanError(), 1e-13 * cond * meanScale),
            Checks.close("KL(q, posterior) vs -1/2 log(1 - rho^2) + 1/2 (m - mu)^T Lambda (m - mu)", kl, w.klMin() + 0.5 * meanQuadratic, klRounding)));
        // What the stopping rule guarantees: only when it stopped the run.
        if (w.run().converged()) {
            double[] errorBound = w.errorBound();
            checks.add(Checks.isTrue("the last sweep moved m2 by less than tol", Math.abs(w.lastMove2()) < w.tol()));
            checks.add(Checks.close("|m1 - mu1| within tol |Lambda12 / Lambda11| / (1 - rho^2)", meanError[0], 0.0, errorBound[0] + 1e-13 * cond * meanScale));
            checks.add(Checks.close("|m2 - mu2| within tol rho^2 / (1 - rho^2)", meanError[1], 0.0, errorBound[1] + 1e-13 * cond * meanScale));
        }
        return checks;
    }

    /**
     * The two factorised fits of W4's posterior (Bishop Fig. 10.2): q_R's variances are 1 / Lambda_jj = CAVI's,
     * q_F's the exact marginals; the table's KLs (through the Gaussian KL of the registry) equal the closed forms in rho,
     * -1/2 log(1 - rho^2) for each fit's own direction and rho^2 / (1 - rho^2) + 1/2 log(1 - rho^2) for the other;
     * every KL >= 0, and each fit's own direction is the smaller.
     */
    public static String factorisedFits(TwoLatentMeanField w) {
        org.vworkbook.divergence.FactorisedGaussianFits fits = w.factorisedFits();
        org.vworkbook.divergence.FactorisedGaussianFits.KlTable kl = fits.klTable();
        double sigma2 = w.sigma2();
        double[] rv = fits.reverseVariances();
        double cond = 1 + (w.theta1() * w.theta1() + w.theta2() * w.theta2()) / sigma2;
        double own = w.klMin();
        double cross = w.klCross();
        // KL through Lambda^-1 (and back): up to 2 log10 cond(Lambda) digits lost, relative to the size of the terms.
        double ownRounding = 1e-13 * cond * (2 + own);
        double crossRounding = 1e-13 * cond * (2 + cross + 1 / w.oneMinusRho2());
        return Checks.all(
            Checks.close("q_R variance of z1 vs 1 / Lambda_11 = sigma2 / (sigma2 + theta1^2)", rv[0], sigma2 / (sigma2 + w.theta1() * w.theta1()), 1e-13 * cond * rv[0]),
            Checks.close("q_R variance of z2 vs 1 / Lambda_22", rv[1], sigma2 / (sigma2 + w.theta2() * w.theta2()), 1e-13 * cond * rv[1]),
            Checks.close("q_R variances vs CAVI's", rv, new double[] {w.q().variance(0), w.q().variance(1)}, 1e-13 * cond * Math.max(rv[0], rv[1])),
            Checks.close("q_F variances vs the exact marginal variances", fits.forwardVariances(), w.exactMarginalVariances(), 0.0),
            Checks.close("KL(q_R, p) vs -1/2 log(1 - rho^2)", kl.reverse().klQp(), own, ownRounding),
            Checks.close("KL(p, q_F) vs -1/2 log(1 - rho^2)", kl.forward().klPq(), own, ownRounding),
            Checks.close("KL(p, q_R) vs rho^2 / (1 - rho^2) + 1/2 log(1 - rho^2)", kl.reverse().klPq(), cross, crossRounding),
            Checks.close("KL(q_F, p) vs rho^2 / (1 - rho^2) + 1/2 log(1 - rho^2)", kl.forward().klQp(), cross, crossRounding),
            Checks.nonNegative("every KL of the table", Math.min(Math.min(kl.reverse().klQp(), kl.reverse().klPq()), Math.min(kl.forward().klQp(), kl.forward().klPq())), crossRounding),
            Checks.isTrue("each fit's own direction is the smaller KL", kl.reverse().klQp() <= kl.reverse().klPq() + crossRounding && kl.forward().klPq() <= kl.forward().klQp() + crossRounding));
    }

    /** {@link #twoLatentOutcomes} as one block of text. */
    public static String twoLatent(TwoLatentMeanField w) {
        return Checks.all(twoLatentOutcomes(w).toArray(new Checks.Outcome[0]));
    }

    /**
     * The rounding allowance of log p(x) = ELBO + KL along a CAVI run: 1e-12 (1 + |log p(x)|) plus the ELBO's
     * rounding (its terms' size) plus the KL's, 1e-13 cond(Lambda) (2 + the largest KL on the trace).
     */
    public static double identityRounding(TwoLatentMeanField a) {
        double klMaxTrace = Arrays.stream(a.klTrace()).max().getAsDouble();
        return 1e-12 * (1 + Math.abs(a.logEvidence())) + Cavi.ROUNDING_SLACK * a.elboScale() + 1e-13 * a.conditionNumber() * (2 + klMaxTrace);
    }

    /**
     * A (a): log p(x) = ELBO + KL along the CAVI trace and for every random Gaussian q, the ELBO formula against
     * Monte Carlo for one of them (the 5-sigma bound as a Student-t quantile, the standard error being
     * estimated), KL >= 0, the ELBO never down and the KL never up; headed by how the run ended.
     */
    public static String elboPlusKl(TwoLatentMeanField a, GaussianJointIdentity random) {
        double logEvidence = a.logEvidence();
        double[] klTrace = a.klTrace();
        double condLambda = a.conditionNumber();
        double klMaxTrace = Arrays.stream(klTrace).max().getAsDouble();
        double elboScale = a.elboScale();
        double randomWorstRatio = 0;   // largest |identity error| / its rounding tolerance
        for (int k = 0; k < random.count(); k++) {
            double allowed = 1e-12 * (1 + Math.abs(logEvidence)) + Cavi.ROUNDING_SLACK * random.magnitude()[k]
                + 1e-13 * condLambda * (2 + random.kl()[k]);
            randomWorstRatio = Math.max(randomWorstRatio, random.error(k) / allowed);
        }
        int n = random.monteCarloSamples();
        double mcQuantile = new TDistribution(n - 1).inverseCumulativeProbability(1 - 2.867e-7);
        MultivariateNormal q0 = random.monteCarloQ();
        double q0Elbo = a.model().joint().elbo(q0);
        double[] negKlTrace = Arrays.stream(klTrace).map(v -> -v).toArray();
        String checks = Checks.all(
            Checks.close("max over the CAVI trace of |log p(x) - ELBO - KL| (rounding)", a.maxIdentityError(), 0.0, identityRounding(a)),
            Checks.isTrue("every one of the " + random.count() + " random q satisfies log p(x) = ELBO + KL to rounding (worst: "
                + String.format(Locale.ROOT, "%.2f", randomWorstRatio) + " of its tolerance)", randomWorstRatio <= 1),
            Checks.close((random.count() > 0 ? "ELBO of random q #1" : "ELBO of q = posterior") + ": closed form vs Monte Carlo (" + n
                + " draws; the Student-t quantile of 5 normal standard errors, " + String.format(Locale.ROOT, "%.2f", mcQuantile) + " estimated ones)",
                q0Elbo, random.monteCarloElbo(), mcQuantile * random.monteCarloStandardError() + 1e-12 * (1 + Math.abs(q0Elbo))
                    + Cavi.ROUNDING_SLACK * a.model().joint().elboMagnitude(q0)),
            Checks.nonNegative("smallest KL on the trace", Arrays.stream(klTrace).min().getAsDouble(), 1e-13 * condLambda * (2 + klMaxTrace)),
            Checks.nonDecreasing("ELBO over the sweeps", a.elboTrace(), Cavi.ROUNDING_SLACK * (1 + elboScale)),
            Checks.nonDecreasing("-KL over the sweeps (the KL never goes up)", negKlTrace, 1e-13 * condLambda * (2 + klMaxTrace)));
        return (a.run().converged()
            ? "CAVI converged in " + a.run().iterations() + " sweeps (largest change of a mean below tol = " + a.tol() + ")"
            : "CAVI stopped at the limit of " + a.maxIter() + " sweeps WITHOUT converging") + "\n" + checks;
    }

    /**
     * A (b): rho^2 in closed form, -1/2 log(1 - rho^2) = 1/2 (log L11 + log L22 - log |L|), the block route with
     * singleton blocks reproducing the run, and (when the stopping rule ended it) the KL and the means within
     * the tol-derived bounds of the W4 error identity.
     */
    public static String twoFactorOptimum(TwoLatentMeanField a) {
        MultivariateNormal posterior = a.posterior();
        double klMfCavi = a.kl();
        double klMfMin = a.klMin();
        double oneMinusRho2 = a.oneMinusRho2();
        double condLambda = a.conditionNumber();
        double tol = a.tol();
        double rho = a.rho();
        CaviResult<MeanFieldGaussianState> run = a.run();
        GaussianMeanField singles = GaussianMeanField.ofBlocks(a.model().joint(), new int[] {0}, new int[] {1});
        MeanFieldGaussianState start = run.path().get(0);
        CaviResult<MeanFieldGaussianState> blockRun = singles.run(start.means(), start.variances(), new CaviOptions(tol, a.maxIter()));
        double rhoSqClosed = a.rho2();
        double klRoundingB = 1e-13 * condLambda * (2 + klMfCavi);
        double elboRoundingB = 1e-12 * (1 + Math.abs(run.elbo())) + Cavi.ROUNDING_SLACK * a.elboScale();
        List<Checks.Outcome> checksB = new ArrayList<>(List.of(
            Checks.close("rho^2 vs theta1^2 theta2^2 / ((sigma2 + theta1^2)(sigma2 + theta2^2))", rho * rho, rhoSqClosed, 1e-13 * condLambda),
            Checks.close("-1/2 log(1 - rho^2) vs 1/2 (log L11 + log L22 - log|L|)", klMfMin, singles.klAtOptimum(), klRoundingB),
            Checks.close("singleton blocks reproduce the final ELBO of the CAVI run", blockRun.elbo(), run.elbo(), elboRoundingB),
            Checks.close("singleton blocks reach the same KL", singles.klToPosterior(blockRun.state()), klMfCavi, klRoundingB)));
        // After a sweep the means are off by exactly m - mu = (L12 / L11, -rho^2) Delta2 / (1 - rho^2) (W4), so
        // KL - KL* = 1/2 (m - mu)^T Lambda (m - mu) = L12^2 Delta2^2 / (2 L11 (1 - rho^2)); the stopping rule gives |Delta2| < tol.
        double l11 = a.model().joint().precision(0, 0);
        double l12 = a.model().joint().precision(0, 1);
        double klExcessBound = l12 * l12 * tol * tol / (2 * l11 * oneMinusRho2);
        double[] meanBound = {tol * Math.abs(l12 / l11) / oneMinusRho2, tol * rhoSqClosed / oneMinusRho2};
        double meanRounding = 1e-13 * condLambda * (1 + Math.abs(posterior.mean(0)) + Math.abs(posterior.mean(1)));
        if (run.converged()) {
            checksB.add(Checks.close("KL reached by CAVI vs closed form -1/2 log(1 - rho^2) (within the tol-derived excess)", klMfCavi, klMfMin, klExcessBound + klRoundingB));
            checksB.add(Checks.close("CAVI mean 1 vs exact (within tol |L12 / L11| / (1 - rho^2))", run.state().mean(0), posterior.mean(0), meanBound[0] + meanRounding));
            checksB.add(Checks.close("CAVI mean 2 vs exact (within tol rho^2 / (1 - rho^2))", run.state().mean(1), posterior.mean(1), meanBound[1] + meanRounding));
        } else {
            checksB.add(Checks.isTrue("CAVI stopped early, so its KL is not below the minimum", klMfCavi >= klMfMin - klRoundingB));
        }
        return Checks.all(checksB.toArray(new Checks.Outcome[0]));
    }

    /**
     * A (c): for every blocking, block CAVI reaches the closed-form KL 1/2 (sum_k log |Lambda_kk| - log |Lambda|)
     * (or, stopped at its limit, stays above it), which is 0 when the posterior factorises over the blocks and
     * positive otherwise (Fischer).
     */
    public static String blockings(List<MeanFieldTables.Blocking> rows) {
        List<Checks.Outcome> famChecks = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            MeanFieldTables.Blocking row = rows.get(r);
            double tolR = row.rounding();
            if (row.converged()) {
                famChecks.add(Checks.close("row " + (r + 1) + ": block CAVI KL vs closed form", row.klCavi(), row.klClosed(), 1e-9 + tolR));
            } else {
                famChecks.add(Checks.isTrue("row " + (r + 1) + ": block CAVI hit its sweep limit, so its KL is not below the closed form",
                    row.klCavi() >= row.klClosed() - tolR));
            }
            famChecks.add(row.factorises()
                ? Checks.close("row " + (r + 1) + ": the posterior factorises, so the KL is 0", row.klClosed(), 0.0, tolR)
                : Checks.nonNegative("row " + (r + 1) + ": the posterior does not factorise; KL (Fischer: > 0)", row.klClosed(), tolR));
        }
        return Checks.all(famChecks.toArray(new Checks.Outcome[0]));
    }

    /** A (d): every converged run of the sweep lies on -1/2 log(1 - rho^2) to 1e-9 plus rounding. */
    public static String correlationSweep(TwoLatentMeanField.CorrelationSweep sweep) {
        return Checks.all(Checks.isTrue("each of the " + sweep.converged() + " converged runs lies on the curve to 1e-9 plus rounding (worst: "
            + String.format(Locale.ROOT, "%.3f", sweep.worstRatio()) + " of its tolerance)", sweep.worstRatio() <= 1));
    }
}
