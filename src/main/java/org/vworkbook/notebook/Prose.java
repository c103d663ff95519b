package org.vworkbook.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sentences whose truth depends on the numbers, written by a code cell from the computed results
 * and shown as Markdown (with LaTeX) in the page, so that the page says only what its own numbers
 * support. Static Markdown cells hold only what is true for every valid parameter set.
 *
 * <pre>
 *   Prose.markdown(
 *       Prose.when(onAxis, "VEM ended on the $\\theta_1$ axis.", "VEM did not end on an axis."),
 *       "The KL after the last E-step is " + Prose.num(kl) + " nats.")
 * </pre>
 */
public final class Prose {
    private Prose() {}

    /** Markdown text, shown by the kernel as a text/markdown output (a paragraph of the page). */
    public record Markdown(String text) {
        public Markdown {
            if (text == null) {
                throw new IllegalArgumentException("Prose.Markdown text must not be null");
            }
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The paragraphs as one Markdown output, separated by blank lines; null or blank ones are left out. */
    public static Markdown markdown(String... paragraphs) {
        List<String> kept = new ArrayList<>();
        for (String p : paragraphs) {
            if (p != null && !p.isBlank()) {
                kept.add(p.strip());
            }
        }
        return new Markdown(String.join("\n\n", kept));
    }

    /** {@code ifTrue} when the condition holds, otherwise {@code ifFalse}. */
    public static String when(boolean condition, String ifTrue, String ifFalse) {
        return condition ? ifTrue : ifFalse;
    }

    /** {@code text} when the condition holds, otherwise nothing (left out by {@link #markdown}). */
    public static String when(boolean condition, String text) {
        return condition ? text : "";
    }

    /**
     * A number for a sentence: 4 significant digits, a Unicode minus, powers of ten written
     * 1.5 × 10⁻⁷ (plain text, so it reads the same inside and outside {@code $...$}); NaN as a dash,
     * infinities as the symbol.
     */
    public static String num(double v) {
        return num(v, 4);
    }

    /** A number for a sentence with the given significant digits (1 to 17). */
    public static String num(double v, int digits) {
        String[] parts = split(v, digits);
        if (parts.length == 1) {
            return parts[0];
        }
        StringBuilder sup = new StringBuilder();
        for (char c : parts[1].toCharArray()) {
            sup.append(c == '-' ? '\u207b' : "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079".charAt(c - '0'));
        }
        return parts[0] + " \u00d7 10" + sup;
    }

    /** The same number as LaTeX for use inside {@code $...$}: {@code 1.5 \times 10^{-7}}. */
    public static String tex(double v) {
        return tex(v, 4);
    }

    /** The number as LaTeX with the given significant digits. */
    public static String tex(double v, int digits) {
        if (Double.isNaN(v)) {
            return "\\text{undefined}";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "\\infty" : "-\\infty";
        }
        String[] parts = split(v, digits);
        String mantissa = parts[0].replace("\u2212", "-");
        return parts.length == 1 ? mantissa : mantissa + " \\times 10^{" + parts[1] + "}";
    }

    /** {mantissa} or {mantissa, exponent} with a Unicode minus in the mantissa. */
    private static String[] split(double v, int digits) {
        if (digits < 1 || digits > 17) {
            throw new IllegalArgumentException("Prose.num digits must be in [1, 17], got " + digits);
        }
        if (!Double.isFinite(v)) {
            return new String[] {Html.number(v)};
        }
        if (v == 0) {
            return new String[] {"0"};
        }
        double a = Math.abs(v);
        String mantissa;
        String exponent = null;
        if (a >= 1e-4 && a < 1e6) {
            mantissa = new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString();
        } else {
            String[] p = String.format(Locale.ROOT, "%." + (digits - 1) + "e", v).split("e");
            mantissa = p[0].contains(".") ? p[0].replaceAll("0+$", "").replaceAll("\\.$", "") : p[0];
            exponent = Integer.toString(Integer.parseInt(p[1]));
        }
        mantissa = mantissa.startsWith("-") ? "\u2212" + mantissa.substring(1) : mantissa;
        return exponent == null ? new String[] {mantissa} : new String[] {mantissa, exponent};
    }

    /** A percentage with the given decimals, e.g. {@code pct(0.1234, 1)} is "12.3%". */
    public static String pct(double fraction, int decimals) {
        if (!Double.isFinite(fraction)) {
            return Html.number(fraction);
        }
        return String.format(Locale.ROOT, "%." + Math.max(0, decimals) + "f%%", 100 * fraction);
    }
}
