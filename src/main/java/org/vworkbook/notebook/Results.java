package org.vworkbook.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The results of one notebook run: its parameters and its results, written to
 * {@code build/results/ID.json} and shown to the reader as a table, from the same object.
 *
 * <pre>
 *   Results.of("W4")
 *       .parameter("theta1", theta1)
 *       .result("m1", q.mean(0))
 *       .save();          // writes the JSON; the cell shows the table
 * </pre>
 *
 * <p>The output folder is {@code $VWB_RESULTS_DIR} when set (the runner sets it), otherwise
 * {@code build/results} under the project root found above the working directory.
 */
public final class Results {
    /** Environment variable naming the folder for results JSON. */
    public static final String RESULTS_DIR_ENV = "VWB_RESULTS_DIR";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

    private final String notebook;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Object> results = new LinkedHashMap<>();

    private Results(String notebook) {
        this.notebook = notebook;
    }

    /** Starts the results of notebook {@code id} (letters, digits, '_' or '-'). */
    public static Results of(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Results notebook id must be letters, digits, '_' or '-', got " + id);
        }
        return new Results(id);
    }

    /** Records a parameter and the value used. Arrays are copied. */
    public Results parameter(String name, Object value) {
        parameters.put(checkName("parameter", name), snapshot(value));
        return this;
    }

    /** Records a result. Arrays are copied, so later changes to the caller's array do not leak in. */
    public Results result(String name, Object value) {
        results.put(checkName("result", name), snapshot(value));
        return this;
    }

    private static String checkName(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Results " + what + " name must not be blank, got '" + name + "'");
        }
        return name;
    }

    private static Object snapshot(Object value) {
        if (value != null && value.getClass().isArray()) {
            int n = Array.getLength(value);
            Object copy = Array.newInstance(value.getClass().getComponentType(), n);
            for (int i = 0; i < n; i++) {
                Array.set(copy, i, snapshot(Array.get(value, i)));
            }
            return copy;
        }
        return value;
    }

    public String notebook() {
        return notebook;
    }

    public Map<String, Object> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    public Map<String, Object> results() {
        return Collections.unmodifiableMap(results);
    }

    /** The value of one result, or throws naming the missing key. */
    public Object get(String name) {
        if (!results.containsKey(name)) {
            throw new IllegalArgumentException("Results " + notebook + " has no result '" + name
                    + "'; results are " + results.keySet());
        }
        return results.get(name);
    }

    /** The JSON object {"notebook": ..., "parameters": {...}, "results": {...}}. */
    public String toJson() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("notebook", notebook);
        all.put("parameters", parameters);
        all.put("results", results);
        return Json.write(all) + "\n";
    }

    /** Writes {@code ID.json} into {@link #outputDirectory()} (atomically: a temporary file, then a move). */
    public Results save() {
        return saveTo(outputDirectory());
    }

    /** Writes {@code ID.json} into {@code directory}. */
    public Results saveTo(Path directory) {
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(notebook + ".json");
            Path tmp = Files.createTempFile(directory, notebook, ".json.tmp");
            Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write results of " + notebook + " to " + directory, e);
        }
        return this;
    }

    /** $VWB_RESULTS_DIR, or build/results under the project root (the folder holding pom.xml). */
    public static Path outputDirectory() {
        String env = System.getenv(RESULTS_DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("notebooks"))) {
                return p.resolve("build").resolve("results");
            }
        }
        return dir.resolve("build").resolve("results");
    }

    /** An HTML rendering: a table of parameters and a table of results. */
    public String toHtml() {
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"vwb-results\">");
        sb.append("<table><caption>Results of ").append(Html.escape(notebook)).append("</caption>");
        sb.append("<thead><tr><th style=\"text-align:left\">result</th><th style=\"text-align:left\">value</th></tr></thead><tbody>");
        for (Map.Entry<String, Object> e : results.entrySet()) {
            row(sb, e.getKey(), e.getValue());
        }
        sb.append("</tbody></table>");
        sb.append("<details><summary>parameters</summary><table><tbody>");
        for (Map.Entry<String, Object> e : parameters.entrySet()) {
            row(sb, e.getKey(), e.getValue());
        }
        sb.append("</tbody></table></details></div>");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, Object value) {
        sb.append("<tr><td style=\"text-align:left\"><code>").append(Html.escape(name)).append("</code></td>")
                .append("<td style=\"text-align:left\">").append(Html.escape(Html.format(value))).append("</td></tr>");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Results of " + notebook + "\n");
        for (Map.Entry<String, Object> e : results.entrySet()) {
            sb.append("  ").append(e.getKey()).append(" = ").append(Html.format(e.getValue())).append('\n');
        }
        return sb.toString();
    }
}
