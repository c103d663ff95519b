package org.vworkbook.ep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;

class ClutterComparisonTest {
    @Test
    void eachSizeIsTheProblemOnThatPrefixSolvedDirectly() {
        ClutterProblem full = ClutterProblem.of(0.3, 10.0, 100.0, ClutterProblem.generate(1.0, 30, 0.3, 10.0, 2));
        ExpectationPropagation.Options options = new ExpectationPropagation.Options(1.0, 1e-10, 500);
        ClutterComparison c = ClutterComparison.of(full, new int[] {30, 4, 12}, options);
        assertArrayEquals(new int[] {1, 2, 0}, c.bySize());
        ClutterProblem four = full.firstObservations(4);
        assertEquals(four.exact().variance(), c.exactVariance()[1], 0.0);
        assertEquals(ExpectationPropagation.run(four, options).posterior().mean(), c.epMean()[1], 0.0);
        assertEquals(ClutterMeanField.of(four).run(new CaviOptions(1e-12, 5000)).elbo(), c.vbElbo()[1], 0.0);
        // with one observation EP is exact
        assertEquals(c.one().exact().mean(), c.epOne().posterior().mean(), 1e-8);
        assertEquals(c.epLogEvidenceWhereDefined().length, java.util.stream.IntStream.range(0, 3).filter(i -> c.epLogEvidenceDefined()[i]).count());
    }
}
