package org.vworkbook.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.vworkbook.bbvi.GradientVariance;
import org.vworkbook.bbvi.NormalGammaBaseline;
import org.vworkbook.bbvi.NormalGammaFamily;

/** The check lists of notebook BBVI. */
public final class BbviChecks {
    private BbviChecks() {}

    /**
     * CAVI's ELBO never decreases; log p(x) - ELBO(q_CAVI) equals KL(q_CAVI, posterior) by quadrature and
     * is >= 0; the exact ELBO gradient vanishes at CAVI's optimum. Preceded by the baseline's summary.
     */
    public static String baseline(NormalGammaBaseline b) {
        return b.summary() + Checks.all(
                Checks.nonDecreasing("CAVI ELBO", b.caviRun().elboTrace(), 1e-12),
                Checks.close("log p(x) - ELBO(q_CAVI) vs KL(q_CAVI, posterior) by quadrature", b.logEvidence() - b.elboCavi(),
                        b.klCaviQuadrature(), 1e-8),
                Checks.nonNegative("KL(q_CAVI, posterior)", b.klCaviQuadrature(), 1e-12),
                Checks.close("exact ELBO gradient at the CAVI optimum", b.elbo().gradient(b.qCavi()), new double[4],
                        1e-6 * (1 + b.model().size())));
    }

    /**
     * Unbiasedness: each estimator's mean gradient over R estimates equals the exact gradient within a
     * t quantile (R - 1 degrees of freedom, two-sided 5.7e-7 per coordinate) of standard errors.
     */
    public static String unbiased(Map<String, GradientVariance> variances, double[] exactGradient, int replications) {
        double quantile = new TDistribution(replications - 1).inverseCumulativeProbability(1 - 2.85e-7);
        List<Checks.Outcome> out = new ArrayList<>();
        for (Map.Entry<String, GradientVariance> e : variances.entrySet()) {
            GradientVariance gv = e.getValue();
            for (int d = 0; d < NormalGammaFamily.DIMENSION; d++) {
                out.add(Checks.close(e.getKey() + " mean gradient, " + NormalGammaFamily.COORDINATES[d]
                        + String.format(Locale.ROOT, " (tolerance %.3g standard errors, t with %d degrees of freedom)", quantile,
                                replications - 1),
                        gv.mean()[d], exactGradient[d], quantile * gv.standardError()[d]));
            }
        }
        return Checks.all(out.toArray(new Checks.Outcome[0]));
    }
}
