package org.vworkbook.bbvi;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
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
 * Each has expectation zero under q, which is what makes it usable as a control variate. The
 * family is reparameterisable: mu = m + eps / sqrt(l) and tau = u / b with u ~ Gamma(a, 1), differentiated
 * in a implicitly (Figurnov et al. 2018; see {@link ReparameterisationEstimator}).
 */
public final class NormalGammaFamily implements ReparameterisableFamily<NormalGammaMeanFieldState> {
    /** Number of unconstrained coordinates. */
    public static final int DIMENSION = 4;
    /** Names of the coordinates, in order. */
    public static final String[] COORDINATES = {"mu_n", "log lambda_n", "log a_n", "log b_n"};
    /** Factor 0 is q(mu) (coordinates m, log l), factor 1 is q(tau) (log a, log b). */
    public static final int MU = 0;
    public static final int TAU = 1;
    /**
     * The largest |log l|, |log a|, |log b| a run may reach: exp(700) is near the top of double
     * precision, so beyond it the draws and densities overflow.
     */
    public static final double LARGEST_LOG = 700;

    private static final NormalGammaFamily INSTANCE = new NormalGammaFamily();

    private NormalGammaFamily() {}

    /** The family (it has no settings). */
    public static NormalGammaFamily of() {
        return INSTANCE;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    /** eta = (m, log l, log a, log b). */
    @Override
    public double[] toUnconstrained(NormalGammaMeanFieldState q) {
        return new double[] {q.muMean(), Math.log(q.muPrecision()), Math.log(q.tauShape()), Math.log(q.tauRate())};
    }

    /**
     * The q of eta.
     *
     * @throws IllegalArgumentException if eta has the wrong length, or a coordinate is not finite or
     *     overflows when exponentiated
     */
    @Override
    public NormalGammaMeanFieldState fromUnconstrained(double[] eta) {
        double[] e = Check.finiteVector("NormalGammaFamily", "eta", eta);
        Check.sameLength("NormalGammaFamily", "eta", e.length, "family dimension", DIMENSION);
        return new NormalGammaMeanFieldState(e[0], Math.exp(e[1]), Math.exp(e[2]), Math.exp(e[3]));
    }

    /** Finite, of length 4, and |log l|, |log a|, |log b| &lt;= {@link #LARGEST_LOG}. */
    @Override
    public boolean representable(double[] eta) {
        if (eta == null || eta.length != DIMENSION || !ReparameterisableFamily.super.representable(eta)) {
            return false;
        }
        return !(Math.abs(eta[1]) > LARGEST_LOG || Math.abs(eta[2]) > LARGEST_LOG || Math.abs(eta[3]) > LARGEST_LOG);
    }

    /** z = (mu, tau): mu = m + eps / sqrt(l), then tau from Gamma(a, scale 1/b). */
    @Override
    public Sampler sampler(NormalGammaMeanFieldState q, RandomGenerator random) {
        double sdMu = 1.0 / Math.sqrt(q.muPrecision());
        GammaDistribution tauSampler = new GammaDistribution(random, q.tauShape(), 1.0 / q.tauRate());
        return () -> {
            double mu = q.muMean() + sdMu * random.nextGaussian();
            double tau = GradientEstimate.checkedPositiveDraw("tau", tauSampler.sample());
            return new double[] {mu, tau};
        };
    }

    /**
     * z = (mu, tau) with mu = m + eps / sqrt(l) and tau = u / b, u ~ Gamma(a, 1); the pull-back of
     * g = (d/dmu, d/dtau) log p is (g_mu, g_mu (-(mu - m)/2), g_tau a (du/da) / b, g_tau (-tau)),
     * du/da by {@link GammaShapeDerivative} (implicit reparameterisation).
     */
    @Override
    public PathwiseSampler pathwiseSampler(NormalGammaMeanFieldState q, RandomGenerator random) {
        double m = q.muMean();
        double sdMu = 1.0 / Math.sqrt(q.muPrecision());
        double a = q.tauShape();
        double b = q.tauRate();
        GammaDistribution unitRate = new GammaDistribution(random, a, 1.0);
        return () -> {
            double mu = m + sdMu * random.nextGaussian();
            double u = unitRate.sample();
            double tau = GradientEstimate.checkedPositiveDraw("tau", u / b);
            return new PathwiseDraw() {
                @Override
                public double[] z() {
                    return new double[] {mu, tau};
                }

                @Override
                public double[] pullBack(double[] g) {
                    return new double[] {
                        g[0],
                        g[0] * (-0.5 * (mu - m)),
                        g[1] * a * GammaShapeDerivative.ofUnitRateSample(u, a) / b,
                        g[1] * (-tau)
                    };
                }
            };
        };
    }

    /**
     * H = 1/2 log(2 pi e) - 1/2 log l + a - log b + log Gamma(a) + (1 - a) psi(a), so
     * dH/dm = 0, dH/dlog l = -1/2, dH/dlog a = a (1 + (1 - a) psi'(a)), dH/dlog b = -1.
     */
    @Override
    public double[] entropyGradient(NormalGammaMeanFieldState q) {
        double a = q.tauShape();
        return new double[] {0.0, -0.5, a * (1 + (1 - a) * SpecialFunctions.trigamma(a)), -1.0};
    }

    @Override
    public int factors() {
        return 2;
    }

    @Override
    public int factorOf(int coordinate) {
        Check.inRange("NormalGammaFamily", "coordinate", coordinate, 0, DIMENSION - 1);
        return coordinate < 2 ? MU : TAU;
    }

    /** log q(mu) (factor 0) or log q(tau) (factor 1) at z = (mu, tau). */
    @Override
    public double logDensity(NormalGammaMeanFieldState q, double[] z, int factor) {
        switch (factor) {
            case MU:
                return q.qMu().logDensity(z[0]);
            case TAU:
                return q.qTau().logDensity(z[1]);
            default:
                throw new IllegalArgumentException("NormalGammaFamily factor must be 0 (mu) or 1 (tau), got " + factor);
        }
    }

    /** The score, d/d eta log q(mu, tau) at z = (mu, tau) (see the class comment). */
    @Override
    public double[] score(NormalGammaMeanFieldState q, double[] z) {
        double d = z[0] - q.muMean();
        double l = q.muPrecision();
        double a = q.tauShape();
        double b = q.tauRate();
        return new double[] {
            l * d,
            0.5 - 0.5 * l * d * d,
            a * (Math.log(b) + Math.log(z[1]) - SpecialFunctions.digamma(a)),
            a - b * z[1]
        };
    }

    @Override
    public String toString() {
        return "NormalGammaFamily(eta = m, log l, log a, log b)";
    }
}
