package org.vworkbook.vae;

import java.util.Arrays;
import java.util.function.Consumer;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.util.Check;

/**
 * One VAE experiment from one random stream: a generating linear-Gaussian decoder with correlated
 * columns, n data points from it, a start (the generating decoder with the prior as encoder, or a
 * small random W), and full-batch training by {@link VaeTrainer}. All draws come from one
 * {@code Well19937c(seed)}, in that order (decoder, data, random start, the trainer's eps draws).
 *
 * @param truth the generating decoder
 * @param data the data, one row per point
 * @param training the training run
 * @param fromTruth whether training started at the generating decoder
 */
public record VaeExperiment(LinearGaussianDecoder truth, double[][] data, VaeTrainer.Result training, boolean fromTruth) {
    public VaeExperiment {
        if (truth == null || data == null || training == null) {
            throw new IllegalArgumentException("VaeExperiment truth, data and training must not be null");
        }
    }

    /**
     * Generates the data and trains.
     *
     * @param init "truth" (start at the generating decoder, the prior as encoder) or "random" (small random W)
     * @param progress receives the set-up lines and the trainer's progress (null: none)
     * @throws IllegalArgumentException for another init, or bad dimensions or options
     */
    public static VaeExperiment of(int n, int latentDim, int obsDim, double noiseVariance, String init, long seed,
            VaeTrainer.Options options, Consumer<String> progress) {
        if (!"truth".equals(init) && !"random".equals(init)) {
            throw new IllegalArgumentException("VaeExperiment init must be \"truth\" or \"random\", got " + init);
        }
        Check.atLeast("VaeExperiment", "n", n, 1);
        Consumer<String> sink = progress == null ? s -> { } : progress;
        RandomGenerator random = new Well19937c(seed);
        LinearGaussianDecoder truth = LinearGaussianDecoder.withCorrelatedColumns(latentDim, obsDim, noiseVariance, random);
        double[][] x = truth.sample(n, random);
        boolean fromTruth = init.equals("truth");
        LinearVae start = fromTruth
                ? LinearVae.of(truth, DiagonalGaussianEncoder.prior(latentDim, obsDim))
                : LinearVae.initial(latentDim, obsDim, 0.5, random);
        sink.accept("generating decoder: max |cos(w_j, w_k)| = " + truth.maxAbsColumnCosine());
        sink.accept("training with " + options.estimator() + " gradients, Adam step " + options.learningRate());
        VaeTrainer.Result training = VaeTrainer.train(start, x, options, random, p -> sink.accept(p.toString()));
        return new VaeExperiment(truth, x, training, fromTruth);
    }

    /** The trained VAE. */
    public LinearVae vae() {
        return training.vae();
    }

    /** The gap decomposition of the trained VAE on the data. */
    public GapDecomposition gaps() {
        return GapDecomposition.of(training.vae(), data);
    }

    /** The mean log p(x) under the generating decoder. */
    public double truthLogLikelihood() {
        return Arrays.stream(data).mapToDouble(truth::logMarginal).average().getAsDouble();
    }

    /**
     * The approximation gap in closed form for the first point, 1/2 log(prod_j M_jj / |M|) with M the
     * trained decoder's posterior precision (the same for every x).
     */
    public double approximationGapClosedForm() {
        LinearGaussianDecoder decoder = training.vae().decoder();
        int latentDim = decoder.latentDimension();
        double[][] m = decoder.joint(data[0]).precision();
        double hadamard = 0;
        for (int j = 0; j < latentDim; j++) {
            hadamard += Math.log(m[j][j]);
        }
        return 0.5 * (hadamard + MultivariateNormal.ofMeanPrecision(new double[latentDim], m).logDetCovariance());
    }

    /**
     * The size s of the ELBO's terms, 1 + mean |x - b|^2 / (2 sigma^2) under the trained decoder: the
     * tolerances of the gap identities scale with it.
     */
    public double scale() {
        LinearGaussianDecoder decoder = training.vae().decoder();
        double[] b = decoder.bias();
        int n = data.length;
        double r2 = 0;
        for (double[] xi : data) {
            for (int i = 0; i < b.length; i++) {
                r2 += (xi[i] - b[i]) * (xi[i] - b[i]) / n;
            }
        }
        return 1 + r2 / (2 * decoder.noiseVariance());
    }
}
