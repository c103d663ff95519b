package org.vworkbook.gmm;

/**
 * The CAVI state of the Bayesian Gaussian mixture: q(Z), held through its expected sufficient
 * statistics, and q(pi, mu, Lambda), the global factor updated from them.
 *
 * @param statistics the statistics of q(Z)
 * @param posterior q(pi, mu, Lambda) computed from {@code statistics}
 */
public record GmmState(MixtureStatistics statistics, MixturePosterior posterior) {
    public GmmState {
        if (statistics == null || posterior == null) {
            throw new IllegalArgumentException("GmmState statistics and posterior must not be null");
        }
    }

    /** E[pi]. */
    public double[] weights() {
        return posterior.weights();
    }

    /** m_k. */
    public double[][] means() {
        return posterior.means();
    }

    /** N_k. */
    public double[] counts() {
        return statistics.counts();
    }

    /** The number of components whose E[pi_k] exceeds {@code minWeight} (those the fit uses). */
    public int effectiveComponents(double minWeight) {
        int effective = 0;
        for (double w : weights()) {
            if (w > minWeight) {
                effective++;
            }
        }
        return effective;
    }

    /** E[Lambda_k]^-1 of every component k = 0..K-1 ({@link MixturePosterior#covariance}). */
    public double[][][] covariances() {
        int k = weights().length;
        double[][][] c = new double[k][][];
        for (int j = 0; j < k; j++) {
            c[j] = posterior.covariance(j);
        }
        return c;
    }
}
