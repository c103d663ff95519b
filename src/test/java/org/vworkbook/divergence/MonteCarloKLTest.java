package org.vworkbook.divergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.distributions.DiagonalNormal;
import org.vworkbook.distributions.Gamma;
import org.vworkbook.distributions.Normal;

class MonteCarloKLTest {
    private final Normal p = Normal.ofMeanVariance(0, 1);
    private final Normal q = Normal.ofMeanVariance(1, 2);

    @Test
    void sameSeedSameEstimateDifferentSeedDifferent() {
        MonteCarloKL.Estimate a = MonteCarloKL.estimate(p, q, 1000, 7);
        MonteCarloKL.Estimate b = MonteCarloKL.estimate(p, q, 1000, 7);
        MonteCarloKL.Estimate c = MonteCarloKL.estimate(p, q, 1000, 8);
        assertEquals(a, b);
        assertTrue(a.value() != c.value());
    }

    @Test
    void standardErrorShrinksLikeOneOverRootN() {
        double se1 = MonteCarloKL.estimate(p, q, 10_000, 3).standardError();
        double se2 = MonteCarloKL.estimate(p, q, 160_000, 3).standardError();
        assertEquals(4.0, se1 / se2, 0.2);
    }

    @Test
    void standardErrorDescribesTheSpreadOverSeeds() {
        // The standard error claims the spread of the estimate; check it against 200 independent runs.
        double exact = KL.of(p, q);
        double sumSq = 0;
        double claimed = 0;
        int runs = 200;
        for (int s = 0; s < runs; s++) {
            MonteCarloKL.Estimate e = MonteCarloKL.estimate(p, q, 500, 1000 + s);
            sumSq += (e.value() - exact) * (e.value() - exact);
            claimed += e.standardError() / runs;
        }
        double observed = Math.sqrt(sumSq / runs);
        assertEquals(1.0, observed / claimed, 0.15);
    }

    @Test
    void massWhereQHasNoneGivesAnInfiniteEstimateLikeTheClosedForm() {
        org.vworkbook.distributions.Bernoulli a = org.vworkbook.distributions.Bernoulli.of(0.5);
        org.vworkbook.distributions.Bernoulli b = org.vworkbook.distributions.Bernoulli.of(1.0);
        assertEquals(Double.POSITIVE_INFINITY, KL.of(a, b));
        assertEquals(Double.POSITIVE_INFINITY, MonteCarloKL.estimate(a, b, 100, 1).value());
        // The other way round every draw has log q finite: a finite estimate.
        assertEquals(KL.of(b, a), MonteCarloKL.estimate(b, a, 100, 1).value(), 1e-15);
    }

    @Test
    void estimatesRefuseNaN() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MonteCarloKL.Estimate(Double.NaN, 0.1, 10));
        assertTrue(e.getMessage().startsWith("MonteCarloKL.Estimate value and standardError must not be NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MonteCarloKL.Estimate(0.5, -0.1, 10));
        assertEquals("MonteCarloKL.Estimate standardError must be >= 0, got -0.1", e.getMessage());
    }

    @Test
    void badArgumentsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MonteCarloKL.estimate(p, q, 1, 1));
        assertEquals("MonteCarloKL samples must be >= 2, got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MonteCarloKL.estimate(p, Gamma.ofShapeRate(1, 1), 10, 1));
        assertTrue(e.getMessage().startsWith("MonteCarloKL p and q must live on the same space"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MonteCarloKL.estimate(p, "a string", 10, 1));
        assertTrue(e.getMessage().startsWith("MonteCarloKL q must be a Normal"), e.getMessage());
        DiagonalNormal d2 = DiagonalNormal.ofMeanVariance(new double[] {0, 0}, new double[] {1, 1});
        DiagonalNormal d3 = DiagonalNormal.ofMeanVariance(new double[] {0, 0, 0}, new double[] {1, 1, 1});
        e = assertThrows(IllegalArgumentException.class, () -> MonteCarloKL.estimate(d2, d3, 10, 1));
        assertTrue(e.getMessage().contains("(R^2)") && e.getMessage().contains("(R^3)"), e.getMessage());
    }
}
