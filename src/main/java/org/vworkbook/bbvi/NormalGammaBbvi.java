package org.vworkbook.bbvi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.exact.NormalNormalGammaModel;
import org.vworkbook.numerics.Adam;

/**
 * Black-box VI on the Normal-Normal-Gamma model in one call, as notebook BBVI uses it: a named
 * estimator with Adam ({@link Adam}, with a decaying learning rate), the exact ELBO recorded along the path, and each
 * estimator's gradient variance at a common q.
 */
public final class NormalGammaBbvi {
    private NormalGammaBbvi() {}

    /** The estimators compared in the notebook, in order. */
    public static final List<String> COMPARED = List.of("reinforce", "reinforce_cv", "reparam");

    /**
     * One run of {@code estimator} from {@code start} with Adam(learningRate, decaySteps), recording the exact ELBO.
     */
    public static BbviResult<NormalGammaMeanFieldState> run(NormalNormalGammaModel model, String estimator, NormalGammaMeanFieldState start,
            BbviOptions options, double learningRate, double decaySteps) {
        if (model == null) {
            throw new IllegalArgumentException("NormalGammaBbvi model must not be null");
        }
        GradientEstimator<NormalGammaMeanFieldState> e = GradientEstimator.byName(estimator);
        return Bbvi.run(NormalGammaFamily.of(), MeanPrecisionTarget.of(model), e,
                Adam.withLearningRate(learningRate).withDecay(decaySteps), start, options, NormalGammaElbo.of(model)::value,
                System.out::println);
    }

    /**
     * The sampling variance of each named estimator at q: {@code replications} estimates of
     * {@code samples} draws each, every estimator from its own Well19937c(seed).
     */
    public static Map<String, GradientVariance> gradientVariances(NormalNormalGammaModel model, NormalGammaMeanFieldState q,
            List<String> estimators, int samples, int replications, long seed) {
        if (model == null) {
            throw new IllegalArgumentException("NormalGammaBbvi model must not be null");
        }
        MeanPrecisionTarget target = MeanPrecisionTarget.of(model);
        Map<String, GradientVariance> out = new LinkedHashMap<>();
        for (String name : estimators) {
            out.put(name, GradientVariance.measure(NormalGammaFamily.of(), target, GradientEstimator.byName(name), q, samples,
                    replications, seed));
        }
        return out;
    }

    /** The total variance of each estimator's gradient ({@link GradientVariance#totalVariance}), in the same order. */
    public static Map<String, Double> totalVariances(Map<String, GradientVariance> variances) {
        Map<String, Double> out = new LinkedHashMap<>();
        variances.forEach((k, v) -> out.put(k, v.totalVariance()));
        return out;
    }

    /**
     * How much each variance reduction buys: the basic estimator's total variance over reinforce_cv's
     * and over reparam's ("reinforce_over_reinforce_cv", "reinforce_over_reparam").
     *
     * @throws IllegalArgumentException if one of the three is missing
     */
    public static Map<String, Double> varianceRatios(Map<String, GradientVariance> variances) {
        for (String name : COMPARED) {
            if (!variances.containsKey(name)) {
                throw new IllegalArgumentException("NormalGammaBbvi variances must include " + name);
            }
        }
        double base = variances.get("reinforce").totalVariance();
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("reinforce_over_reinforce_cv", base / variances.get("reinforce_cv").totalVariance());
        out.put("reinforce_over_reparam", base / variances.get("reparam").totalVariance());
        return out;
    }

    /** {mu_n, lambda_n, a_n, b_n} of a q, for the results JSON. */
    public static Map<String, Double> asMap(NormalGammaMeanFieldState q) {
        return q.toMap();
    }
}
