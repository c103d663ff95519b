package org.vworkbook.bbvi;

import org.vworkbook.numerics.Quadrature;
import org.vworkbook.numerics.SpecialFunctions;
import org.vworkbook.util.Check;

/**
 * Implicit reparameterisation of the Gamma distribution (Figurnov, Mohamed and Mnih 2018): for
 * u ~ Gamma(a, 1) drawn by any sampler, keeping the CDF value F(u; a) fixed while a moves gives
 *
 * <pre>
 *   du/da = -(dF(u; a)/da) / f(u; a)
 * </pre>
 *
 * and then tau = u / b is Gamma(a, b) with dtau/da = (du/da) / b and dtau/db = -tau / b. This
 * derivative is exact (no approximation of the sampler), so the pathwise gradient built on it is
 * unbiased.
 *
 * <p>Computed in two ways, each where it has no harmful cancellation:
 *
 * <ul>
 *   <li>u &lt;= a + 4 sqrt(a) + 1 (all but about 3e-5 of the draws): from the series
 *       P(a, u) = sum_k e^-u u^(a+k) / Gamma(a+k+1), dividing by f term by term,
 *       du/da = sum_{k>=0} r_k (psi(a+k+1) - log u) with r_k = prod_{j=0..k} u / (a+j). For u &lt;= a every
 *       term is positive; above a the terms change sign once, and the rounding error is about
 *       1e-16 P/f, below 1e-11 relative in this range.
 *   <li>further up: from Q = 1 - P, du/da = (dQ/da) / f = integral_u^infinity (f(t)/f(u)) (log t - psi(a)) dt,
 *       a positive integrand, by Gauss-Legendre quadrature on [0, L] in s = t - u with L where
 *       f(u + L)/f(u) &lt; e^-45.
 * </ul>
 */
public final class GammaShapeDerivative {
    private static final int MAX_TERMS = 10_000_000;

    private GammaShapeDerivative() {}

    /** du/da for u ~ Gamma(a, 1) at the draw u (a, u finite and > 0). */
    public static double ofUnitRateSample(double u, double a) {
        Check.positive("GammaShapeDerivative", "u", u);
        Check.positive("GammaShapeDerivative", "a", a);
        return u <= a + 4 * Math.sqrt(a) + 1 ? series(u, a) : upperIntegral(u, a);
    }

    private static double series(double u, double a) {
        double logU = Math.log(u);
        double psi = SpecialFunctions.digamma(a + 1); // psi(a + k + 1) for k = 0
        double r = u / a;
        double sum = 0;
        double sumAbs = 0;
        for (int k = 0; k < MAX_TERMS; k++) {
            double term = r * (psi - logU);
            sum += term;
            sumAbs += Math.abs(term);
            if (u < a + k + 1 && Math.abs(term) <= 1e-17 * sumAbs) {
                return sum;
            }
            psi += 1.0 / (a + k + 1);
            r *= u / (a + k + 1);
        }
        throw new IllegalStateException("GammaShapeDerivative series did not converge for u = " + u + ", a = " + a);
    }

    private static double upperIntegral(double u, double a) {
        double psiA = SpecialFunctions.digamma(a);
        double limit = 1.0;
        while (logRatio(limit, u, a) > -45) {
            limit *= 2;
        }
        return Quadrature.integrate(s -> Math.exp(logRatio(s, u, a)) * (Math.log(u + s) - psiA), 0, limit, 16);
    }

    /** log f(u + s) / f(u) = (a - 1) log(1 + s/u) - s. */
    private static double logRatio(double s, double u, double a) {
        return (a - 1) * Math.log1p(s / u) - s;
    }
}
