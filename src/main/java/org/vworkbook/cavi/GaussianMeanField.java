package org.vworkbook.cavi;

import static org.vworkbook.numerics.Constants.LOG_2PI_E;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.vworkbook.exact.GaussianJoint;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * Mean-field CAVI over blocks of coordinates for a joint that is Gaussian in z,
 * log p(x, z) = c + h^T z - 1/2 z^T Lambda z ({@link GaussianJoint}), with the family
 *
 * <pre>
 *   q(z) = prod_k q_k(z_{B_k}),   B_1, ..., B_K a partition of {0, ..., d-1}.
 * </pre>
 *
 * Three families, one model: {@link #of} the fully factorised q(z) = prod_j N(m_j, s_j^2) (singleton
 * blocks), {@link #ofBlocks} any partition, {@link #exact} one block holding every coordinate.
 *
 * <p><b>Update.</b> From log q_k*(z_k) = E_{-k}[log p(x, z)] + const (Bishop 10.9), the terms in
 * z_k = z_{B_k} are (h_k - sum_{l != k} Lambda_kl m_l)^T z_k - 1/2 z_k^T Lambda_kk z_k, so
 *
 * <pre>
 *   q_k* = N( Lambda_kk^-1 (h_k - sum_{l != k} Lambda_kl m_l),  Lambda_kk^-1 ).
 * </pre>
 *
 * For a singleton block {j} this is m_j = (h_j - sum_{k != j} Lambda_jk m_k) / Lambda_jj, s_j^2 = 1 / Lambda_jj
 * (Bishop 10.13 in this notation). The family of {@link #of} divides by Lambda_jj; {@link #ofBlocks} and
 * {@link #exact} solve every block, a 1 x 1 one too, with the Cholesky factor of its Lambda_kk (the two routes
 * agree to rounding, not bit for bit). With one block there is nothing to average
 * over: the first update is the exact posterior N(Lambda^-1 h, Lambda^-1). Blocks are updated in the given
 * order within a sweep, each with the newest means.
 *
 * <p><b>ELBO</b> of the state, {@link GaussianJoint#elbo} of q as one Gaussian N(m, S):
 * c + h^T m - 1/2 (m^T Lambda m + tr(Lambda S)) + 1/2 (d log(2 pi e) + log |S|). The family of {@link #of}
 * takes the same sum coordinate by coordinate for a fully factorised state (S diagonal),
 * c + h^T m - 1/2 (m^T Lambda m + sum_j Lambda_jj s_j^2) + sum_j 1/2 log(2 pi e s_j^2).
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
 * <p>The stopping rule is the contract's: the largest change of any mean over a sweep.
 */
public final class GaussianMeanField implements CoordinateAscent<MeanFieldGaussianState> {
    private static final String NAME = "GaussianMeanField";

    private final GaussianJoint joint;
    private final int[][] blocks;
    /** Every block one coordinate. */
    private final boolean singletons;
    /** Built by {@link #of}: the scalar updates and the coordinate-wise ELBO. */
    private final boolean scalar;
    /** Lambda_kk^-1 per block, the fixed covariance of every updated factor (null for the family of {@link #of}). */
    private final double[][][] blockCovariances;
    /** The Cholesky factor of Lambda_kk per block. */
    private final CholeskyDecomposition[] blockCholesky;

    private GaussianMeanField(GaussianJoint joint, int[][] blocks, boolean scalar) {
        this.joint = joint;
        this.scalar = scalar;
        this.blocks = blocks;
        boolean single = true;
        for (int[] b : blocks) {
            single &= b.length == 1;
        }
        this.singletons = single;
        this.blockCholesky = new CholeskyDecomposition[blocks.length];
        for (int k = 0; k < blocks.length; k++) {
            blockCholesky[k] = choleskyOfBlock(joint, blocks[k], k);
        }
        if (scalar) {
            this.blockCovariances = null;
        } else {
            this.blockCovariances = new double[blocks.length][][];
            for (int k = 0; k < blocks.length; k++) {
                double[][] inv = blockCholesky[k].getSolver().getInverse().getData();
                Matrices.symmetriseInPlace(inv);
                blockCovariances[k] = inv;
            }
        }
    }

    /**
     * The fully factorised family q(z) = prod_j N(z_j | m_j, s_j^2): blocks {0}, {1}, ..., {d-1}.
     *
     * @throws IllegalArgumentException if the joint is null
     */
    public static GaussianMeanField of(GaussianJoint joint) {
        checkJoint(joint);
        int[][] blocks = new int[joint.dimension()][];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new int[] {i};
        }
        return new GaussianMeanField(joint, blocks, true);
    }

    /**
     * Mean field over the given blocks, updated in the given order.
     *
     * @param joint the Gaussian joint
     * @param blocks a partition of {0, ..., d-1}: every block non-empty, every coordinate in exactly one block
     * @throws IllegalArgumentException if the joint is null or the blocks do not partition the coordinates
     */
    public static GaussianMeanField ofBlocks(GaussianJoint joint, int[]... blocks) {
        checkJoint(joint);
        return new GaussianMeanField(joint, checkPartition(blocks, joint.dimension()), false);
    }

    /**
     * One block holding every coordinate: q = N(m, S) with a full covariance, whose first update is the exact
     * posterior N(Lambda^-1 h, Lambda^-1) (so the ELBO reaches log p(x) after one sweep).
     *
     * @throws IllegalArgumentException if the joint is null
     */
    public static GaussianMeanField exact(GaussianJoint joint) {
        checkJoint(joint);
        int[] all = new int[joint.dimension()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return new GaussianMeanField(joint, new int[][] {all}, false);
    }

    private static void checkJoint(GaussianJoint joint) {
        if (joint == null) {
            throw new IllegalArgumentException(NAME + " joint must not be null");
        }
    }

    private static int[][] checkPartition(int[][] blocks, int d) {
        if (blocks == null || blocks.length == 0) {
            throw new IllegalArgumentException(NAME + " blocks must not be empty");
        }
        int[] seen = new int[d];
        int[][] copy = new int[blocks.length][];
        for (int k = 0; k < blocks.length; k++) {
            if (blocks[k] == null || blocks[k].length == 0) {
                throw new IllegalArgumentException(NAME + " block " + k + " must not be empty");
            }
            copy[k] = blocks[k].clone();
            for (int i : copy[k]) {
                if (i < 0 || i >= d) {
                    throw new IllegalArgumentException(NAME + " block " + k
                            + " coordinates must be in 0.." + (d - 1) + ", got " + i);
                }
                seen[i]++;
            }
        }
        for (int i = 0; i < d; i++) {
            if (seen[i] != 1) {
                throw new IllegalArgumentException(NAME + " blocks must contain every coordinate 0.."
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

    /** True when every block is a single coordinate (the family of {@link #of}). */
    public boolean fullyFactorised() {
        return singletons;
    }

    /**
     * A state of this family with the given means and diagonal block covariances (each coordinate's
     * variance); the notebooks start from the prior means and variances.
     *
     * @throws IllegalArgumentException on a non-finite mean, a variance that is not > 0, or a length that is not d
     */
    public MeanFieldGaussianState state(double[] means, double[] variances) {
        double[] m = Check.finiteVector(NAME, "means", means);
        double[] v = Check.positiveVector(NAME, "variances", variances);
        Check.sameLength(NAME, "means", m.length, "model dimension", joint.dimension());
        Check.sameLength(NAME, "variances", v.length, "model dimension", joint.dimension());
        if (scalar) {
            return new MeanFieldGaussianState(m, v);
        }
        double[][][] s = new double[blocks.length][][];
        for (int k = 0; k < blocks.length; k++) {
            s[k] = new double[blocks[k].length][blocks[k].length];
            for (int a = 0; a < blocks[k].length; a++) {
                s[k][a][a] = v[blocks[k][a]];
            }
        }
        return new MeanFieldGaussianState(blocks, m, s);
    }

    /**
     * Runs CAVI through {@link Cavi#run} from the given means with the given starting variances (the
     * notebooks use each coordinate's prior variance).
     */
    public CaviResult<MeanFieldGaussianState> run(double[] initialMeans, double[] initialVariances,
            CaviOptions options) {
        Check.sameLength(NAME, "initialMeans", initialMeans == null ? 0 : initialMeans.length,
                "model dimension", joint.dimension());
        return Cavi.run(this, state(initialMeans, initialVariances), options);
    }

    /** Every coordinate's variance at the fixed point: 1 / Lambda_jj for the family of {@link #of}, else the diagonal of Lambda_kk^-1. */
    public double[] optimalVariances() {
        if (scalar) {
            double[] v = new double[joint.dimension()];
            for (int j = 0; j < v.length; j++) {
                v[j] = 1.0 / joint.precision(j, j);
            }
            return v;
        }
        double[] v = new double[joint.dimension()];
        for (int k = 0; k < blocks.length; k++) {
            for (int a = 0; a < blocks[k].length; a++) {
                v[blocks[k][a]] = blockCovariances[k][a][a];
            }
        }
        return v;
    }

    /**
     * Updates coordinate j alone, as a singleton factor, given the current means of the others:
     * m_j = (h_j - sum_{k != j} Lambda_jk m_k) / Lambda_jj, s_j^2 = 1 / Lambda_jj. Returns a fully factorised state.
     */
    public MeanFieldGaussianState updateFactor(MeanFieldGaussianState state, int j) {
        double[] m = state.means();
        double[] v = state.variances();
        double lambdaJJ = joint.precision(j, j);
        double s = joint.linear(j);
        for (int k = 0; k < m.length; k++) {
            if (k != j) {
                s -= joint.precision(j, k) * m[k];
            }
        }
        m[j] = s / lambdaJJ;
        v[j] = 1.0 / lambdaJJ;
        return new MeanFieldGaussianState(m, v);
    }

    /** Updates block k alone to its optimum given the current means of the other blocks. */
    public MeanFieldGaussianState updateBlock(MeanFieldGaussianState q, int k) {
        if (scalar) {
            return updateFactor(q, blocks[k][0]);
        }
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
            s[l] = l == k ? blockCovariances[k] : blockCovarianceOf(q, l);
        }
        return new MeanFieldGaussianState(blocks, m, s);
    }

    /** S_l of q for this model's block l (q may be a state of another blocking, e.g. a fully factorised start). */
    private double[][] blockCovarianceOf(MeanFieldGaussianState q, int l) {
        if (q.blockCount() == blocks.length && java.util.Arrays.equals(q.block(l), blocks[l])) {
            return q.covariance(l);
        }
        double[][] full = q.fullCovariance();
        int[] b = blocks[l];
        double[][] s = new double[b.length][b.length];
        for (int a = 0; a < b.length; a++) {
            for (int c = 0; c < b.length; c++) {
                s[a][c] = full[b[a]][b[c]];
            }
        }
        return s;
    }

    @Override
    public MeanFieldGaussianState sweep(MeanFieldGaussianState state) {
        MeanFieldGaussianState q = state;
        for (int k = 0; k < blocks.length; k++) {
            q = updateBlock(q, k);
        }
        return q;
    }

    /**
     * The ELBO of q: coordinate by coordinate for the family of {@link #of} and a fully factorised q, else
     * {@link GaussianJoint#elbo} of q as one Gaussian (see the class comment).
     */
    @Override
    public double elbo(MeanFieldGaussianState q) {
        if (!scalar || !q.fullyFactorised()) {
            return joint.elbo(q.asMultivariate());
        }
        int d = q.dimension();
        double linear = 0;
        double quadratic = 0;
        double entropy = 0;
        for (int i = 0; i < d; i++) {
            linear += joint.linear(i) * q.mean(i);
            quadratic += joint.precision(i, i) * q.variance(i);
            for (int k = 0; k < d; k++) {
                quadratic += q.mean(i) * joint.precision(i, k) * q.mean(k);
            }
            entropy += 0.5 * (LOG_2PI_E + Math.log(q.variance(i)));
        }
        return joint.constant() + linear - 0.5 * quadratic + entropy;
    }

    /**
     * The sum of the absolute values of the terms of {@link #elbo}: |c| + sum_i |h_i m_i|
     * + 1/2 (sum_ik |m_i Lambda_ik m_k| + sum_j Lambda_jj s_j^2) + sum_j 1/2 |log(2 pi e s_j^2)| where
     * {@link #elbo} sums coordinate by coordinate, {@link GaussianJoint#elboMagnitude} otherwise. The computed ELBO is within a few units in
     * the last place of this of the exact one; with a small noise variance it is much larger than |ELBO|
     * (c and h^T m nearly cancel).
     */
    @Override
    public double elboMagnitude(MeanFieldGaussianState q) {
        if (!scalar || !q.fullyFactorised()) {
            return joint.elboMagnitude(q.asMultivariate());
        }
        int d = q.dimension();
        double sum = Math.abs(joint.constant());
        for (int i = 0; i < d; i++) {
            sum += Math.abs(joint.linear(i) * q.mean(i));
            sum += 0.5 * joint.precision(i, i) * q.variance(i);
            for (int k = 0; k < d; k++) {
                sum += 0.5 * Math.abs(q.mean(i) * joint.precision(i, k) * q.mean(k));
            }
            sum += 0.5 * Math.abs(LOG_2PI_E + Math.log(q.variance(i)));
        }
        return sum;
    }

    /** The largest absolute change of any mean (the contract's stopping rule). */
    @Override
    public double change(MeanFieldGaussianState before, MeanFieldGaussianState after) {
        double max = 0;
        for (int j = 0; j < before.dimension(); j++) {
            max = Math.max(max, Math.abs(after.mean(j) - before.mean(j)));
        }
        return max;
    }

    /** KL(q, exact posterior), in closed form between the two Gaussians ({@link GaussianJoint#klToPosterior}). */
    public double klToPosterior(MeanFieldGaussianState q) {
        return joint.klToPosterior(q.asMultivariate());
    }

    /** log p(x) of the joint, for the identity log p(x) = ELBO + KL. */
    public double logEvidence() {
        return joint.logEvidence();
    }

    /**
     * The fixed point of the updates in closed form: means Lambda^-1 h (the exact posterior means),
     * block covariances Lambda_kk^-1.
     */
    public MeanFieldGaussianState optimum() {
        if (scalar) {
            return new MeanFieldGaussianState(joint.posterior().mean(), optimalVariances());
        }
        double[][][] s = new double[blocks.length][][];
        for (int k = 0; k < blocks.length; k++) {
            s[k] = Matrices.copy(blockCovariances[k]);
        }
        return new MeanFieldGaussianState(blocks, joint.posterior().mean(), s);
    }

    /**
     * KL(q*, p) at the mean-field optimum, in closed form: 1/2 (sum_k log |Lambda_kk| - log |Lambda|).
     * Computed from determinants only (no CAVI run, no KL formula), for checking both.
     */
    public double klAtOptimum() {
        double sum = 0;
        for (int k = 0; k < blocks.length; k++) {
            sum += Matrices.logDeterminant(blockCholesky[k]);
        }
        double logDetLambda = Matrices.logDeterminant(Matrices.cholesky(NAME, "precision", joint.precision()));
        return 0.5 * (sum - logDetLambda);
    }

    /**
     * The exact condition for q* = p: every cross-block entry Lambda_kl (k != l) of the precision is
     * zero, i.e. the posterior factorises over the blocks. Entries with |Lambda_ij| <= tolerance count as zero.
     */
    public boolean posteriorFactorizes(double tolerance) {
        Check.nonNegative(NAME, "tolerance", tolerance);
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
            throw new IllegalArgumentException(NAME + " rho must be in (-1, 1), got " + rho);
        }
        return -0.5 * Math.log1p(-rho * rho);
    }

    private static CholeskyDecomposition choleskyOfBlock(GaussianJoint joint, int[] b, int k) {
        double[][] lkk = new double[b.length][b.length];
        for (int a = 0; a < b.length; a++) {
            for (int c = 0; c < b.length; c++) {
                lkk[a][c] = joint.precision(b[a], b[c]);
            }
        }
        return Matrices.cholesky(NAME, "precision block " + k, lkk);
    }

    private static boolean contains(int[] b, int j) {
        for (int i : b) {
            if (i == j) {
                return true;
            }
        }
        return false;
    }
}
