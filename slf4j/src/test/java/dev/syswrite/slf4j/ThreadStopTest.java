package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.logging.async.AsyncSettings;
import dev.syswrite.logging.output.Notices;
import dev.syswrite.testkit.Emulation;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * {@code Thread.stop}, which JDK 17 to 19 still carry out (later JDKs throw instead): the stopped
 * thread ends, even inside a logging call (the provider never swallows its {@code ThreadDeath}),
 * and a thread stopped while it drained the async ring leaves no line written twice and none
 * lost, but in the residual case docs/logging.md names: a stop that lands on the way back from
 * claiming room in the ring (the JDK's compare-and-set returns through frames of its own while
 * the caller is still interpreted) leaves the claim unfilled; the ring then says it is stuck,
 * and only what was queued behind that claim, at most the ring's room, is lost.
 */
@SuppressWarnings("deprecation") // Thread.stop: what is tested
class ThreadStopTest {
    @TempDir
    Path dir;

    @BeforeEach
    void onlyWhereThreadStopWorks() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() < 20, "Thread.stop throws from JDK 20 on");
    }

    @Test
    void aStoppedThreadEndsEvenInsideALoggingCall() throws Exception {
        Logger log = new TestLoggers(dir.resolve("log"), true).factory.getLogger("x");
        CountDownLatch inside = new CountDownLatch(1);
        Object spinning = new Object() {
            @Override
            public String toString() {
                inside.countDown();
                while (true) {
                    Thread.onSpinWait(); // until stopped
                }
            }
        };
        Thread thread = new Thread(() -> {
            while (true) {
                log.info("formatting {}", spinning);
            }
        }, "to-stop");
        thread.setDaemon(true); // one that does not end must not keep the test JVM alive
        thread.start();
        assertTrue(inside.await(1, TimeUnit.MINUTES));
        thread.stop();
        thread.join(TimeUnit.MINUTES.toMillis(1));
        assertFalse(thread.isAlive(), "the stopped thread logs on: its ThreadDeath was swallowed");
    }

    /** Stopped while the provider prints a notice to a System.err that is the application's code: the thread ends. */
    @Test
    void aStoppedThreadEndsEvenWhilePrintingANotice() throws Exception {
        Logger log = new TestLoggers(dir.resolve("log"), true).factory.getLogger("x");
        CountDownLatch printing = new CountDownLatch(1);
        PrintStream realErr = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (Thread.currentThread().getName().equals("to-stop")) {
                    printing.countDown();
                    while (true) {
                        Thread.onSpinWait(); // a slow stderr, until stopped
                    }
                }
            }
        }, true, StandardCharsets.UTF_8));
        try {
            Thread thread = new Thread(() -> {
                while (true) {
                    Notices.queue("syswrite-logger: a notice"); // as a failed write queues one
                    log.info("printing");
                }
            }, "to-stop");
            thread.setDaemon(true);
            thread.start();
            assertTrue(printing.await(1, TimeUnit.MINUTES));
            thread.stop();
            thread.join(TimeUnit.MINUTES.toMillis(1));
            assertFalse(thread.isAlive(), "the stopped thread logs on: its ThreadDeath was swallowed");
        } finally {
            System.setErr(realErr);
        }
    }

    @Test
    void threadsStoppedWhileDrainingWriteNothingTwice() throws Exception {
        Path file = dir.resolve("log");
        TestLoggers loggers = new TestLoggers(file, true, "syswrite.logger.mode", "async", "syswrite.logger.time", "none",
                "syswrite.logger.thread", "false", "syswrite.logger.name", "none");
        Logger log = loggers.factory.getLogger("x");
        int stops = Emulation.underQemu() ? 40 : 300;
        int[] logged = new int[1];
        Thread other = new Thread(() -> { // queues lines all along, for the stopped threads to drain
            for (int i = 0; i < stops * 3000; i++) {
                log.info("other {}", i);
                logged[0] = i + 1;
            }
        }, "other");
        other.start();
        for (int s = 0; s < stops && other.isAlive(); s++) {
            int id = s;
            Thread victim = new Thread(() -> {
                for (int i = 0; ; i++) {
                    log.error("victim {} {}", id, i); // ERROR: its caller drains the ring up to it
                }
            }, "victim-" + s);
            victim.setDaemon(true);
            victim.start();
            Thread.sleep(1);
            victim.stop();
            victim.join(TimeUnit.MINUTES.toMillis(1));
            assertFalse(victim.isAlive(), () -> "a stopped thread logs on, at " + stacks());
        }
        other.join();
        boolean drained = loggers.factory.writer().flush();
        boolean stuck = loggers.factory.asyncCounters().stuck();
        assertTrue(drained || stuck, "the ring neither drained nor said it was stuck");
        Map<String, Integer> seen = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            seen.merge(line, 1, Integer::sum);
        }
        List<String> twice = seen.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> e.getValue() + "x " + e.getKey()).limit(10).toList();
        assertEquals(List.of(), twice, "lines written more than once");
        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < logged[0]; i++) {
            if (!seen.containsKey("INFO - other " + i)) {
                lost.add(i);
            }
        }
        if (!stuck) {
            assertEquals(List.of(), lost.subList(0, Math.min(10, lost.size())), lost.size() + " lost");
        } else { // the residual case: only lines queued behind the unfilled claim, which the ring's room bounds
            int mostQueued = AsyncSettings.RING_DEFAULT_BYTES / 24; // the smallest record this test writes
            assertTrue(lost.size() <= mostQueued, lost.size() + " lost, more than the ring could hold");
        }
    }

    /** Every thread's stack, for a failure to say where a thread that should have ended is. */
    private static String stacks() {
        StringBuilder text = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            text.append('\n').append(thread.getName()).append(' ').append(thread.getState());
            for (StackTraceElement frame : frames) {
                text.append("\n\tat ").append(frame);
            }
        });
        return text.toString();
    }
}
