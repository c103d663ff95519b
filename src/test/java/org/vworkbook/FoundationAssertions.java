package org.vworkbook;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Shared assertions of the foundation tests. */
public final class FoundationAssertions {
    private FoundationAssertions() {}

    /** Asserts that the call throws an IllegalArgumentException whose message contains every fragment. */
    public static IllegalArgumentException assertRefused(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(f),
                    "message should contain '" + f + "' but was: " + e.getMessage());
        }
        return e;
    }

    /** |actual - expected| <= k standard errors (and the standard error is finite and positive). */
    public static void assertWithinStandardErrors(double expected, double actual, double standardError, double k,
            String what) {
        assertTrue(standardError > 0 && Double.isFinite(standardError), what + ": bad standard error " + standardError);
        assertTrue(Math.abs(actual - expected) <= k * standardError, what + ": " + actual + " vs " + expected
                + ", " + Math.abs(actual - expected) / standardError + " standard errors apart");
    }
}
