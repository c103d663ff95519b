package org.vworkbook.kernel;

import java.lang.reflect.Field;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Makes the JJava kernel pick up the next cell at once instead of up to 50 ms later.
 *
 * <p>JJava 1.0a8 reads its shell socket in a loop that checks for a message without waiting and
 * then sleeps 50 ms, also right after it has answered one. When JupyterLab's "Run All" (or the
 * workbook runner) sends the next cell the moment the previous one finished, that cell waits the
 * whole 50 ms. Measured with {@code bench/kernel.py}: an empty cell takes 52 ms, and 7-10 ms with
 * this change.
 *
 * <p>{@link #quickenShellLoops()} wraps the body of each of the kernel's shell loops: for two
 * seconds after the loop last handled a message it sleeps 1 ms between checks, afterwards the
 * original 50 ms again (so an idle kernel costs what it cost before). It reaches into JJava's
 * private fields, so it checks everything it relies on and does nothing when something differs
 * (another JJava version); it never throws. The kernel start-up script calls
 * {@link #quickenShellLoopsOnceStarted()}.
 *
 * <p>Kernel side, not library: this class is built from {@code src/kernel/java} into its own jar
 * ({@code target/variational-workbook-*-kernel.jar}, which {@code ./workbook setup} puts on the
 * kernel's class path next to the library jar). It needs only the JDK: it reaches JJava by
 * reflection, so neither it nor the library needs JJava at compile time.
 */
public final class KernelPolling {
    /** The loop thread class of JJava's channels and its field holding the loop body. */
    static final String LOOP_CLASS = "org.dflib.jjava.jupyter.channels.Loop";
    static final String BODY_FIELD = "loopBody";

    /** How long a loop keeps polling quickly after it handled a message. */
    static final long QUICK_WINDOW_NANOS = 2_000_000_000L;
    /** Sleep between checks within that window. */
    static final long QUICK_SLEEP_MILLIS = 1;
    /** A body that ran longer than this handled a message (a check for nothing takes microseconds). */
    static final long BUSY_NANOS = 200_000L;

    private KernelPolling() {}

    /**
     * Wraps the body of every running JJava shell loop (the threads of class {@value #LOOP_CLASS}
     * whose name contains "Shell"). Returns how many loops were changed: 0 if none was found or
     * JJava's internals are not as expected.
     */
    public static int quickenShellLoops() {
        return quickenLoops(LOOP_CLASS);
    }

    /**
     * {@link #quickenShellLoops()} once the loops exist: the kernel runs its start-up script
     * before it starts them. A daemon thread looks for them every 10 ms for up to a minute, wraps
     * them, and looks once more 100 ms later (the shell and control loops start together).
     */
    public static void quickenShellLoopsOnceStarted() {
        quickenLoopsOnceStarted(LOOP_CLASS);
    }

    static Thread quickenLoopsOnceStarted(String loopClass) {
        Thread watcher = new Thread(() -> {
            long deadline = System.nanoTime() + 60_000_000_000L;
            try {
                while (System.nanoTime() < deadline) {
                    if (quickenLoops(loopClass) > 0) {
                        Thread.sleep(100);
                        quickenLoops(loopClass);
                        return;
                    }
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vwb-kernel-polling");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    /** {@link #quickenShellLoops()} for loop threads of the named class (tests use their own). */
    static int quickenLoops(String loopClass) {
        int changed = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!thread.getClass().getName().equals(loopClass) || !thread.getName().contains("Shell")) {
                continue;
            }
            try {
                Field body = thread.getClass().getDeclaredField(BODY_FIELD);
                if (body.getType() != LongSupplier.class) {
                    continue;
                }
                body.setAccessible(true);
                LongSupplier original = (LongSupplier) body.get(thread);
                if (original == null || original instanceof Quick) {
                    continue;
                }
                body.set(thread, new Quick(original, System::nanoTime));
                changed++;
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Another JJava: leave its loop as it is.
            }
        }
        return changed;
    }

    /**
     * The wrapped loop body: runs the original body (one check of the socket, handling a message
     * if there is one), then returns the sleep before the next check: {@value #QUICK_SLEEP_MILLIS}
     * ms within {@link #QUICK_WINDOW_NANOS} of the last handled message, else the original's.
     * A non-positive value from the original (JJava's "stop" signal) is passed on unchanged.
     */
    static final class Quick implements LongSupplier {
        private final LongSupplier original;
        private final LongSupplier clock;
        private long lastBusy;

        Quick(LongSupplier original, LongSupplier clock) {
            this.original = Objects.requireNonNull(original, "KernelPolling original");
            this.clock = Objects.requireNonNull(clock, "KernelPolling clock");
            this.lastBusy = clock.getAsLong();
        }

        /** The body this one wraps (JJava's own). */
        LongSupplier original() {
            return original;
        }

        @Override
        public long getAsLong() {
            long start = clock.getAsLong();
            long sleep = original.getAsLong();
            long end = clock.getAsLong();
            if (sleep <= 0) {
                return sleep;
            }
            if (end - start > BUSY_NANOS) {
                lastBusy = end;
            }
            return end - lastBusy < QUICK_WINDOW_NANOS ? Math.min(QUICK_SLEEP_MILLIS, sleep) : sleep;
        }
    }
}
