package org.vworkbook.divergence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.vworkbook.distributions.Bernoulli;
import org.vworkbook.distributions.Categorical;
import org.vworkbook.distributions.DiagonalNormal;
import org.vworkbook.distributions.Gamma;
import org.vworkbook.distributions.IndependentProduct;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.distributions.NormalGamma;

/**
 * One entry point for closed-form KL divergences, keyed on the pair of distribution types (the
 * registry design of Pyro's {@code kl_divergence}).
 *
 * <pre>
 *   double kl = KL.of(Normal.ofMeanVariance(0, 1), Normal.ofMeanVariance(1, 2));
 * </pre>
 *
 * <p>Registered pairs (p type, q type): Normal/Normal and MultivariateNormal/MultivariateNormal
 * ({@link GaussianKL}); DiagonalNormal/DiagonalNormal, Gamma/Gamma, NormalGamma/NormalGamma,
 * Bernoulli/Bernoulli, Categorical/Categorical, IndependentProduct/IndependentProduct
 * ({@link ClosedFormKL}). Any other pair (a Gaussian mixture, say, whose KL has no closed form) is
 * refused with {@link NoClosedFormException}, which says to use {@link MonteCarloKL} instead.
 */
public final class KL {
    private record Pair(Class<?> p, Class<?> q) {}

    private static final Map<Pair, BiFunction<Object, Object, Double>> REGISTRY = new LinkedHashMap<>();

    static {
        register(Normal.class, Normal.class, GaussianKL::between);
        register(MultivariateNormal.class, MultivariateNormal.class, GaussianKL::between);
        register(DiagonalNormal.class, DiagonalNormal.class, ClosedFormKL::between);
        register(Gamma.class, Gamma.class, ClosedFormKL::between);
        register(NormalGamma.class, NormalGamma.class, ClosedFormKL::between);
        register(Bernoulli.class, Bernoulli.class, ClosedFormKL::between);
        register(Categorical.class, Categorical.class, ClosedFormKL::between);
        register(IndependentProduct.class, IndependentProduct.class, ClosedFormKL::between);
    }

    private KL() {}

    private static <P, Q> void register(Class<P> p, Class<Q> q, BiFunction<P, Q, Double> kl) {
        REGISTRY.put(new Pair(p, q), (a, b) -> kl.apply(p.cast(a), q.cast(b)));
    }

    /** Thrown for a pair of types with no registered closed form. */
    public static final class NoClosedFormException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NoClosedFormException(String message) {
            super(message);
        }
    }

    /**
     * KL(p, q) = E_p[log p - log q] in closed form.
     *
     * @throws NoClosedFormException if the pair of types has no closed form here
     * @throws IllegalArgumentException if p or q is null, or their dimensions differ
     */
    public static double of(Object p, Object q) {
        if (p == null || q == null) {
            throw new IllegalArgumentException("KL p and q must not be null, got p = " + p + ", q = " + q);
        }
        BiFunction<Object, Object, Double> f = REGISTRY.get(new Pair(p.getClass(), q.getClass()));
        if (f == null) {
            throw new NoClosedFormException("KL has no closed form for the pair (" + p.getClass().getSimpleName()
                    + ", " + q.getClass().getSimpleName() + "); supported pairs are " + supportedPairs()
                    + "; estimate it by Monte Carlo with MonteCarloKL.estimate(p, q, samples, seed)");
        }
        return f.apply(p, q);
    }

    /** Whether {@link #of} has a closed form for this pair of types. */
    public static boolean hasClosedForm(Object p, Object q) {
        return p != null && q != null && REGISTRY.containsKey(new Pair(p.getClass(), q.getClass()));
    }

    /** The registered pairs as "(P, Q)" strings. */
    public static List<String> supportedPairs() {
        List<String> out = new ArrayList<>();
        for (Pair pair : REGISTRY.keySet()) {
            out.add("(" + pair.p().getSimpleName() + ", " + pair.q().getSimpleName() + ")");
        }
        return out;
    }
}
