package org.vworkbook.bbvi;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.NormalGammaCavi;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.distributions.NormalGamma;
import org.vworkbook.exact.NormalNormalGammaModel;

/**
 * What black-box VI on the Normal-Normal-Gamma model is measured against: the exact Normal-Gamma
 * posterior and log evidence, CAVI's mean-field optimum (the best q of the family, which every BBVI
 * run should approach), KL(q_CAVI, posterior) by quadrature, and the closed-form ELBO.
 *
 * @param model the model
 * @param exact the exact posterior p(mu, tau | x)
 * @param logEvidence log p(x)
 * @param caviRun CAVI from the prior's numbers to convergence
 * @param klCaviQuadrature KL(q_CAVI, posterior) by quadrature, an independent check of log p(x) - ELBO
 * @param elbo the closed-form ELBO and its gradient
 */
public record NormalGammaBaseline(NormalNormalGammaModel model, NormalGamma exact, double logEvidence,
        CaviResult<NormalGammaMeanFieldState> caviRun, double klCaviQuadrature, NormalGammaElbo elbo) {
    public NormalGammaBaseline {
        if (model == null || exact == null || caviRun == null || elbo == null) {
            throw new IllegalArgumentException("NormalGammaBaseline model, exact, caviRun and elbo must not be null");
        }
    }

    /** The exact posterior, CAVI run from the prior's numbers, and the KL by quadrature. */
    public static NormalGammaBaseline of(NormalNormalGammaModel model) {
        if (model == null) {
            throw new IllegalArgumentException("NormalGammaBaseline model must not be null");
        }
        NormalGammaCavi cavi = NormalGammaCavi.of(model);
        CaviResult<NormalGammaMeanFieldState> run = cavi.run();
        return new NormalGammaBaseline(model, model.posterior(), model.logEvidence(), run,
                cavi.klToPosteriorByQuadrature(run.state()), NormalGammaElbo.of(model));
    }

    /** CAVI's q. */
    public NormalGammaMeanFieldState qCavi() {
        return caviRun.state();
    }

    /** ELBO(q_CAVI). */
    public double elboCavi() {
        return caviRun.elbo();
    }

    /** {mu_n, lambda_n, a_n, b_n} of the exact posterior (lambda_n scales tau), for the results JSON. */
    public Map<String, Double> exactAsMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mu_n", exact.location());
        m.put("lambda_n", exact.lambda());
        m.put("a_n", exact.shape());
        m.put("b_n", exact.rate());
        return m;
    }

    /** The data summary, the exact posterior and CAVI's fit, one per line. */
    public String summary() {
        return "N = " + model.size() + ", xbar = " + model.sampleMean() + ", S = " + model.centredSumOfSquares() + "\n"
                + "exact posterior: " + exact + "\n"
                + "CAVI (" + caviRun.iterations() + " sweeps): " + qCavi() + "\n";
    }
}
