package org.vworkbook.bbvi;

import org.vworkbook.util.Check;

/**
 * One noisy estimate of the ELBO gradient in the unconstrained coordinates of
 * {@link NormalGammaFamily}, with the Monte Carlo ELBO estimate mean_s (log p(x, z_s) - log q(z_s))
 * from the same draws.
 *
 * @param gradient d ELBO / d eta (4 entries, finite)
 * @param elboEstimate the ELBO estimated from the same draws (finite)
 * @throws IllegalArgumentException if an entry is not finite (the draws overflowed)
 */
public record GradientEstimate(double[] gradient, double elboEstimate) {
    public GradientEstimate {
        gradient = Check.finiteVector("GradientEstimate", "gradient", gradient);
        Check.finite("GradientEstimate", "elboEstimate", elboEstimate);
    }

    @Override
    public double[] gradient() {
        return gradient.clone();
    }
}
