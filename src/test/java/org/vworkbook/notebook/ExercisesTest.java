package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExercisesTest {
    @Test
    void answerIsCollapsedDetailsWithTheParagraphsInOrder() {
        String md = Exercises.answer("First $a$.", null, " ", "Second.").text();
        assertTrue(md.startsWith("<details class=\"vwb-answer\">\n<summary>"), md);
        assertTrue(md.endsWith("\n\n</details>"), md);
        assertTrue(md.indexOf("First $a$.") < md.indexOf("Second."), md);
        assertEquals(-1, md.indexOf("null"), md);
        assertTrue(md.contains("</summary>\n\nFirst $a$.\n\nSecond.\n\n</details>"), md);
    }

    @Test
    void emptyAnswerIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Exercises.answer("", null));
        assertTrue(e.getMessage().contains("Exercises.answer"), e.getMessage());
    }
}
