package org.vworkbook.bench;

import java.util.concurrent.TimeUnit;
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
import org.vworkbook.cavi.NormalGammaCavi;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.exact.NormalNormalGammaModel;

/**
 * One CAVI sweep (q(mu) then q(tau)) and one ELBO of the Normal-Normal-Gamma model for N = 10^2 ... 10^6
 * data points. The model keeps N, the mean and the centred sum of squares, so the time per sweep
 * must not grow with N.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NormalGammaCaviBenchmark {

    @Param({"100", "10000", "1000000"})
    public int n;

    private NormalGammaCavi cavi;
    private NormalGammaMeanFieldState state;

    @Setup
    public void setUp() {
        double[] data = NormalNormalGammaModel.generateData(n, 1.0, 2.0, 1L);
        cavi = NormalGammaCavi.of(NormalNormalGammaModel.of(data, 0.0, 1.0, 1.0, 1.0));
        state = cavi.priorStart();
    }

    @Benchmark
    public NormalGammaMeanFieldState sweep() {
        return cavi.sweep(state);
    }

    @Benchmark
    public double elbo() {
        return cavi.elbo(state);
    }
}
