package org.vworkbook.cavi;

import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.exact.LinearGaussianModel;
import org.vworkbook.util.Check;

/**
 * Mean-field CAVI on the two-latent linear-Gaussian model of worksheet problems 3 and 4,
 * p(z) = N(0, I), p(x | z) = N(theta^T z, sigma2), with the closed forms it is checked against.
 *
 * <p>With Lambda = I + theta theta^T / sigma2 the posterior correlation satisfies
 *
 * <pre>
 *   rho^2     = Lambda_12^2 / (Lambda_11 Lambda_22) = theta1^2 theta2^2 / ((sigma2 + theta1^2)(sigma2 + theta2^2)),
 *   1 - rho^2 = sigma2 (sigma2 + theta1^2 + theta2^2) / ((sigma2 + theta1^2)(sigma2 + theta2^2))   (no cancellation),
 *   KL(q*, p) = -1/2 log(1 - rho^2).
 * </pre>
 *
 * <p><b>After every sweep, exactly</b> (Gauss-Seidel on Lambda m = h, the second mean updated last):
 * with Delta_2 the move of m_2 in the last sweep, Lambda (m - mu) = (Lambda_12 Delta_2, 0)^T, so
 *
 * <pre>
 *   m_1 - mu_1 = (Lambda_12 / Lambda_11) Delta_2 / (1 - rho^2),   m_2 - mu_2 = -rho^2 Delta_2 / (1 - rho^2),
 *   KL(q, p)   = -1/2 log(1 - rho^2) + 1/2 (m - mu)^T Lambda (m - mu),
 * </pre>
 *
 * and when the stopping rule (|Delta_2| &lt; tol) ended the run, |m_1 - mu_1| &lt; tol |Lambda_12 / Lambda_11| / (1 - rho^2)
 * and |m_2 - mu_2| &lt; tol rho^2 / (1 - rho^2) ({@link #errorBound()}).
 *
 * @param model the linear-Gaussian model
 * @param meanField the mean-field family of {@link GaussianMeanField#of}
 * @param run the CAVI run from (m1_init, m2_init) with the prior variances 1
 * @param tol the stopping tolerance of the run
 * @param maxIter the sweep limit of the run
 */
public record TwoLatentMeanField(LinearGaussianModel model, GaussianMeanField meanField,
        CaviResult<MeanFieldGaussianState> run, double tol, int maxIter) {

    public TwoLatentMeanField {
        if (model == null || meanField == null || run == null) {
            throw new IllegalArgumentException("TwoLatentMeanField model, meanField and run must not be null");
        }
        Check.sameLength("TwoLatentMeanField", "model dimension", model.dimension(), "two latents", 2);
    }

    /**
     * Builds the model and runs mean-field CAVI from (m1Init, m2Init) with both variances at the prior's 1.
     *
     * @throws IllegalArgumentException on a non-finite theta, x or start, sigma2 &lt;= 0, tol &lt; 0 or maxIter &lt; 1
     */
    public static TwoLatentMeanField run(double theta1, double theta2, double sigma2, double x,
            double m1Init, double m2Init, double tol, int maxIter) {
        LinearGaussianModel model = LinearGaussianModel.of(new double[] {theta1, theta2}, sigma2, x);
        GaussianMeanField cavi = GaussianMeanField.of(model.joint());
        CaviResult<MeanFieldGaussianState> run = cavi.run(new double[] {m1Init, m2Init}, new double[] {1.0, 1.0},
                new CaviOptions(tol, maxIter));
        return new TwoLatentMeanField(model, cavi, run, tol, maxIter);
    }

    public double theta1() {
        return model.theta()[0];
    }

    public double theta2() {
        return model.theta()[1];
    }

    public double sigma2() {
        return model.noiseVariance();
    }

    /** The exact posterior p(z | x). */
    public MultivariateNormal posterior() {
        return model.posterior();
    }

    /** Where CAVI stopped. */
    public MeanFieldGaussianState q() {
        return run.state();
    }

    public double elbo() {
        return run.elbo();
    }

    public double[] elboTrace() {
        return run.elboTrace();
    }

    public double logEvidence() {
        return model.logEvidence();
    }

    /** KL(q, p(z | x)) of the final q, in closed form. */
    public double kl() {
        return meanField.klToPosterior(q());
    }

    /** The posterior correlation rho of z1 and z2. */
    public double rho() {
        return posterior().correlation(0, 1);
    }

    /** The exact marginal variances Var[z1 | x], Var[z2 | x]. */
    public double[] exactMarginalVariances() {
        MultivariateNormal p = posterior();
        return new double[] {p.covariance(0, 0), p.covariance(1, 1)};
    }

    /**
     * rho^2 from theta and sigma2 directly. Where that product overflows (huge theta and sigma2), the same
     * number as u1 / (1 + u1) * u2 / (1 + u2) with u_j = theta_j^2 / sigma2 (finite for every model that exists).
     */
    public double rho2() {
        double t1 = theta1();
        double t2 = theta2();
        double s2 = sigma2();
        double r = t1 * t1 * t2 * t2 / ((s2 + t1 * t1) * (s2 + t2 * t2));
        if (Double.isFinite(r)) {
            return r;
        }
        double u1 = t1 * t1 / s2;
        double u2 = t2 * t2 / s2;
        return u1 / (1 + u1) * (u2 / (1 + u2));
    }

    /**
     * 1 - rho^2 from theta and sigma2 directly, without cancellation when rho^2 is near 1. Where that product
     * overflows, the same number as 1 / (1 + u1) * (1 + u1 + u2) / (1 + u2) with u_j = theta_j^2 / sigma2.
     */
    public double oneMinusRho2() {
        double t1 = theta1();
        double t2 = theta2();
        double s2 = sigma2();
        double r = s2 * (s2 + t1 * t1 + t2 * t2) / ((s2 + t1 * t1) * (s2 + t2 * t2));
        if (Double.isFinite(r)) {
            return r;
        }
        double u1 = t1 * t1 / s2;
        double u2 = t2 * t2 / s2;
        return 1 / (1 + u1) * ((1 + u1) / (1 + u2) + u2 / (1 + u2));
    }

    /** KL(q*, p) = -1/2 log(1 - rho^2), the mean-field optimum's gap. */
    public double klMin() {
        return -0.5 * Math.log(oneMinusRho2());
    }

    /**
     * The two factorised fits of the exact posterior (Bishop Fig. 10.2): the reverse-KL fit N(mu, diag(1 / Lambda_jj)),
     * where this CAVI run converges to, and the forward-KL fit N(mu, diag(Sigma_jj)), the product of the exact marginals.
     */
    public org.vworkbook.divergence.FactorisedGaussianFits factorisedFits() {
        return org.vworkbook.divergence.FactorisedGaussianFits.of(posterior());
    }

    /**
     * The cross KL of both factorised fits from rho alone, KL(p, q_reverse) = KL(q_forward, p)
     * = rho^2 / (1 - rho^2) + 1/2 log(1 - rho^2) (for two coordinates Lambda_jj Sigma_jj = 1 / (1 - rho^2)); it exceeds
     * {@link #klMin()}, the fits' own KL, by rho^2 / (1 - rho^2) + log(1 - rho^2) &gt; 0 unless rho = 0.
     */
    public double klCross() {
        double omr = oneMinusRho2();
        return rho2() / omr + 0.5 * Math.log(omr);
    }

    /** m - mu, the final means' error. */
    public double[] meanError() {
        MeanFieldGaussianState q = q();
        MultivariateNormal p = posterior();
        return new double[] {q.mean(0) - p.mean(0), q.mean(1) - p.mean(1)};
    }

    /** Delta_2, the move of m_2 in the last sweep. */
    public double lastMove2() {
        java.util.List<MeanFieldGaussianState> path = run.path();
        return q().mean(1) - path.get(path.size() - 2).mean(1);
    }

    /** Lambda_12 / Lambda_11 = theta1 theta2 / (sigma2 + theta1^2). */
    public double coupling() {
        double t1 = theta1();
        return t1 * theta2() / (sigma2() + t1 * t1);
    }

    /** The stopping rule's bounds tol |Lambda_12 / Lambda_11| / (1 - rho^2) and tol rho^2 / (1 - rho^2). */
    public double[] errorBound() {
        return new double[] {tol * Math.abs(coupling()) / oneMinusRho2(), tol * rho2() / oneMinusRho2()};
    }

    /** (Lambda_12 / Lambda_11, -rho^2) Delta_2 / (1 - rho^2): the means' error that the identity predicts. */
    public double[] predictedMeanError() {
        double d2 = lastMove2();
        return new double[] {coupling() * d2 / oneMinusRho2(), -rho2() * d2 / oneMinusRho2()};
    }

    /** cond(Lambda) = 1 + |theta|^2 / sigma2. */
    public double conditionNumber() {
        double t1 = theta1();
        double t2 = theta2();
        return 1 + (t1 * t1 + t2 * t2) / sigma2();
    }

    /**
     * The rounding allowance of a KL computed through Lambda^-1: inverting Lambda loses up to log10 cond(Lambda)
     * digits, 1e-13 cond(Lambda) (2 + |KL|).
     */
    public double klRounding() {
        double t1 = theta1();
        double t2 = theta2();
        return 1e-13 * (1 + (t1 * t1 + t2 * t2) / sigma2()) * (2 + Math.abs(kl()));
    }

    /** The largest {@link GaussianMeanField#elboMagnitude} along the run: the scale of the ELBO's rounding. */
    public double elboScale() {
        return run.path().stream().mapToDouble(meanField::elboMagnitude).max().getAsDouble();
    }

    /** KL(q_t, p(z | x)) for every state of the run, in closed form (independent of the ELBO). */
    public double[] klTrace() {
        return run.path().stream().mapToDouble(meanField::klToPosterior).toArray();
    }

    /** ELBO + KL for every state of the run: log p(x) at each, up to rounding. */
    public double[] elboPlusKlTrace() {
        double[] elbo = elboTrace();
        double[] kl = klTrace();
        double[] sum = new double[elbo.length];
        for (int t = 0; t < sum.length; t++) {
            sum[t] = elbo[t] + kl[t];
        }
        return sum;
    }

    /** The largest |log p(x) - ELBO - KL| over the states of the run. */
    public double maxIdentityError() {
        double[] elbo = elboTrace();
        double[] kl = klTrace();
        double logEvidence = logEvidence();
        double max = 0;
        for (int t = 0; t < elbo.length; t++) {
            max = Math.max(max, Math.abs(logEvidence - elbo[t] - kl[t]));
        }
        return max;
    }

    /**
     * Mean-field CAVI runs on the two-latent model with theta = (theta1, theta2_k) for every theta2_k and every
     * noise variance sigma2 * scale, each from (0, 0) with variances 1 and tol 1e-13, at most 5000 sweeps:
     * where the runs land against their posterior correlation
     * rho = -theta1 theta2 / sqrt((s2 + theta1^2)(s2 + theta2^2)), and the closed form
     * KL(q*, p) = -1/2 log(s2 (s2 + theta1^2 + theta2^2) / ((s2 + theta1^2)(s2 + theta2^2))) they should reach.
     *
     * @param scales the factors of sigma2
     * @param rho per scale, the correlations of the runs that converged
     * @param kl per scale, the KL they reached
     * @param slowRho the correlations of the runs that hit the sweep limit
     * @param slowKl the KL those reached
     * @param runs how many runs
     * @param converged how many converged
     * @param worstRatio the largest |KL reached - closed form| over the converged runs, as a fraction of
     *     1e-9 plus the rounding 1e-13 cond(Lambda) (2 + KL)
     */
    public record CorrelationSweep(double[] scales, java.util.List<double[]> rho, java.util.List<double[]> kl,
            double[] slowRho, double[] slowKl, int runs, int converged, double worstRatio) {}

    /** The sweep of {@link CorrelationSweep}. */
    public static CorrelationSweep correlationSweep(double theta1, double[] theta2s, double sigma2, double x, double... scales) {
        Check.finite("TwoLatentMeanField", "theta1", theta1);
        Check.finiteVector("TwoLatentMeanField", "theta2s", theta2s);
        Check.positive("TwoLatentMeanField", "sigma2", sigma2);
        Check.finite("TwoLatentMeanField", "x", x);
        Check.positiveVector("TwoLatentMeanField", "scales", scales);
        double worstSweep = 0;
        java.util.List<Double> slowRho = new java.util.ArrayList<>();
        java.util.List<Double> slowKl = new java.util.ArrayList<>();
        java.util.List<double[]> rhos = new java.util.ArrayList<>();
        java.util.List<double[]> kls = new java.util.ArrayList<>();
        int converged = 0;
        for (double scale : scales) {
            java.util.List<Double> sweepRho = new java.util.ArrayList<>();
            java.util.List<Double> sweepKl = new java.util.ArrayList<>();
            for (double t2 : theta2s) {
                double s2 = sigma2 * scale;
                LinearGaussianModel m = LinearGaussianModel.of(new double[] {theta1, t2}, s2, x);
                GaussianMeanField f = GaussianMeanField.of(m.joint());
                double rhoK = -theta1 * t2 / Math.sqrt((s2 + theta1 * theta1) * (s2 + t2 * t2));
                // as a sum of logs: the products overflow for a huge sigma2 * scale
                double klClosed = -0.5 * (Math.log(s2) + Math.log(s2 + theta1 * theta1 + t2 * t2) - Math.log(s2 + theta1 * theta1) - Math.log(s2 + t2 * t2));
                CaviResult<MeanFieldGaussianState> r = f.run(new double[2], new double[] {1, 1}, new CaviOptions(1e-13, 5000));
                double klK = f.klToPosterior(r.state());
                if (r.converged()) {
                    converged++;
                    sweepRho.add(rhoK);
                    sweepKl.add(klK);
                    double allowed = 1e-9 + 1e-13 * (1 + (theta1 * theta1 + t2 * t2) / s2) * (2 + klClosed);
                    worstSweep = Math.max(worstSweep, Math.abs(klK - klClosed) / allowed);
                } else {
                    slowRho.add(rhoK);
                    slowKl.add(klK);
                }
            }
            rhos.add(sweepRho.stream().mapToDouble(Double::doubleValue).toArray());
            kls.add(sweepKl.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return new CorrelationSweep(scales.clone(), java.util.List.copyOf(rhos), java.util.List.copyOf(kls),
                slowRho.stream().mapToDouble(Double::doubleValue).toArray(), slowKl.stream().mapToDouble(Double::doubleValue).toArray(),
                scales.length * theta2s.length, converged, worstSweep);
    }
}
