package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChecksFoundationTest {

    private static void assertFails(org.junit.jupiter.api.function.Executable e, String... fragments) {
        Checks.CheckFailed f = assertThrows(Checks.CheckFailed.class, e);
        for (String s : fragments) {
            assertTrue(f.getMessage().contains(s), "'" + s + "' not in: " + f.getMessage());
        }
    }

    @Test
    void closePassesWithinToleranceAndFailsNamingTheCheck() {
        assertTrue(Checks.close("posterior mean", 1.0, 1.0 + 1e-12, 1e-10).text().startsWith("ok  posterior mean"));
        assertFails(() -> Checks.close("posterior mean", 1.0, 1.1, 1e-3), "check failed: posterior mean", "1.0", "1.1");
        assertFails(() -> Checks.close("nan check", Double.NaN, 1.0, 1e-3), "nan check");
        assertTrue(Checks.close("arr", new double[] {1, 2}, new double[] {1, 2 + 1e-9}, 1e-8).text().startsWith("ok"));
        assertFails(() -> Checks.close("arr", new double[] {1, 2}, new double[] {1, 3}, 1e-8), "arr[1]");
        assertFails(() -> Checks.close("arr", new double[] {1}, new double[] {1, 3}, 1e-8), "arr", "lengths 1 and 2");
    }

    @Test
    void nonDecreasingCatchesADropAndAllowsRounding() {
        assertFails(() -> Checks.nonDecreasing("ELBO", new double[] {-5, -4, -4.5, -3}, 1e-10), "ELBO decreases at step 2");
        assertTrue(Checks.nonDecreasing("ELBO", new double[] {-5, -4, -4 - 1e-14, -3}, 1e-10).text().startsWith("ok"));
        assertTrue(Checks.nonDecreasing("ELBO", new double[] {1}, 1e-10).text().contains("0 steps"));
    }

    @Test
    void nonNegativeIsTrueAndAll() {
        assertTrue(Checks.nonNegative("KL", -1e-15, 1e-12).text().startsWith("ok"));
        assertFails(() -> Checks.nonNegative("KL", -1e-3, 1e-12), "KL must be >= 0");
        assertFails(() -> Checks.nonNegative("KL", Double.NaN, 1e-12), "KL");
        assertFails(() -> Checks.isTrue("factorises", false), "check failed: factorises");
        String all = Checks.all(Checks.isTrue("a", true), Checks.isTrue("b", true));
        assertTrue(all.equals("ok  a\nok  b\n"), all);
    }
}
