package org.vworkbook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class KernelPollingTest {
    /** A clock the test moves by hand, and a loop body that takes a chosen time and returns 50. */
    private static final class Scripted {
        long now = 1_000_000_000L;
        long nextDuration;
        long nextSleep = 50;

        LongSupplier body() {
            return () -> {
                now += nextDuration;
                return nextSleep;
            };
        }
    }

    @Test
    void pollsQuicklyForTwoSecondsAfterAMessageThenAsBefore() {
        Scripted s = new Scripted();
        LongSupplier quick = new KernelPolling.Quick(s.body(), () -> s.now);
        s.nextDuration = 5_000_000; // a cell: 5 ms
        assertEquals(1, quick.getAsLong());
        s.nextDuration = 3_000; // nothing waiting: 3 microseconds
        assertEquals(1, quick.getAsLong(), "still within two seconds of the last message");
        s.now += 1_990_000_000L;
        assertEquals(1, quick.getAsLong());
        s.now += 20_000_000L;
        assertEquals(50, quick.getAsLong(), "idle for more than two seconds: JJava's own 50 ms");
        s.nextDuration = 300_000; // a short message (0.3 ms) counts as one
        assertEquals(1, quick.getAsLong());
    }

    @Test
    void passesJJavasStopSignalOn() {
        Scripted s = new Scripted();
        LongSupplier quick = new KernelPolling.Quick(s.body(), () -> s.now);
        s.nextSleep = -1;
        assertEquals(-1, quick.getAsLong());
        s.nextSleep = 0;
        assertEquals(0, quick.getAsLong());
    }

    /** Stands in for JJava's Loop: a thread whose body is a LongSupplier in a field "loopBody". */
    static final class FakeLoop extends Thread {
        private final LongSupplier loopBody = () -> 50;
        private final CountDownLatch stop = new CountDownLatch(1);

        FakeLoop(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        long sleepAfterOneRound() {
            return loopBody.getAsLong();
        }
    }

    @Test
    void wrapsEveryShellLoopOnceAndLeavesOtherThreadsAlone() throws InterruptedException {
        FakeLoop shell = new FakeLoop("Loop-Shell-0");
        FakeLoop heartbeat = new FakeLoop("Loop-Heartbeat-0");
        shell.start();
        heartbeat.start();
        try {
            String loopClass = FakeLoop.class.getName();
            assertEquals(1, KernelPolling.quickenLoops(loopClass));
            assertEquals(1, shell.sleepAfterOneRound(), "just started: within the quick window");
            assertEquals(50, heartbeat.sleepAfterOneRound());
            assertEquals(0, KernelPolling.quickenLoops(loopClass), "already wrapped");
        } finally {
            shell.stop.countDown();
            heartbeat.stop.countDown();
            shell.join();
            heartbeat.join();
        }
    }

    @Test
    void theWatcherWrapsLoopsThatStartAfterIt() throws InterruptedException {
        String loopClass = FakeLoop.class.getName();
        Thread watcher = KernelPolling.quickenLoopsOnceStarted(loopClass);
        Thread.sleep(30);
        FakeLoop shell = new FakeLoop("Loop-Shell-0");
        shell.start();
        try {
            watcher.join(10_000);
            assertFalse(watcher.isAlive(), "the watcher stops once it has wrapped the loops");
            assertEquals(1, shell.sleepAfterOneRound());
        } finally {
            shell.stop.countDown();
            shell.join();
        }
    }

    @Test
    void withoutJJavaNothingChanges() {
        assertEquals(0, KernelPolling.quickenShellLoops(), "no JJava loop runs in a unit test");
    }
}
