package org.vworkbook.bbvi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.vworkbook.cavi.NormalGammaMeanFieldState;

/**
 * The black-box VI loop (Ranganath, Gerrish and Blei 2014, Algorithm 1) joining a family
 * ({@link NormalGammaFamily}, unconstrained coordinates), a gradient estimator and an optimiser:
 *
 * <pre>
 *   eta_0 = start
 *   for t = 1..steps:  draw S samples of q(eta_{t-1}); g = estimate; eta_t = optimiser step(eta_{t-1}, g)
 * </pre>
 *
 * All draws come from one {@code Well19937c(options.seed())}. The run records the parameter path,
 * the Monte Carlo ELBO estimates and, when the caller supplies the closed form, the exact ELBO
 * along the path. If a step leaves the representable range (a non-finite parameter), the run
 * stops and says so ({@code diverged}), rather than throwing: a too-large step size is a result.
 */
public final class Bbvi {
    private Bbvi() {}

    /** A run without an exact ELBO, printing progress (if asked) to standard output. */
    public static BbviResult run(GradientEstimator estimator, Optimizer optimizer, NormalGammaMeanFieldState start,
            BbviOptions options) {
        return run(estimator, optimizer, start, options, null, System.out::println);
    }

    /**
     * @param exactElbo the closed-form ELBO of a q, recorded along the path (null: none)
     * @param progress receives a progress line every {@code options.progressEvery()} steps
     */
    public static BbviResult run(GradientEstimator estimator, Optimizer optimizer, NormalGammaMeanFieldState start,
            BbviOptions options, ToDoubleFunction<NormalGammaMeanFieldState> exactElbo, Consumer<String> progress) {
        if (estimator == null || optimizer == null || start == null || options == null) {
            throw new IllegalArgumentException("Bbvi estimator, optimizer, start and options must not be null");
        }
        if (options.samples() < estimator.minimumSamples()) {
            throw new IllegalArgumentException("Bbvi samples must be >= " + estimator.minimumSamples() + " for "
                    + estimator.name() + ", got " + options.samples());
        }
        Consumer<String> sink = progress == null ? s -> { } : progress;
        RandomGenerator random = new Well19937c(options.seed());
        List<double[]> path = new ArrayList<>();
        double[] estimates = new double[options.steps()];
        List<Double> exact = new ArrayList<>();
        double[] eta = NormalGammaFamily.toUnconstrained(start);
        NormalGammaMeanFieldState q = start;
        path.add(eta);
        if (exactElbo != null) {
            exact.add(exactElbo.applyAsDouble(q));
        }
        boolean diverged = false;
        int taken = 0;
        long began = System.nanoTime();
        for (int t = 1; t <= options.steps(); t++) {
            GradientEstimate g;
            try {
                g = estimator.estimate(q, options.samples(), random);
            } catch (IllegalArgumentException e) {
                // Only a non-finite estimate (draws that overflowed at an extreme q) ends the run as diverged.
                if (e.getMessage() == null || !e.getMessage().startsWith("GradientEstimate ")) {
                    throw e;
                }
                g = null;
            }
            double[] next = g == null ? null : optimizer.ascend(eta, g.gradient());
            NormalGammaMeanFieldState nextQ = next == null ? null : valid(next);
            if (nextQ == null) {
                diverged = true;
                sink.accept(String.format(Locale.ROOT, "%s: stopped at step %d: parameters left the representable range",
                        estimator.name(), t));
                break;
            }
            estimates[t - 1] = g.elboEstimate();
            eta = next;
            q = nextQ;
            path.add(eta);
            if (exactElbo != null) {
                exact.add(exactElbo.applyAsDouble(q));
            }
            taken = t;
            if (options.progressEvery() > 0 && (t % options.progressEvery() == 0 || t == options.steps())) {
                sink.accept(String.format(Locale.ROOT, "%s: step %d/%d, ELBO estimate %.4f, %.1f s", estimator.name(),
                        t, options.steps(), g.elboEstimate(), (System.nanoTime() - began) * 1e-9));
            }
        }
        double[] trimmed = new double[taken];
        System.arraycopy(estimates, 0, trimmed, 0, taken);
        return new BbviResult(estimator.name(), optimizer.name(), q, path.toArray(new double[0][]), trimmed,
                exact.stream().mapToDouble(Double::doubleValue).toArray(), taken, diverged);
    }

    private static NormalGammaMeanFieldState valid(double[] eta) {
        for (double e : eta) {
            if (!Double.isFinite(e)) {
                return null;
            }
        }
        if (Math.abs(eta[1]) > 700 || Math.abs(eta[2]) > 700 || Math.abs(eta[3]) > 700) {
            return null;
        }
        return NormalGammaFamily.fromUnconstrained(eta);
    }
}
