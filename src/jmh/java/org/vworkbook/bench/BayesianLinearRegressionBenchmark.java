package org.vworkbook.bench;

import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.random.Well19937c;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.regression.BayesianLinearRegression;

/**
 * Bayesian linear regression on a quadratic basis with N = 10^3 and 10^6 points: building the model
 * (one pass over the data for Phi^T Phi and Phi^T t), the exact posterior, and one mean-field CAVI
 * sweep, whose cost must not depend on N.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class BayesianLinearRegressionBenchmark {

    @Param({"1000", "1000000"})
    public int n;

    private double[] x;
    private double[] t;
    private BayesianLinearRegression model;
    private GaussianMeanField meanField;
    private MeanFieldGaussianState state;

    @Setup
    public void setUp() {
        x = new double[n];
        t = new double[n];
        Well19937c random = new Well19937c(1);
        for (int i = 0; i < n; i++) {
            x[i] = 2 * random.nextDouble() - 1;
            t[i] = 0.5 - x[i] + 2 * x[i] * x[i] + 0.2 * random.nextGaussian();
        }
        model = BayesianLinearRegression.of(x, t, 2, 2.0, 25.0);
        meanField = GaussianMeanField.of(model.joint());
        state = new MeanFieldGaussianState(new double[3], new double[] {0.5, 0.5, 0.5});
    }

    @Benchmark
    public BayesianLinearRegression buildFromData() {
        return BayesianLinearRegression.of(x, t, 2, 2.0, 25.0);
    }

    @Benchmark
    public MultivariateNormal exactPosterior() {
        return model.withPrecisions(2.0, 25.0).posterior();
    }

    @Benchmark
    public MeanFieldGaussianState meanFieldSweep() {
        return meanField.sweep(state);
    }
}
