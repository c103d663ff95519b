package org.vworkbook.divergence;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.util.Check;

/**
 * The two factorised fits q(z) = prod_j N(z_j | m_j, v_j) of one Gaussian p = N(mu, Sigma) with precision
 * Lambda = Sigma^-1 (Bishop PRML section 10.1.2 and Fig. 10.2):
 *
 * <pre>
 *   reverse = argmin_q KL(q, p) = N(mu, diag(1 / Lambda_jj))   (mean field, eq. 10.12-10.13: zero-forcing, too narrow)
 *   forward = argmin_q KL(p, q) = N(mu, diag(Sigma_jj))        (the product of p's marginals, eq. 10.17: too broad)
 * </pre>
 *
 * <p>The forward fit follows because for a product q the forward KL splits, KL(p, q) = -H[p] - sum_j E_p[log q_j(z_j)],
 * and each term depends only on p's marginal of z_j, so each q_j is the Gaussian that matches that marginal's mean and
 * variance. Both KL directions of both fits are in closed form ({@link KL#of}, the Gaussian pair of the registry):
 *
 * <pre>
 *   KL(reverse, p) = 1/2 [sum_j log Lambda_jj - log |Lambda|]      KL(p, forward) = 1/2 [sum_j log Sigma_jj - log |Sigma|]
 *   KL(p, reverse) = 1/2 [sum_j Lambda_jj Sigma_jj - d] - KL(reverse, p)
 *   KL(forward, p) = 1/2 [sum_j Lambda_jj Sigma_jj - d] - KL(p, forward)
 * </pre>
 *
 * For d = 2 with correlation rho, Lambda_jj Sigma_jj = 1 / (1 - rho^2), so both fits' own KL is -1/2 log(1 - rho^2)
 * and both cross KLs are rho^2 / (1 - rho^2) + 1/2 log(1 - rho^2), the larger one unless rho = 0.
 *
 * @param p the Gaussian being fitted
 * @param reverse the factorised q minimising KL(q, p)
 * @param forward the factorised q minimising KL(p, q)
 */
public record FactorisedGaussianFits(MultivariateNormal p, MultivariateNormal reverse, MultivariateNormal forward) {

    public FactorisedGaussianFits {
        Check.notNull("FactorisedGaussianFits", "p", p);
        Check.notNull("FactorisedGaussianFits", "reverse", reverse);
        Check.notNull("FactorisedGaussianFits", "forward", forward);
    }

    /** The two factorised fits of p. */
    public static FactorisedGaussianFits of(MultivariateNormal p) {
        Check.notNull("FactorisedGaussianFits", "p", p);
        int d = p.dimension();
        double[][] precision = p.precision();
        double[] reverseVar = new double[d];
        double[] forwardVar = new double[d];
        for (int j = 0; j < d; j++) {
            reverseVar[j] = 1.0 / precision[j][j];
            forwardVar[j] = p.covariance(j, j);
        }
        return new FactorisedGaussianFits(p, MultivariateNormal.ofMeanDiagonalVariance(p.mean(), reverseVar),
                MultivariateNormal.ofMeanDiagonalVariance(p.mean(), forwardVar));
    }

    /** The reverse fit's variances 1 / Lambda_jj. */
    public double[] reverseVariances() {
        return diagonal(reverse);
    }

    /** The forward fit's variances Sigma_jj, p's marginal variances. */
    public double[] forwardVariances() {
        return diagonal(forward);
    }

    private static double[] diagonal(MultivariateNormal g) {
        double[] v = new double[g.dimension()];
        for (int j = 0; j < v.length; j++) {
            v[j] = g.covariance(j, j);
        }
        return v;
    }

    /** KL(q, p) and KL(p, q) of the reverse fit and of the forward fit. */
    public KlTable klTable() {
        return new KlTable(KlPair.of(reverse, p), KlPair.of(forward, p));
    }

    /**
     * Both directions of the KL between one fit q and p.
     *
     * @param klQp KL(q, p)
     * @param klPq KL(p, q)
     */
    public record KlPair(double klQp, double klPq) {
        public KlPair {
            Check.finite("FactorisedGaussianFits.KlPair", "klQp", klQp);
            Check.finite("FactorisedGaussianFits.KlPair", "klPq", klPq);
        }

        /** KL(q, p) and KL(p, q) in closed form. */
        public static KlPair of(MultivariateNormal q, MultivariateNormal p) {
            return new KlPair(KL.of(q, p), KL.of(p, q));
        }

        /** {"kl_qp": ..., "kl_pq": ...}, the results' names. */
        public Map<String, Double> asMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("kl_qp", klQp);
            m.put("kl_pq", klPq);
            return m;
        }
    }

    /**
     * The KL table of the two fits.
     *
     * @param reverse the reverse fit's pair (its klQp is the minimum over factorised q)
     * @param forward the forward fit's pair (its klPq is the minimum over factorised q)
     */
    public record KlTable(KlPair reverse, KlPair forward) {
        public KlTable {
            Check.notNull("FactorisedGaussianFits.KlTable", "reverse", reverse);
            Check.notNull("FactorisedGaussianFits.KlTable", "forward", forward);
        }

        /** {"reverse": {"kl_qp", "kl_pq"}, "forward": {"kl_qp", "kl_pq"}}, the results' names. */
        public Map<String, Map<String, Double>> asMap() {
            Map<String, Map<String, Double>> m = new LinkedHashMap<>();
            m.put("reverse", reverse.asMap());
            m.put("forward", forward.asMap());
            return m;
        }

        /** The largest |entry|. */
        public double maxAbs() {
            return Math.max(Math.max(Math.abs(reverse.klQp), Math.abs(reverse.klPq)),
                    Math.max(Math.abs(forward.klQp), Math.abs(forward.klPq)));
        }
    }
}
