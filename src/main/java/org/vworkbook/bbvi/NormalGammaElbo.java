package org.vworkbook.bbvi;

import org.vworkbook.cavi.NormalGammaCavi;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.exact.NormalNormalGammaModel;
import org.vworkbook.numerics.SpecialFunctions;

/**
 * The exact ELBO of the Normal-Normal-Gamma model under q = N(m, 1/l) Gamma(a, b) and its exact
 * gradient in the unconstrained coordinates eta = (m, log l, log a, log b): the ground truth that
 * every Monte Carlo gradient estimator is tested against.
 *
 * <p>With K = (N + 1)/2 + a0 - 1 and Q(m, l) = S + N ((xbar - m)^2 + 1/l) + lambda0 ((m - mu0)^2 + 1/l),
 *
 * <pre>
 *   ELBO = K (psi(a) - log b) - (a/b)(b0 + Q/2) + c - 1/2 log l + a - log b + log Gamma(a) + (1 - a) psi(a)
 *
 *   d/dm     = (a/b) (N (xbar - m) - lambda0 (m - mu0))
 *   d/dlog l = (a/b) (N + lambda0) / (2 l) - 1/2
 *   d/dlog a = a ((K + 1 - a) psi'(a) - (b0 + Q/2)/b + 1)
 *   d/dlog b = a (b0 + Q/2)/b - K - 1
 * </pre>
 *
 * All four vanish at the CAVI fixed point (a = K + 1, b = b0 + Q/2, l = (N + lambda0) a/b, m = mu_N).
 */
public final class NormalGammaElbo {
    private final NormalNormalGammaModel model;
    private final NormalGammaCavi cavi;

    private NormalGammaElbo(NormalNormalGammaModel model) {
        this.model = model;
        this.cavi = NormalGammaCavi.of(model);
    }

    public static NormalGammaElbo of(NormalNormalGammaModel model) {
        if (model == null) {
            throw new IllegalArgumentException("NormalGammaElbo model must not be null");
        }
        return new NormalGammaElbo(model);
    }

    /** The ELBO in closed form (the same formula as {@link NormalGammaCavi#elbo}). */
    public double value(NormalGammaMeanFieldState q) {
        return cavi.elbo(q);
    }

    /** The ELBO at eta. */
    public double value(double[] eta) {
        return value(NormalGammaFamily.of().fromUnconstrained(eta));
    }

    /** d ELBO / d eta, eta = (m, log l, log a, log b). */
    public double[] gradient(NormalGammaMeanFieldState q) {
        double m = q.muMean();
        double l = q.muPrecision();
        double a = q.tauShape();
        double b = q.tauRate();
        int n = model.size();
        double lambda0 = model.lambda0();
        double k = 0.5 * (n + 1) + model.a0() - 1;
        double eTau = a / b;
        double rateTerm = model.b0() + 0.5 * model.expectedQuadratic(m, l);
        return new double[] {
            eTau * (n * (model.sampleMean() - m) - lambda0 * (m - model.mu0())),
            eTau * (n + lambda0) / (2 * l) - 0.5,
            a * ((k + 1 - a) * SpecialFunctions.trigamma(a) - rateTerm / b + 1),
            a * rateTerm / b - k - 1
        };
    }
}
