package org.vworkbook.cavi;

import org.vworkbook.exact.NormalNormalGammaModel;

/**
 * Mean-field CAVI for the Normal-Normal-Gamma model ({@link NormalNormalGammaModel}) with
 * q(mu, tau) = N(mu | m, 1/l) Gamma(tau | a, b) (Bishop 10.1.3, eqs. 10.25-10.30, with the prior
 * of mu scaled by tau as in our model).
 *
 * <p>From log q_j*(z_j) = E_-j[log p(x, mu, tau)] + const:
 *
 * <ul>
 *   <li>q(mu): the terms in mu are -E[tau]/2 (lambda0 (mu - mu0)^2 + sum_n (x_n - mu)^2), a Gaussian
 *       with precision l = (lambda0 + N) E[tau] and mean m = (lambda0 mu0 + N xbar) / (lambda0 + N).
 *   <li>q(tau): the terms in tau are ((N + 1)/2 + a0 - 1) log tau - tau (b0 + 1/2 E_mu[lambda0 (mu - mu0)^2
 *       + sum_n (x_n - mu)^2]), a Gamma with shape a = a0 + (N + 1)/2 and rate
 *       b = b0 + 1/2 (S + N ((xbar - m)^2 + 1/l) + lambda0 ((m - mu0)^2 + 1/l)).
 * </ul>
 *
 * Both use only the sufficient statistics (N, xbar, S): a sweep never loops over the data. Note the
 * shape a0 + (N + 1)/2: one half more than the exact posterior's a0 + N/2, because q(tau) also
 * absorbs the tau^(1/2) of p(mu | tau).
 *
 * <p>ELBO = E_q[log p(x, mu, tau)] + H[q(mu)] + H[q(tau)], all in closed form
 * ({@link NormalNormalGammaModel#expectedLogJoint}). The stopping rule's change is the largest of
 * |change of m|, and the relative changes of l, a and b.
 */
public final class NormalGammaCavi implements CoordinateAscent<NormalGammaMeanFieldState> {
    private final NormalNormalGammaModel model;

    private NormalGammaCavi(NormalNormalGammaModel model) {
        this.model = model;
    }

    public static NormalGammaCavi of(NormalNormalGammaModel model) {
        if (model == null) {
            throw new IllegalArgumentException("NormalGammaCavi model must not be null");
        }
        return new NormalGammaCavi(model);
    }

    public NormalNormalGammaModel model() {
        return model;
    }

    /**
     * The notebooks' starting state: q(tau) = the prior Gamma(a0, b0) and q(mu) = N(mu0, 1/(lambda0 E[tau]))
     * with E[tau] = a0 / b0, the prior's location and precision at the prior mean of tau.
     */
    public NormalGammaMeanFieldState priorStart() {
        return new NormalGammaMeanFieldState(model.mu0(), model.lambda0() * model.a0() / model.b0(), model.a0(),
                model.b0());
    }

    /** CAVI through {@link Cavi#run} from {@code start}. */
    public CaviResult<NormalGammaMeanFieldState> run(NormalGammaMeanFieldState start, CaviOptions options) {
        return Cavi.run(this, start, options);
    }

    /** CAVI from {@link #priorStart()} with {@link CaviOptions#defaults()}. */
    public CaviResult<NormalGammaMeanFieldState> run() {
        return run(priorStart(), CaviOptions.defaults());
    }

    /** The q(mu) update given the current q(tau) (only E[tau] = a/b matters). */
    public NormalGammaMeanFieldState updateMu(NormalGammaMeanFieldState q) {
        double lambdaN = model.lambda0() + model.size();
        double m = (model.lambda0() * model.mu0() + model.size() * model.sampleMean()) / lambdaN;
        double eTau = q.tauShape() / q.tauRate();
        return new NormalGammaMeanFieldState(m, lambdaN * eTau, q.tauShape(), q.tauRate());
    }

    /** The q(tau) update given the current q(mu). */
    public NormalGammaMeanFieldState updateTau(NormalGammaMeanFieldState q) {
        double a = model.a0() + 0.5 * (model.size() + 1);
        double b = model.b0() + 0.5 * model.expectedQuadratic(q.muMean(), q.muPrecision());
        return new NormalGammaMeanFieldState(q.muMean(), q.muPrecision(), a, b);
    }

    /** q(mu), then q(tau). */
    @Override
    public NormalGammaMeanFieldState sweep(NormalGammaMeanFieldState state) {
        return updateTau(updateMu(state));
    }

    @Override
    public double elbo(NormalGammaMeanFieldState q) {
        return model.expectedLogJoint(q.muMean(), q.muPrecision(), q.tauShape(), q.tauRate()) + q.entropy();
    }

    /**
     * KL(q, p(mu, tau | x)) = E_q[log q - log p(mu, tau | x)] by nested Gauss-Legendre quadrature
     * (log tau outside, over {@link NormalGammaGridUpdate#logTauWindow}(q(tau), 45); mu inside, over
     * m +- 12 sd of q(mu)): an independent check of log p(x) - ELBO(q).
     */
    public double klToPosteriorByQuadrature(NormalGammaMeanFieldState q) {
        org.vworkbook.distributions.NormalGamma post = model.posterior();
        org.vworkbook.distributions.Normal qMu = q.qMu();
        org.vworkbook.distributions.Gamma qTau = q.qTau();
        double[] window = NormalGammaGridUpdate.logTauWindow(qTau, 45);
        double m = qMu.mean();
        double sd = qMu.standardDeviation();
        return org.vworkbook.numerics.Quadrature.integrate(s -> {
            double tau = Math.exp(s);
            double logQTau = qTau.logDensity(tau);
            return tau * Math.exp(logQTau) * org.vworkbook.numerics.Quadrature.integrate(mu -> {
                double logQMu = qMu.logDensity(mu);
                return Math.exp(logQMu) * (logQMu + logQTau - post.logDensity(mu, tau));
            }, m - 12 * sd, m + 12 * sd, 24);
        }, window[0], window[1], 40);
    }

    @Override
    public double change(NormalGammaMeanFieldState before, NormalGammaMeanFieldState after) {
        double c = Math.abs(after.muMean() - before.muMean());
        c = Math.max(c, Math.abs(after.muPrecision() / before.muPrecision() - 1));
        c = Math.max(c, Math.abs(after.tauShape() / before.tauShape() - 1));
        return Math.max(c, Math.abs(after.tauRate() / before.tauRate() - 1));
    }
}
