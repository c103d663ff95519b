package org.vworkbook.cavi;

import java.util.Locale;
import org.vworkbook.numerics.Quadrature;

/**
 * The exact posterior of a model with two or three scalar latents, computed numerically on a tensor
 * grid. The user writes the log joint log p(x, z) (data fixed) as a Java lambda and gives a grid per
 * latent; every integral is then a sum over the grid with trapezoid weights w_j(i) per axis
 * ({@link Quadrature#trapezoidWeights}), W(z) their product:
 *
 * <ul>
 *   <li>the evidence log p(x) = log Z = log sum_z W(z) exp(log p(x, z)), by log-sum-exp;
 *   <li>the posterior density p(z | x) = exp(log p(x, z) - log Z) at every node;
 *   <li>its marginals, mean, covariance and pairwise marginals by the same weights.
 * </ul>
 *
 * <p>For smooth densities that vanish at the grid ends the trapezoid rule converges fast
 * (spectrally for Gaussians), so the grid answers approach the continuous ones; {@link #edgeMass}
 * tells whether the grid is wide enough. The mean-field approximation on the same grid is
 * {@link GridMeanField}.
 *
 * <p>The log joint may return -infinity (zero density, e.g. outside a support); NaN and +infinity
 * are refused.
 */
public final class GridPosterior {
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
    static final double[] DUMMY_WEIGHT = {1.0};

    final int d;
    /** Always three axes; a two-latent model has a third axis with one node of weight 1. */
    final double[][] grids;
    final double[][] weights;
    final int n0;
    final int n1;
    final int n2;
    /** log p(x, z) at node (i0, i1, i2), flattened as (i0 n1 + i1) n2 + i2. */
    final double[] logJoint;
    final double logEvidence;
    private final double[] posterior;
    /** The exact posterior's probability mass at each node of each axis (trapezoid weights included). */
    private final double[][] marginalMasses;

    private GridPosterior(int d, double[][] grids, double[] logJoint) {
        this.d = d;
        this.grids = grids;
        this.weights = new double[3][];
        for (int k = 0; k < 3; k++) {
            weights[k] = k < d ? Quadrature.trapezoidWeights(grids[k]) : DUMMY_WEIGHT;
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
            throw new IllegalArgumentException("GridPosterior log joint is -infinity at every grid point: the grid misses"
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
     * The posterior of a model with two latents.
     *
     * @param logJoint log p(x, z1, z2) with the data fixed; must not return NaN or +infinity
     * @param grid1 strictly increasing, finite, at least {@link Grid#MIN_POINTS} nodes
     * @param grid2 likewise
     */
    public static GridPosterior of(LogJoint2 logJoint, double[] grid1, double[] grid2) {
        if (logJoint == null) {
            throw new IllegalArgumentException("GridPosterior log joint must not be null");
        }
        double[] g1 = Grid.checkAxis("GridPosterior", "grid z1", grid1, Grid.MIN_POINTS);
        double[] g2 = Grid.checkAxis("GridPosterior", "grid z2", grid2, Grid.MIN_POINTS);
        Grid.checkSize("GridPosterior", (long) g1.length * g2.length);
        double[] values = new double[g1.length * g2.length];
        for (int a = 0; a < g1.length; a++) {
            for (int b = 0; b < g2.length; b++) {
                double v = logJoint.at(g1[a], g2[b]);
                checkValue(v, g1[a], g2[b]);
                values[a * g2.length + b] = v;
            }
        }
        return new GridPosterior(2, new double[][] {g1, g2, DUMMY_GRID}, values);
    }

    /**
     * The posterior of a model with three latents.
     *
     * @param logJoint log p(x, z1, z2, z3) with the data fixed; must not return NaN or +infinity
     * @param grid1 strictly increasing, finite, at least {@link Grid#MIN_POINTS} nodes
     * @param grid2 likewise
     * @param grid3 likewise
     */
    public static GridPosterior of(LogJoint3 logJoint, double[] grid1, double[] grid2, double[] grid3) {
        if (logJoint == null) {
            throw new IllegalArgumentException("GridPosterior log joint must not be null");
        }
        double[] g1 = Grid.checkAxis("GridPosterior", "grid z1", grid1, Grid.MIN_POINTS);
        double[] g2 = Grid.checkAxis("GridPosterior", "grid z2", grid2, Grid.MIN_POINTS);
        double[] g3 = Grid.checkAxis("GridPosterior", "grid z3", grid3, Grid.MIN_POINTS);
        Grid.checkSize("GridPosterior", (long) g1.length * g2.length * g3.length);
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
        return new GridPosterior(3, new double[][] {g1, g2, g3}, values);
    }

    private static void checkValue(double v, double... z) {
        if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
            StringBuilder at = new StringBuilder("(");
            for (int k = 0; k < z.length; k++) {
                at.append(k == 0 ? "" : ", ").append(z[k]);
            }
            at.append(')');
            String names = z.length == 2 ? "(z1, z2)" : "(z1, z2, z3)";
            throw new IllegalArgumentException("GridPosterior log joint must be a number or -infinity, got " + v
                    + " at " + names + " = " + at);
        }
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

    /** The posterior density p(z | x) at grid node (i0, i1[, i2]). */
    public double densityAt(int... index) {
        return posterior[flat(index)];
    }

    private int flat(int... index) {
        if (index == null || index.length != d) {
            throw new IllegalArgumentException("GridPosterior index must have " + d + " entries, got "
                    + (index == null ? "null" : index.length));
        }
        int i2 = d == 3 ? index[2] : 0;
        return (index[0] * n1 + index[1]) * n2 + i2;
    }

    /** The posterior marginal density of z_j at the nodes of grid j. */
    public double[] marginal(int j) {
        checkLatent(j);
        double[] out = new double[grids[j].length];
        for (int i = 0; i < out.length; i++) {
            out[i] = marginalMasses[j][i] / weights[j][i];
        }
        return out;
    }

    /** The posterior mean of every latent (trapezoid rule). */
    public double[] mean() {
        double[] m = new double[d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < grids[j].length; i++) {
                m[j] += marginalMasses[j][i] * grids[j][i];
            }
        }
        return m;
    }

    /** The posterior covariance matrix (trapezoid rule). */
    public double[][] covariance() {
        double[] m = mean();
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
     * The posterior probability in the two end nodes of grid j (trapezoid masses). A grid wide
     * enough for the posterior has this near 0; a large value means the grid cuts the posterior off.
     */
    public double edgeMass(int j) {
        checkLatent(j);
        int n = grids[j].length;
        return marginalMasses[j][0] + marginalMasses[j][n - 1];
    }

    /** The largest {@link #edgeMass} over the latents: near 0 when every grid is wide enough. */
    public double largestEdgeMass() {
        double m = edgeMass(0);
        for (int j = 1; j < d; j++) {
            m = Math.max(m, edgeMass(j));
        }
        return m;
    }

    /**
     * The posterior probability of {z_j > threshold} (the trapezoid masses of the nodes above it).
     */
    public double massAbove(int j, double threshold) {
        checkLatent(j);
        double s = 0;
        for (int i = 0; i < grids[j].length; i++) {
            if (grids[j][i] > threshold) {
                s += weights[j][i] * (marginalMasses[j][i] / weights[j][i]);
            }
        }
        return s;
    }

    /** The pairwise posterior marginal of (z_i, z_j), i != j. */
    public GridDensity2D pair(int i, int j) {
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

    void checkLatent(int j) {
        if (j < 0 || j >= d) {
            throw new IllegalArgumentException("GridPosterior latent index must be in 0.." + (d - 1) + ", got " + j);
        }
    }

    private void checkPair(int i, int j) {
        checkLatent(i);
        checkLatent(j);
        if (i == j) {
            throw new IllegalArgumentException("GridPosterior pair must name two different latents, got " + i + " twice");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GridPosterior(");
        for (int j = 0; j < d; j++) {
            sb.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "z%d: %d nodes on [%g, %g]", j + 1,
                    grids[j].length, grids[j][0], grids[j][grids[j].length - 1]));
        }
        return sb.append(')').toString();
    }
}
