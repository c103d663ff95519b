package org.vworkbook.bbvi;

import java.util.Objects;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.numerics.SpecialFunctions;
import org.vworkbook.util.Check;

/**
 * The reparameterisation (pathwise) gradient of ELBO = E_q[log p(x, mu, tau)] + H[q], with the
 * entropy of q(mu) q(tau) differentiated in closed form (Kucukelbir et al. 2017, ADVI, do the same).
 *
 * <ul>
 *   <li>q(mu): mu = m + eps / sqrt(l), eps ~ N(0, 1), so dmu/dm = 1 and dmu/dlog l = -(mu - m)/2.
 *   <li>q(tau): tau = u / b with u ~ Gamma(a, 1) from any sampler, and the <b>implicit</b> reparameterisation
 *       du/da = -(dF(u; a)/da) / f(u; a) of Figurnov et al. 2018 ({@link GammaShapeDerivative}); so
 *       dtau/dlog a = a (du/da) / b and dtau/dlog b = -tau. Exact, hence unbiased.
 * </ul>
 *
 * The estimate is (1/S) sum_s [d log p/dmu dmu/d eta + d log p/dtau dtau/d eta] + d H/d eta, where
 * H = 1/2 log(2 pi e) - 1/2 log l + a - log b + log Gamma(a) + (1 - a) psi(a) gives
 * dH/dlog l = -1/2, dH/dlog a = a (1 + (1 - a) psi'(a)), dH/dlog b = -1.
 */
public final class ReparameterisationEstimator implements GradientEstimator {
    private final MeanPrecisionTarget target;

    private ReparameterisationEstimator(MeanPrecisionTarget target) {
        this.target = target;
    }

    public static ReparameterisationEstimator of(MeanPrecisionTarget target) {
        if (target == null) {
            throw new IllegalArgumentException("ReparameterisationEstimator target must not be null");
        }
        return new ReparameterisationEstimator(target);
    }

    @Override
    public String name() {
        return "reparam";
    }

    @Override
    public GradientEstimate estimate(NormalGammaMeanFieldState q, int samples, RandomGenerator random) {
        Check.atLeast("ReparameterisationEstimator", "samples", samples, 1);
        Objects.requireNonNull(random, "random");
        double m = q.muMean();
        double l = q.muPrecision();
        double a = q.tauShape();
        double b = q.tauRate();
        double sdMu = 1.0 / Math.sqrt(l);
        GammaDistribution unitRate = new GammaDistribution(random, a, 1.0);
        double[] g = new double[NormalGammaFamily.DIMENSION];
        double elbo = 0;
        for (int s = 0; s < samples; s++) {
            double mu = m + sdMu * random.nextGaussian();
            double u = unitRate.sample();
            double tau = GradientEstimate.checkedDraw(u / b);
            double[] grad = target.gradLogJoint(mu, tau);
            g[0] += grad[0];
            g[1] += grad[0] * (-0.5 * (mu - m));
            g[2] += grad[1] * a * GammaShapeDerivative.ofUnitRateSample(u, a) / b;
            g[3] += grad[1] * (-tau);
            elbo += target.logJoint(mu, tau) - q.qMu().logDensity(mu) - q.qTau().logDensity(tau);
        }
        for (int d = 0; d < g.length; d++) {
            g[d] /= samples;
        }
        g[1] += -0.5;
        g[2] += a * (1 + (1 - a) * SpecialFunctions.trigamma(a));
        g[3] += -1.0;
        return new GradientEstimate(g, elbo / samples);
    }

    @Override
    public String toString() {
        return "ReparameterisationEstimator(implicit Gamma)";
    }
}
