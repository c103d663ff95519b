package org.vworkbook.divergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.vworkbook.distributions.Bernoulli;
import org.vworkbook.distributions.Categorical;
import org.vworkbook.distributions.DiagonalNormal;
import org.vworkbook.distributions.Gamma;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.distributions.NormalGamma;

/** KL(p, p) = 0 and KL(p, q) >= 0 (Gibbs' inequality) over random parameters, for every registered pair. */
class KLPropertiesTest {
    private static final double ROUNDING = 1e-12;

    @Property(tries = 300)
    void normal(@ForAll @DoubleRange(min = -10, max = 10) double m1, @ForAll @DoubleRange(min = 0.01, max = 1000) double v1,
            @ForAll @DoubleRange(min = -10, max = 10) double m2, @ForAll @DoubleRange(min = 0.01, max = 1000) double v2) {
        Normal p = Normal.ofMeanVariance(m1, v1);
        Normal q = Normal.ofMeanVariance(m2, v2);
        assertEquals(0.0, KL.of(p, p), ROUNDING);
        assertTrue(KL.of(p, q) >= -ROUNDING * (1 + Math.abs(KL.of(p, q))));
    }

    @Property(tries = 200)
    void diagonalAndFullCovariance(@ForAll @DoubleRange(min = -5, max = 5) double a, @ForAll @DoubleRange(min = -5, max = 5) double b,
            @ForAll @DoubleRange(min = 0.05, max = 20) double va, @ForAll @DoubleRange(min = 0.05, max = 20) double vb,
            @ForAll @DoubleRange(min = -0.9, max = 0.9) double rho) {
        DiagonalNormal p = DiagonalNormal.ofMeanVariance(new double[] {a, b}, new double[] {va, vb});
        DiagonalNormal q = DiagonalNormal.ofMeanVariance(new double[] {b, a}, new double[] {vb, va});
        assertEquals(0.0, KL.of(p, p), ROUNDING);
        assertTrue(KL.of(p, q) >= -ROUNDING);
        double c = rho * Math.sqrt(va * vb);
        MultivariateNormal full = MultivariateNormal.ofMeanCovariance(new double[] {a, b}, new double[][] {{va, c}, {c, vb}});
        assertEquals(0.0, KL.of(full, full), 1e-10);
        assertTrue(KL.of(full, q.toMultivariate()) >= -ROUNDING);
        assertTrue(KL.of(p.toMultivariate(), full) >= -ROUNDING);
    }

    @Property(tries = 300)
    void gammaAndNormalGamma(@ForAll @DoubleRange(min = 0.05, max = 50) double a1, @ForAll @DoubleRange(min = 0.05, max = 50) double b1,
            @ForAll @DoubleRange(min = 0.05, max = 50) double a2, @ForAll @DoubleRange(min = 0.05, max = 50) double b2,
            @ForAll @DoubleRange(min = -3, max = 3) double m, @ForAll @DoubleRange(min = 0.01, max = 100) double lambda) {
        Gamma p = Gamma.ofShapeRate(a1, b1);
        Gamma q = Gamma.ofShapeRate(a2, b2);
        assertEquals(0.0, KL.of(p, p), 1e-10);
        assertTrue(KL.of(p, q) >= -1e-10 * (1 + Math.abs(KL.of(p, q))));
        NormalGamma np = NormalGamma.of(m, lambda, a1, b1);
        NormalGamma nq = NormalGamma.of(-m, 1 / lambda, a2, b2);
        assertEquals(0.0, KL.of(np, np), 1e-10);
        assertTrue(KL.of(np, nq) >= -1e-10 * (1 + Math.abs(KL.of(np, nq))));
    }

    @Property(tries = 300)
    void bernoulliAndCategorical(@ForAll @DoubleRange(min = 0, max = 1) double x, @ForAll @DoubleRange(min = 0, max = 1) double y,
            @ForAll @DoubleRange(min = 0.01, max = 1) double u, @ForAll @DoubleRange(min = 0.01, max = 1) double v) {
        Bernoulli p = Bernoulli.of(x);
        Bernoulli q = Bernoulli.of(y);
        assertEquals(0.0, KL.of(p, p), ROUNDING);
        assertTrue(KL.of(p, q) >= -ROUNDING);
        double s = x + u + v;
        Categorical c = Categorical.of(new double[] {x / s, u / s, v / s});
        double t = y + v + u;
        Categorical d = Categorical.of(new double[] {y / t, v / t, u / t});
        assertEquals(0.0, KL.of(c, c), ROUNDING);
        assertTrue(KL.of(c, d) >= -ROUNDING);
    }
}
