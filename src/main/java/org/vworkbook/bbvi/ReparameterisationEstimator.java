package org.vworkbook.bbvi;

import java.util.Objects;
import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.util.Check;

/**
 * The reparameterisation (pathwise) gradient of ELBO = E_q[log p(x, z)] + H[q] for any
 * {@link ReparameterisableFamily}, with the entropy differentiated in closed form (Kucukelbir et al.
 * 2017, ADVI, do the same). For the Normal-Gamma family ({@link NormalGammaFamily}):
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
public final class ReparameterisationEstimator<Q> implements GradientEstimator<Q> {

    private ReparameterisationEstimator() {}

    /** The estimator; {@link #estimate} needs a {@link ReparameterisableFamily} and a target with a gradient. */
    public static <Q> ReparameterisationEstimator<Q> create() {
        return new ReparameterisationEstimator<>();
    }

    @Override
    public String name() {
        return "reparam";
    }

    /**
     * (1/S) sum_s (dz_s/d eta)^T grad_z log p(x, z_s) + d H[q]/d eta, with the ELBO estimate
     * (1/S) sum_s (log p(x, z_s) - log q(z_s)) from the same draws.
     *
     * @throws IllegalArgumentException if the family is not a {@link ReparameterisableFamily}
     */
    @Override
    public GradientEstimate estimate(Family<Q> family, Target target, Q q, int samples, RandomGenerator random) {
        if (family == null || target == null || q == null) {
            throw new IllegalArgumentException("ReparameterisationEstimator family, target and q must not be null");
        }
        if (!(family instanceof ReparameterisableFamily)) {
            throw new IllegalArgumentException("ReparameterisationEstimator family must be a ReparameterisableFamily, got " + family);
        }
        ReparameterisableFamily<Q> pathwise = (ReparameterisableFamily<Q>) family;
        Check.atLeast("ReparameterisationEstimator", "samples", samples, 1);
        Objects.requireNonNull(random, "random");
        ReparameterisableFamily.PathwiseSampler sampler = pathwise.pathwiseSampler(q, random);
        int factors = family.factors();
        double[] g = new double[family.dimension()];
        double elbo = 0;
        for (int s = 0; s < samples; s++) {
            ReparameterisableFamily.PathwiseDraw draw = sampler.draw();
            double[] z = draw.z();
            double[] pulled = draw.pullBack(target.gradLogJoint(z));
            for (int d = 0; d < g.length; d++) {
                g[d] += pulled[d];
            }
            double w = target.logJoint(z);
            for (int k = 0; k < factors; k++) {
                w -= family.logDensity(q, z, k);
            }
            elbo += w;
        }
        for (int d = 0; d < g.length; d++) {
            g[d] /= samples;
        }
        double[] entropy = pathwise.entropyGradient(q);
        for (int d = 0; d < g.length; d++) {
            g[d] += entropy[d];
        }
        return new GradientEstimate(g, elbo / samples);
    }

    @Override
    public String toString() {
        return "ReparameterisationEstimator";
    }
}
