package org.vworkbook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

class ParameterCellsTest {
    private static final Map<String, String> W4 = Map.of("theta1", "double", "theta2", "double", "tol", "double",
            "max_iter", "int", "seed", "long", "exact", "boolean", "estimator", "String", "data", "double[]", "sizes", "int[]");

    @Test
    void aParametersCellOfKnownVariablesBecomesOneBlockOfAssignments() {
        String cell = "double theta1 = 0.0;   // weight of z1. domain: any; fuzz [-3, 3]\n"
                + "double theta2 = -1.5e-3; // a comment; with = and ; in it\n"
                + "\n"
                + "// require: len(data) % 2 == 0\n"
                + "int max_iter = 1000;\n"
                + "long seed = 42L;\n"
                + "boolean exact = true;\n"
                + "String estimator = \"re;par//am\"; // domain: one of reinforce, reparam\n"
                + "double[] data = {1.0, -2, .5};\n"
                + "int[] sizes = {};";
        assertEquals("{ theta1 = 0.0; theta2 = -1.5e-3; max_iter = 1000; seed = 42L; exact = true; "
                + "estimator = \"re;par//am\"; data = new double[] {1.0, -2, .5}; sizes = new int[] {}; }",
                ParameterCells.asAssignments(cell, W4));
    }

    @Test
    void anythingElseRunsAsWritten() {
        assertNull(ParameterCells.asAssignments("double fresh = 1.0;", W4), "a new variable: its first declaration");
        assertNull(ParameterCells.asAssignments("int theta1 = 1;", W4), "another type: a redeclaration");
        assertNull(ParameterCells.asAssignments("double theta1 = 1.0;\nSystem.out.println(theta1);", W4));
        assertNull(ParameterCells.asAssignments("double theta1 = Math.PI;", W4), "an expression, not a literal");
        assertNull(ParameterCells.asAssignments("double theta1 = 1e999;", W4), "javac refuses it: its message, not ours");
        assertNull(ParameterCells.asAssignments("int max_iter = 2147483648;", W4));
        assertNull(ParameterCells.asAssignments("int max_iter = 010;", W4), "octal: left to javac");
        assertNull(ParameterCells.asAssignments("int max_iter = 2.5;", W4));
        assertNull(ParameterCells.asAssignments("boolean exact = 1;", W4));
        assertNull(ParameterCells.asAssignments("String estimator = \"a\" + \"b\";", W4));
        assertNull(ParameterCells.asAssignments("double[] data = {1.0, theta1};", W4));
        assertNull(ParameterCells.asAssignments("double theta1 = 1.0; double theta2 = 2.0;", W4), "two on a line");
        assertNull(ParameterCells.asAssignments("/* block */ double theta1 = 1.0;", W4));
        assertNull(ParameterCells.asAssignments("// only comments\n\n", W4), "nothing to assign");
        assertNull(ParameterCells.asAssignments("", W4));
    }

    /** The block does in JShell what the declarations do: the same values, in the same variables. */
    @Test
    void theBlockGivesTheVariablesTheValuesTheDeclarationsWouldGive() {
        String first = "double theta1 = 1.0;\nint max_iter = 5;\ndouble[] data = {1.0, 2.0};\nString estimator = \"reparam\";";
        String rerun = "double theta1 = -0.25e1;\nint max_iter = 7;\ndouble[] data = {3.0};\nString estimator = \"reinforce\";";
        try (JShell declared = JShell.builder().executionEngine("local").build();
                JShell assigned = JShell.builder().executionEngine("local").build()) {
            for (JShell shell : List.of(declared, assigned)) {
                for (String line : first.split("\n")) {
                    shell.eval(line);
                }
                shell.eval("double twice() { return 2 * theta1; }");
            }
            for (String line : rerun.split("\n")) {
                declared.eval(line);
            }
            String block = ParameterCells.asAssignments(rerun, ParameterCells.variables(assigned));
            List<SnippetEvent> events = assigned.eval(block);
            assertEquals(1, events.size(), "one snippet");
            for (String expr : List.of("theta1", "max_iter", "java.util.Arrays.toString(data)", "estimator", "twice()")) {
                assertEquals(value(declared, expr), value(assigned, expr), expr);
            }
            assertEquals("-2.5", value(assigned, "theta1"));
        }
    }

    private static String value(JShell shell, String expr) {
        return shell.eval(expr).get(0).value();
    }

    @Test
    void withoutJJavaNothingIsInstalled() {
        assertEquals(0, ParameterCells.install(new Object()), "not a JJava kernel: give up, never throw");
    }
}
