package org.vworkbook.gmm;

/**
 * The expected sufficient statistics of q(Z) (Bishop 10.51-10.53), kept as sums about a fixed shift
 * c (the data mean, so that the sums do not lose precision):
 *
 * <pre>
 *   N_k  = sum_n r_nk
 *   s1_k = sum_n r_nk (x_n - c)
 *   s2_k = sum_n r_nk (x_n - c)(x_n - c)^T
 *   H_Z  = - sum_n sum_k r_nk log r_nk       (the entropy of q(Z), Bishop 10.75 with the sign flipped)
 * </pre>
 *
 * Every update of q(pi, mu, Lambda) and the whole ELBO need only these, so an iteration reads the
 * data once (in the update of q(Z)) and never stores the N x K responsibilities.
 */
public final class MixtureStatistics {
    final double[] counts;
    final double[][] firstMoments;
    final double[][][] secondMoments;
    final double entropy;
    final double[] shift;

    MixtureStatistics(double[] counts, double[][] firstMoments, double[][][] secondMoments, double entropy,
            double[] shift) {
        this.counts = counts;
        this.firstMoments = firstMoments;
        this.secondMoments = secondMoments;
        this.entropy = entropy;
        this.shift = shift;
    }

    /** N_k, the expected number of points in each component. */
    public double[] counts() {
        return counts.clone();
    }

    /** x-bar_k = sum_n r_nk x_n / N_k (Bishop 10.52); NaN coordinates for a component with N_k = 0. */
    public double[][] means() {
        double[][] m = new double[counts.length][shift.length];
        for (int k = 0; k < counts.length; k++) {
            for (int j = 0; j < shift.length; j++) {
                m[k][j] = shift[j] + firstMoments[k][j] / counts[k];
            }
        }
        return m;
    }

    /** The entropy of q(Z), - sum r log r. */
    public double entropy() {
        return entropy;
    }

    public int components() {
        return counts.length;
    }
}
