package org.vworkbook.distributions;

import java.util.List;
import java.util.Objects;

/**
 * A joint distribution made of independent factors, p(z_1, ..., z_K) = prod_k p_k(z_k): the shape
 * of every mean-field family. The factors can be of any distribution type of this package (a
 * Normal and a Gamma, say). Quantities that are additive over independent factors (entropy,
 * log density, KL divergence between two products with matching factor types) are sums over factors.
 */
public final class IndependentProduct {
    private final List<Object> factors;

    private IndependentProduct(List<Object> factors) {
        this.factors = factors;
    }

    /**
     * @throws IllegalArgumentException if there are no factors or a factor is null
     */
    public static IndependentProduct of(List<?> factors) {
        if (factors == null || factors.isEmpty()) {
            throw new IllegalArgumentException("IndependentProduct factors must not be empty, got " + factors);
        }
        for (int k = 0; k < factors.size(); k++) {
            if (factors.get(k) == null) {
                throw new IllegalArgumentException("IndependentProduct factors[" + k + "] must not be null");
            }
        }
        return new IndependentProduct(List.copyOf(factors));
    }

    /** Same as {@link #of(List)}. */
    public static IndependentProduct of(Object... factors) {
        Objects.requireNonNull(factors, "factors");
        return of(java.util.Arrays.asList(factors));
    }

    /** The factors, unmodifiable, in order. */
    public List<Object> factors() {
        return factors;
    }

    public Object factor(int k) {
        return factors.get(k);
    }

    /** The number of factors. */
    public int size() {
        return factors.size();
    }

    @Override
    public String toString() {
        return "IndependentProduct" + factors;
    }
}
