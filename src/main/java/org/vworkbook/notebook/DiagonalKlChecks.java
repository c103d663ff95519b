package org.vworkbook.notebook;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.vworkbook.distributions.DiagonalNormal;
import org.vworkbook.distributions.IndependentProduct;
import org.vworkbook.divergence.GaussianKL;
import org.vworkbook.divergence.KL;
import org.vworkbook.divergence.MonteCarloKL;
import org.vworkbook.util.Check;

/**
 * The checks of notebook W1 (KL between two Gaussians with diagonal covariance): the three routes to
 * KL(p || q) (the sum of univariate terms, the full-covariance formula, the product of independent
 * factors) against the diagonal formula, both directions >= 0, and the Monte Carlo estimate within a
 * Student-t bound of its estimated standard error.
 *
 * @param p the first Gaussian
 * @param q the second
 * @param klPq KL(p || q) by the registry's diagonal formula
 * @param klQp KL(q || p) likewise
 * @param perCoordinate KL(p_i || q_i) for every coordinate i
 * @param sum the sum of {@code perCoordinate}, in order
 * @param full KL(p || q) by the full-covariance formula
 * @param product KL(p || q) as a product of independent factors
 * @param monteCarlo the Monte Carlo estimate of KL(p || q) from draws of p
 * @param seed the seed of those draws
 * @param quantile the two-sided Student-t quantile (samples - 1 degrees of freedom) of the same probability
 *     6.3e-5 as 4 normal standard errors: about 4.0 for many draws, much more for a few
 */
public record DiagonalKlChecks(DiagonalNormal p, DiagonalNormal q, double klPq, double klQp, double[] perCoordinate,
        double sum, double full, double product, MonteCarloKL.Estimate monteCarlo, long seed, double quantile) {

    public DiagonalKlChecks {
        if (p == null || q == null || monteCarlo == null) {
            throw new IllegalArgumentException("DiagonalKlChecks p, q and the Monte Carlo estimate must not be null");
        }
        perCoordinate = Check.finiteVector("DiagonalKlChecks", "perCoordinate", perCoordinate);
        for (double v : new double[] {klPq, klQp, sum, full, product, quantile}) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("DiagonalKlChecks KLs and quantile must not be NaN");
            }
        }
    }

    @Override
    public double[] perCoordinate() {
        return perCoordinate.clone();
    }

    /**
     * The KLs between p = N(mu1, diag var1) and q = N(mu2, diag var2) by every route, and the Monte Carlo
     * estimate from {@code samples} draws of p with {@code seed}. Refuses vectors of different lengths,
     * naming the parameters (the four vectors describe the same coordinates).
     */
    public static DiagonalKlChecks of(double[] mu1, double[] var1, double[] mu2, double[] var2, int samples, long seed) {
        for (double[] v : new double[][] {mu1, var1, mu2, var2}) {
            if (v == null) {
                throw new IllegalArgumentException("W1 means and variances must not be null");
            }
        }
        Check.atLeast("W1", "samples", samples, 2);
        Check.sameLength("W1", "mu1", mu1.length, "var1", var1.length);
        Check.sameLength("W1", "mu1", mu1.length, "mu2", mu2.length);
        Check.sameLength("W1", "mu2", mu2.length, "var2", var2.length);
        DiagonalNormal p = DiagonalNormal.ofMeanVariance(mu1, var1);
        DiagonalNormal q = DiagonalNormal.ofMeanVariance(mu2, var2);
        double klPq = KL.of(p, q);
        double klQp = KL.of(q, p);
        MonteCarloKL.Estimate mc = MonteCarloKL.estimate(p, q, samples, seed);
        double quantile = new TDistribution(samples - 1).inverseCumulativeProbability(1 - 3.167e-5);
        double[] perCoordinate = new double[p.dimension()];
        double sum = 0;
        for (int i = 0; i < p.dimension(); i++) {
            perCoordinate[i] = GaussianKL.between(p.marginal(i), q.marginal(i));
            sum += perCoordinate[i];
        }
        double full = KL.of(p.toMultivariate(), q.toMultivariate());
        double product = KL.of(IndependentProduct.of(p.factors()), IndependentProduct.of(q.factors()));
        return new DiagonalKlChecks(p, q, klPq, klQp, perCoordinate, sum, full, product, mc, seed, quantile);
    }

    /** KL(q_i || p_i) for every coordinate i. */
    public double[] perCoordinateReverse() {
        double[] r = new double[p.dimension()];
        for (int i = 0; i < r.length; i++) {
            r[i] = GaussianKL.between(q.marginal(i), p.marginal(i));
        }
        return r;
    }

    /** The checks as lines of text; a failing one throws {@link Checks.CheckFailed}. */
    public String checks() {
        return Checks.all(
            Checks.close("KL(p, q): sum of univariate terms vs diagonal formula (rounding, relative)", sum, klPq, 1e-13 * (1 + klPq)),
            Checks.close("KL(p, q): full-covariance formula vs diagonal formula", full, klPq, 1e-12 * (1 + klPq)),
            Checks.close("KL(p, q): product of independent factors vs diagonal formula", product, klPq, 1e-13 * (1 + klPq)),
            Checks.nonNegative("KL(p, q)", klPq, 1e-12),
            Checks.nonNegative("KL(q, p)", klQp, 1e-12),
            Checks.close("Monte Carlo estimate vs closed form (tolerance: the Student-t quantile of 4 normal standard errors, "
                + String.format(Locale.ROOT, "%.2f", quantile) + " estimated standard errors for " + monteCarlo.samples() + " draws)",
                monteCarlo.value(), klPq, quantile * monteCarlo.standardError()));
    }

    @Override
    public String toString() {
        return checks();
    }

    /** Both KLs and the Monte Carlo estimate with its standard error and z-score, as one line each. */
    public String summary() {
        return String.format(Locale.ROOT, "KL(p || q) = %.10f   KL(q || p) = %.10f%nMonte Carlo with %d draws (seed %d): %.6f +- %.6f",
                klPq, klQp, monteCarlo.samples(), seed, monteCarlo.value(), monteCarlo.standardError())
            + (monteCarlo.standardError() > 0 ? String.format(Locale.ROOT, " (z = %.2f)", monteCarlo.zScore(klPq))
                : " (z undefined: every draw gave log p - log q = 0)");
    }

    /** Whether the two directions agree, and why, from the numbers. */
    public Prose.Markdown directions() {
        boolean exactlyEqual = Arrays.equals(p.mean(), q.mean()) && Arrays.equals(p.variances(), q.variances());
        return Prose.markdown(
            exactlyEqual
                ? "Here $p=q$: every coordinate's KL is 0 in both directions, and the Monte Carlo estimate is exactly 0 with standard error 0, because $\\log p-\\log q=0$ at every draw."
                    + " Its z-score is then 0/0, undefined."
                : (Math.abs(klPq - klQp) <= 1e-12 * (1 + klPq)
                    ? "The two directions agree here (" + Prose.num(klPq) + " nats each): this happens, for example, when $p$ and $q$ have the same variances in every coordinate, but not in general."
                    : "The two directions differ by " + Prose.num(klQp - klPq) + " nats: KL(p\u2009\u2016\u2009q) = " + Prose.num(klPq) + " and KL(q\u2009\u2016\u2009p) = " + Prose.num(klQp) + "."));
    }
}
