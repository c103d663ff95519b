package org.vworkbook.gmm;

import org.vworkbook.util.Check;

/**
 * N points in R^D, held row-major in one flat array (point n is entries n D .. n D + D - 1).
 * Immutable; the accessors copy.
 */
public final class MixtureData {
    private static final String NAME = "MixtureData";
    private final double[] values;
    private final int size;
    private final int dimension;

    private MixtureData(double[] values, int dimension) {
        this.values = values;
        this.dimension = dimension;
        this.size = values.length / dimension;
    }

    /**
     * @param points N rows of D finite coordinates (N >= 1, D >= 1, every row the same length)
     */
    public static MixtureData of(double[][] points) {
        if (points == null || points.length == 0) {
            throw new IllegalArgumentException(NAME + " points must not be empty, got "
                    + (points == null ? "null" : "0 rows"));
        }
        if (points[0] == null || points[0].length == 0) {
            throw new IllegalArgumentException(NAME + " points[0] must have at least one coordinate");
        }
        int d = points[0].length;
        double[] v = new double[points.length * d];
        for (int n = 0; n < points.length; n++) {
            if (points[n] == null) {
                throw new IllegalArgumentException(NAME + " points[" + n + "] must not be null");
            }
            Check.sameLength(NAME, "points[" + n + "]", points[n].length, "points[0]", d);
            for (int j = 0; j < d; j++) {
                v[n * d + j] = Check.finite(NAME, "points[" + n + "][" + j + "]", points[n][j]);
            }
        }
        return new MixtureData(v, d);
    }

    /**
     * Points given as one flat list x_1, y_1, x_2, y_2, ... (for D = 2), as a notebook parameter holds them.
     *
     * @throws IllegalArgumentException if the list is empty, has a non-finite entry, or its length is
     *     not a multiple of {@code dimension}
     */
    public static MixtureData ofFlat(double[] flat, int dimension) {
        Check.atLeast(NAME, "dimension", dimension, 1);
        double[] v = Check.finiteVector(NAME, "flat", flat);
        if (v.length % dimension != 0) {
            throw new IllegalArgumentException(NAME + " flat length must be a multiple of the dimension "
                    + dimension + ", got " + v.length);
        }
        return new MixtureData(v, dimension);
    }

    public int size() {
        return size;
    }

    public int dimension() {
        return dimension;
    }

    /** Coordinate j of point n. */
    public double get(int n, int j) {
        return values[n * dimension + j];
    }

    /** A copy of point n. */
    public double[] point(int n) {
        double[] p = new double[dimension];
        System.arraycopy(values, n * dimension, p, 0, dimension);
        return p;
    }

    /** A copy of coordinate j of every point (a column, for plotting). */
    public double[] column(int j) {
        double[] c = new double[size];
        for (int n = 0; n < size; n++) {
            c[n] = values[n * dimension + j];
        }
        return c;
    }

    /** A copy of the flat row-major values. */
    public double[] flat() {
        return values.clone();
    }

    /** The rows as a new N x D array. */
    public double[][] points() {
        double[][] p = new double[size][];
        for (int n = 0; n < size; n++) {
            p[n] = point(n);
        }
        return p;
    }

    /** The sample mean. */
    public double[] mean() {
        double[] m = new double[dimension];
        for (int n = 0; n < size; n++) {
            for (int j = 0; j < dimension; j++) {
                m[j] += values[n * dimension + j];
            }
        }
        for (int j = 0; j < dimension; j++) {
            m[j] /= size;
        }
        return m;
    }

    /** The sample covariance with divisor N - 1 (as numpy.cov), or N when N = 1. */
    public double[][] covariance() {
        double[] m = mean();
        double[][] c = new double[dimension][dimension];
        for (int n = 0; n < size; n++) {
            for (int i = 0; i < dimension; i++) {
                double di = values[n * dimension + i] - m[i];
                for (int j = 0; j < dimension; j++) {
                    c[i][j] += di * (values[n * dimension + j] - m[j]);
                }
            }
        }
        double div = Math.max(1, size - 1);
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < dimension; j++) {
                c[i][j] /= div;
            }
        }
        return c;
    }

    /**
     * Each coordinate standardised: (x_nj - mean_j) / sd_j with the population standard deviation
     * sd_j = sqrt(sum_n (x_nj - mean_j)^2 / N) (divisor N, as numpy.std and scikit-learn's StandardScaler).
     * A coordinate with sd_j = 0 (all points equal in it) is only centred.
     */
    public MixtureData standardised() {
        double[] m = mean();
        double[] sd = new double[dimension];
        for (int n = 0; n < size; n++) {
            for (int j = 0; j < dimension; j++) {
                double dj = values[n * dimension + j] - m[j];
                sd[j] += dj * dj;
            }
        }
        for (int j = 0; j < dimension; j++) {
            sd[j] = Math.sqrt(sd[j] / size);
            if (!(sd[j] > 0)) {
                sd[j] = 1.0;
            }
        }
        double[] v = new double[values.length];
        for (int n = 0; n < size; n++) {
            for (int j = 0; j < dimension; j++) {
                v[n * dimension + j] = (values[n * dimension + j] - m[j]) / sd[j];
            }
        }
        return new MixtureData(v, dimension);
    }

    /** The points with every coordinate shifted by -shift (row-major), used internally to centre sums. */
    double[] shifted(double[] shift) {
        double[] v = values.clone();
        for (int n = 0; n < size; n++) {
            for (int j = 0; j < dimension; j++) {
                v[n * dimension + j] -= shift[j];
            }
        }
        return v;
    }
}
