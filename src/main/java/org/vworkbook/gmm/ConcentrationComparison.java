package org.vworkbook.gmm;

import java.util.ArrayList;
import java.util.List;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;

/**
 * The same mixture fitted with several Dirichlet concentrations alpha0 (everything else equal: data,
 * K, beta0, m0, nu0, W0, the starting responsibilities and the stopping rule), as in Bishop's
 * Fig. 10.6 (alpha0 = 1e-3 against alpha0 = 10 on Old Faithful with K = 6).
 *
 * @param concentrations the alpha0 of each run
 * @param runs the runs, in the same order
 */
public record ConcentrationComparison(double[] concentrations, List<CaviResult<GmmState>> runs) {
    /** Bishop's two values in Fig. 10.6 and its text (PRML p. 480). */
    public static final double[] BISHOP = {1e-3, 10.0};

    public ConcentrationComparison {
        if (concentrations == null || runs == null || concentrations.length != runs.size() || runs.isEmpty()) {
            throw new IllegalArgumentException("ConcentrationComparison needs one run per concentration");
        }
        concentrations = concentrations.clone();
        runs = List.copyOf(runs);
    }

    /**
     * Fits {@code model}'s data and K from {@code start} once per alpha0, the other priors as in {@code model}.
     *
     * @throws IllegalArgumentException if an alpha0 is not finite and > 0
     */
    public static ConcentrationComparison of(BayesianGaussianMixture model, double[][] start, CaviOptions options,
            double... alpha0s) {
        if (alpha0s == null || alpha0s.length == 0) {
            throw new IllegalArgumentException("ConcentrationComparison needs at least one alpha0");
        }
        GaussianMixturePrior p = model.prior();
        List<CaviResult<GmmState>> runs = new ArrayList<>();
        for (double a : alpha0s) {
            GaussianMixturePrior pa = new GaussianMixturePrior(a, p.meanPrecision(), p.mean(), p.degreesOfFreedom(), p.scale());
            runs.add(BayesianGaussianMixture.of(model.data(), model.components(), pa).run(start, options));
        }
        return new ConcentrationComparison(alpha0s, runs);
    }

    @Override
    public double[] concentrations() {
        return concentrations.clone();
    }

    /** The components with E[pi_k] above {@code minWeight} in run i. */
    public int used(int i, double minWeight) {
        return runs.get(i).state().effectiveComponents(minWeight);
    }

    /** The components with E[pi_k] above {@code minWeight}, per run. */
    public int[] used(double minWeight) {
        int[] u = new int[runs.size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = used(i, minWeight);
        }
        return u;
    }
}
