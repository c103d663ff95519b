package org.vworkbook.divergence;

import org.vworkbook.distributions.GaussianMixture1D;
import org.vworkbook.util.Check;

/**
 * The landscape of the reverse KL over the mean: the profile min_v KL(N(mu, v), p) on a grid of mu,
 * each minimisation over v continuing from the neighbouring mu's optimum (starting at v = 1) so the
 * curve stays on one branch.
 *
 * @param mu the grid
 * @param kl the profile KL at each mu
 */
public record ReverseKlProfile(double[] mu, double[] kl) {
    public ReverseKlProfile {
        mu = Check.finiteVector("ReverseKlProfile", "mu", mu);
        kl = Check.finiteVector("ReverseKlProfile", "kl", kl);
        Check.sameLength("ReverseKlProfile", "mu", mu.length, "kl", kl.length);
    }

    /** The profile of p on the grid mu. */
    public static ReverseKlProfile of(GaussianMixture1D p, double[] mu) {
        double[] grid = Check.finiteVector("ReverseKlProfile", "mu", mu);
        double[] kl = new double[grid.length];
        double v = 1;
        for (int k = 0; k < grid.length; k++) {
            double[] a = ReverseKL.profileOverVariance(p, grid[k], v);
            v = a[0];
            kl[k] = a[1];
        }
        return new ReverseKlProfile(grid, kl);
    }

    /**
     * n evenly spaced points (lo + (hi - lo) i / (n - 1)) covering the components' means +- 3 of the largest component sd, the starts +- 1, and
     * at least [-6, 6].
     */
    public static double[] grid(double[] means, double[] vars, double[] starts, int n) {
        Check.finiteVector("ReverseKlProfile", "means", means);
        Check.positiveVector("ReverseKlProfile", "vars", vars);
        Check.finiteVector("ReverseKlProfile", "starts", starts);
        double sdMax = Math.sqrt(java.util.Arrays.stream(vars).max().getAsDouble());
        double lo = Math.min(-6, Math.min(java.util.Arrays.stream(means).min().getAsDouble() - 3 * sdMax,
                java.util.Arrays.stream(starts).min().getAsDouble() - 1));
        double hi = Math.max(6, Math.max(java.util.Arrays.stream(means).max().getAsDouble() + 3 * sdMax,
                java.util.Arrays.stream(starts).max().getAsDouble() + 1));
        Check.atLeast("ReverseKlProfile", "n", n, 2);
        if (!Double.isFinite(hi - lo)) {
            throw new IllegalArgumentException("ReverseKlProfile grid range must be finite, got [" + lo + ", " + hi + "]");
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * i / (n - 1);
        }
        return x;
    }

    @Override
    public double[] mu() {
        return mu.clone();
    }

    @Override
    public double[] kl() {
        return kl.clone();
    }

    /** Interior grid points below the left neighbour and not above the right one: the valleys drawn. */
    public int valleys() {
        int valleys = 0;
        for (int k = 1; k + 1 < kl.length; k++) {
            if (kl[k] < kl[k - 1] && kl[k] <= kl[k + 1]) {
                valleys++;
            }
        }
        return valleys;
    }
}
