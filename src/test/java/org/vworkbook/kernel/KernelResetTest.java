package org.vworkbook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import org.junit.jupiter.api.Test;

class KernelResetTest {
    /** Stands in for JJava's BaseKernel: a superclass holding the count. */
    static class FakeBase {
        protected final AtomicInteger executionCount = new AtomicInteger(57);
    }

    static final class FakeKernel extends FakeBase {}

    private static JShell started() {
        JShell shell = JShell.builder().executionEngine("local").build();
        shell.eval("import java.util.function.*;");                 // as the start-up script
        shell.eval("String display(Object o) { return \"shown \" + o; }"); // as JJava's own
        return shell;
    }

    @Test
    void aResetDropsWhatTheNotebookAddedAndKeepsWhatTheKernelStartedWith() {
        try (JShell shell = started()) {
            Set<Snippet> baseline = KernelReset.baseline(shell);
            shell.eval("import java.util.concurrent.*;");
            shell.eval("double theta1 = 1.0;");
            shell.eval("class Helper {}");
            shell.eval("double twice() { return 2 * theta1; }");
            FakeKernel kernel = new FakeKernel();
            assertEquals("\"" + KernelReset.DONE + "\"", KernelReset.reset(shell, kernel, baseline));
            assertEquals(baseline, KernelReset.baseline(shell), "only the start-up snippets are left");
            assertEquals(0, kernel.executionCount.get(), "the reset cell takes 0, the notebook's first cell 1");
            assertEquals(Snippet.Status.REJECTED, shell.eval("double y = theta1;").get(0).status(), "theta1 is gone");
            assertEquals(Snippet.Status.REJECTED, shell.eval("Callable<Integer> c = () -> 1;").get(0).status(), "its import too");
            assertEquals("\"shown 2\"", shell.eval("display(2)").get(0).value(), "the kernel's own method stays");
            assertEquals("2", shell.eval("int theta1 = 2;").get(0).value(), "a name can be declared again, with any type");
        }
    }

    @Test
    void noResetWhenTheNotebookReplacedAStartUpSnippet() {
        try (JShell shell = started()) {
            Set<Snippet> baseline = KernelReset.baseline(shell);
            shell.eval("String display(Object o) { return \"mine\"; }");
            assertNull(KernelReset.reset(shell, new FakeKernel(), baseline), "the runner must start a fresh kernel");
        }
    }
}
