package org.vworkbook.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Reads the results JSON that `./workbook test` wrote for the notebook ITs: the default run of
 * notebook ID from {@code <vwb.results.dir>/default/results/ID.json} and the test case CASE
 * (a line of tests/cases/ID.txt) from {@code <vwb.results.dir>/cases/CASE/results/ID.json}.
 * A missing file fails the test: the ITs only run after the notebooks were executed.
 */
public final class NotebookResults {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode root;

    private NotebookResults(JsonNode root) {
        this.root = root;
    }

    public static Path root() {
        String dir = System.getProperty("vwb.results.dir");
        if (dir == null || dir.isBlank()) {
            dir = "build/test";
        }
        return Paths.get(dir);
    }

    /** The default run of notebook {@code id}. */
    public static NotebookResults read(String id) {
        return load(id, root().resolve("default").resolve("results").resolve(id + ".json"));
    }

    /**
     * The run of test case {@code caseName} of notebook {@code id}. An {@code extended:} case of
     * tests/cases/ID.txt runs only in the longer sweep ({@code VWB_TEST_CASES=all ./workbook test});
     * when it was not run, the test that reads it is reported as skipped (aborted), never passed.
     */
    public static NotebookResults read(String id, String caseName) {
        Path file = root().resolve("cases").resolve(caseName).resolve("results").resolve(id + ".json");
        if (!Files.exists(file) && isExtended(id, caseName)) {
            org.junit.jupiter.api.Assumptions.abort("extended case " + caseName + " of " + id
                    + " was not run (VWB_TEST_CASES=all ./workbook test runs it)");
        }
        return load(id, file);
    }

    private static boolean isExtended(String id, String caseName) {
        Path cases = Paths.get("tests", "cases", id + ".txt");
        try {
            return Files.exists(cases) && Files.readAllLines(cases).stream()
                    .map(String::strip)
                    .anyMatch(l -> l.startsWith("extended:") && l.substring("extended:".length()).strip().split("\\s+")[0].equals(caseName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NotebookResults load(String id, Path file) {
        assertTrue(Files.exists(file), "no results for " + id + " at " + file.toAbsolutePath()
                + " (run ./workbook test, which executes the notebooks before these ITs)");
        try {
            JsonNode node = MAPPER.readTree(file.toFile());
            assertEquals(id, node.path("notebook").asText(), "notebook id in " + file);
            return new NotebookResults(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode result(String name) {
        JsonNode v = root.path("results").get(name);
        assertTrue(v != null && !v.isNull(), "result '" + name + "' missing or null; results: " + root.path("results"));
        return v;
    }

    public double number(String name) {
        JsonNode v = result(name);
        assertTrue(v.isNumber(), "result '" + name + "' is not a number: " + v);
        return v.asDouble();
    }

    public boolean bool(String name) {
        JsonNode v = result(name);
        assertTrue(v.isBoolean(), "result '" + name + "' is not a boolean: " + v);
        return v.asBoolean();
    }

    public double[] vector(String name) {
        return toVector(name, result(name));
    }

    public double[][] matrix(String name) {
        JsonNode v = result(name);
        assertTrue(v.isArray(), "result '" + name + "' is not an array of rows: " + v);
        double[][] m = new double[v.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = toVector(name + "[" + i + "]", v.get(i));
        }
        return m;
    }

    public double parameter(String name) {
        JsonNode v = root.path("parameters").get(name);
        assertTrue(v != null && v.isNumber(), "parameter '" + name + "' missing or not a number");
        return v.asDouble();
    }

    public double[] parameterVector(String name) {
        JsonNode v = root.path("parameters").get(name);
        assertTrue(v != null, "parameter '" + name + "' missing");
        return toVector(name, v);
    }

    public String parameterText(String name) {
        JsonNode v = root.path("parameters").get(name);
        assertTrue(v != null, "parameter '" + name + "' missing");
        return v.asText();
    }

    public JsonNode json() {
        return root;
    }

    private static double[] toVector(String name, JsonNode v) {
        assertTrue(v.isArray(), "'" + name + "' is not an array: " + v);
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            assertTrue(v.get(i).isNumber(), "'" + name + "[" + i + "]' is not a number: " + v.get(i));
            out[i] = v.get(i).asDouble();
        }
        return out;
    }
}
