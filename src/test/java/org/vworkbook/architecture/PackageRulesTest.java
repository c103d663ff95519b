package org.vworkbook.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rules of docs/DEVELOPING.md, enforced by a plain scan of the library's sources (imports and
 * fully qualified names in code; comments and string literals are left out):
 *
 * <ul>
 *   <li>each package of {@code org.vworkbook} refers only to the packages {@link #ALLOWED} lists for it:
 *       the foundations below it and the rooms it builds on, never a room that builds on it (no arrow
 *       upward, so no cycles);
 *   <li>only {@code notebook} refers to XChart or Tablesaw, and no library package refers to JJava;
 *   <li>every package on disk is in the map (a new package must be placed in the house first);
 *   <li>the kernel side ({@code src/kernel/java}, loaded before the library) uses nothing of the library.
 * </ul>
 */
class PackageRulesTest {
    private static final Path SOURCES = Paths.get("src", "main", "java", "org", "vworkbook");

    /** Package -> the other org.vworkbook packages it may refer to. */
    static final Map<String, Set<String>> ALLOWED = new TreeMap<>(Map.ofEntries(
            Map.entry("util", Set.of()),
            Map.entry("numerics", Set.of("util")),
            Map.entry("distributions", Set.of("numerics", "util")),
            Map.entry("divergence", Set.of("distributions", "numerics", "util")),
            Map.entry("exact", Set.of("divergence", "distributions", "numerics", "util")),
            Map.entry("cavi", Set.of("exact", "divergence", "distributions", "numerics", "util")),
            Map.entry("bbvi", Set.of("cavi", "exact", "divergence", "distributions", "numerics", "util")),
            Map.entry("em", Set.of("cavi", "exact", "divergence", "distributions", "numerics", "util")),
            Map.entry("ep", Set.of("cavi", "exact", "divergence", "distributions", "numerics", "util")),
            Map.entry("gmm", Set.of("cavi", "exact", "divergence", "distributions", "numerics", "util")),
            Map.entry("regression", Set.of("cavi", "exact", "divergence", "distributions", "numerics", "util")),
            Map.entry("vae", Set.of("bbvi", "cavi", "exact", "divergence", "distributions", "numerics", "util")),
            Map.entry("notebook", Set.of("bbvi", "cavi", "divergence", "distributions", "em", "ep", "exact", "gmm",
                    "numerics", "regression", "util", "vae"))));

    /** Third-party packages only {@code notebook} may use (charts, tables); JJava belongs to the kernel side. */
    static final Map<String, String> PRESENTATION = Map.of(
            "org.knowm.xchart", "XChart", "tech.tablesaw", "Tablesaw", "org.dflib.jjava", "JJava");

    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.vworkbook\\.([a-z]+)\\b");
    private static final Pattern COMMENT_OR_STRING = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'", Pattern.DOTALL);

    @Test
    void everyPackageIsInTheMap() throws IOException {
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            dirs.filter(Files::isDirectory).forEach(d -> onDisk.add(d.getFileName().toString()));
        }
        assertEquals(ALLOWED.keySet(), onDisk, "packages of org.vworkbook on disk vs the map in docs/DEVELOPING.md");
    }

    @Test
    void noPackageRefersToOneItMayNot() {
        List<String> broken = new ArrayList<>();
        for (Path file : sources()) {
            String pkg = SOURCES.relativize(file).getName(0).toString();
            String code = code(file);
            Matcher m = REFERENCE.matcher(code);
            Set<String> seen = new TreeSet<>();
            while (m.find()) {
                String target = m.group(1);
                if (!target.equals(pkg) && seen.add(target)
                        && !ALLOWED.getOrDefault(pkg, Set.of()).contains(target)) {
                    broken.add(SOURCES.relativize(file) + ": " + pkg + " may not refer to " + target);
                }
            }
            for (Map.Entry<String, String> lib : PRESENTATION.entrySet()) {
                boolean allowedHere = pkg.equals("notebook") && !lib.getValue().equals("JJava");
                if (!allowedHere && code.contains(lib.getKey() + ".")) {
                    broken.add(SOURCES.relativize(file) + ": only notebook/ may use " + lib.getValue()
                            + (lib.getValue().equals("JJava") ? " (and no library package at all: it is the kernel's)" : ""));
                }
            }
        }
        assertTrue(broken.isEmpty(), "house rules broken:\n  " + String.join("\n  ", broken));
    }

    @Test
    void theKernelSideUsesNothingOfTheLibrary() {
        Path kernel = Paths.get("src", "kernel", "java", "org", "vworkbook", "kernel");
        List<String> broken = new ArrayList<>();
        try (Stream<Path> files = Files.walk(kernel)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                Matcher m = REFERENCE.matcher(code(file));
                while (m.find()) {
                    if (!m.group(1).equals("kernel")) {
                        broken.add(kernel.relativize(file) + " refers to org.vworkbook." + m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(broken.isEmpty(), "the kernel side (src/kernel/java) is loaded before the library and may not use it:\n  "
                + String.join("\n  ", broken));
    }

    @Test
    void theScanSeesThroughCommentsAndStringsButNotPastThem() {
        String src = "import org.vworkbook.cavi.Cavi; // org.vworkbook.gmm.X\n/* org.vworkbook.vae.Y */ String s = \"org.vworkbook.em.Z\";";
        Matcher m = REFERENCE.matcher(COMMENT_OR_STRING.matcher(src).replaceAll(" "));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertEquals(List.of("cavi"), found);
    }

    private static String code(Path file) {
        try {
            return COMMENT_OR_STRING.matcher(Files.readString(file)).replaceAll(" ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
