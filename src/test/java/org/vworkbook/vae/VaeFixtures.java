package org.vworkbook.vae;

import org.apache.commons.math3.random.RandomGenerator;

/** Random VAEs for tests: every parameter drawn from a fixed seed. */
final class VaeFixtures {
    private VaeFixtures() {}

    static LinearVae randomVae(int l, int d, RandomGenerator random) {
        double[] p = new double[LinearVae.parameterCount(l, d)];
        for (int k = 0; k < p.length; k++) {
            p[k] = 0.4 * random.nextGaussian();
        }
        return LinearVae.ofParameters(l, d, p);
    }

    static double[] randomPoint(int d, RandomGenerator random) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = 1.5 * random.nextGaussian();
        }
        return x;
    }

    static DiagonalGaussianEncoder priorEncoder(int l, int d) {
        return DiagonalGaussianEncoder.prior(l, d);
    }
}
