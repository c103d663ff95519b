package org.vworkbook.bbvi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.vworkbook.numerics.Optimizer;

/**
 * The black-box VI loop (Ranganath, Gerrish and Blei 2014, Algorithm 1), shaped like Pyro's SVI: it
 * joins a {@link Family} (the guide, in unconstrained coordinates eta), a {@link Target} (the model's
 * log joint), a {@link GradientEstimator} (the loss) and a {@link Optimizer} (ascending the ELBO):
 *
 * <pre>
 *   eta_0 = start
 *   for t = 1..steps:  draw S samples of q(eta_{t-1}); g = estimate; eta_t = optimiser.ascend(eta_{t-1}, g)
 * </pre>
 *
 * All draws come from one {@code Well19937c(options.seed())}. The run records the parameter path,
 * the Monte Carlo ELBO estimates and, when the caller supplies the closed form, the exact ELBO
 * along the path. If an estimate is not finite ({@link NonFiniteEstimateException}) or a step leaves
 * the family's representable range ({@link Family#representable}), the run stops and says so
 * ({@code diverged}), rather than throwing: a too-large step size is a result.
 */
public final class Bbvi {
    private Bbvi() {}

    /** A run without an exact ELBO, printing progress (if asked) to standard output. */
    public static <Q> BbviResult<Q> run(Family<Q> family, Target target, GradientEstimator<Q> estimator,
            Optimizer optimizer, Q start, BbviOptions options) {
        return run(family, target, estimator, optimizer, start, options, null, System.out::println);
    }

    /**
     * @param exactElbo the closed-form ELBO of a q, recorded along the path (null: none)
     * @param progress receives a progress line every {@code options.progressEvery()} steps, and the
     *     line that says where a diverged run stopped (null: none)
     */
    public static <Q> BbviResult<Q> run(Family<Q> family, Target target, GradientEstimator<Q> estimator,
            Optimizer optimizer, Q start, BbviOptions options, ToDoubleFunction<Q> exactElbo, Consumer<String> progress) {
        if (family == null || target == null || estimator == null || optimizer == null || start == null || options == null) {
            throw new IllegalArgumentException("Bbvi family, target, estimator, optimizer, start and options must not be null");
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
        double[] eta = family.toUnconstrained(start);
        Q q = start;
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
                g = estimator.estimate(family, target, q, options.samples(), random);
            } catch (NonFiniteEstimateException e) {
                g = null;
            }
            double[] next = g == null ? null : optimizer.ascend(eta, g.gradient());
            Q nextQ = next == null || !family.representable(next) ? null : family.fromUnconstrained(next);
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
        return new BbviResult<>(estimator.name(), optimizer.name(), q, path.toArray(new double[0][]), trimmed,
                exact.stream().mapToDouble(Double::doubleValue).toArray(), taken, diverged, family);
    }
}
