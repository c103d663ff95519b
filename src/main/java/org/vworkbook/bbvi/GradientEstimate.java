package org.vworkbook.bbvi;

/**
 * One noisy estimate of the ELBO gradient in a family's unconstrained coordinates eta, with the Monte
 * Carlo ELBO estimate mean_s (log p(x, z_s) - log q(z_s)) from the same draws.
 *
 * @param gradient d ELBO / d eta (finite entries)
 * @param elboEstimate the ELBO estimated from the same draws (finite)
 * @throws NonFiniteEstimateException if an entry is not finite (the draws overflowed)
 * @throws IllegalArgumentException if the gradient is null or empty
 */
public record GradientEstimate(double[] gradient, double elboEstimate) {
    public GradientEstimate {
        if (gradient == null || gradient.length == 0) {
            throw new IllegalArgumentException("GradientEstimate gradient must not be null or empty");
        }
        gradient = gradient.clone();
        for (int i = 0; i < gradient.length; i++) {
            if (!Double.isFinite(gradient[i])) {
                throw new NonFiniteEstimateException("GradientEstimate gradient[" + i + "] must be finite, got " + gradient[i]);
            }
        }
        if (!Double.isFinite(elboEstimate)) {
            throw new NonFiniteEstimateException("GradientEstimate elboEstimate must be finite, got " + elboEstimate);
        }
    }

    /**
     * Checks a positive draw (e.g. of a precision tau): a Gamma sampler can return 0 (underflow, for a
     * tiny shape) or infinity, where log p and the score cannot be evaluated.
     *
     * @return the draw, if it is finite and > 0
     * @throws NonFiniteEstimateException otherwise: q is too extreme to sample in double precision
     */
    public static double checkedPositiveDraw(String what, double draw) {
        if (!(draw > 0 && draw < Double.POSITIVE_INFINITY)) {
            throw new NonFiniteEstimateException("GradientEstimate draw of " + what + " is " + draw
                    + ": q(" + what + ") is too extreme to sample in double precision");
        }
        return draw;
    }

    @Override
    public double[] gradient() {
        return gradient.clone();
    }
}
