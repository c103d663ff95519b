package org.vworkbook.cavi;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import org.vworkbook.distributions.Gamma;
import org.vworkbook.distributions.Normal;
import org.vworkbook.numerics.SpecialFunctions;
import org.vworkbook.util.Check;

/**
 * The mean-field family q(mu, tau) = q(mu) q(tau) = N(mu | muMean, 1 / muPrecision) Gamma(tau | tauShape, tauRate)
 * for a Gaussian's unknown mean and precision. Unlike the exact Normal-Gamma posterior, here
 * {@code muPrecision} is the precision of q(mu) itself (it does not scale with tau).
 *
 * @param muMean the mean of q(mu) (finite)
 * @param muPrecision the precision of q(mu) (finite, > 0)
 * @param tauShape the shape of q(tau) (finite, > 0)
 * @param tauRate the rate of q(tau) (finite, > 0)
 */
public record NormalGammaMeanFieldState(double muMean, double muPrecision, double tauShape, double tauRate) {
    public NormalGammaMeanFieldState {
        Check.finite("NormalGammaMeanFieldState", "muMean", muMean);
        Check.positive("NormalGammaMeanFieldState", "muPrecision", muPrecision);
        Check.positive("NormalGammaMeanFieldState", "tauShape", tauShape);
        Check.positive("NormalGammaMeanFieldState", "tauRate", tauRate);
    }

    /** q(mu) = N(muMean, 1 / muPrecision). */
    public Normal qMu() {
        return Normal.ofMeanPrecision(muMean, muPrecision);
    }

    /** q(tau) = Gamma(tauShape, tauRate). */
    public Gamma qTau() {
        return Gamma.ofShapeRate(tauShape, tauRate);
    }

    /** log q(mu) + log q(tau). */
    public double logDensity(double mu, double tau) {
        return qMu().logDensity(mu) + qTau().logDensity(tau);
    }

    /**
     * H[q(mu)] + H[q(tau)] = 1/2 log(2 pi e / l) + a - log b + log Gamma(a) + (1 - a) psi(a), with the
     * accurate {@link org.vworkbook.numerics.SpecialFunctions#digamma} (not {@link Gamma#entropy}, whose Commons Math digamma is off
     * by about 3e-9).
     */
    public double entropy() {
        return 0.5 * (LOG_2PI + 1 - Math.log(muPrecision)) + tauShape - Math.log(tauRate)
                + org.apache.commons.math3.special.Gamma.logGamma(tauShape) + (1 - tauShape) * SpecialFunctions.digamma(tauShape);
    }

    /** {muMean, muPrecision, tauShape, tauRate}. */
    public double[] toArray() {
        return new double[] {muMean, muPrecision, tauShape, tauRate};
    }

    /** {mu_n, lambda_n, a_n, b_n} (in that order), the names the notebooks' results use. */
    public java.util.Map<String, Double> toMap() {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("mu_n", muMean);
        m.put("lambda_n", muPrecision);
        m.put("a_n", tauShape);
        m.put("b_n", tauRate);
        return m;
    }

    @Override
    public String toString() {
        return "q(mu) = N(" + muMean + ", 1/" + muPrecision + "), q(tau) = Gamma(" + tauShape + ", " + tauRate + ")";
    }
}
