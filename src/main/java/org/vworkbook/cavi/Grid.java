package org.vworkbook.cavi;

import org.vworkbook.util.Check;

/**
 * The grids of the grid models ({@link GridPosterior}, {@link GridMeanField}, {@link GridDensity2D}):
 * evenly spaced nodes, the checks every axis passes (finite, strictly increasing, enough nodes) and the
 * size limit of a tensor grid. The integration weights on an axis are the trapezoid weights of
 * {@link org.vworkbook.numerics.Quadrature#trapezoidWeights}.
 */
public final class Grid {
    /** The fewest nodes an axis of a grid model may have. */
    public static final int MIN_POINTS = 5;
    /** The most nodes a tensor grid may have in all (memory: two doubles per node). */
    public static final long MAX_POINTS = 20_000_000L;

    private Grid() {}

    /**
     * n evenly spaced nodes from lo to hi inclusive: z_i = lo + (hi - lo) i / (n - 1), the last node
     * exactly hi.
     *
     * @param lo finite
     * @param hi finite, > lo
     * @param n at least {@link #MIN_POINTS}
     */
    public static double[] points(double lo, double hi, int n) {
        Check.finite("Grid", "lower end", lo);
        Check.finite("Grid", "upper end", hi);
        if (!(hi > lo)) {
            throw new IllegalArgumentException("Grid upper end must be > lower end " + lo + ", got " + hi);
        }
        Check.atLeast("Grid", "points", n, MIN_POINTS);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = lo + (hi - lo) * i / (n - 1);
        }
        g[n - 1] = hi;
        return g;
    }

    /** A copy of {@code grid} once it is non-empty, finite, strictly increasing and has at least {@code minPoints} nodes. */
    static double[] checkAxis(String owner, String name, double[] grid, int minPoints) {
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

    /** Refuses a tensor grid of more than {@link #MAX_POINTS} nodes. */
    static void checkSize(String owner, long total) {
        if (total > MAX_POINTS) {
            throw new IllegalArgumentException(owner + " grid must have at most " + MAX_POINTS
                    + " points in all, got " + total);
        }
    }
}
