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
                "MeanFieldGaussianState variances[1]", "0.0");
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
