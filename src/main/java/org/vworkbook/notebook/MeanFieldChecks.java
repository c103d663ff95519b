package org.vworkbook.notebook;

import java.util.ArrayList;
import java.util.List;
import org.vworkbook.cavi.Cavi;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.cavi.TwoLatentMeanField;
import org.vworkbook.distributions.MultivariateNormal;

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

    /** {@link #twoLatentOutcomes} as one block of text. */
    public static String twoLatent(TwoLatentMeanField w) {
        return Checks.all(twoLatentOutcomes(w).toArray(new Checks.Outcome[0]));
    }
}
