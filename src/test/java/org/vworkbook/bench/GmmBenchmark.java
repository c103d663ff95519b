package org.vworkbook.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.gmm.BayesianGaussianMixture;
import org.vworkbook.gmm.GaussianMixturePrior;
import org.vworkbook.gmm.GmmState;
import org.vworkbook.gmm.MixtureData;
import org.vworkbook.gmm.SyntheticMixture;
import org.vworkbook.notebook.Json;

/**
 * The Java half of the peer benchmark (bench/gmm_vs_sklearn.sh): draws the data and the initial
 * responsibilities, fits our CAVI several times, and writes everything scikit-learn needs to fit
 * the same model from the same start (little-endian float64 files and a JSON of priors and our
 * answer). Not a test: run it through the script.
 *
 * <p>Arguments: outDir n k d seed tol maxIter repeats.
 */
public final class GmmBenchmark {
    private GmmBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args.length > 0 ? args[0] : "bench/out");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int d = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1L;
        double tol = args.length > 5 ? Double.parseDouble(args[5]) : 1e-3;
        int maxIter = args.length > 6 ? Integer.parseInt(args[6]) : 500;
        int repeats = args.length > 7 ? Integer.parseInt(args[7]) : 5;
        Files.createDirectories(out);

        SyntheticMixture synthetic = SyntheticMixture.generate(n, k, d, 4.0, seed);
        MixtureData data = synthetic.data();
        GaussianMixturePrior prior = GaussianMixturePrior.defaultsFor(data, 1.0 / k);
        BayesianGaussianMixture model = BayesianGaussianMixture.of(data, k, prior);
        double[][] resp = model.nearestOfRandomPoints(seed);

        writeDoubles(out.resolve("data.f64"), data.flat());
        double[] flatResp = new double[n * k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(resp[i], 0, flatResp, i * k, k);
        }
        writeDoubles(out.resolve("resp.f64"), flatResp);

        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        CaviOptions options = new CaviOptions(tol, maxIter);
        CaviResult<GmmState> result = null;
        double bestWall = Double.POSITIVE_INFINITY;
        double bestCpu = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < repeats; rep++) {
            long c0 = bean.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            result = model.run(resp, options);
            long t1 = System.nanoTime();
            long c1 = bean.getCurrentThreadCpuTime();
            double wall = (t1 - t0) / 1e6 / result.iterations();
            double cpu = (c1 - c0) / 1e6 / result.iterations();
            System.err.printf(Locale.ROOT, "  ours, run %d: %d iterations, %.3f ms/iteration wall, %.3f ms cpu%n",
                    rep + 1, result.iterations(), wall, cpu);
            bestWall = Math.min(bestWall, wall);
            bestCpu = Math.min(bestCpu, cpu);
        }

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("n", n);
        json.put("k", k);
        json.put("d", d);
        json.put("seed", seed);
        json.put("tol", tol);
        json.put("max_iter", maxIter);
        json.put("priors", priorsJson(prior));
        Map<String, Object> ours = new LinkedHashMap<>();
        ours.put("weights", result.state().weights());
        ours.put("means", result.state().means());
        ours.put("iterations", result.iterations());
        ours.put("converged", result.converged());
        ours.put("elbo", result.elbo());
        ours.put("ms_per_iteration_wall", bestWall);
        ours.put("ms_per_iteration_cpu", bestCpu);
        ours.put("repeats", repeats);
        json.put("ours", ours);
        Files.writeString(out.resolve("ours.json"), Json.write(json) + "\n");
    }

    /** The prior under scikit-learn's parameter names (W0^-1 as covariance_prior). */
    static Map<String, Object> priorsJson(GaussianMixturePrior prior) {
        Map<String, Object> priors = new LinkedHashMap<>();
        priors.put("weight_concentration_prior", prior.weightConcentration());
        priors.put("mean_precision_prior", prior.meanPrecision());
        priors.put("mean_prior", prior.mean());
        priors.put("degrees_of_freedom_prior", prior.degreesOfFreedom());
        priors.put("covariance_prior", prior.covariancePrior());
        return priors;
    }

    static void writeDoubles(Path file, double[] values) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            buf.putDouble(v);
        }
        Files.write(file, buf.array());
    }
}
