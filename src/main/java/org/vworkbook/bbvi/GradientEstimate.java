package org.vworkbook.bbvi;

/**
 * One noisy estimate of the ELBO gradient in the unconstrained coordinates of
 * {@link NormalGammaFamily}, with the Monte Carlo ELBO estimate mean_s (log p(x, z_s) - log q(z_s))
 * from the same draws.
 *
 * @param gradient d ELBO / d eta (4 entries)
 * @param elboEstimate the ELBO estimated from the same draws
 */
public record GradientEstimate(double[] gradient, double elboEstimate) {
    public GradientEstimate {
        gradient = gradient.clone();
    }

    @Override
    public double[] gradient() {
        return gradient.clone();
    }
}
