package org.vworkbook.cavi;

import java.util.Arrays;

/**
 * A mean-field state on a grid: one density q_j per latent, given by its values at the nodes of
 * that latent's grid and normalised with the grid's trapezoid weights, sum_i w_j(i) q_j(i) = 1.
 * Built by {@link GridMeanField} (which checks the grids and densities); immutable.
 */
public final class GridFactors {
    private final double[][] grids;
    private final double[][] weights;
    private final double[][] densities;

    /** Arrays are owned by this object: callers pass fresh arrays (GridMeanField does). */
    GridFactors(double[][] grids, double[][] weights, double[][] densities) {
        this.grids = grids;
        this.weights = weights;
        this.densities = densities;
    }

    /** The number of factors (latents). */
    public int dimension() {
        return densities.length;
    }

    /** A copy of the grid of latent j. */
    public double[] grid(int j) {
        return grids[j].clone();
    }

    /** A copy of q_j's values at the nodes of grid j. */
    public double[] density(int j) {
        return densities[j].clone();
    }

    /** Whether factor j lives on exactly the grid {@code g}. */
    boolean hasGrid(int j, double[] g) {
        return Arrays.equals(grids[j], g);
    }

    double densityAt(int j, int i) {
        return densities[j][i];
    }

    /** q_j's probability mass at node i: w_j(i) q_j(i). */
    double mass(int j, int i) {
        return weights[j][i] * densities[j][i];
    }

    /** E_q[z_j] by the trapezoid rule on grid j. */
    public double mean(int j) {
        double s = 0;
        for (int i = 0; i < grids[j].length; i++) {
            s += mass(j, i) * grids[j][i];
        }
        return s;
    }

    /** Var_q[z_j] by the trapezoid rule on grid j. */
    public double variance(int j) {
        double m = mean(j);
        double s = 0;
        for (int i = 0; i < grids[j].length; i++) {
            double c = grids[j][i] - m;
            s += mass(j, i) * c * c;
        }
        return s;
    }

    /** Every factor's mean. */
    public double[] means() {
        double[] m = new double[dimension()];
        for (int j = 0; j < m.length; j++) {
            m[j] = mean(j);
        }
        return m;
    }

    /** Every factor's variance. */
    public double[] variances() {
        double[] v = new double[dimension()];
        for (int j = 0; j < v.length; j++) {
            v[j] = variance(j);
        }
        return v;
    }

    /** The differential entropy -int q_j log q_j by the trapezoid rule (nodes with q_j = 0 add nothing). */
    public double entropy(int j) {
        double s = 0;
        for (int i = 0; i < grids[j].length; i++) {
            double q = densities[j][i];
            if (q > 0) {
                s -= weights[j][i] * q * Math.log(q);
            }
        }
        return s;
    }

    /** q_j's probability of {z_j > threshold}: the masses w_j(i) q_j(i) of the nodes above it. */
    public double massAbove(int j, double threshold) {
        checkLatent(j);
        double s = 0;
        for (int i = 0; i < grids[j].length; i++) {
            if (grids[j][i] > threshold) {
                s += weights[j][i] * densities[j][i];
            }
        }
        return s;
    }

    /** The mean-field pairwise density q_i(z_i) q_j(z_j), i != j, on the grids of the two latents. */
    public GridDensity2D pair(int i, int j) {
        checkLatent(i);
        checkLatent(j);
        if (i == j) {
            throw new IllegalArgumentException("GridFactors pair must name two different latents, got " + i + " twice");
        }
        double[][] v = new double[grids[i].length][grids[j].length];
        for (int a = 0; a < v.length; a++) {
            for (int b = 0; b < v[a].length; b++) {
                v[a][b] = densityAt(i, a) * densityAt(j, b);
            }
        }
        return new GridDensity2D("z" + (i + 1), "z" + (j + 1), grids[i], grids[j], v);
    }

    private void checkLatent(int j) {
        if (j < 0 || j >= dimension()) {
            throw new IllegalArgumentException("GridFactors latent index must be in 0.." + (dimension() - 1) + ", got " + j);
        }
    }

    @Override
    public String toString() {
        return "GridFactors(means=" + Arrays.toString(means()) + ", variances=" + Arrays.toString(variances()) + ")";
    }
}
