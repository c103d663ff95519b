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
import org.vworkbook.exact.LinearGaussianModel;

/**
 * One CAVI sweep (every factor updated once) and one ELBO of {@link GaussianMeanField} for a
 * d-dimensional Gaussian joint: the linear-Gaussian model x | z ~ N(theta^T z, sigma2), z ~ N(0, I),
 * whose posterior precision I + theta theta^T / sigma2 couples every pair of coordinates. A sweep
 * costs O(d^2) (each of the d updates reads a row of the precision); it does not depend on any data
 * size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GaussianMeanFieldBenchmark {

    @Param({"2", "10", "100", "1000"})
    public int d;

    private GaussianMeanField cavi;
    private MeanFieldGaussianState state;

    @Setup
    public void setUp() {
        Well19937c rng = new Well19937c(20261122L);
        double[] theta = new double[d];
        for (int i = 0; i < d; i++) {
            theta[i] = rng.nextGaussian();
        }
        cavi = GaussianMeanField.of(LinearGaussianModel.of(theta, 1.0, 2.0).joint());
        double[] means = new double[d];
        double[] variances = new double[d];
        java.util.Arrays.fill(variances, 1.0);
        state = new MeanFieldGaussianState(means, variances);
    }

    /** One CAVI iteration: q_1, ..., q_d each updated once from the newest means. */
    @Benchmark
    public MeanFieldGaussianState sweep() {
        return cavi.sweep(state);
    }

    /** The ELBO of a mean-field state (Cavi.run evaluates it after every sweep). */
    @Benchmark
    public double elbo() {
        return cavi.elbo(state);
    }
}
