package org.vworkbook.cavi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.FoundationAssertions.assertRefused;
import static org.vworkbook.FoundationAssertions.assertWithinStandardErrors;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.divergence.GaussianKL;
import org.vworkbook.exact.GaussianJoint;
import org.vworkbook.exact.LinearGaussianModel;

class GaussianMeanFieldFoundationTest {
    private static final LinearGaussianModel W4 = LinearGaussianModel.of(new double[] {1.0, 0.8}, 0.5, 1.5);

    private static CaviResult<MeanFieldGaussianState> run(LinearGaussianModel model, double[] start) {
        double[] ones = new double[start.length];
        java.util.Arrays.fill(ones, 1.0);
        return GaussianMeanField.of(model.joint()).run(start, ones, CaviOptions.defaults());
    }

    @Test
    void theFixedPointIsTheExactPosteriorMeanWithVariancesOneOverLambdaJJ() {
        for (LinearGaussianModel model : List.of(W4, LinearGaussianModel.of(new double[] {0.5, -1.2, 2.0}, 0.8, -0.7))) {
            CaviResult<MeanFieldGaussianState> r = run(model, new double[model.dimension()]);
            assertTrue(r.converged());
            MultivariateNormal exact = model.posterior();
            GaussianJoint joint = model.joint();
            for (int j = 0; j < model.dimension(); j++) {
                assertEquals(exact.mean(j), r.state().mean(j), 1e-10);
                assertEquals(1 / joint.precision(j, j), r.state().variance(j), 1e-15);
                assertEquals(1 / joint.precision(j, j), GaussianMeanField.of(joint).optimalVariances()[j], 1e-15);
                // Mean-field variances never exceed the exact marginal variances.
                assertTrue(r.state().variance(j) <= exact.covariance(j, j) + 1e-15);
            }
        }
    }

    @Test
    void elboPlusKlEqualsTheLogEvidenceAtEveryState() {
        CaviResult<MeanFieldGaussianState> r = GaussianMeanField.of(W4.joint())
                .run(new double[] {-3, 4}, new double[] {2.0, 0.1}, CaviOptions.defaults());
        GaussianMeanField mf = GaussianMeanField.of(W4.joint());
        double[] trace = r.elboTrace();
        assertEquals(r.path().size(), trace.length);
        assertEquals(r.iterations() + 1, trace.length);
        for (int k = 0; k < trace.length; k++) {
            MeanFieldGaussianState q = r.path().get(k);
            double kl = GaussianKL.between(q.asMultivariate(), W4.posterior());
            assertEquals(W4.logEvidence(), trace[k] + kl, 1e-10, "state " + k);
            assertEquals(kl, mf.klToPosterior(q), 1e-13);
            assertTrue(kl >= -1e-12);
            if (k > 0) {
                assertTrue(trace[k] >= trace[k - 1] - 1e-12, "ELBO decreased at " + k);
            }
        }
    }

    @Test
    void klAtTheOptimumIsMinusHalfLogOneMinusRhoSquared() {
        for (double[] theta : new double[][] {{1.0, 0.8}, {2.0, -3.0}, {0.1, 0.1}}) {
            LinearGaussianModel model = LinearGaussianModel.of(theta, 0.5, 1.5);
            MeanFieldGaussianState q = run(model, new double[] {0, 0}).state();
            double rho = model.posterior().correlation(0, 1);
            assertEquals(-0.5 * Math.log(1 - rho * rho), GaussianMeanField.of(model.joint()).klToPosterior(q), 1e-10);
        }
    }

    @Test
    void aZeroWeightGivesKlZeroAndTheExactVariances() {
        LinearGaussianModel model = LinearGaussianModel.of(new double[] {0.0, 1.7}, 0.4, 2.0);
        MeanFieldGaussianState q = run(model, new double[] {5, -5}).state();
        assertEquals(0, GaussianMeanField.of(model.joint()).klToPosterior(q), 1e-12);
        for (int j = 0; j < 2; j++) {
            assertEquals(model.posterior().covariance(j, j), q.variance(j), 1e-14);
            assertEquals(model.posterior().mean(j), q.mean(j), 1e-12);
        }
        assertEquals(model.logEvidence(), GaussianMeanField.of(model.joint()).elbo(q), 1e-12);
    }

    @Test
    void theElboFormulaMatchesMonteCarloOfItsDefinition() {
        MeanFieldGaussianState q = new MeanFieldGaussianState(new double[] {0.3, -0.2}, new double[] {0.5, 2.0});
        double elbo = GaussianMeanField.of(W4.joint()).elbo(q);
        Well19937c random = new Well19937c(123);
        int n = 100_000;
        double sum = 0, sumSq = 0;
        for (int k = 0; k < n; k++) {
            double[] z = {q.factor(0).sample(random), q.factor(1).sample(random)};
            // log p(x, z) term by term, log q(z) from the factors: independent of the ELBO formula.
            double v = W4.logJoint(z) - q.factor(0).logDensity(z[0]) - q.factor(1).logDensity(z[1]);
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / n;
        assertWithinStandardErrors(elbo, mean, Math.sqrt((sumSq / n - mean * mean) / n), 4, "Monte Carlo ELBO");
    }

    @Test
    void eachFactorUpdateMaximisesTheElboInThatFactor() {
        GaussianMeanField mf = GaussianMeanField.of(W4.joint());
        MeanFieldGaussianState start = new MeanFieldGaussianState(new double[] {0.4, -1}, new double[] {3, 0.2});
        for (int j = 0; j < 2; j++) {
            MeanFieldGaussianState best = mf.updateFactor(start, j);
            double top = mf.elbo(best);
            assertTrue(top >= mf.elbo(start));
            for (double dm : new double[] {-1e-3, 1e-3}) {
                for (double fv : new double[] {0.999, 1.0, 1.001}) {
                    double[] m = best.means();
                    double[] v = best.variances();
                    m[j] += dm;
                    v[j] *= fv;
                    assertTrue(mf.elbo(new MeanFieldGaussianState(m, v)) < top);
                }
            }
            // the other factor is untouched
            assertEquals(start.mean(1 - j), best.mean(1 - j), 0);
            assertEquals(start.variance(1 - j), best.variance(1 - j), 0);
        }
    }

    @Property(tries = 40)
    void randomModelsGiveANonDecreasingElboAndConvergeToTheExactMean(@ForAll @IntRange(min = 2, max = 3) int d,
            @ForAll long seed) {
        Well19937c random = new Well19937c(seed);
        double[] theta = new double[d];
        double[] start = new double[d];
        double[] startVar = new double[d];
        for (int i = 0; i < d; i++) {
            theta[i] = -3 + 6 * random.nextDouble();
            start[i] = -5 + 10 * random.nextDouble();
            startVar[i] = 0.1 + 3 * random.nextDouble();
        }
        double sigma2 = 0.05 + 5 * random.nextDouble();
        double x = -5 + 10 * random.nextDouble();
        LinearGaussianModel model = LinearGaussianModel.of(theta, sigma2, x);
        CaviResult<MeanFieldGaussianState> r = GaussianMeanField.of(model.joint())
                .run(start, startVar, new CaviOptions(1e-12, 200_000));
        assertTrue(r.converged());
        double[] trace = r.elboTrace();
        for (int k = 1; k < trace.length; k++) {
            assertTrue(trace[k] >= trace[k - 1] - 1e-10 * (1 + Math.abs(trace[k - 1])), "ELBO decreased at " + k);
        }
        for (int j = 0; j < d; j++) {
            assertEquals(model.posterior().mean(j), r.state().mean(j), 1e-7, "mean " + j);
        }
        assertTrue(r.elbo() <= model.logEvidence() + 1e-9);
    }

    @Property(tries = 200)
    void theElboIsWithinRoundingOfItsMagnitudeOfTheExactSum(@ForAll long seed) {
        // The ELBO's polynomial part computed exactly (BigDecimal) against the double formula; the
        // difference must be a few units in the last place of elboMagnitude, however small the noise.
        Well19937c random = new Well19937c(seed);
        double sigma2 = Math.pow(10, -10 + 14 * random.nextDouble());
        double[] theta = {3 * random.nextGaussian(), 3 * random.nextGaussian()};
        double x = 4 * random.nextGaussian();
        GaussianJoint joint = LinearGaussianModel.of(theta, sigma2, x).joint();
        GaussianMeanField mf = GaussianMeanField.of(joint);
        MeanFieldGaussianState q = new MeanFieldGaussianState(
                new double[] {joint.posterior().mean(0) + random.nextGaussian(), joint.posterior().mean(1) + random.nextGaussian()},
                new double[] {Math.exp(random.nextGaussian()), Math.exp(random.nextGaussian())});
        java.math.BigDecimal exact = new java.math.BigDecimal(joint.constant());
        for (int i = 0; i < 2; i++) {
            java.math.BigDecimal mi = new java.math.BigDecimal(q.mean(i));
            exact = exact.add(new java.math.BigDecimal(joint.linear(i)).multiply(mi));
            exact = exact.subtract(new java.math.BigDecimal(0.5).multiply(new java.math.BigDecimal(joint.precision(i, i)))
                    .multiply(new java.math.BigDecimal(q.variance(i))));
            for (int k = 0; k < 2; k++) {
                exact = exact.subtract(new java.math.BigDecimal(0.5).multiply(mi).multiply(new java.math.BigDecimal(joint.precision(i, k)))
                        .multiply(new java.math.BigDecimal(q.mean(k))));
            }
            exact = exact.add(new java.math.BigDecimal(0.5 * (Math.log(2 * Math.PI) + 1 + Math.log(q.variance(i)))));
        }
        double magnitude = mf.elboMagnitude(q);
        assertTrue(magnitude >= Math.abs(mf.elbo(q)));
        assertEquals(exact.doubleValue(), mf.elbo(q), 16 * Math.ulp(magnitude), "sigma2 = " + sigma2);
    }

    @Test
    void aTinyNoiseVarianceRunsWithoutAFalseElboDecrease() {
        // sigma2 = 1e-10: c ~ -x^2 / (2 sigma2) ~ -1e10 cancels against h^T m; the ELBO is of order 10 and
        // its rounding ~1e-6 once made Cavi.run report a decrease at sweep 74.
        for (double sigma2 : new double[] {1e-10, 1e-8, 1e-6}) {
            for (double[] theta : new double[][] {{1.0, 1.5}, {3.0, 3.0}, {3.0, 0.01}}) {
                LinearGaussianModel model = LinearGaussianModel.of(theta, sigma2, 2.0);
                GaussianMeanField mf = GaussianMeanField.of(model.joint());
                CaviResult<MeanFieldGaussianState> r = mf.run(new double[2], new double[] {1, 1}, CaviOptions.defaults());
                double rounding = Cavi.ROUNDING_SLACK * mf.elboMagnitude(r.state());
                assertEquals(model.logEvidence(), r.elbo() + mf.klToPosterior(r.state()), 1e-9 + rounding);
            }
        }
    }

    @Test
    void afterASweepTheMeanErrorIsFixedByTheLastMoveOfTheSecondMean() {
        // Gauss-Seidel on Lambda m = h (d = 2): after a sweep the second equation holds exactly and
        // the first has residual -Lambda_12 (m2 - m2_before), so m - m* = Lambda_12 dm2 (Sigma_11, Sigma_21)
        // = (Lambda_12 / Lambda_11, -rho^2) dm2 / (1 - rho^2), whether or not CAVI has converged.
        for (LinearGaussianModel model : List.of(W4, LinearGaussianModel.of(new double[] {-1.452, 0.5732}, 0.05574, 3.895))) {
            GaussianMeanField mf = GaussianMeanField.of(model.joint());
            CaviResult<MeanFieldGaussianState> r = mf.run(new double[] {-2.7, 3.7}, new double[] {1, 1}, new CaviOptions(0, 6));
            GaussianJoint j = model.joint();
            double rho2 = j.precision(0, 1) * j.precision(0, 1) / (j.precision(0, 0) * j.precision(1, 1));
            for (int k = 1; k < r.path().size(); k++) {
                double dm2 = r.path().get(k).mean(1) - r.path().get(k - 1).mean(1);
                assertEquals(j.precision(0, 1) / j.precision(0, 0) * dm2 / (1 - rho2),
                        r.path().get(k).mean(0) - model.posterior().mean(0), 1e-12);
                assertEquals(-rho2 * dm2 / (1 - rho2), r.path().get(k).mean(1) - model.posterior().mean(1), 1e-12);
            }
        }
    }

    @Test
    void badInputIsRefusedWithAMessageNamingTypeParameterRuleAndValue() {
        GaussianMeanField mf = GaussianMeanField.of(W4.joint());
        assertRefused(() -> mf.run(new double[] {0, 0, 0}, new double[] {1, 1, 1}, CaviOptions.defaults()),
                "GaussianMeanField initialMeans", "model dimension", "3 and 2");
        assertRefused(() -> mf.run(null, new double[] {1, 1}, CaviOptions.defaults()), "GaussianMeanField initialMeans");
        assertRefused(() -> GaussianMeanField.of(null), "GaussianMeanField joint", "null");
        assertRefused(() -> new MeanFieldGaussianState(new double[] {0, Double.NaN}, new double[] {1, 1}),
                "MeanFieldGaussianState means[1]", "finite", "NaN");
        assertRefused(() -> new MeanFieldGaussianState(new double[] {0, 0}, new double[] {1, -1}),
                "MeanFieldGaussianState variances[1]", "> 0", "-1.0");
        assertRefused(() -> new MeanFieldGaussianState(new double[] {0, 0}, new double[] {1}),
                "MeanFieldGaussianState means and variances", "same length", "2 and 1");
        assertRefused(() -> mf.run(new double[] {0, 0}, new double[] {1, 0}, CaviOptions.defaults()),
                "GaussianMeanField variances[1]", "0.0");
    }

    @Test
    void theStateIsImmutable() {
        double[] m = {1, 2};
        MeanFieldGaussianState q = new MeanFieldGaussianState(m, new double[] {1, 1});
        m[0] = 100;
        q.means()[1] = 100;
        assertArrayEquals(new double[] {1, 2}, q.means(), 0);
        assertEquals(2, q.dimension());
    }
}
