package org.vworkbook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.gmm.BayesianGaussianMixture;
import org.vworkbook.gmm.ConcentrationComparison;
import org.vworkbook.gmm.GaussianMixturePrior;
import org.vworkbook.gmm.GmmState;
import org.vworkbook.gmm.MixtureData;
import org.vworkbook.gmm.OldFaithful;
import org.vworkbook.notebook.Json;

/**
 * The Java half of the Old Faithful comparison (bench/gmm_vs_sklearn_faithful.sh): notebook GMM's
 * Fig. 10.6 setting (standardised Old Faithful, K = 6, beta0 = 1, nu0 = 2, m0 = the data mean,
 * W0^-1 = the sample covariance, start "nearest" with seed 1, tol 1e-8, max_iter 1000) for
 * alpha0 = 1e-3 and 10. Fits each {@code repeats} times and writes the data, the starting
 * responsibilities and our answers and times for scikit-learn's half. Not a test: run it through the script.
 *
 * <p>Arguments: outDir repeats.
 */
public final class FaithfulBenchmark {
    static final int K = 6;
    static final double BETA0 = 1.0;
    static final double NU0 = 2.0;
    static final long INIT_SEED = 1;
    static final double TOL = 1e-8;
    static final int MAX_ITER = 1000;

    private FaithfulBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args.length > 0 ? args[0] : "bench/out-faithful");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Files.createDirectories(out);
        MixtureData data = OldFaithful.standardised(Path.of("notebooks", "data", "faithful.csv"));
        int n = data.size();
        GmmBenchmark.writeDoubles(out.resolve("data.f64"), data.flat());

        List<Object> fits = new ArrayList<>();
        double[][] resp = null;
        for (double alpha0 : ConcentrationComparison.BISHOP) {
            GaussianMixturePrior prior = GaussianMixturePrior.ofCovariancePrior(alpha0, BETA0, data.mean(), NU0,
                    GaussianMixturePrior.covariancePriorFor(data));
            BayesianGaussianMixture model = BayesianGaussianMixture.of(data, K, prior);
            resp = model.startingResponsibilities("nearest", INIT_SEED);
            CaviOptions options = new CaviOptions(TOL, MAX_ITER);
            CaviResult<GmmState> result = null;
            double bestMs = Double.POSITIVE_INFINITY;
            for (int rep = 0; rep < repeats; rep++) {
                long t0 = System.nanoTime();
                result = model.run(resp, options);
                long t1 = System.nanoTime();
                bestMs = Math.min(bestMs, (t1 - t0) / 1e6);
                System.err.printf(Locale.ROOT, "  ours, alpha0 = %g, run %d: %d iterations, %.3f ms%n", alpha0, rep + 1,
                        result.iterations(), (t1 - t0) / 1e6);
            }
            Map<String, Object> fit = new LinkedHashMap<>();
            fit.put("alpha0", alpha0);
            fit.put("priors", GmmBenchmark.priorsJson(prior));
            fit.put("weights", result.state().weights());
            fit.put("means", result.state().means());
            fit.put("iterations", result.iterations());
            fit.put("converged", result.converged());
            fit.put("elbo", result.elbo());
            fit.put("ms_best", bestMs);
            fits.add(fit);
        }
        double[] flatResp = new double[n * K];
        for (int i = 0; i < n; i++) {
            System.arraycopy(resp[i], 0, flatResp, i * K, K);
        }
        GmmBenchmark.writeDoubles(out.resolve("resp.f64"), flatResp); // the same start for both alpha0

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("n", n);
        json.put("k", K);
        json.put("d", 2);
        json.put("init", "nearest");
        json.put("init_seed", INIT_SEED);
        json.put("tol", TOL);
        json.put("max_iter", MAX_ITER);
        json.put("repeats", repeats);
        json.put("java", System.getProperty("java.version"));
        json.put("fits", fits);
        Files.writeString(out.resolve("ours.json"), Json.write(json) + "\n");
    }
}
