package org.vworkbook.em;

import org.apache.commons.math3.random.Well19937c;
import org.vworkbook.util.Check;

/**
 * EM and variational EM on the same scalar factor model from the same theta_0 for the same number
 * of steps, with the maximum-likelihood answer they are compared against: |theta|^2 = S/N - 1 when
 * positive (a circle of maximisers), and the log-likelihood there.
 *
 * @param model the model
 * @param thetaInit theta_0
 * @param em exact E-steps
 * @param vem mean-field E-steps
 * @param mlNormSquared the maximum-likelihood |theta|^2
 * @param mlLogLikelihood log p(X | theta) on the maximum-likelihood circle
 */
public record EmComparison(ScalarFactorModel model, double[] thetaInit, EmResult em, EmResult vem, double mlNormSquared,
        double mlLogLikelihood) {
    public EmComparison {
        if (model == null || em == null || vem == null) {
            throw new IllegalArgumentException("EmComparison model, em and vem must not be null");
        }
        thetaInit = thetaInit.clone();
    }

    /**
     * The data (or, when {@code data} is empty, n points generated from thetaTrue with Well19937c(seed)),
     * the model with a 2-D latent and noise variance 1, and both runs.
     */
    public static EmComparison of(double[] data, int n, double[] thetaTrue, long seed, double[] thetaInit, int iterations) {
        Check.notNull("EmComparison", "data", data);
        double[] x = data.length > 0 ? data : ScalarFactorModel.generate(thetaTrue, n, 1.0, new Well19937c(seed));
        ScalarFactorModel model = ScalarFactorModel.of(x, 2, 1.0);
        EmResult em = ExpectationMaximization.run(model, thetaInit, iterations, EStep.EXACT);
        EmResult vem = ExpectationMaximization.run(model, thetaInit, iterations, EStep.MEAN_FIELD);
        double mlNormSq = model.maximumLikelihoodNormSquared();
        double mlLogLik = model.logLikelihood(new double[] {Math.sqrt(mlNormSq), 0.0});
        return new EmComparison(model, thetaInit, em, vem, mlNormSq, mlLogLik);
    }

    @Override
    public double[] thetaInit() {
        return thetaInit.clone();
    }

    /** The number of steps each method took. */
    public int iterations() {
        return em.iterations();
    }

    /**
     * VEM's KL after each variational E-step in closed form from the theta path alone (independent of
     * the model's KL code): N/2 log(1 + theta1^2 theta2^2 / (1 + |theta|^2)).
     */
    public double[] vemKlClosedForm() {
        double[][] path = vem.thetaPath();
        double[] kl = new double[path.length];
        for (int i = 0; i < path.length; i++) {
            double[] t = path[i];
            kl[i] = 0.5 * model.count() * Math.log1p(t[0] * t[0] * t[1] * t[1] / (1 + t[0] * t[0] + t[1] * t[1]));
        }
        return kl;
    }

    /**
     * The size of the numbers whose differences vanish in exact arithmetic: the log-likelihood and the ELBO
     * are sums of N terms of size up to about 1 + |theta|^2 + x^2 / c, each exact to about 1e-16 relative.
     */
    public double roundingScale() {
        double scale = 1 + Math.max(java.util.Arrays.stream(em.logLikelihoodTrace()).map(Math::abs).max().getAsDouble(),
                java.util.Arrays.stream(vem.logLikelihoodTrace()).map(Math::abs).max().getAsDouble());
        for (double[] t : em.thetaPath()) {
            scale = Math.max(scale, model.count() * (1 + t[0] * t[0] + t[1] * t[1]));
        }
        for (double[] t : vem.thetaPath()) {
            scale = Math.max(scale, model.count() * (1 + t[0] * t[0] + t[1] * t[1]));
        }
        return scale;
    }

    /** |sin| of the angle between theta_0 and EM's final theta (0 if either is 0): EM keeps the direction. */
    public double emDirectionError() {
        double[] emTheta = em.theta();
        double initNorm = Math.hypot(thetaInit[0], thetaInit[1]);
        double emNorm = Math.hypot(emTheta[0], emTheta[1]);
        if (!(initNorm > 0 && emNorm > 0)) {
            return 0.0;
        }
        if (initNorm * emNorm > 0) {
            return Math.abs(thetaInit[0] * emTheta[1] - thetaInit[1] * emTheta[0]) / (initNorm * emNorm);
        }
        // the product of the norms underflows: the same sine from the unit vectors
        return Math.abs(thetaInit[0] / initNorm * (emTheta[1] / emNorm) - thetaInit[1] / initNorm * (emTheta[0] / emNorm));
    }
}
