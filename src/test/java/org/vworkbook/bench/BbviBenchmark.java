package org.vworkbook.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vworkbook.bbvi.Bbvi;
import org.vworkbook.bbvi.BbviOptions;
import org.vworkbook.bbvi.BbviResult;
import org.vworkbook.bbvi.GradientEstimator;
import org.vworkbook.bbvi.NormalGammaFamily;
import org.vworkbook.numerics.Adam;
import org.vworkbook.bbvi.GradientVariance;
import org.vworkbook.bbvi.MeanPrecisionTarget;
import org.vworkbook.bbvi.NormalGammaElbo;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.NormalGammaCavi;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.exact.NormalNormalGammaModel;

/**
 * Benchmark (not a test) for black-box VI on the default model of notebook BBVI (100 points from
 * N(1, 1/2), seed 1; prior mu0 = 0, lambda0 = 1, a0 = 1, b0 = 1):
 *
 * <ol>
 *   <li>the gradient variance of each estimator at the CAVI optimum (trace of the covariance of one
 *       estimate in eta = (m, log l, log a, log b)), for S = 1, 10, 100 draws per estimate, R = 20000
 *       estimates each, and the ratios REINFORCE / estimator;
 *   <li>the number of steps each estimator needs from the poor start N(0, 1) Gamma(1, 1) until the
 *       exact ELBO of the iterate is within 0.01 nats of CAVI's, with S = 10 draws per step and Adam
 *       (lr 0.2, decaying over 100 steps), over seeds 1..10, at most 20000 steps; and basic REINFORCE
 *       again with S = 100 (10 seeds) and S = 1000 (3 seeds).
 * </ol>
 *
 * Run from the project root:
 *
 * <pre>
 *   mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 *   java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.vworkbook.bench.BbviBenchmark
 * </pre>
 */
public final class BbviBenchmark {
    private BbviBenchmark() {}

    public static void main(String[] args) {
        long began = System.nanoTime();
        double[] x = NormalNormalGammaModel.generateData(100, 1.0, 2.0, 1);
        NormalNormalGammaModel model = NormalNormalGammaModel.of(x, 0.0, 1.0, 1.0, 1.0);
        CaviResult<NormalGammaMeanFieldState> cavi = NormalGammaCavi.of(model).run();
        NormalGammaMeanFieldState opt = cavi.state();
        double caviElbo = cavi.elbo();
        MeanPrecisionTarget target = MeanPrecisionTarget.of(model);
        NormalGammaElbo elbo = NormalGammaElbo.of(model);
        List<String> names = List.of("reinforce", "reinforce_rb", "reinforce_cv", "reparam");
        System.out.printf(Locale.ROOT, "model: %s%nCAVI optimum: %s, ELBO %.6f, log p(x) %.6f%n%n", model, opt, caviElbo,
                model.logEvidence());

        int replications = 20000;
        System.out.println("1. Gradient variance at the CAVI optimum (trace of covariance in eta), R = " + replications);
        for (int samples : new int[] {1, 10, 100}) {
            if (samples < 3) {
                System.out.println("   S = 1: reinforce_cv needs S >= 3 (leave-one-out a*), skipped for it");
            }
            Map<String, Double> total = new LinkedHashMap<>();
            for (String name : names) {
                GradientEstimator<NormalGammaMeanFieldState> e = GradientEstimator.byName(name);
                if (samples < e.minimumSamples()) {
                    continue;
                }
                GradientVariance gv = GradientVariance.measure(NormalGammaFamily.of(), target, e, opt, samples, replications / Math.max(1, samples / 10), 1);
                total.put(name, gv.totalVariance());
                System.out.printf(Locale.ROOT, "   S = %3d  %-13s total %12.5g  per coordinate %s%n", samples, name,
                        gv.totalVariance(), Arrays.toString(Arrays.stream(gv.variance()).map(v -> Math.round(v * 1e4) / 1e4).toArray()));
            }
            double base = total.get("reinforce");
            for (Map.Entry<String, Double> t : total.entrySet()) {
                System.out.printf(Locale.ROOT, "   S = %3d  REINFORCE / %-13s = %10.1f%n", samples, t.getKey(), base / t.getValue());
            }
        }

        int maxSteps = 20000;
        System.out.printf(Locale.ROOT, "%n2. Steps until ELBO(q_t) >= ELBO_CAVI - 0.01 from N(0,1) Gamma(1,1); S = 10, "
                + "Adam(lr 0.2, decay 100), seeds 1..10, at most %d steps%n", maxSteps);
        NormalGammaMeanFieldState start = new NormalGammaMeanFieldState(0.0, 1.0, 1.0, 1.0);
        for (String name : names) {
            int[] first = new int[10];
            double[] finalGap = new double[10];
            for (int seed = 1; seed <= 10; seed++) {
                BbviResult<NormalGammaMeanFieldState> r = Bbvi.run(NormalGammaFamily.of(), target, GradientEstimator.byName(name),
                        Adam.withLearningRate(0.2).withDecay(100), start,
                        BbviOptions.of(maxSteps, 10, seed), elbo::value, null);
                first[seed - 1] = r.firstStepWithin(caviElbo, 0.01);
                finalGap[seed - 1] = caviElbo - elbo.value(r.averagedState());
            }
            int[] reached = Arrays.stream(first).filter(f -> f >= 0).sorted().toArray();
            String median = reached.length == 0 ? "never" : String.valueOf(reached[reached.length / 2]);
            System.out.printf(Locale.ROOT, "   %-13s reached in %2d/10 runs; steps %s (median of those reaching: %s); "
                    + "gap of the final iterate average: median %.2e%n", name, reached.length, Arrays.toString(first), median,
                    Arrays.stream(finalGap).sorted().toArray()[5]);
        }
        System.out.println("   basic REINFORCE with more draws per step (same Adam settings):");
        for (int[] setting : new int[][] {{100, 10}, {1000, 3}}) {
            int samples = setting[0];
            int[] first = new int[setting[1]];
            for (int seed = 1; seed <= setting[1]; seed++) {
                BbviResult<NormalGammaMeanFieldState> r = Bbvi.run(NormalGammaFamily.of(), target, GradientEstimator.byName("reinforce"),
                        Adam.withLearningRate(0.2).withDecay(100), start,
                        BbviOptions.of(maxSteps, samples, seed), elbo::value, null);
                first[seed - 1] = r.firstStepWithin(caviElbo, 0.01);
            }
            System.out.printf(Locale.ROOT, "   reinforce, S = %4d: steps %s%n", samples, Arrays.toString(first));
        }
        System.out.printf(Locale.ROOT, "%nbenchmark took %.1f s%n", (System.nanoTime() - began) * 1e-9);
    }
}
