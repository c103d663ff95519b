package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.FoundationAssertions.assertRefused;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFoundationTest {

    @Test
    void saveToWritesNotebookParametersAndResults(@TempDir Path dir) throws Exception {
        double[] means = {0.1, 1.0 / 3};
        double[][] matrix = {{1, 2}, {3, 4}};
        Results r = Results.of("W4-case_1")
                .parameter("theta1", 1.0)
                .parameter("data", new double[] {1, 2})
                .result("means", means)
                .result("matrix", matrix)
                .result("converged", true)
                .result("iterations", 12)
                .result("nan", Double.NaN);
        means[0] = 99;
        matrix[1][0] = 99;
        r.saveTo(dir);
        Path file = dir.resolve("W4-case_1.json");
        JsonNode node = new ObjectMapper().readTree(Files.readString(file));
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("notebook", "parameters", "results"), keys);
        assertEquals("W4-case_1", node.get("notebook").textValue());
        assertEquals(1.0, node.get("parameters").get("theta1").doubleValue(), 0);
        assertEquals(2.0, node.get("parameters").get("data").get(1).doubleValue(), 0);
        assertEquals(0.1, node.get("results").get("means").get(0).doubleValue(), 0);
        assertEquals(1.0 / 3, node.get("results").get("means").get(1).doubleValue(), 0);
        assertEquals(3.0, node.get("results").get("matrix").get(1).get(0).doubleValue(), 0);
        assertTrue(node.get("results").get("converged").booleanValue());
        assertEquals(12, node.get("results").get("iterations").intValue());
        assertTrue(node.get("results").get("nan").isNull());
        // only the result file is left behind, and saving again replaces it
        r.result("iterations", 13).saveTo(dir);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertEquals(13, new ObjectMapper().readTree(file.toFile()).get("results").get("iterations").intValue());
    }

    @Test
    void accessorsAndRenderings() {
        Results r = Results.of("X1").parameter("p", 2).result("a<b", 0.5);
        assertEquals("X1", r.notebook());
        assertEquals(0.5, r.get("a<b"));
        assertEquals(2, r.parameters().get("p"));
        assertTrue(r.toHtml().contains("a&lt;b"), r.toHtml());
        assertTrue(r.toString().contains("a<b = 0.5"), r.toString());
        assertRefused(() -> r.get("missing"), "Results X1 has no result 'missing'", "a<b");
    }

    @Test
    void badIdsAndNamesAreRefused() {
        for (String id : new String[] {"", "../W4", "W 4", "W4.json", "a/b"}) {
            assertRefused(() -> Results.of(id), "Results notebook id", "got " + id);
        }
        assertRefused(() -> Results.of(null), "Results notebook id", "null");
        assertRefused(() -> Results.of("W4").result(" ", 1), "Results result name", "blank");
        assertRefused(() -> Results.of("W4").parameter(null, 1), "Results parameter name", "blank");
    }
}
