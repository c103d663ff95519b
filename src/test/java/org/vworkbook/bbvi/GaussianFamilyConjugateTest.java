package org.vworkbook.bbvi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.Normal;
import org.vworkbook.numerics.Adam;

/**
 * The seam on a second family, with no Normal-Gamma code: q = N(m, s^2) in eta = (m, log s), for the
 * conjugate model x_i | mu ~ N(mu, 1), mu ~ N(0, 1), whose posterior N(sum x / (N + 1), 1 / (N + 1))
 * is in the family (so BBVI must return it), and whose ELBO is known in closed form:
 * ELBO(m, s) = -(N + 1)/2 ((m - m*)^2 + s^2) + log s + const, so
 * d/dm = -(N + 1)(m - m*), d/dlog s = 1 - (N + 1) s^2.
 */
class GaussianFamilyConjugateTest {
    private static final double[] X = {0.3, 1.9, 1.1, 0.6, 1.4};
    private static final int N = X.length;
    private static final double POST_MEAN = (0.3 + 1.9 + 1.1 + 0.6 + 1.4) / (N + 1);
    private static final double POST_VAR = 1.0 / (N + 1);

    /** N(m, s^2) with eta = (m, log s), reparameterised as mu = m + s eps. */
    static final class GaussianFamily implements ReparameterisableFamily<Normal> {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public double[] toUnconstrained(Normal q) {
            return new double[] {q.mean(), 0.5 * Math.log(q.variance())};
        }

        @Override
        public Normal fromUnconstrained(double[] eta) {
            return Normal.ofMeanVariance(eta[0], Math.exp(2 * eta[1]));
        }

        @Override
        public Sampler sampler(Normal q, RandomGenerator random) {
            double sd = Math.sqrt(q.variance());
            return () -> new double[] {q.mean() + sd * random.nextGaussian()};
        }

        @Override
        public double logDensity(Normal q, double[] z, int factor) {
            return q.logDensity(z[0]);
        }

        @Override
        public double[] score(Normal q, double[] z) {
            double d = z[0] - q.mean();
            double v = q.variance();
            return new double[] {d / v, d * d / v - 1};
        }

        @Override
        public PathwiseSampler pathwiseSampler(Normal q, RandomGenerator random) {
            double sd = Math.sqrt(q.variance());
            return () -> {
                double eps = random.nextGaussian();
                double mu = q.mean() + sd * eps;
                return new PathwiseDraw() {
                    @Override
                    public double[] z() {
                        return new double[] {mu};
                    }

                    @Override
                    public double[] pullBack(double[] g) {
                        return new double[] {g[0], g[0] * sd * eps};
                    }
                };
            };
        }

        @Override
        public double[] entropyGradient(Normal q) {
            return new double[] {0, 1};
        }
    }

    static final Target TARGET = new Target() {
        @Override
        public double logJoint(double[] z) {
            double s = -0.5 * z[0] * z[0];
            for (double x : X) {
                s -= 0.5 * (x - z[0]) * (x - z[0]);
            }
            return s;
        }

        @Override
        public double[] gradLogJoint(double[] z) {
            double g = -z[0];
            for (double x : X) {
                g += x - z[0];
            }
            return new double[] {g};
        }
    };

    static final GaussianFamily FAMILY = new GaussianFamily();

    private static double[] exactGradient(Normal q) {
        return new double[] {-(N + 1) * (q.mean() - POST_MEAN), 1 - (N + 1) * q.variance()};
    }

    @ParameterizedTest
    @ValueSource(strings = {"reinforce", "reinforce_cv", "reparam"})
    void estimatesAverageToTheExactGradient(String name) {
        Normal q = Normal.ofMeanVariance(-0.5, 0.8);
        GradientVariance gv = GradientVariance.measure(FAMILY, TARGET, GradientEstimator.byName(name), q, 5, 4000, 11);
        double[] exact = exactGradient(q);
        for (int d = 0; d < 2; d++) {
            assertTrue(Math.abs(gv.mean()[d] - exact[d]) < 4.5 * gv.standardError()[d],
                    name + " coordinate " + d + ": " + gv.mean()[d] + " +- " + gv.standardError()[d] + " vs " + exact[d]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reinforce_cv", "reparam"})
    void aFitStartedOffTheAnswerReturnsTheConjugatePosterior(String name) {
        Normal start = Normal.ofMeanVariance(-3.0, 4.0);
        BbviResult<Normal> r = Bbvi.run(FAMILY, TARGET, GradientEstimator.byName(name), Adam.withLearningRate(0.1).withDecay(100),
                start, BbviOptions.of(4000, 10, 5), null, null);
        assertFalse(r.diverged());
        Normal q = r.averagedState();
        assertEquals(POST_MEAN, q.mean(), 0.01, name);
        assertEquals(1, q.variance() / POST_VAR, 0.05, name);
    }

    @Test
    void aFamilyWithoutPathwiseDrawsRefusesTheReparameterisationEstimator() {
        Family<Normal> scoreOnly = new Family<>() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double[] toUnconstrained(Normal q) {
                return FAMILY.toUnconstrained(q);
            }

            @Override
            public Normal fromUnconstrained(double[] eta) {
                return FAMILY.fromUnconstrained(eta);
            }

            @Override
            public Sampler sampler(Normal q, RandomGenerator random) {
                return FAMILY.sampler(q, random);
            }

            @Override
            public double logDensity(Normal q, double[] z, int factor) {
                return FAMILY.logDensity(q, z, factor);
            }

            @Override
            public double[] score(Normal q, double[] z) {
                return FAMILY.score(q, z);
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReparameterisationEstimator.<Normal>create()
                .estimate(scoreOnly, TARGET, Normal.ofMeanVariance(0, 1), 3, new org.apache.commons.math3.random.Well19937c(1)));
        assertTrue(e.getMessage().startsWith("ReparameterisationEstimator family must be a ReparameterisableFamily"), e.getMessage());
        // the score-function estimators need only the Family
        GradientEstimate g = ScoreFunctionEstimator.<Normal>basic().estimate(scoreOnly, TARGET, Normal.ofMeanVariance(0, 1), 3,
                new org.apache.commons.math3.random.Well19937c(1));
        assertEquals(2, g.gradient().length);
    }
}
