package org.vworkbook.em;

import org.vworkbook.cavi.Cavi;
import org.vworkbook.util.Check;

/**
 * EM and variational EM for a {@link ScalarFactorModel} (Bishop 9.4 and 10.1; Neal and Hinton 1998).
 * Both maximise the same bound
 *
 * <pre>
 *   log p(X | theta) = ELBO(q, theta) + sum_n KL(q(z_n), p(z_n | x_n, theta))
 * </pre>
 *
 * by coordinate ascent: the E-step in q (the exact posterior, or the best mean-field q), the M-step
 * in theta. So the ELBO after successive E-steps never decreases, and under the exact E-step (KL = 0,
 * the bound touches) neither does log p(X | theta). The loop checks both and throws
 * {@link BoundDecreasedException} on a drop beyond rounding ({@link Cavi#MONOTONE_SLACK}, relative).
 */
public final class ExpectationMaximization {
    private ExpectationMaximization() {}

    /**
     * Runs exactly {@code iterations} steps of (E-step, M-step) from {@code thetaInit}, then one more
     * E-step at the final theta so that every trace has an entry for it.
     */
    public static EmResult run(ScalarFactorModel model, double[] thetaInit, int iterations, EStep kind) {
        if (model == null) {
            throw new IllegalArgumentException("ExpectationMaximization model must not be null");
        }
        if (kind == null) {
            throw new IllegalArgumentException("ExpectationMaximization E-step kind must not be null");
        }
        double[] theta = Check.finiteVector("ExpectationMaximization", "thetaInit", thetaInit);
        Check.sameLength("ExpectationMaximization", "thetaInit", theta.length, "latent dimension",
                model.latentDimension());
        Check.atLeast("ExpectationMaximization", "iterations", iterations, 0);
        double[][] path = new double[iterations + 1][];
        double[] logLik = new double[iterations + 1];
        double[] elbo = new double[iterations + 1];
        double[] elboAfterM = new double[iterations];
        double[] kl = new double[iterations + 1];
        for (int i = 0; ; i++) {
            path[i] = theta.clone();
            LatentPosteriors q = model.eStep(theta, kind);
            logLik[i] = model.logLikelihood(theta);
            elbo[i] = model.elbo(theta, q);
            kl[i] = model.klToPosterior(theta, q);
            if (i > 0) {
                checkNotLower("the ELBO after the E-step", i, elboAfterM[i - 1], elbo[i]);
                if (kind == EStep.EXACT) {
                    checkNotLower("log p(X | theta) under exact EM", i, logLik[i - 1], logLik[i]);
                }
            }
            if (i == iterations) {
                break;
            }
            theta = model.mStep(q);
            elboAfterM[i] = model.elbo(theta, q);
            checkNotLower("the ELBO after the M-step", i + 1, elbo[i], elboAfterM[i]);
        }
        return new EmResult(kind, path, logLik, elbo, elboAfterM, kl, iterations);
    }

    private static void checkNotLower(String what, int iteration, double before, double after) {
        if (Double.isNaN(after) || after < before - Cavi.MONOTONE_SLACK * (1.0 + Math.abs(before))) {
            throw new BoundDecreasedException(what, iteration, before, after);
        }
    }
}
