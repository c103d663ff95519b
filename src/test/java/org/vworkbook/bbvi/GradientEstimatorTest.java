package org.vworkbook.bbvi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.numerics.SpecialFunctions;

class GradientEstimatorTest {

    /**
     * The estimator's mean over R independent estimates equals the exact gradient within 4.5
     * standard errors in every coordinate (fixed seed; 4.5 sigma over 4 coordinates x 3 states is a
     * false-alarm rate below 1e-4 for an unbiased estimator, while a bias of a few standard errors fails).
     */
    @ParameterizedTest
    @ValueSource(strings = {"reinforce", "reinforce_rb", "reinforce_cv", "reparam"})
    void averageOfManyEstimatesIsTheExactGradient(String name) {
        GradientEstimator<NormalGammaMeanFieldState> estimator = GradientEstimator.byName(name);
        NormalGammaMeanFieldState[] states = {BbviFixtures.MIDWAY, BbviFixtures.OPTIMUM,
            new NormalGammaMeanFieldState(1.3, 400.0, 80.0, 30.0)};
        long seed = 100;
        for (NormalGammaMeanFieldState q : states) {
            GradientVariance gv = GradientVariance.measure(BbviFixtures.FAMILY, BbviFixtures.TARGET, estimator, q, 5, 4000, seed++);
            double[] exact = BbviFixtures.ELBO.gradient(q);
            double[] mean = gv.mean();
            double[] se = gv.standardError();
            for (int d = 0; d < 4; d++) {
                assertTrue(Math.abs(mean[d] - exact[d]) < 4.5 * se[d], name + " at " + q + ", coordinate "
                        + NormalGammaFamily.COORDINATES[d] + ": mean " + mean[d] + " +- " + se[d] + " vs exact " + exact[d]);
            }
        }
    }

    @Test
    void aBiasOfAFewStandardErrorsWouldBeCaught() {
        // The same check on the seed's wrong score (psi(lambda_N) for psi(alpha_N)) fails by far.
        NormalGammaMeanFieldState q = BbviFixtures.MIDWAY;
        GradientEstimator<NormalGammaMeanFieldState> seeds = new GradientEstimator<>() {
            @Override
            public String name() {
                return "seed-003";
            }

            @Override
            public GradientEstimate estimate(Family<NormalGammaMeanFieldState> family, Target target,
                    NormalGammaMeanFieldState state, int samples, org.apache.commons.math3.random.RandomGenerator random) {
                GradientEstimate right = ScoreFunctionEstimator.<NormalGammaMeanFieldState>withControlVariates()
                        .estimate(family, target, state, samples, random);
                double[] g = right.gradient();
                // with psi(l) the shape score gains a (psi(a) - psi(l)) times the weight; its mean is that times the ELBO.
                g[2] += state.tauShape() * (org.vworkbook.numerics.SpecialFunctions.digamma(state.tauShape())
                        - org.vworkbook.numerics.SpecialFunctions.digamma(state.muPrecision())) * right.elboEstimate();
                return new GradientEstimate(g, right.elboEstimate());
            }
        };
        GradientVariance gv = GradientVariance.measure(BbviFixtures.FAMILY, BbviFixtures.TARGET, seeds, q, 5, 2000, 9);
        double exact = BbviFixtures.ELBO.gradient(q)[2];
        assertTrue(Math.abs(gv.mean()[2] - exact) > 10 * gv.standardError()[2]);
    }

    @Test
    void varianceReductionAtTheCaviOptimum() {
        NormalGammaMeanFieldState q = BbviFixtures.OPTIMUM;
        double basic = BbviFixtures.variance(ScoreFunctionEstimator.basic(), q, 10, 1000, 1).totalVariance();
        double cv = BbviFixtures.variance(ScoreFunctionEstimator.withControlVariates(), q, 10, 1000, 1).totalVariance();
        double reparam = BbviFixtures.variance(ReparameterisationEstimator.create(), q, 10, 1000, 1).totalVariance();
        assertTrue(basic / cv >= 100, "REINFORCE / CV variance ratio " + basic / cv);
        assertTrue(basic / reparam >= 1000, "REINFORCE / reparam variance ratio " + basic / reparam);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void withFewerThanThreeDrawsTheControlVariateIsOffAndTheEstimateIsRaoBlackwellised(int samples) {
        // one other draw cannot estimate Cov(f, h) / Var(h): a* = 0, so the same draws give the reinforce_rb estimate
        for (NormalGammaMeanFieldState q : new NormalGammaMeanFieldState[] {BbviFixtures.MIDWAY, BbviFixtures.OPTIMUM}) {
            double[] cv = ScoreFunctionEstimator.<NormalGammaMeanFieldState>withControlVariates().estimate(BbviFixtures.FAMILY,
                    BbviFixtures.TARGET, q, samples, new org.apache.commons.math3.random.Well19937c(3)).gradient();
            double[] rb = ScoreFunctionEstimator.<NormalGammaMeanFieldState>raoBlackwellised().estimate(BbviFixtures.FAMILY,
                    BbviFixtures.TARGET, q, samples, new org.apache.commons.math3.random.Well19937c(3)).gradient();
            assertArrayEquals(rb, cv, 0.0);
            // and it stays unbiased: many one- or two-draw estimates average to the exact gradient
            GradientVariance gv = BbviFixtures.variance(ScoreFunctionEstimator.withControlVariates(), q, samples, 20000, 17);
            double[] exact = BbviFixtures.ELBO.gradient(q);
            for (int d = 0; d < 4; d++) {
                assertTrue(Math.abs(gv.mean()[d] - exact[d]) < 4.5 * gv.standardError()[d], "coordinate " + d);
            }
        }
        double[] f = {1.0, 3.5};
        assertEquals(2.25, ScoreFunctionEstimator.leaveOneOutControlled(f, new double[] {0.2, 1.1}), 0.0);
        assertEquals(1.0, ScoreFunctionEstimator.leaveOneOutControlled(new double[] {1.0}, new double[] {0.3}), 0.0);
    }

    @Test
    void leaveOneOutControlVariateMatchesTheDirectComputation() {
        double[] f = {1.0, 3.5, -2.0, 0.7, 4.1};
        double[] h = {0.2, 1.1, -0.9, 0.1, 1.5};
        double total = 0;
        for (int s = 0; s < f.length; s++) {
            double mf = 0;
            double mh = 0;
            for (int k = 0; k < f.length; k++) {
                if (k != s) {
                    mf += f[k] / (f.length - 1);
                    mh += h[k] / (f.length - 1);
                }
            }
            double cov = 0;
            double var = 0;
            for (int k = 0; k < f.length; k++) {
                if (k != s) {
                    cov += (f[k] - mf) * (h[k] - mh);
                    var += (h[k] - mh) * (h[k] - mh);
                }
            }
            total += f[s] - cov / var * h[s];
        }
        assertEquals(total / f.length, ScoreFunctionEstimator.leaveOneOutControlled(f, h), 1e-12);
    }

    @Test
    void namesAndSampleCountsAreChecked() {
        BbviFixtures.assertMessage(
                "GradientEstimator name must be one of reinforce, reinforce_rb, reinforce_cv, reparam, got 'score'",
                () -> GradientEstimator.byName("score"));
        BbviFixtures.assertMessage("ScoreFunctionEstimator(reinforce_cv) samples must be >= 1, got 0",
                () -> ScoreFunctionEstimator.<NormalGammaMeanFieldState>withControlVariates().estimate(BbviFixtures.FAMILY,
                        BbviFixtures.TARGET, BbviFixtures.OPTIMUM, 0, new org.apache.commons.math3.random.Well19937c(1)));
        BbviFixtures.assertMessage("ReparameterisationEstimator samples must be >= 1, got 0",
                () -> ReparameterisationEstimator.<NormalGammaMeanFieldState>create().estimate(BbviFixtures.FAMILY,
                        BbviFixtures.TARGET, BbviFixtures.OPTIMUM, 0, new org.apache.commons.math3.random.Well19937c(1)));
        BbviFixtures.assertMessage("ScoreFunctionEstimator family, target and q must not be null",
                () -> ScoreFunctionEstimator.<NormalGammaMeanFieldState>basic().estimate(BbviFixtures.FAMILY, null,
                        BbviFixtures.OPTIMUM, 5, new org.apache.commons.math3.random.Well19937c(1)));
        BbviFixtures.assertMessage("MeanPrecisionTarget model must not be null", () -> MeanPrecisionTarget.of(null));
        NonFiniteEstimateException e = org.junit.jupiter.api.Assertions.assertThrows(NonFiniteEstimateException.class,
                () -> new GradientEstimate(new double[] {0, Double.POSITIVE_INFINITY}, 1.0));
        assertEquals("GradientEstimate gradient[1] must be finite, got Infinity", e.getMessage());
    }
}
