package org.vworkbook.divergence;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.vworkbook.distributions.Bernoulli;
import org.vworkbook.distributions.Categorical;
import org.vworkbook.distributions.DiagonalNormal;
import org.vworkbook.distributions.Gamma;
import org.vworkbook.distributions.GaussianMixture;
import org.vworkbook.distributions.GaussianMixture1D;
import org.vworkbook.distributions.IndependentProduct;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.distributions.NormalGamma;
import org.vworkbook.util.Check;

/**
 * KL(p, q) by Monte Carlo: draw z_1..z_S from p and average log p(z_s) - log q(z_s).
 *
 * <p>The estimate is unbiased; its standard error is the sample standard deviation of the log
 * ratios over sqrt(S). Any single estimate can be slightly negative when KL is near zero (it is
 * an average of terms of both signs). If a draw from p has log q = -infinity the estimate is +infinity
 * (as is the KL). High variance warning: when q has lighter tails than p the
 * log ratio is unbounded and the standard error can be large or even infinite.
 * Draws come from {@code Well19937c(seed)}, so a run is reproducible.
 */
public final class MonteCarloKL {
    private MonteCarloKL() {}

    /**
     * A Monte Carlo estimate.
     *
     * @param value the average log ratio
     * @param standardError its standard error (sample sd / sqrt(samples))
     * @param samples the number of draws
     */
    public record Estimate(double value, double standardError, int samples) {
        public Estimate {
            if (Double.isNaN(value) || Double.isNaN(standardError) || value == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("MonteCarloKL.Estimate value and standardError must not be NaN (value not -infinity), got "
                        + value + " and " + standardError);
            }
            if (!(standardError >= 0)) {
                throw new IllegalArgumentException("MonteCarloKL.Estimate standardError must be >= 0, got " + standardError);
            }
            Check.atLeast("MonteCarloKL.Estimate", "samples", samples, 2);
        }

        /** (value - reference) / standardError: how many standard errors away a reference value is. */
        public double zScore(double reference) {
            return (value - reference) / standardError;
        }

        @Override
        public String toString() {
            return value + " +- " + standardError + " (" + samples + " samples)";
        }
    }

    /**
     * The generic estimator for any p that can be sampled and any pair of log densities.
     *
     * @param sampler draws one z from p with the given random source
     * @throws IllegalArgumentException if samples < 2
     */
    public static <T> Estimate estimate(Function<RandomGenerator, T> sampler, ToDoubleFunction<T> logP,
            ToDoubleFunction<T> logQ, int samples, long seed) {
        Check.atLeast("MonteCarloKL", "samples", samples, 2);
        RandomGenerator random = new Well19937c(seed);
        // Welford's running mean and sum of squared deviations.
        double mean = 0;
        double m2 = 0;
        for (int s = 1; s <= samples; s++) {
            T z = sampler.apply(random);
            double lp = logP.applyAsDouble(z);
            double lq = logQ.applyAsDouble(z);
            double r = lp - lq;
            if (Double.isNaN(r) || lp == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("MonteCarloKL log p - log q is undefined at draw " + s + ": log p = " + lp
                        + ", log q = " + lq + " (a draw from p must have log p > -infinity)");
            }
            if (r == Double.POSITIVE_INFINITY) {
                // p puts mass where q has none: KL(p, q) is infinite, and so is any estimate containing this draw.
                return new Estimate(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, samples);
            }
            double delta = r - mean;
            mean += delta / s;
            m2 += delta * (r - mean);
        }
        double sd = Math.sqrt(m2 / (samples - 1));
        return new Estimate(mean, sd / Math.sqrt(samples), samples);
    }

    /**
     * KL(p, q) by Monte Carlo for two distributions of this library over the same space: Normal,
     * MultivariateNormal, DiagonalNormal (points double[]), Gamma, NormalGamma (points {mu, tau}),
     * Bernoulli, Categorical, GaussianMixture1D, GaussianMixture, and IndependentProduct of these.
     * A univariate p may be paired with any univariate q (a Normal with a GaussianMixture1D, say),
     * a vector p with any vector q.
     *
     * @throws IllegalArgumentException if a type is not supported or p and q live on different spaces
     */
    public static Estimate estimate(Object p, Object q, int samples, long seed) {
        Space sp = space(p, "p");
        Space sq = space(q, "q");
        if (!sp.kind().equals(sq.kind())) {
            throw new IllegalArgumentException("MonteCarloKL p and q must live on the same space, got p = "
                    + p.getClass().getSimpleName() + " (" + sp.kind() + ") and q = " + q.getClass().getSimpleName()
                    + " (" + sq.kind() + ")");
        }
        return estimate(sp.sampler(), sp.logDensity(), sq.logDensity(), samples, seed);
    }

    /** A sampleable density over points of type Object, with a name for its space. */
    private record Space(String kind, Function<RandomGenerator, Object> sampler, ToDoubleFunction<Object> logDensity) {}

    private static Space space(Object d, String which) {
        if (d instanceof Normal n) {
            return new Space("real line", r -> n.sample(r), z -> n.logDensity((Double) z));
        }
        if (d instanceof GaussianMixture1D g) {
            return new Space("real line", r -> g.sample(r), z -> g.logDensity((Double) z));
        }
        if (d instanceof Gamma g) {
            return new Space("positive half-line", r -> g.sample(r), z -> g.logDensity((Double) z));
        }
        if (d instanceof MultivariateNormal g) {
            return new Space("R^" + g.dimension(), r -> g.sample(r), z -> g.logDensity((double[]) z));
        }
        if (d instanceof DiagonalNormal g) {
            return new Space("R^" + g.dimension(), r -> g.sample(r), z -> g.logDensity((double[]) z));
        }
        if (d instanceof GaussianMixture g) {
            return new Space("R^" + g.dimension(), r -> g.sample(r), z -> g.logDensity((double[]) z));
        }
        if (d instanceof NormalGamma g) {
            return new Space("(mu, tau)", r -> g.sample(r), z -> {
                double[] x = (double[]) z;
                return g.logDensity(x[0], x[1]);
            });
        }
        if (d instanceof Bernoulli b) {
            return new Space("{0, 1}", r -> b.sample(r), z -> b.logMass((Integer) z));
        }
        if (d instanceof Categorical c) {
            return new Space("{0.." + (c.size() - 1) + "}", r -> c.sample(r), z -> c.logMass((Integer) z));
        }
        if (d instanceof IndependentProduct prod) {
            Space[] parts = new Space[prod.size()];
            StringBuilder kind = new StringBuilder("product(");
            for (int k = 0; k < parts.length; k++) {
                parts[k] = space(prod.factor(k), which + " factor " + k);
                kind.append(k > 0 ? ", " : "").append(parts[k].kind());
            }
            kind.append(')');
            return new Space(kind.toString(), r -> {
                Object[] z = new Object[parts.length];
                for (int k = 0; k < parts.length; k++) {
                    z[k] = parts[k].sampler().apply(r);
                }
                return z;
            }, z -> {
                Object[] x = (Object[]) z;
                double s = 0;
                for (int k = 0; k < parts.length; k++) {
                    s += parts[k].logDensity().applyAsDouble(x[k]);
                }
                return s;
            });
        }
        throw new IllegalArgumentException("MonteCarloKL " + which + " must be a Normal, MultivariateNormal, "
                + "DiagonalNormal, Gamma, NormalGamma, Bernoulli, Categorical, GaussianMixture1D, GaussianMixture or "
                + "IndependentProduct, got " + (d == null ? "null" : d.getClass().getName()));
    }
}
