package org.vworkbook.bbvi;

import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.numerics.SpecialFunctions;
import org.vworkbook.util.Check;

/**
 * The mean-field family q(mu, tau) = N(mu | m, 1/l) Gamma(tau | a, b) in <b>unconstrained</b>
 * coordinates eta = (m, log l, log a, log b), so that any step of an optimiser gives a valid q.
 *
 * <p>Log density: log q = 1/2 log l - 1/2 log 2 pi - l/2 (mu - m)^2 + a log b - log Gamma(a) + (a - 1) log tau - b tau.
 *
 * <p>Score (gradient of log q in eta; the chain rule d/d log l = l d/dl etc.):
 *
 * <pre>
 *   d/dm      log q = l (mu - m)
 *   d/dlog l  log q = 1/2 - l/2 (mu - m)^2
 *   d/dlog a  log q = a (log b + log tau - psi(a))        (psi(a), not psi(l): seed 003 has this wrong)
 *   d/dlog b  log q = a - b tau
 * </pre>
 *
 * Each has expectation zero under q, which is what makes it usable as a control variate.
 */
public final class NormalGammaFamily {
    /** Number of unconstrained coordinates. */
    public static final int DIMENSION = 4;
    /** Names of the coordinates, in order. */
    public static final String[] COORDINATES = {"mu_n", "log lambda_n", "log a_n", "log b_n"};

    private NormalGammaFamily() {}

    /** eta = (m, log l, log a, log b). */
    public static double[] toUnconstrained(NormalGammaMeanFieldState q) {
        return new double[] {q.muMean(), Math.log(q.muPrecision()), Math.log(q.tauShape()), Math.log(q.tauRate())};
    }

    /**
     * The q of eta.
     *
     * @throws IllegalArgumentException if eta has the wrong length, or a coordinate is not finite or
     *     overflows when exponentiated
     */
    public static NormalGammaMeanFieldState fromUnconstrained(double[] eta) {
        double[] e = Check.finiteVector("NormalGammaFamily", "eta", eta);
        Check.sameLength("NormalGammaFamily", "eta", e.length, "family dimension", DIMENSION);
        return new NormalGammaMeanFieldState(e[0], Math.exp(e[1]), Math.exp(e[2]), Math.exp(e[3]));
    }

    /** The score, d/d eta log q(mu, tau) (see the class comment). */
    public static double[] score(NormalGammaMeanFieldState q, double mu, double tau) {
        double d = mu - q.muMean();
        double l = q.muPrecision();
        double a = q.tauShape();
        double b = q.tauRate();
        return new double[] {
            l * d,
            0.5 - 0.5 * l * d * d,
            a * (Math.log(b) + Math.log(tau) - SpecialFunctions.digamma(a)),
            a - b * tau
        };
    }
}
