package org.vworkbook.cavi;

import java.util.Arrays;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * A Gaussian that factorises over blocks of coordinates,
 *
 * <pre>
 *   q(z) = prod_k N(z_{B_k} | m_{B_k}, S_k),
 * </pre>
 *
 * held as the full mean vector m (length d, in the original coordinate order) and one full
 * covariance S_k per block. As one d-dimensional Gaussian its covariance is block diagonal.
 * Built by {@link BlockGaussianMeanField}, which owns the blocks and checks they partition 0..d-1.
 */
public final class BlockGaussianState {
    private final int[][] blocks;
    private final double[] means;
    private final double[][][] covariances;

    BlockGaussianState(int[][] blocks, double[] means, double[][][] covariances) {
        this.blocks = blocks;
        this.means = Check.finiteVector("BlockGaussianState", "means", means);
        Check.sameLength("BlockGaussianState", "blocks", blocks.length, "covariances", covariances.length);
        this.covariances = new double[blocks.length][][];
        for (int k = 0; k < blocks.length; k++) {
            String name = "covariances[" + k + "]";
            double[][] s = Check.symmetricMatrix("BlockGaussianState", name, covariances[k], blocks[k].length);
            Matrices.cholesky("BlockGaussianState", name, s); // positive definite, or a message naming the block
            this.covariances[k] = s;
        }
    }

    /** The number of blocks. */
    public int blockCount() {
        return blocks.length;
    }

    /** The coordinates of block k (a copy). */
    public int[] block(int k) {
        return blocks[k].clone();
    }

    /** The dimension d of z. */
    public int dimension() {
        return means.length;
    }

    /** A copy of the mean vector (original coordinate order). */
    public double[] means() {
        return means.clone();
    }

    public double mean(int i) {
        return means[i];
    }

    /** A copy of S_k, the covariance of block k. */
    public double[][] covariance(int k) {
        return Matrices.copy(covariances[k]);
    }

    /** The variance of coordinate i under q (the diagonal of the block-diagonal covariance). */
    public double variance(int i) {
        for (int k = 0; k < blocks.length; k++) {
            for (int a = 0; a < blocks[k].length; a++) {
                if (blocks[k][a] == i) {
                    return covariances[k][a][a];
                }
            }
        }
        throw new IllegalArgumentException("BlockGaussianState coordinate must be in 0.." + (means.length - 1)
                + ", got " + i);
    }

    /** Every coordinate's variance, in coordinate order. */
    public double[] variances() {
        double[] v = new double[means.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = variance(i);
        }
        return v;
    }

    /** The full d x d block-diagonal covariance. */
    public double[][] fullCovariance() {
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

    /** q as one d-dimensional Gaussian (block-diagonal covariance). */
    public MultivariateNormal asMultivariate() {
        return MultivariateNormal.ofMeanCovariance(means, fullCovariance());
    }

    /** The factor q_k as a Gaussian over the coordinates of block k. */
    public MultivariateNormal factor(int k) {
        int[] b = blocks[k];
        double[] m = new double[b.length];
        for (int a = 0; a < b.length; a++) {
            m[a] = means[b[a]];
        }
        return MultivariateNormal.ofMeanCovariance(m, covariances[k]);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("q(");
        for (int k = 0; k < blocks.length; k++) {
            if (k > 0) {
                sb.append(" x ");
            }
            sb.append("N(z").append(Arrays.toString(blocks[k])).append(" | ").append(factor(k).toString()).append(')');
        }
        return sb.append(')').toString();
    }
}
