package org.vworkbook.cavi;

import java.util.Arrays;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * A Gaussian that factorises over blocks of coordinates,
 *
 * <pre>
 *   q(z) = prod_k N(z_{B_k} | m_{B_k}, S_k),   B_1, ..., B_K a partition of {0, ..., d-1},
 * </pre>
 *
 * held as the full mean vector m (length d, in the original coordinate order) and one covariance
 * S_k per block. With singleton blocks {0}, ..., {d-1} it is the fully factorised
 * q(z) = prod_j N(z_j | m_j, s_j^2) (the public constructor); with one block it is any Gaussian.
 * As one d-dimensional Gaussian its covariance is block diagonal ({@link #asMultivariate()}).
 * The states of {@link GaussianMeanField}, which owns the blocks and checks they partition 0..d-1.
 */
public final class MeanFieldGaussianState {
    private static final String NAME = "MeanFieldGaussianState";

    /** The blocks, or null for the singletons {0}, ..., {d-1}. */
    private final int[][] blocks;
    private final double[] means;
    /** The diagonal of the covariance, every coordinate's variance. */
    private final double[] variances;
    /** S_k per block, or null for singletons (then S_k = variances[k]). */
    private final double[][][] covariances;

    /**
     * The fully factorised q(z) = prod_j N(z_j | m_j, s_j^2).
     *
     * @param means m_j (finite)
     * @param variances s_j^2 (finite, > 0), as many as means
     * @throws IllegalArgumentException on a non-finite mean, a variance that is not > 0, or lengths that differ
     */
    public MeanFieldGaussianState(double[] means, double[] variances) {
        this.means = Check.finiteVector(NAME, "means", means);
        this.variances = Check.positiveVector(NAME, "variances", variances);
        Check.sameLength(NAME, "means", this.means.length, "variances", this.variances.length);
        this.blocks = null;
        this.covariances = null;
    }

    /** Blocks already checked to partition 0..d-1 (by {@link GaussianMeanField}); every S_k is checked here. */
    MeanFieldGaussianState(int[][] blocks, double[] means, double[][][] covariances) {
        this.blocks = blocks;
        this.means = Check.finiteVector(NAME, "means", means);
        Check.sameLength(NAME, "blocks", blocks.length, "covariances", covariances.length);
        this.covariances = new double[blocks.length][][];
        this.variances = new double[this.means.length];
        for (int k = 0; k < blocks.length; k++) {
            String name = "covariances[" + k + "]";
            double[][] s = Check.symmetricMatrix(NAME, name, covariances[k], blocks[k].length);
            Matrices.cholesky(NAME, name, s); // positive definite, or a message naming the block
            this.covariances[k] = s;
            for (int a = 0; a < blocks[k].length; a++) {
                variances[blocks[k][a]] = s[a][a];
            }
        }
    }

    /** The dimension d of z. */
    public int dimension() {
        return means.length;
    }

    /** A copy of the mean vector m (original coordinate order). */
    public double[] means() {
        return means.clone();
    }

    /** Every coordinate's variance under q (the diagonal of the block-diagonal covariance), a copy. */
    public double[] variances() {
        return variances.clone();
    }

    /** m_j, the mean of coordinate j. */
    public double mean(int j) {
        return means[j];
    }

    /** The variance of coordinate j under q. */
    public double variance(int j) {
        return variances[j];
    }

    /** True when every block is a single coordinate: q(z) = prod_j N(z_j | m_j, s_j^2). */
    public boolean fullyFactorised() {
        if (blocks == null) {
            return true;
        }
        for (int[] b : blocks) {
            if (b.length != 1) {
                return false;
            }
        }
        return true;
    }

    /** The number of blocks K. */
    public int blockCount() {
        return blocks == null ? means.length : blocks.length;
    }

    /** The coordinates of block k (a copy). */
    public int[] block(int k) {
        return blocks == null ? new int[] {checkIndex(k)} : blocks[k].clone();
    }

    /** A copy of S_k, the covariance of block k. */
    public double[][] covariance(int k) {
        return covariances == null ? new double[][] {{variances[checkIndex(k)]}} : Matrices.copy(covariances[k]);
    }

    /** The marginal of coordinate j under q, N(m_j, Var_q[z_j]). */
    public Normal factor(int j) {
        return Normal.ofMeanVariance(means[j], variances[j]);
    }

    /** The factor q_k as a Gaussian over the coordinates of block k. */
    public MultivariateNormal blockFactor(int k) {
        int[] b = block(k);
        double[] m = new double[b.length];
        for (int a = 0; a < b.length; a++) {
            m[a] = means[b[a]];
        }
        return MultivariateNormal.ofMeanCovariance(m, covariance(k));
    }

    /** The full d x d block-diagonal covariance. */
    public double[][] fullCovariance() {
        if (covariances == null) {
            return Matrices.diagonal(variances);
        }
        double[][] s = new double[means.length][means.length];
        for (int k = 0; k < blocks.length; k++) {
            int[] b = blocks[k];
            for (int a = 0; a < b.length; a++) {
                for (int c = 0; c < b.length; c++) {
                    s[b[a]][b[c]] = covariances[k][a][c];
                }
            }
        }
        return s;
    }

    /** q as one d-dimensional Gaussian (block-diagonal covariance; diagonal for singletons). */
    public MultivariateNormal asMultivariate() {
        return covariances == null
                ? MultivariateNormal.ofMeanDiagonalVariance(means, variances)
                : MultivariateNormal.ofMeanCovariance(means, fullCovariance());
    }

    private int checkIndex(int k) {
        if (k < 0 || k >= means.length) {
            throw new IndexOutOfBoundsException(NAME + " block must be in 0.." + (means.length - 1) + ", got " + k);
        }
        return k;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MeanFieldGaussianState other)) {
            return false;
        }
        return Arrays.equals(means, other.means) && Arrays.deepEquals(blocksOrSingletons(), other.blocksOrSingletons())
                && Arrays.deepEquals(covariancesOrDiagonal(), other.covariancesOrDiagonal());
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(variances);
    }

    private int[][] blocksOrSingletons() {
        int[][] b = new int[blockCount()][];
        for (int k = 0; k < b.length; k++) {
            b[k] = blocks == null ? new int[] {k} : blocks[k];
        }
        return b;
    }

    private double[][][] covariancesOrDiagonal() {
        double[][][] s = new double[blockCount()][][];
        for (int k = 0; k < s.length; k++) {
            s[k] = covariances == null ? new double[][] {{variances[k]}} : covariances[k];
        }
        return s;
    }

    @Override
    public String toString() {
        if (fullyFactorised()) {
            return "q(means=" + Arrays.toString(means) + ", variances=" + Arrays.toString(variances) + ")";
        }
        StringBuilder sb = new StringBuilder("q(");
        for (int k = 0; k < blocks.length; k++) {
            if (k > 0) {
                sb.append(" x ");
            }
            sb.append("N(z").append(Arrays.toString(blocks[k])).append(" | ").append(blockFactor(k)).append(')');
        }
        return sb.append(')').toString();
    }
}
