package org.vworkbook.notebook;

import java.util.ArrayList;
import java.util.List;

/**
 * The worked answer of an exercise, shown collapsed: a {@code <details>} element that the reader
 * opens with a click, in JupyterLab and on the exported page alike.
 *
 * <p>An exercise is a Markdown cell tagged {@code exercise} whose first line is a heading
 * {@code ### Exercise N · Title}; it asks for a prediction first, then says what to change and
 * run. The next cell, tagged {@code exercise-answer}, ends in {@code Exercises.answer(...)}. Its
 * paragraphs are produced from the page's own numbers (with {@link Prose}), so the answer stays
 * true under the parameters the reader chose. The site's index lists the exercises by their
 * headings.
 *
 * <pre>
 *   Exercises.answer(
 *       "With $\\theta_1 = 0$ the posterior factorises, so ...",
 *       Prose.when(w4.kl() == 0, "Here the KL is exactly 0.", "Here the KL is " + Prose.num(w4.kl()) + " nats."))
 * </pre>
 */
public final class Exercises {
    /** The label of the collapsed answer. */
    public static final String SUMMARY = "Worked answer (click to open)";

    private Exercises() {}

    /**
     * The paragraphs (Markdown with LaTeX; null or blank ones are left out) inside a collapsed
     * {@code <details class="vwb-answer">} element.
     */
    public static Prose.Markdown answer(String... paragraphs) {
        List<String> kept = new ArrayList<>();
        for (String p : paragraphs) {
            if (p != null && !p.isBlank()) {
                kept.add(p.strip());
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("Exercises.answer needs at least one non-blank paragraph");
        }
        // Blank lines around the body: Markdown inside an HTML block is parsed only after one.
        return new Prose.Markdown("<details class=\"vwb-answer\">\n<summary>" + SUMMARY + "</summary>\n\n"
                + String.join("\n\n", kept) + "\n\n</details>");
    }
}
