package org.vworkbook.divergence;

import org.vworkbook.distributions.Normal;
import org.vworkbook.util.Check;

/**
 * A univariate Gaussian q fitted to a target p by minimising a KL divergence, with the path the
 * optimiser took.
 *
 * @param fit the fitted Gaussian q
 * @param kl the divergence at the fit (KL(p, q) for a forward fit, KL(q, p) for a reverse fit)
 * @param iterations optimiser steps (0 for a closed-form fit)
 * @param converged whether the optimiser met its gradient tolerance (true for a closed-form fit)
 * @param meanPath q's mean at the start and after each step
 * @param variancePath q's variance at the start and after each step
 * @param klPath the divergence at the start and after each step
 */
public record GaussianFit(Normal fit, double kl, int iterations, boolean converged, double[] meanPath,
        double[] variancePath, double[] klPath) {
    public GaussianFit {
        if (fit == null) {
            throw new IllegalArgumentException("GaussianFit fit must not be null");
        }
        Check.finite("GaussianFit", "kl", kl);
        Check.atLeast("GaussianFit", "iterations", iterations, 0);
        meanPath = Check.finiteVector("GaussianFit", "meanPath", meanPath);
        variancePath = Check.positiveVector("GaussianFit", "variancePath", variancePath);
        klPath = Check.finiteVector("GaussianFit", "klPath", klPath);
        Check.sameLength("GaussianFit", "meanPath", meanPath.length, "variancePath", variancePath.length);
        Check.sameLength("GaussianFit", "meanPath", meanPath.length, "klPath", klPath.length);
    }

    public double mean() {
        return fit.mean();
    }

    public double variance() {
        return fit.variance();
    }

    @Override
    public double[] meanPath() {
        return meanPath.clone();
    }

    @Override
    public double[] variancePath() {
        return variancePath.clone();
    }

    @Override
    public double[] klPath() {
        return klPath.clone();
    }
}
