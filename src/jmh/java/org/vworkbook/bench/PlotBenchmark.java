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
import org.knowm.xchart.XYChart;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.exact.LinearGaussianModel;
import org.vworkbook.notebook.Plots;

/**
 * What a chart costs in a notebook once the JVM is warm: W4's ellipse chart drawn and encoded as
 * the base64 PNG the kernel sends (Plots.pngBase64). A cold JVM pays far more for the first chart
 * (AWT and font start-up); that part is measured by bench/timing.sh, not here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
public class PlotBenchmark {

    private XYChart chart;

    @Setup
    public void setUp() {
        MultivariateNormal posterior = LinearGaussianModel.of(new double[] {1.0, 1.5}, 1.0, 2.0).posterior();
        chart = Plots.plane("Exact posterior", "z1", "z2");
        Plots.ellipses(chart, "exact posterior", posterior, 0, 1, Plots.PALETTE[0], false);
    }

    @Benchmark
    public String pngBase64() {
        return Plots.pngBase64(chart);
    }
}
