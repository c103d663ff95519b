package org.vworkbook.divergence;

import org.apache.commons.math3.special.Gamma;
import org.vworkbook.distributions.Bernoulli;
import org.vworkbook.distributions.Categorical;
import org.vworkbook.distributions.DiagonalNormal;
import org.vworkbook.distributions.IndependentProduct;
import org.vworkbook.distributions.Normal;
import org.vworkbook.distributions.NormalGamma;
import org.vworkbook.util.Check;

/**
 * Closed-form KL(p, q) = E_p[log p - log q] for the families other than the Gaussians of
 * {@link GaussianKL}. Each formula is derived in its Javadoc and checked in the tests against Monte
 * Carlo and (in one dimension) quadrature of the definition. None is clamped at zero: a negative
 * value beyond rounding would be a bug, and the tests must see it.
 */
public final class ClosedFormKL {
    private ClosedFormKL() {}

    /**
     * Diagonal Gaussians: the densities factorise over coordinates, and the log of a product is a
     * sum, so KL(p, q) = sum_i KL(N(m1_i, v1_i), N(m2_i, v2_i))
     * = 1/2 sum_i [ v1_i / v2_i + (m1_i - m2_i)^2 / v2_i - 1 + log(v2_i / v1_i) ].
     *
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static double between(DiagonalNormal p, DiagonalNormal q) {
        Check.sameLength("KL", "p dimension", p.dimension(), "q dimension", q.dimension());
        double kl = 0;
        for (int i = 0; i < p.dimension(); i++) {
            kl += GaussianKL.between(p.marginal(i), q.marginal(i));
        }
        return kl;
    }

    /**
     * Gamma (shape a, rate b). With E_p[t] = a1 / b1 and E_p[log t] = psi(a1) - log b1:
     * KL = (a1 - a2) psi(a1) - log Gamma(a1) + log Gamma(a2) + a2 (log b1 - log b2) + a1 (b2 - b1) / b1
     * (psi from {@link org.vworkbook.numerics.SpecialFunctions#digamma}: Commons Math's is off by ~3e-9).
     */
    public static double between(org.vworkbook.distributions.Gamma p, org.vworkbook.distributions.Gamma q) {
        double a1 = p.shape();
        double b1 = p.rate();
        double a2 = q.shape();
        double b2 = q.rate();
        return (a1 - a2) * org.vworkbook.numerics.SpecialFunctions.digamma(a1) - Gamma.logGamma(a1) + Gamma.logGamma(a2)
                + a2 * (Math.log(b1) - Math.log(b2)) + a1 * (b2 - b1) / b1;
    }

    /**
     * Normal-Gamma: p(mu, tau) = Gamma(tau | a, b) N(mu | m, 1 / (lambda tau)). By the chain rule of
     * KL, KL(p, q) = KL(p(tau), q(tau)) + E_p(tau)[ KL(p(mu | tau), q(mu | tau)) ], and the inner
     * Gaussian KL with variances 1 / (lambda1 tau), 1 / (lambda2 tau) is
     * 1/2 [ lambda2 / lambda1 - 1 - log(lambda2 / lambda1) + lambda2 tau (m1 - m2)^2 ], linear in tau,
     * so its expectation uses E_p[tau] = a1 / b1.
     */
    public static double between(NormalGamma p, NormalGamma q) {
        double ratio = q.lambda() / p.lambda();
        double d = p.location() - q.location();
        double conditional = 0.5 * ((ratio - 1 - Math.log(ratio)) + q.lambda() * p.precisionMarginal().mean() * d * d);
        return between(p.precisionMarginal(), q.precisionMarginal()) + conditional;
    }

    /**
     * Bernoulli: KL = p log(p / q) + (1 - p) log((1 - p) / (1 - q)), with 0 log(0 / q) = 0 and
     * positive infinity when p puts mass where q has none.
     */
    public static double between(Bernoulli p, Bernoulli q) {
        return term(p.probability(), q.probability()) + term(1 - p.probability(), 1 - q.probability());
    }

    /**
     * Categorical: KL = sum_k p_k log(p_k / q_k), with 0 log(0 / q) = 0 and positive infinity when
     * some p_k > 0 has q_k = 0.
     *
     * @throws IllegalArgumentException if the numbers of categories differ
     */
    public static double between(Categorical p, Categorical q) {
        Check.sameLength("KL", "p categories", p.size(), "q categories", q.size());
        double kl = 0;
        for (int k = 0; k < p.size(); k++) {
            kl += term(p.probability(k), q.probability(k));
        }
        return kl;
    }

    private static double term(double pk, double qk) {
        if (pk == 0) {
            return 0;
        }
        if (qk == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return pk * Math.log(pk / qk);
    }

    /**
     * Products of independent factors: log p(z) - log q(z) = sum_k [log p_k(z_k) - log q_k(z_k)], and
     * under p the k-th term only involves z_k ~ p_k, so KL(p, q) = sum_k KL(p_k, q_k). Each factor pair
     * goes through {@link KL#of}, so the factors can be of any supported type.
     *
     * @throws IllegalArgumentException if the numbers of factors differ or a factor pair has no closed form
     */
    public static double between(IndependentProduct p, IndependentProduct q) {
        Check.sameLength("KL", "p factors", p.size(), "q factors", q.size());
        double kl = 0;
        for (int k = 0; k < p.size(); k++) {
            kl += KL.of(p.factor(k), q.factor(k));
        }
        return kl;
    }

    /** Univariate Gaussians, delegated to {@link GaussianKL#between(Normal, Normal)}. */
    public static double between(Normal p, Normal q) {
        return GaussianKL.between(p, q);
    }
}
