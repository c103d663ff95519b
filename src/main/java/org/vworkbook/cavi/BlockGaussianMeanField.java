package org.vworkbook.cavi;

import static org.vworkbook.numerics.Constants.LOG_2PI_E;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.divergence.GaussianKL;
import org.vworkbook.exact.GaussianJoint;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * Mean-field CAVI over chosen blocks of coordinates for a joint that is Gaussian in z,
 * log p(x, z) = c + h^T z - 1/2 z^T Lambda z ({@link GaussianJoint}), with the family
 *
 * <pre>
 *   q(z) = prod_k q_k(z_{B_k}),   B_1, ..., B_K a partition of {0, ..., d-1}.
 * </pre>
 *
 * <p><b>Update.</b> From log q_k*(z_k) = E_{-k}[log p(x, z)] + const (Bishop 10.9), the terms in
 * z_k = z_{B_k} are (h_k - sum_{l != k} Lambda_kl m_l)^T z_k - 1/2 z_k^T Lambda_kk z_k, so
 *
 * <pre>
 *   q_k* = N( Lambda_kk^-1 (h_k - sum_{l != k} Lambda_kl m_l),  Lambda_kk^-1 ).
 * </pre>
 *
 * With singleton blocks this is {@link GaussianMeanField}; with one block holding every
 * coordinate it is the exact posterior after one update.
 *
 * <p><b>ELBO</b> of any Gaussian q = N(m, S) (so also of a block-diagonal one):
 *
 * <pre>
 *   L(q) = c + h^T m - 1/2 (m^T Lambda m + tr(Lambda S)) + 1/2 (d log(2 pi e) + log |S|).
 * </pre>
 *
 * It satisfies log p(x) = L(q) + KL(q, p(z | x)) for every q.
 *
 * <p><b>Fixed point.</b> Every block equation Lambda_kk m_k + sum_{l != k} Lambda_kl m_l = h_k holds,
 * i.e. Lambda m = h: the means are exact. The covariances are S_k = Lambda_kk^-1, so the KL that
 * remains is
 *
 * <pre>
 *   KL(q*, p) = 1/2 ( sum_k log |Lambda_kk| - log |Lambda| ) >= 0   (Fischer's inequality),
 * </pre>
 *
 * zero exactly when Lambda is block diagonal, i.e. when the posterior factorises over the blocks.
 * For two singleton blocks it is -1/2 log(1 - rho^2), rho the posterior correlation; for any two
 * blocks it equals the mutual information between them under the posterior.
 *
 * <p>Blocks are updated in the given order within a sweep; the stopping rule is the contract's,
 * the largest change of any mean.
 */
public final class BlockGaussianMeanField implements CoordinateAscent<BlockGaussianState> {

    private final GaussianJoint joint;
    private final int[][] blocks;
    /** Lambda_kk^-1 per block, the fixed covariance of every updated factor. */
    private final double[][][] blockCovariances;
    private final CholeskyDecomposition[] blockCholesky;

    private BlockGaussianMeanField(GaussianJoint joint, int[][] blocks) {
        this.joint = joint;
        this.blocks = blocks;
        this.blockCovariances = new double[blocks.length][][];
        this.blockCholesky = new CholeskyDecomposition[blocks.length];
        for (int k = 0; k < blocks.length; k++) {
            double[][] lkk = subMatrix(joint, blocks[k], blocks[k]);
            blockCholesky[k] = Matrices.cholesky("BlockGaussianMeanField", "precision block " + k, lkk);
            double[][] inv = blockCholesky[k].getSolver().getInverse().getData();
            symmetrise(inv);
            blockCovariances[k] = inv;
        }
    }

    /**
     * Mean-field over the given blocks.
     *
     * @param joint the Gaussian joint
     * @param blocks a partition of {0, ..., d-1}: every block non-empty, every coordinate in exactly one block
     * @throws IllegalArgumentException if the joint is null or the blocks do not partition the coordinates
     */
    public static BlockGaussianMeanField of(GaussianJoint joint, int[]... blocks) {
        if (joint == null) {
            throw new IllegalArgumentException("BlockGaussianMeanField joint must not be null");
        }
        return new BlockGaussianMeanField(joint, checkPartition(blocks, joint.dimension()));
    }

    /** The fully factorised family: blocks {0}, {1}, ..., {d-1} (the same updates as {@link GaussianMeanField}). */
    public static BlockGaussianMeanField singletons(GaussianJoint joint) {
        if (joint == null) {
            throw new IllegalArgumentException("BlockGaussianMeanField joint must not be null");
        }
        int[][] blocks = new int[joint.dimension()][];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new int[] {i};
        }
        return new BlockGaussianMeanField(joint, blocks);
    }

    private static int[][] checkPartition(int[][] blocks, int d) {
        if (blocks == null || blocks.length == 0) {
            throw new IllegalArgumentException("BlockGaussianMeanField blocks must not be empty");
        }
        int[] seen = new int[d];
        int[][] copy = new int[blocks.length][];
        for (int k = 0; k < blocks.length; k++) {
            if (blocks[k] == null || blocks[k].length == 0) {
                throw new IllegalArgumentException("BlockGaussianMeanField block " + k + " must not be empty");
            }
            copy[k] = blocks[k].clone();
            for (int i : copy[k]) {
                if (i < 0 || i >= d) {
                    throw new IllegalArgumentException("BlockGaussianMeanField block " + k
                            + " coordinates must be in 0.." + (d - 1) + ", got " + i);
                }
                seen[i]++;
            }
        }
        for (int i = 0; i < d; i++) {
            if (seen[i] != 1) {
                throw new IllegalArgumentException("BlockGaussianMeanField blocks must contain every coordinate 0.."
                        + (d - 1) + " exactly once, coordinate " + i + " appears " + seen[i] + " times");
            }
        }
        return copy;
    }

    public GaussianJoint joint() {
        return joint;
    }

    public int blockCount() {
        return blocks.length;
    }

    /** The coordinates of block k (a copy). */
    public int[] block(int k) {
        return blocks[k].clone();
    }

    /**
     * A state with the given means and diagonal block covariances (each coordinate's variance); the
     * notebooks start from the prior means and variances.
     */
    public BlockGaussianState state(double[] means, double[] variances) {
        double[] m = Check.finiteVector("BlockGaussianMeanField", "means", means);
        double[] v = Check.positiveVector("BlockGaussianMeanField", "variances", variances);
        Check.sameLength("BlockGaussianMeanField", "means", m.length, "model dimension", joint.dimension());
        Check.sameLength("BlockGaussianMeanField", "variances", v.length, "model dimension", joint.dimension());
        double[][][] s = new double[blocks.length][][];
        for (int k = 0; k < blocks.length; k++) {
            s[k] = new double[blocks[k].length][blocks[k].length];
            for (int a = 0; a < blocks[k].length; a++) {
                s[k][a][a] = v[blocks[k][a]];
            }
        }
        return new BlockGaussianState(blocks, m, s);
    }

    /** Runs CAVI from the given means and variances, through {@link Cavi#run}. */
    public CaviResult<BlockGaussianState> run(double[] initialMeans, double[] initialVariances, CaviOptions options) {
        return Cavi.run(this, state(initialMeans, initialVariances), options);
    }

    /** Updates block k alone to its optimum given the current means of the other blocks. */
    public BlockGaussianState updateBlock(BlockGaussianState q, int k) {
        int[] b = blocks[k];
        double[] m = q.means();
        double[] rhs = new double[b.length];
        for (int a = 0; a < b.length; a++) {
            int i = b[a];
            double s = joint.linear(i);
            for (int j = 0; j < m.length; j++) {
                if (!contains(b, j)) {
                    s -= joint.precision(i, j) * m[j];
                }
            }
            rhs[a] = s;
        }
        double[] mk = blockCholesky[k].getSolver().solve(new ArrayRealVector(rhs, false)).toArray();
        for (int a = 0; a < b.length; a++) {
            m[b[a]] = mk[a];
        }
        double[][][] s = new double[blocks.length][][];
        for (int l = 0; l < blocks.length; l++) {
            s[l] = l == k ? blockCovariances[k] : q.covariance(l);
        }
        return new BlockGaussianState(blocks, m, s);
    }

    @Override
    public BlockGaussianState sweep(BlockGaussianState state) {
        BlockGaussianState q = state;
        for (int k = 0; k < blocks.length; k++) {
            q = updateBlock(q, k);
        }
        return q;
    }

    @Override
    public double elbo(BlockGaussianState q) {
        return elbo(q.means(), q.fullCovariance());
    }

    /**
     * The ELBO of any Gaussian q = N(m, S), block-diagonal or not:
     * c + h^T m - 1/2 (m^T Lambda m + tr(Lambda S)) + 1/2 (d log(2 pi e) + log |S|).
     */
    public double elbo(MultivariateNormal q) {
        Check.sameLength("BlockGaussianMeanField", "q dimension", q.dimension(), "model dimension", joint.dimension());
        return elbo(q.mean(), q.covariance());
    }

    private double elbo(double[] m, double[][] s) {
        double[][] lambda = joint.precision();
        double[] h = joint.linear();
        int d = m.length;
        CholeskyDecomposition chol = Matrices.cholesky("BlockGaussianMeanField", "q covariance", s);
        return joint.constant() + Matrices.dot(h, m)
                - 0.5 * (Matrices.dot(m, Matrices.multiply(lambda, m)) + Matrices.traceOfProduct(lambda, s))
                + 0.5 * (d * LOG_2PI_E + Matrices.logDeterminant(chol));
    }

    /**
     * The sum of the absolute values of the terms of {@link #elbo(BlockGaussianState)} (see
     * {@link CoordinateAscent#elboMagnitude}): the scale of its rounding error.
     */
    @Override
    public double elboMagnitude(BlockGaussianState q) {
        return elboMagnitude(q.means(), q.fullCovariance());
    }

    /** The same for any Gaussian q, the scale of the rounding error of {@link #elbo(MultivariateNormal)}. */
    public double elboMagnitude(MultivariateNormal q) {
        Check.sameLength("BlockGaussianMeanField", "q dimension", q.dimension(), "model dimension", joint.dimension());
        return elboMagnitude(q.mean(), q.covariance());
    }

    private double elboMagnitude(double[] m, double[][] s) {
        int d = m.length;
        double sum = Math.abs(joint.constant());
        for (int i = 0; i < d; i++) {
            sum += Math.abs(joint.linear(i) * m[i]);
            for (int k = 0; k < d; k++) {
                sum += 0.5 * Math.abs(m[i] * joint.precision(i, k) * m[k]) + 0.5 * Math.abs(joint.precision(i, k) * s[k][i]);
            }
        }
        double logDet = Matrices.logDeterminant(Matrices.cholesky("BlockGaussianMeanField", "q covariance", s));
        return sum + 0.5 * (d * LOG_2PI_E + Math.abs(logDet));
    }

    /** The largest absolute change of any mean (the contract's stopping rule). */
    @Override
    public double change(BlockGaussianState before, BlockGaussianState after) {
        double max = 0;
        for (int i = 0; i < before.dimension(); i++) {
            max = Math.max(max, Math.abs(after.mean(i) - before.mean(i)));
        }
        return max;
    }

    /** KL(q, exact posterior) in closed form between the two Gaussians. */
    public double klToPosterior(BlockGaussianState q) {
        return GaussianKL.between(q.asMultivariate(), joint.posterior());
    }

    /** log p(x) of the joint, for the identity log p(x) = ELBO + KL. */
    public double logEvidence() {
        return joint.logEvidence();
    }

    /**
     * The fixed point of the updates in closed form: means Lambda^-1 h (the exact posterior means),
     * block covariances Lambda_kk^-1.
     */
    public BlockGaussianState optimum() {
        double[][][] s = new double[blocks.length][][];
        for (int k = 0; k < blocks.length; k++) {
            s[k] = Matrices.copy(blockCovariances[k]);
        }
        return new BlockGaussianState(blocks, joint.posterior().mean(), s);
    }

    /**
     * KL(q*, p) at the mean-field optimum, in closed form: 1/2 (sum_k log |Lambda_kk| - log |Lambda|).
     * Computed from determinants only (no CAVI run, no KL formula), for checking both.
     */
    public double klAtOptimum() {
        double sum = 0;
        for (CholeskyDecomposition c : blockCholesky) {
            sum += Matrices.logDeterminant(c);
        }
        double logDetLambda = Matrices.logDeterminant(
                Matrices.cholesky("BlockGaussianMeanField", "precision", joint.precision()));
        return 0.5 * (sum - logDetLambda);
    }

    /**
     * The exact condition for q* = p: every cross-block entry Lambda_kl (k != l) of the precision is
     * zero, i.e. the posterior factorises over the blocks. Entries with |Lambda_ij| <= tolerance count as zero.
     */
    public boolean posteriorFactorizes(double tolerance) {
        Check.nonNegative("BlockGaussianMeanField", "tolerance", tolerance);
        int[] blockOf = new int[joint.dimension()];
        for (int k = 0; k < blocks.length; k++) {
            for (int i : blocks[k]) {
                blockOf[i] = k;
            }
        }
        for (int i = 0; i < blockOf.length; i++) {
            for (int j = 0; j < blockOf.length; j++) {
                if (blockOf[i] != blockOf[j] && Math.abs(joint.precision(i, j)) > tolerance) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Two singleton blocks' closed form -1/2 log(1 - rho^2), rho a correlation in (-1, 1).
     *
     * @throws IllegalArgumentException unless |rho| < 1
     */
    public static double twoFactorKl(double rho) {
        if (!(Math.abs(rho) < 1)) {
            throw new IllegalArgumentException("BlockGaussianMeanField rho must be in (-1, 1), got " + rho);
        }
        return -0.5 * Math.log1p(-rho * rho);
    }

    private static double[][] subMatrix(GaussianJoint joint, int[] rows, int[] cols) {
        double[][] s = new double[rows.length][cols.length];
        for (int a = 0; a < rows.length; a++) {
            for (int c = 0; c < cols.length; c++) {
                s[a][c] = joint.precision(rows[a], cols[c]);
            }
        }
        return s;
    }

    private static boolean contains(int[] b, int j) {
        for (int i : b) {
            if (i == j) {
                return true;
            }
        }
        return false;
    }

    private static void symmetrise(double[][] a) {
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                double m = 0.5 * (a[i][j] + a[j][i]);
                a[i][j] = m;
                a[j][i] = m;
            }
        }
    }
}
