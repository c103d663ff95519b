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

    /**
     * Checks a draw of tau: a Gamma sampler can return 0 (underflow, for a tiny shape) or infinity, where
     * log p(x, mu, tau) and the score cannot be evaluated. Such a draw makes the estimate non-finite, reported
     * like a non-finite entry (the message starts with "GradientEstimate ", which {@link Bbvi#run} treats as
     * the run leaving the representable range).
     *
     * @return tau, if it is finite and > 0
     */
    static double checkedDraw(double tau) {
        if (!(tau > 0 && tau < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("GradientEstimate draw of tau is " + tau
                    + ": q(tau) is too extreme to sample in double precision");
        }
        return tau;
    }

    @Override
    public double[] gradient() {
        return gradient.clone();
    }
}
