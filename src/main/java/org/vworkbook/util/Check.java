package org.vworkbook.util;

import java.util.Arrays;

/**
 * Argument checks shared by every factory and solver.
 *
 * <p>Each check throws an {@link IllegalArgumentException} whose message names the thing being
 * built, the parameter, the rule and the offending value, for example
 * {@code "Gamma rate must be finite and > 0, got -0.1"}. Validate where values are made, so that a
 * bad number never travels far from the place a user typed it.
 */
public final class Check {
    private Check() {}

    /** Throws unless {@code value} is non-null. Returns the value. */
    public static <T> T notNull(String owner, String parameter, T value) {
        if (value == null) {
            throw new IllegalArgumentException(owner + " " + parameter + " must not be null");
        }
        return value;
    }

    /** Throws unless {@code value} is finite (not NaN, not infinite). Returns the value. */
    public static double finite(String owner, String parameter, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(owner + " " + parameter + " must be finite, got " + value);
        }
        return value;
    }

    /** Throws unless {@code value} is finite and strictly positive. Returns the value. */
    public static double positive(String owner, String parameter, double value) {
        if (!Double.isFinite(value) || !(value > 0)) {
            throw new IllegalArgumentException(owner + " " + parameter + " must be finite and > 0, got " + value);
        }
        return value;
    }

    /** Throws unless {@code value} is finite and {@code >= 0}. Returns the value. */
    public static double nonNegative(String owner, String parameter, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(owner + " " + parameter + " must be finite and >= 0, got " + value);
        }
        return value;
    }

    /** Throws unless {@code value >= minimum}. Returns the value. */
    public static int atLeast(String owner, String parameter, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(owner + " " + parameter + " must be >= " + minimum + ", got " + value);
        }
        return value;
    }

    /** Throws unless {@code value} lies in the closed interval [lo, hi]. Returns the value. */
    public static double inRange(String owner, String parameter, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(
                    owner + " " + parameter + " must be in [" + lo + ", " + hi + "], got " + value);
        }
        return value;
    }

    /** Throws unless the array is non-null, non-empty and every entry finite. Returns a copy. */
    public static double[] finiteVector(String owner, String parameter, double[] values) {
        if (values == null) {
            throw new IllegalArgumentException(owner + " " + parameter + " must not be null");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException(owner + " " + parameter + " must not be empty");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(owner + " " + parameter + "[" + i + "] must be finite, got "
                        + values[i] + " (in " + abbreviate(values) + ")");
            }
        }
        return values.clone();
    }

    /** Throws unless every entry is finite and strictly positive. Returns a copy. */
    public static double[] positiveVector(String owner, String parameter, double[] values) {
        double[] copy = finiteVector(owner, parameter, values);
        for (int i = 0; i < copy.length; i++) {
            if (!(copy[i] > 0)) {
                throw new IllegalArgumentException(owner + " " + parameter + "[" + i + "] must be > 0, got "
                        + copy[i] + " (in " + abbreviate(copy) + ")");
            }
        }
        return copy;
    }

    /** Throws unless the two lengths agree. */
    public static void sameLength(String owner, String first, int firstLength, String second, int secondLength) {
        if (firstLength != secondLength) {
            throw new IllegalArgumentException(owner + " " + first + " and " + second
                    + " must have the same length, got " + firstLength + " and " + secondLength);
        }
    }

    /**
     * Throws unless {@code matrix} is square with side {@code n}, finite and symmetric (to a relative
     * tolerance of 1e-10). Returns a deep copy, symmetrised exactly.
     */
    public static double[][] symmetricMatrix(String owner, String parameter, double[][] matrix, int n) {
        if (matrix == null) {
            throw new IllegalArgumentException(owner + " " + parameter + " must not be null");
        }
        if (matrix.length != n) {
            throw new IllegalArgumentException(owner + " " + parameter + " must be " + n + " x " + n
                    + ", got " + matrix.length + " rows");
        }
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            if (matrix[i] == null || matrix[i].length != n) {
                throw new IllegalArgumentException(owner + " " + parameter + " must be " + n + " x " + n
                        + ", row " + i + " has " + (matrix[i] == null ? "no" : matrix[i].length) + " entries");
            }
            copy[i] = matrix[i].clone();
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(copy[i][j])) {
                    throw new IllegalArgumentException(owner + " " + parameter + "[" + i + "][" + j
                            + "] must be finite, got " + copy[i][j]);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double a = copy[i][j];
                double b = copy[j][i];
                double scale = Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
                if (Math.abs(a - b) > 1e-10 * scale) {
                    throw new IllegalArgumentException(owner + " " + parameter + " must be symmetric, got ["
                            + i + "][" + j + "] = " + a + " but [" + j + "][" + i + "] = " + b);
                }
                double mean = 0.5 * (a + b);
                copy[i][j] = mean;
                copy[j][i] = mean;
            }
        }
        return copy;
    }

    /** A short rendering of an array for error messages. */
    public static String abbreviate(double[] values) {
        if (values.length <= 8) {
            return Arrays.toString(values);
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 4; i++) {
            sb.append(values[i]).append(", ");
        }
        sb.append("... (").append(values.length).append(" values)]");
        return sb.toString();
    }
}
