package org.vworkbook.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.exact.LinearGaussianModel;

/** W4 with its defaults: the whole CAVI run through Cavi.run to tol = 1e-12 (28 sweeps, ELBO traced). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class W4CaviRunBenchmark {

    private GaussianMeanField w4;

    @Setup
    public void setUp() {
        w4 = GaussianMeanField.of(LinearGaussianModel.of(new double[] {1.0, 1.5}, 1.0, 2.0).joint());
    }

    @Benchmark
    public CaviResult<MeanFieldGaussianState> defaultRun() {
        return w4.run(new double[] {0.0, 0.0}, new double[] {1.0, 1.0}, new CaviOptions(1e-12, 1000));
    }
}
