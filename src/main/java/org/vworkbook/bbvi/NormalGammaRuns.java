package org.vworkbook.bbvi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.exact.NormalNormalGammaModel;

/**
 * One black-box VI run per compared estimator ({@link NormalGammaBbvi#COMPARED}, plus the reported one if
 * it is not among them), all from the same start with the same step rule, options and seed, so that
 * they differ only in the gradient estimator.
 *
 * @param runs the runs by estimator name, in the order run
 * @param reported the name of the run whose fit is reported
 * @param start the common start
 * @param elbo the closed-form ELBO of the model
 */
public record NormalGammaRuns(Map<String, BbviResult<NormalGammaMeanFieldState>> runs, String reported,
        NormalGammaMeanFieldState start, NormalGammaElbo elbo) {
    public NormalGammaRuns {
        if (runs == null || reported == null || start == null || elbo == null || !runs.containsKey(reported)) {
            throw new IllegalArgumentException("NormalGammaRuns needs runs containing the reported one, a start and an ELBO");
        }
        runs = Collections.unmodifiableMap(new LinkedHashMap<>(runs));
    }

    /**
     * Runs {@link NormalGammaBbvi#run} for each compared estimator and for {@code estimator}.
     *
     * @throws IllegalArgumentException for an unknown estimator name
     */
    public static NormalGammaRuns of(NormalNormalGammaModel model, String estimator, NormalGammaMeanFieldState start,
            BbviOptions options, double learningRate, double decaySteps) {
        String reported = GradientEstimator.byName(estimator).name();
        List<String> names = new ArrayList<>(NormalGammaBbvi.COMPARED);
        if (!names.contains(estimator)) {
            names.add(reported);
        }
        Map<String, BbviResult<NormalGammaMeanFieldState>> runs = new LinkedHashMap<>();
        for (String name : names) {
            runs.put(name, NormalGammaBbvi.run(model, name, start, options, learningRate, decaySteps));
        }
        return new NormalGammaRuns(runs, reported, start, NormalGammaElbo.of(model));
    }

    /** The reported run. */
    public BbviResult<NormalGammaMeanFieldState> chosen() {
        return runs.get(reported);
    }

    /** The reported fit: the iterate average over the second half of its run. */
    public NormalGammaMeanFieldState qBbvi() {
        return chosen().averagedState();
    }

    /** ELBO of {@link #qBbvi()}. */
    public double elboBbvi() {
        return elbo.value(qBbvi());
    }

    /** For each run, the first step whose exact ELBO is within {@code tolerance} of {@code target} (-1: none). */
    public Map<String, Integer> stepsWithin(double target, double tolerance) {
        Map<String, Integer> m = new LinkedHashMap<>();
        runs.forEach((k, r) -> m.put(k, r.firstStepWithin(target, tolerance)));
        return m;
    }
}
