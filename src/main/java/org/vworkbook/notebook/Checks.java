package org.vworkbook.notebook;

import java.util.Locale;

/**
 * Numerical checks a notebook shows to its reader. Each passing check returns a one-line
 * {@link Outcome} (shown as the cell's value); a failing check throws {@link CheckFailed}, so the
 * cell fails and {@code ./workbook run} exits non-zero naming the notebook and the check.
 */
public final class Checks {
    private Checks() {}

    /** A passed check, shown as one line of text. */
    public record Outcome(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Thrown when a notebook's numerical check fails. */
    public static final class CheckFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CheckFailed(String message) {
            super(message);
        }
    }

    /** |actual - expected| <= tolerance. */
    public static Outcome close(String what, double actual, double expected, double tolerance) {
        double error = Math.abs(actual - expected);
        if (!(error <= tolerance)) {
            throw new CheckFailed(String.format(Locale.ROOT, "check failed: %s: %s vs %s, |difference| = %.3e > %.1e",
                    what, Html.number(actual), Html.number(expected), error, tolerance));
        }
        return new Outcome(String.format(Locale.ROOT, "ok  %s: %s vs %s, |difference| = %.3e <= %.1e",
                what, Html.number(actual), Html.number(expected), error, tolerance));
    }

    /** Every entry of {@code actual} within {@code tolerance} of {@code expected}. */
    public static Outcome close(String what, double[] actual, double[] expected, double tolerance) {
        if (actual.length != expected.length) {
            throw new CheckFailed("check failed: " + what + ": lengths " + actual.length + " and " + expected.length);
        }
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = Math.abs(actual[i] - expected[i]);
            if (!(e <= tolerance)) {
                throw new CheckFailed(String.format(Locale.ROOT, "check failed: %s[%d]: %s vs %s, |difference| = %.3e > %.1e",
                        what, i, Html.number(actual[i]), Html.number(expected[i]), e, tolerance));
            }
            worst = Math.max(worst, e);
        }
        return new Outcome(String.format(Locale.ROOT, "ok  %s: largest |difference| = %.3e <= %.1e", what, worst, tolerance));
    }

    /** A condition that must hold. */
    public static Outcome isTrue(String what, boolean condition) {
        if (!condition) {
            throw new CheckFailed("check failed: " + what);
        }
        return new Outcome("ok  " + what);
    }

    /** value >= -tolerance (a KL divergence, for example). */
    public static Outcome nonNegative(String what, double value, double tolerance) {
        if (!(value >= -tolerance)) {
            throw new CheckFailed(String.format(Locale.ROOT, "check failed: %s must be >= 0, got %s", what, Html.number(value)));
        }
        return new Outcome(String.format(Locale.ROOT, "ok  %s = %s >= 0", what, Html.number(value)));
    }

    /** trace[i + 1] >= trace[i] - slack (1 + |trace[i]|) for every i: an ELBO history. */
    public static Outcome nonDecreasing(String what, double[] trace, double slack) {
        double worstDrop = 0;
        for (int i = 0; i + 1 < trace.length; i++) {
            double drop = trace[i] - trace[i + 1];
            if (drop > slack * (1 + Math.abs(trace[i]))) {
                throw new CheckFailed(String.format(Locale.ROOT, "check failed: %s decreases at step %d: %s -> %s",
                        what, i + 1, Html.number(trace[i]), Html.number(trace[i + 1])));
            }
            worstDrop = Math.max(worstDrop, drop);
        }
        return new Outcome(String.format(Locale.ROOT, "ok  %s never decreases over %d steps (largest drop %.1e, within rounding)",
                what, trace.length - 1, worstDrop));
    }

    /** Several outcomes as one block of text. */
    public static String all(Outcome... outcomes) {
        StringBuilder sb = new StringBuilder();
        for (Outcome o : outcomes) {
            sb.append(o.text()).append('\n');
        }
        return sb.toString();
    }
}
