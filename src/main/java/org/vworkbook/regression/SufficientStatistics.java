package org.vworkbook.regression;

import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * The sufficient statistics of a linear-Gaussian regression: Phi^T Phi (M x M), Phi^T t (M),
 * t^T t and N. Everything the posterior, the evidence and the variational updates need; the data
 * are read once, here.
 */
public final class SufficientStatistics {
    private final double[][] gram;
    private final double[] crossProduct;
    private final double targetSumOfSquares;
    private final int count;

    private SufficientStatistics(double[][] gram, double[] crossProduct, double targetSumOfSquares, int count) {
        this.gram = gram;
        this.crossProduct = crossProduct;
        this.targetSumOfSquares = targetSumOfSquares;
        this.count = count;
    }

    /**
     * @param design Phi, N rows of M finite features
     * @param t N finite targets
     */
    public static SufficientStatistics of(double[][] design, double[] t) {
        double[] ts = Check.finiteVector("SufficientStatistics", "t", t);
        if (design == null || design.length == 0) {
            throw new IllegalArgumentException("SufficientStatistics design must have at least one row, got "
                    + (design == null ? "null" : "0 rows"));
        }
        Check.sameLength("SufficientStatistics", "design rows", design.length, "t", ts.length);
        int m = design[0].length;
        Check.atLeast("SufficientStatistics", "design columns", m, 1);
        double[][] g = new double[m][m];
        double[] c = new double[m];
        double tt = 0;
        for (int n = 0; n < ts.length; n++) {
            double[] row = Check.finiteVector("SufficientStatistics", "design row " + n, design[n]);
            Check.sameLength("SufficientStatistics", "design row " + n, row.length, "design row 0", m);
            for (int i = 0; i < m; i++) {
                c[i] += row[i] * ts[n];
                for (int j = 0; j < m; j++) {
                    g[i][j] += row[i] * row[j];
                }
            }
            tt += ts[n] * ts[n];
        }
        return new SufficientStatistics(g, c, tt, ts.length);
    }

    /** A copy of Phi^T Phi. */
    public double[][] gram() {
        return Matrices.copy(gram);
    }

    /** A copy of Phi^T t. */
    public double[] crossProduct() {
        return crossProduct.clone();
    }

    /** t^T t. */
    public double targetSumOfSquares() {
        return targetSumOfSquares;
    }

    /** N. */
    public int count() {
        return count;
    }

    /** M. */
    public int features() {
        return crossProduct.length;
    }

    /** |t - Phi w|^2 = t^T t - 2 w^T Phi^T t + w^T Phi^T Phi w. */
    public double residualSumOfSquares(double[] w) {
        Check.sameLength("SufficientStatistics", "w", w.length, "features", features());
        return targetSumOfSquares - 2 * Matrices.dot(w, crossProduct) + Matrices.dot(w, Matrices.multiply(gram, w));
    }

    /** tr(Phi^T Phi S) for a covariance S. */
    public double traceGramTimes(double[][] s) {
        return Matrices.traceOfProduct(gram, s);
    }
}
