package org.vworkbook.kernel;

import java.lang.reflect.Field;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

/**
 * Lets the runner reuse one kernel for several notebooks: a cell whose code is exactly
 * {@value #REQUEST} drops every snippet that a notebook added since the kernel started (its
 * variables, methods, classes and imports), keeps what the kernel had before its first cell (JJava's
 * own definitions such as {@code display}, the start-up script's imports and renderers), and sets the
 * execution count back so that the next cell is {@code [1]}. The cell's value is then {@value #DONE}.
 * If the start-up snippets are not all intact (a notebook redeclared one), or the kernel has no
 * such hook (another JJava: the request is only a comment), it answers nothing, and the runner
 * starts a fresh kernel instead. What dropping snippets cannot undo stays: classes the library
 * already loaded and their static state, system properties.
 *
 * <p>Runs on the kernel's shell thread before JJava evaluates the cell (through the handler that
 * {@link ParameterCells#installOnceStarted} wraps), never while a snippet is executing.
 */
public final class KernelReset {
    /** The code of a reset request. */
    public static final String REQUEST = "// vwb: reset the kernel";
    /** The value the reset cell shows. */
    public static final String DONE = "vwb: kernel reset";

    private KernelReset() {}

    /**
     * The shell's active snippets: what a reset keeps. (The snippets themselves, compared by
     * identity: a redeclaration keeps the id of the snippet it replaces.)
     */
    static Set<Snippet> baseline(JShell shell) {
        return shell.snippets().filter(s -> shell.status(s).isActive()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Drops every active snippet not in the baseline and returns the code to run instead of the
     * request ({@value #DONE} as a string), or null (run the request as written: a comment) when a
     * snippet of the baseline is no longer active.
     */
    static String reset(JShell shell, Object kernel, Set<Snippet> baseline) {
        Set<Snippet> active = baseline(shell);
        if (!active.containsAll(baseline)) {
            return null;
        }
        shell.snippets().filter(s -> shell.status(s).isActive() && !baseline.contains(s)).toList()
                .forEach(shell::drop);
        resetExecutionCount(kernel);
        return '"' + DONE + '"';
    }

    /** JJava's count (BaseKernel.executionCount) to 0: the reset cell takes it, the next cell is 1. */
    private static void resetExecutionCount(Object kernel) {
        for (Class<?> c = kernel == null ? null : kernel.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField("executionCount");
                f.setAccessible(true);
                if (f.get(kernel) instanceof AtomicInteger count) {
                    count.set(0);
                }
                return;
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not here: look in the superclass
            }
        }
    }
}
