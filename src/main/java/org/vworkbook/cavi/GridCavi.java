package org.vworkbook.cavi;

import java.util.Locale;
import org.vworkbook.util.Check;

/**
 * Mean-field CAVI for any model with two or three scalar latents, computed numerically on a grid.
 *
 * <p>The user writes the log joint log p(x, z) (data fixed) as a Java lambda and gives a grid per
 * latent. Everything is then a sum over the tensor grid with trapezoid weights w_j(i) per axis:
 *
 * <ul>
 *   <li><b>exact posterior</b>: p(z | x) = exp(log p(x, z) - log Z), with the evidence
 *       log Z = log sum_z W(z) exp(log p(x, z)) computed by log-sum-exp (W the product of the weights);
 *   <li><b>mean-field update</b> (Bishop 10.9): log q_j*(z_j) = E_{-j}[log p(x, z)] + const, where
 *       E_{-j} is the sum over the other axes weighted by their masses w_k q_k; the factor is
 *       normalised by log-sum-exp, sum_i w_j(i) q_j(i) = 1;
 *   <li><b>ELBO</b>: sum_z W q log p(x, z) - sum_j sum_i w_j q_j log q_j, and
 *       <b>KL(q, p)</b> = sum_z W q (log q - log p), so log Z = ELBO + KL holds on the grid exactly.
 * </ul>
 *
 * <p>With masses pi_j = w_j q_j these are the ELBO and the coordinate update of a discrete model on
 * the grid nodes, so each update maximises the grid ELBO in its factor and the ELBO trace never
 * decreases (runs go through {@link Cavi#run}, which checks it). For smooth densities that vanish
 * at the grid ends the trapezoid rule converges fast (spectrally for Gaussians), so the grid answers
 * approach the continuous ones; {@link #edgeMass} tells whether the grid is wide enough.
 *
 * <p>The stopping rule is the largest L1 distance sum_i w_j |q_j'(i) - q_j(i)| between successive
 * factors (twice the total-variation distance), compared with the tolerance.
 *
 * <p>The log joint may return -infinity (zero density, e.g. outside a support); NaN and +infinity
 * are refused.
 */
public final class GridCavi implements CoordinateAscent<GridFactors> {
    /** The fewest nodes a grid may have. */
    public static final int MIN_GRID_POINTS = 5;
    /** The most nodes the tensor grid may have in all (memory: two doubles per node). */
    public static final long MAX_GRID_POINTS = 20_000_000L;

    /** A log joint of two scalar latents. */
    @FunctionalInterface
    public interface LogJoint2 {
        double at(double z1, double z2);
    }

    /** A log joint of three scalar latents. */
    @FunctionalInterface
    public interface LogJoint3 {
        double at(double z1, double z2, double z3);
    }

    private static final double[] DUMMY_GRID = {0.0};
    private static final double[] DUMMY_WEIGHT = {1.0};

    private final int d;
    /** Always three axes; a two-latent model has a third axis with one node of weight 1. */
    private final double[][] grids;
    private final double[][] weights;
    private final int n0;
    private final int n1;
    private final int n2;
    private final double[] logJoint;
    private final double logEvidence;
    private final double[] posterior;
    /** The exact posterior's probability mass at each node of each axis (trapezoid weights included). */
    private final double[][] marginalMasses;

    private GridCavi(int d, double[][] grids, double[] logJoint) {
        this.d = d;
        this.grids = grids;
        this.weights = new double[3][];
        for (int k = 0; k < 3; k++) {
            weights[k] = k < d ? trapezoidWeights(grids[k]) : DUMMY_WEIGHT;
        }
        this.n0 = grids[0].length;
        this.n1 = grids[1].length;
        this.n2 = grids[2].length;
        this.logJoint = logJoint;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logJoint) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("GridCavi log joint is -infinity at every grid point: the grid misses"
                    + " the support of the posterior");
        }
        double sum = 0;
        for (int i0 = 0; i0 < n0; i0++) {
            for (int i1 = 0; i1 < n1; i1++) {
                double w01 = weights[0][i0] * weights[1][i1];
                int base = (i0 * n1 + i1) * n2;
                for (int i2 = 0; i2 < n2; i2++) {
                    sum += w01 * weights[2][i2] * Math.exp(logJoint[base + i2] - max);
                }
            }
        }
        this.logEvidence = max + Math.log(sum);
        this.posterior = new double[logJoint.length];
        for (int k = 0; k < logJoint.length; k++) {
            posterior[k] = Math.exp(logJoint[k] - logEvidence);
        }
        this.marginalMasses = new double[][] {new double[n0], new double[n1], new double[n2]};
        for (int i0 = 0; i0 < n0; i0++) {
            for (int i1 = 0; i1 < n1; i1++) {
                double w01 = weights[0][i0] * weights[1][i1];
                int base = (i0 * n1 + i1) * n2;
                double row = 0;
                for (int i2 = 0; i2 < n2; i2++) {
                    double m = w01 * weights[2][i2] * posterior[base + i2];
                    marginalMasses[2][i2] += m;
                    row += m;
                }
                marginalMasses[0][i0] += row;
                marginalMasses[1][i1] += row;
            }
        }
    }

    /**
     * A model with two latents.
     *
     * @param logJoint log p(x, z1, z2) with the data fixed; must not return NaN or +infinity
     * @param grid1 strictly increasing, finite, at least {@link #MIN_GRID_POINTS} nodes
     * @param grid2 likewise
     */
    public static GridCavi of(LogJoint2 logJoint, double[] grid1, double[] grid2) {
        if (logJoint == null) {
            throw new IllegalArgumentException("GridCavi log joint must not be null");
        }
        double[] g1 = checkGrid("GridCavi", "grid z1", grid1, MIN_GRID_POINTS);
        double[] g2 = checkGrid("GridCavi", "grid z2", grid2, MIN_GRID_POINTS);
        checkSize((long) g1.length * g2.length);
        double[] values = new double[g1.length * g2.length];
        for (int a = 0; a < g1.length; a++) {
            for (int b = 0; b < g2.length; b++) {
                double v = logJoint.at(g1[a], g2[b]);
                checkValue(v, g1[a], g2[b]);
                values[a * g2.length + b] = v;
            }
        }
        return new GridCavi(2, new double[][] {g1, g2, DUMMY_GRID}, values);
    }

    /**
     * A model with three latents.
     *
     * @param logJoint log p(x, z1, z2, z3) with the data fixed; must not return NaN or +infinity
     * @param grid1 strictly increasing, finite, at least {@link #MIN_GRID_POINTS} nodes
     * @param grid2 likewise
     * @param grid3 likewise
     */
    public static GridCavi of(LogJoint3 logJoint, double[] grid1, double[] grid2, double[] grid3) {
        if (logJoint == null) {
            throw new IllegalArgumentException("GridCavi log joint must not be null");
        }
        double[] g1 = checkGrid("GridCavi", "grid z1", grid1, MIN_GRID_POINTS);
        double[] g2 = checkGrid("GridCavi", "grid z2", grid2, MIN_GRID_POINTS);
        double[] g3 = checkGrid("GridCavi", "grid z3", grid3, MIN_GRID_POINTS);
        checkSize((long) g1.length * g2.length * g3.length);
        double[] values = new double[g1.length * g2.length * g3.length];
        for (int a = 0; a < g1.length; a++) {
            for (int b = 0; b < g2.length; b++) {
                int base = (a * g2.length + b) * g3.length;
                for (int c = 0; c < g3.length; c++) {
                    double v = logJoint.at(g1[a], g2[b], g3[c]);
                    checkValue(v, g1[a], g2[b], g3[c]);
                    values[base + c] = v;
                }
            }
        }
        return new GridCavi(3, new double[][] {g1, g2, g3}, values);
    }

    /** n evenly spaced nodes from lo to hi inclusive (a convenience for building grids). */
    public static double[] grid(double lo, double hi, int n) {
        Check.finite("GridCavi", "grid lower end", lo);
        Check.finite("GridCavi", "grid upper end", hi);
        if (!(hi > lo)) {
            throw new IllegalArgumentException("GridCavi grid upper end must be > lower end " + lo + ", got " + hi);
        }
        Check.atLeast("GridCavi", "grid points", n, MIN_GRID_POINTS);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = lo + (hi - lo) * i / (n - 1);
        }
        g[n - 1] = hi;
        return g;
    }

    static double[] checkGrid(String owner, String name, double[] grid, int minPoints) {
        if (grid == null) {
            throw new IllegalArgumentException(owner + " " + name + " must not be null");
        }
        if (grid.length == 0) {
            throw new IllegalArgumentException(owner + " " + name + " must not be empty");
        }
        double[] g = Check.finiteVector(owner, name, grid);
        if (g.length < minPoints) {
            throw new IllegalArgumentException(owner + " " + name + " must have at least " + minPoints
                    + " points, got " + g.length);
        }
        for (int i = 1; i < g.length; i++) {
            if (!(g[i] > g[i - 1])) {
                throw new IllegalArgumentException(owner + " " + name + " must be strictly increasing, got "
                        + name + "[" + i + "] = " + g[i] + " after " + name + "[" + (i - 1) + "] = " + g[i - 1]);
            }
        }
        return g;
    }

    private static void checkSize(long total) {
        if (total > MAX_GRID_POINTS) {
            throw new IllegalArgumentException("GridCavi grid must have at most " + MAX_GRID_POINTS
                    + " points in all, got " + total);
        }
    }

    private static void checkValue(double v, double... z) {
        if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
            StringBuilder at = new StringBuilder("(");
            for (int k = 0; k < z.length; k++) {
                at.append(k == 0 ? "" : ", ").append(z[k]);
            }
            at.append(')');
            String names = z.length == 2 ? "(z1, z2)" : "(z1, z2, z3)";
            throw new IllegalArgumentException("GridCavi log joint must be a number or -infinity, got " + v
                    + " at " + names + " = " + at);
        }
    }

    /** Trapezoid weights of a strictly increasing grid: w_i = (z_{i+1} - z_{i-1}) / 2, half cells at the ends. */
    static double[] trapezoidWeights(double[] g) {
        int n = g.length;
        double[] w = new double[n];
        for (int i = 0; i + 1 < n; i++) {
            double h = 0.5 * (g[i + 1] - g[i]);
            w[i] += h;
            w[i + 1] += h;
        }
        return w;
    }

    /** 2 or 3. */
    public int dimension() {
        return d;
    }

    /** A copy of the grid of latent j. */
    public double[] grid(int j) {
        checkLatent(j);
        return grids[j].clone();
    }

    /** A copy of the trapezoid weights of grid j. */
    public double[] weights(int j) {
        checkLatent(j);
        return weights[j].clone();
    }

    /** log p(x) = log of the trapezoid integral of exp(log p(x, z)) over the grid. */
    public double logEvidence() {
        return logEvidence;
    }

    /** The log joint as evaluated at grid node (i0, i1[, i2]). */
    public double logJointAt(int... index) {
        return logJoint[flat(index)];
    }

    /** The exact posterior density at grid node (i0, i1[, i2]). */
    public double posteriorAt(int... index) {
        return posterior[flat(index)];
    }

    private int flat(int... index) {
        if (index == null || index.length != d) {
            throw new IllegalArgumentException("GridCavi index must have " + d + " entries, got "
                    + (index == null ? "null" : index.length));
        }
        int i2 = d == 3 ? index[2] : 0;
        return (index[0] * n1 + index[1]) * n2 + i2;
    }

    /** The exact posterior marginal density of z_j at the nodes of grid j. */
    public double[] exactMarginal(int j) {
        checkLatent(j);
        double[] out = new double[grids[j].length];
        for (int i = 0; i < out.length; i++) {
            out[i] = marginalMasses[j][i] / weights[j][i];
        }
        return out;
    }

    /** The exact posterior mean of every latent (trapezoid rule). */
    public double[] exactMean() {
        double[] m = new double[d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < grids[j].length; i++) {
                m[j] += marginalMasses[j][i] * grids[j][i];
            }
        }
        return m;
    }

    /** The exact posterior covariance matrix (trapezoid rule). */
    public double[][] exactCovariance() {
        double[] m = exactMean();
        double[][] c = new double[3][3];
        for (int i0 = 0; i0 < n0; i0++) {
            double z0 = grids[0][i0] - m[0];
            for (int i1 = 0; i1 < n1; i1++) {
                double z1 = grids[1][i1] - m[1];
                double w01 = weights[0][i0] * weights[1][i1];
                int base = (i0 * n1 + i1) * n2;
                for (int i2 = 0; i2 < n2; i2++) {
                    double mass = w01 * weights[2][i2] * posterior[base + i2];
                    double z2 = d == 3 ? grids[2][i2] - m[2] : 0.0;
                    c[0][0] += mass * z0 * z0;
                    c[0][1] += mass * z0 * z1;
                    c[0][2] += mass * z0 * z2;
                    c[1][1] += mass * z1 * z1;
                    c[1][2] += mass * z1 * z2;
                    c[2][2] += mass * z2 * z2;
                }
            }
        }
        double[][] out = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                out[a][b] = c[a][b];
                out[b][a] = c[a][b];
            }
        }
        return out;
    }

    /**
     * The exact posterior probability in the two end nodes of grid j (trapezoid masses). A grid wide
     * enough for the posterior has this near 0; a large value means the grid cuts the posterior off.
     */
    public double edgeMass(int j) {
        checkLatent(j);
        int n = grids[j].length;
        return marginalMasses[j][0] + marginalMasses[j][n - 1];
    }

    /** The exact pairwise posterior marginal of (z_i, z_j), i != j. */
    public GridDensity2D exactPair(int i, int j) {
        checkPair(i, j);
        double[][] mass = new double[grids[i].length][grids[j].length];
        for (int i0 = 0; i0 < n0; i0++) {
            for (int i1 = 0; i1 < n1; i1++) {
                double w01 = weights[0][i0] * weights[1][i1];
                int base = (i0 * n1 + i1) * n2;
                for (int i2 = 0; i2 < n2; i2++) {
                    double m = w01 * weights[2][i2] * posterior[base + i2];
                    int a = i == 0 ? i0 : i == 1 ? i1 : i2;
                    int b = j == 0 ? i0 : j == 1 ? i1 : i2;
                    mass[a][b] += m;
                }
            }
        }
        for (int a = 0; a < mass.length; a++) {
            for (int b = 0; b < mass[a].length; b++) {
                mass[a][b] /= weights[i][a] * weights[j][b];
            }
        }
        return new GridDensity2D("z" + (i + 1), "z" + (j + 1), grids[i], grids[j], mass);
    }

    /** The mean-field pairwise density q_i(z_i) q_j(z_j), i != j. */
    public GridDensity2D meanFieldPair(GridFactors q, int i, int j) {
        checkFactors(q);
        checkPair(i, j);
        double[][] v = new double[grids[i].length][grids[j].length];
        for (int a = 0; a < v.length; a++) {
            for (int b = 0; b < v[a].length; b++) {
                v[a][b] = q.densityAt(i, a) * q.densityAt(j, b);
            }
        }
        return new GridDensity2D("z" + (i + 1), "z" + (j + 1), grids[i], grids[j], v);
    }

    /**
     * A starting state with Gaussian-shaped factors N(means[j], variances[j]) tabulated on the grids
     * and normalised there.
     */
    public GridFactors gaussianStart(double[] means, double[] variances) {
        double[] m = Check.finiteVector("GridCavi", "means", means);
        double[] v = Check.positiveVector("GridCavi", "variances", variances);
        Check.sameLength("GridCavi", "means", m.length, "number of latents", d);
        Check.sameLength("GridCavi", "variances", v.length, "number of latents", d);
        double[][] logs = new double[d][];
        for (int j = 0; j < d; j++) {
            logs[j] = new double[grids[j].length];
            for (int i = 0; i < logs[j].length; i++) {
                double c = grids[j][i] - m[j];
                logs[j][i] = -0.5 * c * c / v[j];
            }
        }
        return fromLogs(logs);
    }

    /**
     * A starting state from the user's factor densities (any non-negative values at the grid nodes,
     * normalised here).
     */
    public GridFactors factors(double[]... densities) {
        if (densities == null || densities.length != d) {
            throw new IllegalArgumentException("GridCavi densities must have one array per latent (" + d + "), got "
                    + (densities == null ? "null" : densities.length));
        }
        double[][] logs = new double[d][];
        for (int j = 0; j < d; j++) {
            String name = "density q" + (j + 1);
            double[] q = Check.finiteVector("GridCavi", name, densities[j]);
            Check.sameLength("GridCavi", name, q.length, "grid z" + (j + 1), grids[j].length);
            logs[j] = new double[q.length];
            boolean any = false;
            for (int i = 0; i < q.length; i++) {
                if (q[i] < 0) {
                    throw new IllegalArgumentException("GridCavi " + name + "[" + i + "] must be >= 0, got " + q[i]);
                }
                any |= q[i] > 0;
                logs[j][i] = Math.log(q[i]);
            }
            if (!any) {
                throw new IllegalArgumentException("GridCavi " + name + " must be > 0 somewhere, got all zeros");
            }
        }
        return fromLogs(logs);
    }

    private GridFactors fromLogs(double[][] logs) {
        double[][] dens = new double[d][];
        for (int j = 0; j < d; j++) {
            dens[j] = normalise(logs[j], weights[j], j);
        }
        return new GridFactors(gridsCopy(), weightsCopy(), dens);
    }

    /** exp(f - max) / sum_i w_i exp(f_i - max): log-sum-exp normalisation of a log density on a grid. */
    private static double[] normalise(double[] logDensity, double[] w, int j) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logDensity) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalStateException("GridCavi factor q" + (j + 1) + " has log density -infinity at every node:"
                    + " E_-j[log p] is -infinity there (the other factors sit where the joint is zero)");
        }
        double[] q = new double[logDensity.length];
        double z = 0;
        for (int i = 0; i < q.length; i++) {
            q[i] = Math.exp(logDensity[i] - max);
            z += w[i] * q[i];
        }
        for (int i = 0; i < q.length; i++) {
            q[i] /= z;
        }
        return q;
    }

    private double[][] gridsCopy() {
        double[][] g = new double[d][];
        for (int j = 0; j < d; j++) {
            g[j] = grids[j].clone();
        }
        return g;
    }

    private double[][] weightsCopy() {
        double[][] w = new double[d][];
        for (int j = 0; j < d; j++) {
            w[j] = weights[j].clone();
        }
        return w;
    }

    /** The masses pi_k(i) = w_k(i) q_k(i) on all three internal axes (the dummy axis has mass 1). */
    private double[][] masses(GridFactors q) {
        double[][] pi = new double[3][];
        for (int k = 0; k < 3; k++) {
            if (k < d) {
                pi[k] = new double[grids[k].length];
                for (int i = 0; i < pi[k].length; i++) {
                    pi[k][i] = q.mass(k, i);
                }
            } else {
                pi[k] = DUMMY_WEIGHT;
            }
        }
        return pi;
    }

    /** E_{-j}[log p(x, z)] at every node of grid j: the sum over the other axes weighted by their masses. */
    public double[] expectedLogJointExcept(GridFactors q, int j) {
        checkFactors(q);
        checkLatent(j);
        double[][] pi = masses(q);
        double[] p0 = pi[0];
        double[] p1 = pi[1];
        double[] p2 = pi[2];
        double[] f = new double[grids[j].length];
        // Nodes the other factors give no mass are skipped, so 0 * (-infinity) never arises.
        for (int i0 = 0; i0 < n0; i0++) {
            for (int i1 = 0; i1 < n1; i1++) {
                int base = (i0 * n1 + i1) * n2;
                if (j == 2) {
                    double a = p0[i0] * p1[i1];
                    if (a != 0) {
                        for (int i2 = 0; i2 < n2; i2++) {
                            f[i2] += a * logJoint[base + i2];
                        }
                    }
                    continue;
                }
                double a = j == 0 ? p1[i1] : p0[i0];
                if (a == 0) {
                    continue;
                }
                double inner = innerSum(p2, base);
                f[j == 0 ? i0 : i1] += a * inner;
            }
        }
        return f;
    }

    /** sum_i2 p2[i2] L[base + i2], skipping zero masses. */
    private double innerSum(double[] p2, int base) {
        double s = 0;
        for (int i2 = 0; i2 < n2; i2++) {
            double w = p2[i2];
            if (w != 0) {
                s += w * logJoint[base + i2];
            }
        }
        return s;
    }

    /** Updates factor j alone: q_j proportional to exp E_{-j}[log p(x, z)], normalised on grid j. */
    public GridFactors updateFactor(GridFactors q, int j) {
        double[] f = expectedLogJointExcept(q, j);
        double[][] dens = new double[d][];
        for (int k = 0; k < d; k++) {
            dens[k] = k == j ? normalise(f, weights[j], j) : q.density(k);
        }
        return new GridFactors(gridsCopy(), weightsCopy(), dens);
    }

    @Override
    public GridFactors sweep(GridFactors state) {
        GridFactors q = state;
        for (int j = 0; j < d; j++) {
            q = updateFactor(q, j);
        }
        return q;
    }

    /** ELBO = sum_z W q log p(x, z) + sum_j entropy(q_j), both by the trapezoid rule. */
    @Override
    public double elbo(GridFactors q) {
        checkFactors(q);
        double[][] pi = masses(q);
        double energy = 0;
        for (int i0 = 0; i0 < n0; i0++) {
            for (int i1 = 0; i1 < n1; i1++) {
                double p01 = pi[0][i0] * pi[1][i1];
                if (p01 != 0) {
                    energy += p01 * innerSum(pi[2], (i0 * n1 + i1) * n2);
                }
            }
        }
        double entropy = 0;
        for (int j = 0; j < d; j++) {
            entropy += q.entropy(j);
        }
        return energy + entropy;
    }

    /** The largest L1 distance sum_i w_j(i) |q_j'(i) - q_j(i)| over the factors. */
    @Override
    public double change(GridFactors before, GridFactors after) {
        double max = 0;
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int i = 0; i < grids[j].length; i++) {
                s += weights[j][i] * Math.abs(after.densityAt(j, i) - before.densityAt(j, i));
            }
            max = Math.max(max, s);
        }
        return max;
    }

    /** Runs CAVI from {@code start} through {@link Cavi#run}. */
    public CaviResult<GridFactors> run(GridFactors start, CaviOptions options) {
        checkFactors(start);
        return Cavi.run(this, start, options);
    }

    /**
     * KL(q, p) = sum_z W q (log q - log p) over the grid, computed node by node from the exact
     * posterior on the grid (not from the ELBO). +infinity if q puts mass where p is zero.
     */
    public double klToPosterior(GridFactors q) {
        checkFactors(q);
        double[][] pi = masses(q);
        double[][] logq = new double[3][];
        for (int k = 0; k < 3; k++) {
            logq[k] = new double[pi[k].length];
            for (int i = 0; i < pi[k].length; i++) {
                logq[k][i] = k < d ? Math.log(q.densityAt(k, i)) : 0.0;
            }
        }
        double kl = 0;
        for (int i0 = 0; i0 < n0; i0++) {
            for (int i1 = 0; i1 < n1; i1++) {
                double p01 = pi[0][i0] * pi[1][i1];
                if (p01 == 0) {
                    continue;
                }
                int base = (i0 * n1 + i1) * n2;
                for (int i2 = 0; i2 < n2; i2++) {
                    double mass = p01 * pi[2][i2];
                    if (mass == 0) {
                        continue;
                    }
                    double logP = logJoint[base + i2] - logEvidence;
                    kl += mass * (logq[0][i0] + logq[1][i1] + logq[2][i2] - logP);
                }
            }
        }
        return kl;
    }

    private void checkLatent(int j) {
        if (j < 0 || j >= d) {
            throw new IllegalArgumentException("GridCavi latent index must be in 0.." + (d - 1) + ", got " + j);
        }
    }

    private void checkPair(int i, int j) {
        checkLatent(i);
        checkLatent(j);
        if (i == j) {
            throw new IllegalArgumentException("GridCavi pair must name two different latents, got " + i + " twice");
        }
    }

    private void checkFactors(GridFactors q) {
        if (q == null) {
            throw new IllegalArgumentException("GridCavi factors must not be null");
        }
        if (q.dimension() != d) {
            throw new IllegalArgumentException("GridCavi factors must have " + d + " factors, got " + q.dimension());
        }
        for (int j = 0; j < d; j++) {
            double[] g = q.grid(j);
            if (!java.util.Arrays.equals(g, grids[j])) {
                throw new IllegalArgumentException("GridCavi factors must live on this model's grids, factor q" + (j + 1)
                        + " has a different grid");
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GridCavi(");
        for (int j = 0; j < d; j++) {
            sb.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "z%d: %d nodes on [%g, %g]", j + 1,
                    grids[j].length, grids[j][0], grids[j][grids[j].length - 1]));
        }
        return sb.append(')').toString();
    }
}
