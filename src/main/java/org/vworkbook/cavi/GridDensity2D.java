package org.vworkbook.cavi;

import java.util.Arrays;
import org.vworkbook.numerics.Quadrature;

/**
 * A density of two variables tabulated on a rectangular grid: {@code values[a][b]} is the density at
 * (x[a], y[b]). Used for pairwise posterior marginals and their contour plots.
 *
 * @param xName the name of the first variable (an axis title)
 * @param yName the name of the second variable
 * @param x strictly increasing grid of the first variable
 * @param y strictly increasing grid of the second variable
 * @param values density values, finite and >= 0, {@code x.length} rows of {@code y.length}
 */
public record GridDensity2D(String xName, String yName, double[] x, double[] y, double[][] values) {
    public GridDensity2D {
        x = Grid.checkAxis("GridDensity2D", "x", x, 2);
        y = Grid.checkAxis("GridDensity2D", "y", y, 2);
        if (values == null || values.length != x.length) {
            throw new IllegalArgumentException("GridDensity2D values must have " + x.length + " rows (one per x), got "
                    + (values == null ? "null" : values.length));
        }
        double[][] copy = new double[x.length][];
        for (int a = 0; a < x.length; a++) {
            if (values[a] == null || values[a].length != y.length) {
                throw new IllegalArgumentException("GridDensity2D values row " + a + " must have " + y.length
                        + " entries (one per y), got " + (values[a] == null ? "null" : values[a].length));
            }
            copy[a] = values[a].clone();
            for (int b = 0; b < y.length; b++) {
                if (!(copy[a][b] >= 0) || !Double.isFinite(copy[a][b])) {
                    throw new IllegalArgumentException("GridDensity2D values[" + a + "][" + b
                            + "] must be finite and >= 0, got " + copy[a][b]);
                }
            }
        }
        values = copy;
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public double[][] values() {
        double[][] c = new double[values.length][];
        for (int a = 0; a < values.length; a++) {
            c[a] = values[a].clone();
        }
        return c;
    }

    public double value(int a, int b) {
        return values[a][b];
    }

    /** The integral of the density over the grid (trapezoid rule in both directions). */
    public double mass() {
        double[] wx = Quadrature.trapezoidWeights(x);
        double[] wy = Quadrature.trapezoidWeights(y);
        double s = 0;
        for (int a = 0; a < x.length; a++) {
            for (int b = 0; b < y.length; b++) {
                s += wx[a] * wy[b] * values[a][b];
            }
        }
        return s;
    }

    /** The largest density value. */
    public double max() {
        double m = 0;
        for (double[] row : values) {
            for (double v : row) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    /**
     * The density level t whose highest-density region {density >= t} holds the fraction
     * {@code probability} of the total mass (trapezoid weights, so up to the grid's resolution).
     * For a Gaussian the region is the ellipse of squared Mahalanobis radius -2 log(1 - probability).
     *
     * @param probability in (0, 1)
     */
    public double highestDensityLevel(double probability) {
        if (!(probability > 0 && probability < 1)) {
            throw new IllegalArgumentException("GridDensity2D probability must be in (0, 1), got " + probability);
        }
        double[] wx = Quadrature.trapezoidWeights(x);
        double[] wy = Quadrature.trapezoidWeights(y);
        int n = x.length * y.length;
        double[] v = new double[n];
        double[] m = new double[n];
        Integer[] order = new Integer[n];
        double total = 0;
        for (int a = 0; a < x.length; a++) {
            for (int b = 0; b < y.length; b++) {
                int k = a * y.length + b;
                v[k] = values[a][b];
                m[k] = wx[a] * wy[b] * values[a][b];
                order[k] = k;
                total += m[k];
            }
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("GridDensity2D has no mass: every value is 0");
        }
        Arrays.sort(order, (p, q) -> Double.compare(v[q], v[p]));
        double target = probability * total;
        double acc = 0;
        for (int r = 0; r < n; r++) {
            acc += m[order[r]];
            if (acc >= target) {
                return v[order[r]];
            }
        }
        return v[order[n - 1]];
    }
    /**
     * The number of separate pieces ("islands") of the highest-density region {density >= t} that holds the
     * fraction {@code probability} of the mass ({@link #highestDensityLevel}): its connected components on the
     * grid, two nodes being connected when they are neighbours along x or along y (4-connectivity). A
     * unimodal density gives 1; two well-separated modes give 2 once the region is small enough to part
     * them. Up to the grid's resolution, like the contours it describes.
     *
     * @param probability in (0, 1)
     */
    public int regionCount(double probability) {
        double level = highestDensityLevel(probability);
        int nx = x.length;
        int ny = y.length;
        boolean[] seen = new boolean[nx * ny];
        int[] stack = new int[nx * ny];
        int count = 0;
        for (int start = 0; start < nx * ny; start++) {
            if (seen[start] || values[start / ny][start % ny] < level) {
                continue;
            }
            count++;
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            while (top > 0) {
                int k = stack[--top];
                int a = k / ny;
                int b = k % ny;
                int[][] next = {{a - 1, b}, {a + 1, b}, {a, b - 1}, {a, b + 1}};
                for (int[] nb : next) {
                    if (nb[0] < 0 || nb[0] >= nx || nb[1] < 0 || nb[1] >= ny) {
                        continue;
                    }
                    int m = nb[0] * ny + nb[1];
                    if (!seen[m] && values[nb[0]][nb[1]] >= level) {
                        seen[m] = true;
                        stack[top++] = m;
                    }
                }
            }
        }
        return count;
    }
}
