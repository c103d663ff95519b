package org.vworkbook.divergence;

import org.vworkbook.distributions.GaussianMixture;
import org.vworkbook.numerics.FiniteDifference;

/**
 * Reverse fits of q = N(mu, I) to a mixture p ({@link ReverseKL#fitIsotropicMean}): one from the
 * given start, and one from each component's mean (which local minimum each start reaches), with the
 * component nearest to the fit from the start and a central-difference gradient of KL(q, p) there.
 *
 * @param p the target
 * @param start the start of the main fit
 * @param fit the fit from {@code start}
 * @param fromComponent the fit from each component's mean
 * @param nearest the component whose mean the main fit ended closest to
 * @param nearestDistance that distance
 * @param finiteDifferenceGradient d KL(q, p) / d mu at the main fit, by central differences with step 1e-4
 */
public record IsotropicReverseFits(GaussianMixture p, double[] start, ReverseKL.IsotropicFit fit,
        ReverseKL.IsotropicFit[] fromComponent, int nearest, double nearestDistance, double[] finiteDifferenceGradient) {
    public IsotropicReverseFits {
        start = start.clone();
        fromComponent = fromComponent.clone();
        finiteDifferenceGradient = finiteDifferenceGradient.clone();
    }

    /** The fits from {@code start} and from each component's mean (2-D mixtures). */
    public static IsotropicReverseFits of(GaussianMixture p, double[] start) {
        ReverseKL.IsotropicFit fit = ReverseKL.fitIsotropicMean(p, start);
        double[] mu = fit.mean();
        int k = p.components();
        ReverseKL.IsotropicFit[] fromComponent = new ReverseKL.IsotropicFit[k];
        for (int j = 0; j < k; j++) {
            fromComponent[j] = ReverseKL.fitIsotropicMean(p, p.component(j).mean());
        }
        int nearest = 0;
        double nearestDistance = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double[] m = p.component(j).mean();
            double dist = Math.hypot(mu[0] - m[0], mu[1] - m[1]);
            if (dist < nearestDistance) {
                nearestDistance = dist;
                nearest = j;
            }
        }
        double[] fd = FiniteDifference.centralGradient(x -> ReverseKL.klIsotropic(x, p), mu, 1e-4);
        return new IsotropicReverseFits(p, start, fit, fromComponent, nearest, nearestDistance, fd);
    }

    @Override
    public double[] start() {
        return start.clone();
    }

    @Override
    public ReverseKL.IsotropicFit[] fromComponent() {
        return fromComponent.clone();
    }

    @Override
    public double[] finiteDifferenceGradient() {
        return finiteDifferenceGradient.clone();
    }

    /** mu of the fit from the start. */
    public double[] mean() {
        return fit.mean();
    }

    /** The component from whose mean the descent reaches the lowest KL (the first of equals). */
    public int best() {
        int best = 0;
        for (int j = 0; j < fromComponent.length; j++) {
            if (fromComponent[j].kl() < fromComponent[best].kl()) {
                best = j;
            }
        }
        return best;
    }

    /** Whether the fit from the start is (within 1e-4) one of the fits from the components' means. */
    public boolean onAComponentMinimum() {
        double[] mu = fit.mean();
        boolean on = false;
        for (ReverseKL.IsotropicFit f : fromComponent) {
            on |= Math.hypot(mu[0] - f.mean()[0], mu[1] - f.mean()[1]) < 1e-4;
        }
        return on;
    }
}
