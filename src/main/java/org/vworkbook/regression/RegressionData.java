package org.vworkbook.regression;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * A regression data set (x_n, t_n).
 *
 * @param x inputs
 * @param t targets
 */
public record RegressionData(double[] x, double[] t) {
    public RegressionData {
        x = Check.finiteVector("RegressionData", "x", x);
        t = Check.finiteVector("RegressionData", "t", t);
        Check.sameLength("RegressionData", "x", x.length, "t", t.length);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] t() {
        return t.clone();
    }

    /**
     * Draws n points: x_n uniform on [-1, 1], t_n = w_true^T phi(x_n) + noise with noise ~ N(0, 1 / beta),
     * on the polynomial basis of degree wTrue.length - 1, from Well19937c(seed).
     */
    public static RegressionData generate(int n, double[] wTrue, double beta, long seed) {
        Check.atLeast("RegressionData", "n", n, 1);
        double[] w = Check.finiteVector("RegressionData", "wTrue", wTrue);
        Check.positive("RegressionData", "beta", beta);
        RandomGenerator random = new Well19937c(seed);
        double sd = 1.0 / Math.sqrt(beta);
        double[] x = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -1.0 + 2.0 * random.nextDouble();
            t[i] = Matrices.dot(w, BayesianLinearRegression.features(x[i], w.length - 1)) + sd * random.nextGaussian();
        }
        return new RegressionData(x, t);
    }
}
