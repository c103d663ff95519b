package org.vworkbook.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.vae.DiagonalGaussianEncoder;
import org.vworkbook.vae.GapDecomposition;
import org.vworkbook.vae.EncoderGradient;
import org.vworkbook.vae.LinearGaussianDecoder;
import org.vworkbook.vae.LinearVae;
import org.vworkbook.vae.VaeTrainer;

/** E's results JSON against the library, for the default run and the cases of tests/cases/E.txt. */
class ENotebookIT {
    /** The threshold stated in the workbook for a decoder trained with the default (analytic) settings. */
    private static final double COSINE_THRESHOLD = 0.01;

    private record Run(double[][] data, LinearVae vae, double[] elboTrace) {}

    /** Repeats the notebook's computation from its parameters: one Well19937c stream, in the notebook's order. */
    private static Run retrain(NotebookResults r) {
        int l = (int) r.parameter("latent_dim");
        int d = (int) r.parameter("obs_dim");
        Well19937c random = new Well19937c((long) r.parameter("seed"));
        LinearGaussianDecoder truth = LinearGaussianDecoder.withCorrelatedColumns(l, d, r.parameter("noise_variance"), random);
        double[][] x = truth.sample((int) r.parameter("n"), random);
        LinearVae start = r.parameterText("init").equals("truth")
                ? LinearVae.of(truth, DiagonalGaussianEncoder.prior(l, d))
                : LinearVae.initial(l, d, 0.5, random);
        VaeTrainer.Result result = VaeTrainer.train(start, x, new VaeTrainer.Options((int) r.parameter("steps"),
                r.parameter("learning_rate"), EncoderGradient.parse(r.parameterText("estimator")),
                (int) r.parameter("samples"), (int) r.parameter("report_every")), random, null);
        assertEquals(truth.maxAbsColumnCosine(), r.number("generating_column_cosine"), 0.0);
        return new Run(x, result.vae(), result.elboTrace());
    }

    private static Run checkAgainstLibrary(NotebookResults r) {
        Run run = retrain(r);
        assertArrayEquals(run.elboTrace(), r.vector("elbo_trace"), 0.0);
        GapDecomposition g = GapDecomposition.of(run.vae(), run.data());
        assertEquals(g.elboEncoder(), r.number("elbo_final"), 0.0);
        assertEquals(g.logLikelihood(), r.number("loglik_final"), 0.0);
        assertEquals(g.klEncoderToExact(), r.number("mean_kl_to_exact"), 0.0);
        assertEquals(g.approximationGap(), r.number("approximation_gap"), 0.0);
        assertEquals(g.amortisationGap(), r.number("amortisation_gap"), 0.0);
        assertEquals(run.vae().decoder().maxAbsColumnCosine(), r.number("decoder_column_cosine"), 0.0);

        // The gap identity, with log p(x) recomputed from the marginal N(b, W W^T + sigma2 I) here.
        LinearGaussianDecoder dec = run.vae().decoder();
        double[][] w = dec.weights();
        int d = w.length;
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                for (int j = 0; j < w[0].length; j++) {
                    cov[i][k] += w[i][j] * w[k][j];
                }
            }
            cov[i][i] += dec.noiseVariance();
        }
        MultivariateNormal marginal = MultivariateNormal.ofMeanCovariance(dec.bias(), cov);
        double ll = 0;
        for (double[] x : run.data()) {
            ll += marginal.logDensity(x);
        }
        ll /= run.data().length;
        assertEquals(ll, r.number("loglik_final"), 1e-10);
        assertEquals(r.number("loglik_final") - r.number("elbo_final"), r.number("gap"), 1e-12);
        assertEquals(r.number("mean_kl_to_exact"), r.number("gap"), 1e-9);
        assertTrue(r.number("mean_kl_to_exact") >= 0);
        assertTrue(r.number("approximation_gap") >= -1e-12 && r.number("amortisation_gap") >= -1e-10);
        return run;
    }

    @Test
    void defaultRunMatchesTheLibraryAndOrthogonalises() {
        NotebookResults r = NotebookResults.read("E");
        assertEquals("analytic", r.parameterText("estimator"));
        checkAgainstLibrary(r);
        assertTrue(r.number("decoder_column_cosine") < COSINE_THRESHOLD, "cos " + r.number("decoder_column_cosine"));
        assertTrue(r.number("generating_column_cosine") > 0.9);
        assertTrue(r.number("approximation_gap") < 1e-6);
        assertTrue(r.number("gap") < 1e-3);
    }

    @Test
    void reparameterisedRandomStart() {
        NotebookResults r = NotebookResults.read("E", "e-reparam-random");
        checkAgainstLibrary(r);
        // noisy gradients: Adam jitters around the optimum, so the stated bound is looser
        assertTrue(r.number("decoder_column_cosine") < 0.1, "cos " + r.number("decoder_column_cosine"));
    }

    @Test
    void threeLatentDimensions() {
        NotebookResults r = NotebookResults.read("E", "e-three-latents");
        checkAgainstLibrary(r);
        assertTrue(r.number("decoder_column_cosine") < COSINE_THRESHOLD, "cos " + r.number("decoder_column_cosine"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"e-one-latent", "e-one-point", "e-no-steps", "e-tiny-noise",
        "e-more-latents-than-obs", "e-square", "e-large-noise", "e-large-learning-rate"})
    void edgeCasesMatchTheLibrary(String name) {
        checkAgainstLibrary(NotebookResults.read("E", name));
    }

    @Test
    void oneLatentDimensionHasNoApproximationGap() {
        NotebookResults r = NotebookResults.read("E", "e-one-latent");
        Run run = checkAgainstLibrary(r);
        assertEquals(0.0, run.vae().decoder().meanFieldKl(), 0.0);
        assertEquals(0.0, r.number("approximation_gap"), 1e-12);
        assertEquals(0.0, r.number("decoder_column_cosine"), 0.0);
        assertEquals(r.number("gap"), r.number("amortisation_gap"), 1e-12);
    }

    @Test
    void tooLargeALearningRateStopsTrainingEarly() {
        NotebookResults r = NotebookResults.read("E", "e-large-learning-rate");
        checkAgainstLibrary(r);
        assertTrue(r.vector("elbo_trace").length < r.parameter("steps") + 1);
    }

    @Test
    void withoutStepsTheTraceIsTheStart() {
        NotebookResults r = NotebookResults.read("E", "e-no-steps");
        checkAgainstLibrary(r);
        assertEquals(1, r.vector("elbo_trace").length);
        assertEquals(r.number("generating_column_cosine"), r.number("decoder_column_cosine"), 0.0);
    }
}
