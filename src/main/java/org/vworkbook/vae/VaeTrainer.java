package org.vworkbook.vae;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.numerics.Adam;
import org.vworkbook.numerics.Optimizer;
import org.vworkbook.util.Check;

/**
 * Trains a {@link LinearVae} by gradient ascent on the mean ELBO over a data set, full batch, with
 * {@link Adam} (a {@link Optimizer}, ascending). The gradient is either exact ({@link EncoderGradient#ANALYTIC}) or the
 * reparameterisation estimate ({@link EncoderGradient#REPARAMETERISATION}, drawn from the caller's
 * random source). Whatever the estimator, the recorded trace is the exact mean ELBO, so runs with
 * different estimators compare on the same scale.
 */
public final class VaeTrainer {
    private VaeTrainer() {}

    /**
     * @param steps the number of Adam steps (>= 0)
     * @param learningRate Adam's step size (> 0)
     * @param estimator how the gradient is computed
     * @param samples draws of eps per data point per step (>= 1; used by the reparameterisation estimator)
     * @param progressEvery report progress and keep a snapshot every this many steps (>= 1)
     */
    public record Options(int steps, double learningRate, EncoderGradient estimator, int samples, int progressEvery) {
        public Options {
            Check.atLeast("VaeTrainer", "steps", steps, 0);
            Check.positive("VaeTrainer", "learningRate", learningRate);
            if (estimator == null) {
                throw new IllegalArgumentException("VaeTrainer estimator must not be null");
            }
            Check.atLeast("VaeTrainer", "samples", samples, 1);
            Check.atLeast("VaeTrainer", "progressEvery", progressEvery, 1);
        }
    }

    /** What the trainer reports every {@code progressEvery} steps (and at the start and the end). */
    public record Progress(int step, double meanElbo, double decoderColumnCosine) {
        public Progress {
            org.vworkbook.util.Check.atLeast("VaeTrainer.Progress", "step", step, 0);
            org.vworkbook.util.Check.finite("VaeTrainer.Progress", "meanElbo", meanElbo);
            org.vworkbook.util.Check.finite("VaeTrainer.Progress", "decoderColumnCosine", decoderColumnCosine);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "step %5d   mean ELBO %.6f   max |cos(w_j, w_k)| %.4f", step,
                    meanElbo, decoderColumnCosine);
        }
    }

    /**
     * @param vae the trained VAE
     * @param elboTrace the exact mean ELBO before the first step and after each step taken (stepsTaken + 1 entries)
     * @param snapshots the VAE at each reported step
     * @param snapshotSteps the step of each snapshot
     * @param stepsTaken the steps taken: {@code steps}, or fewer if the run diverged
     * @param diverged true if the run stopped because the next step left the representable range
     *     ({@link LinearVae#representable}); {@code vae} is then the last representable one
     */
    public record Result(LinearVae vae, double[] elboTrace, List<LinearVae> snapshots, int[] snapshotSteps, int stepsTaken,
            boolean diverged) {
        public Result {
            elboTrace = elboTrace.clone();
            snapshots = List.copyOf(snapshots);
            snapshotSteps = snapshotSteps.clone();
        }

        @Override
        public double[] elboTrace() {
            return elboTrace.clone();
        }

        @Override
        public int[] snapshotSteps() {
            return snapshotSteps.clone();
        }
    }

    /**
     * Runs {@code options.steps()} Adam steps from {@code start}. {@code progress} (may be null) receives
     * a line every {@code progressEvery} steps, at step 0 and at the last step. If a step would leave
     * the representable range (a non-finite parameter, an encoder variance or sigma2 that under- or
     * overflows: too large a learning rate), the run stops before it and says so in the result
     * ({@code diverged}), rather than throwing: like {@link org.vworkbook.bbvi.Bbvi}, a too-large step
     * size is a result.
     */
    public static Result train(LinearVae start, double[][] data, Options options, RandomGenerator random,
            Consumer<Progress> progress) {
        if (start == null || options == null) {
            throw new IllegalArgumentException("VaeTrainer start and options must not be null");
        }
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("VaeTrainer data must have at least one row");
        }
        if (options.estimator() == EncoderGradient.REPARAMETERISATION) {
            LinearGaussianDecoder.requireRandom(random);
        }
        if (!start.representable(data)) {
            throw new IllegalArgumentException("VaeTrainer start must be representable on the data (finite ELBO, variances > 0)");
        }
        Optimizer adam = Adam.withLearningRate(options.learningRate());
        LinearVae vae = start;
        double[] params = vae.parameters();
        double[] grad = new double[params.length];
        double[] trace = new double[options.steps() + 1];
        List<LinearVae> snapshots = new ArrayList<>();
        List<Integer> snapshotSteps = new ArrayList<>();
        boolean diverged = false;
        int step = 0;
        for (; ; step++) {
            double elbo;
            boolean last = step == options.steps();
            double[] next = null;
            if (!last) {
                double estimate = vae.meanElboGradient(data, options.estimator(), options.samples(), random, grad);
                elbo = options.estimator() == EncoderGradient.ANALYTIC ? estimate : vae.meanElbo(data);
                next = adam.ascend(params, grad);
                if (!finite(next) || !vae.withParameters(next).representable(data)) {
                    diverged = true;
                    last = true;
                }
            } else {
                elbo = vae.meanElbo(data);
            }
            trace[step] = elbo;
            if (step % options.progressEvery() == 0 || last) {
                snapshots.add(vae);
                snapshotSteps.add(step);
                if (progress != null) {
                    progress.accept(new Progress(step, elbo, vae.decoder().maxAbsColumnCosine()));
                }
            }
            if (last) {
                break;
            }
            params = next;
            vae = vae.withParameters(params);
        }
        return new Result(vae, java.util.Arrays.copyOf(trace, step + 1), snapshots,
                snapshotSteps.stream().mapToInt(Integer::intValue).toArray(), step, diverged);
    }

    private static boolean finite(double[] v) {
        for (double d : v) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }
}
