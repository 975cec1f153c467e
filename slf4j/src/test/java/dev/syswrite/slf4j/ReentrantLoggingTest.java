package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.Emulation;
import dev.syswrite.logging.layout.EventBuffers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * Logging from inside logging: an argument whose {@code toString()} logs, a Throwable whose
 * {@code getMessage()} logs, nested deeper, forever, and more threads inside a logging call at
 * once than the provider has buffers. Every event comes out whole, on its own line.
 */
class ReentrantLoggingTest {
    @TempDir
    Path dir;

    private Logger log;

    private Logger logger() {
        log = new TestLoggers(dir.resolve("log"), true, "syswrite.logger.time", "none", "syswrite.logger.thread", "false",
                "syswrite.logger.name", "none").factory.getLogger("x");
        return log;
    }

    private List<String> lines() throws IOException {
        return Files.readAllLines(dir.resolve("log"), StandardCharsets.UTF_8);
    }

    /** An object whose rendering logs {@code depth} levels deep. */
    private final class Chatty {
        private final int depth;

        Chatty(int depth) {
            this.depth = depth;
        }

        @Override
        public String toString() {
            if (depth > 0) {
                log.info("inner {} {}", depth, new Chatty(depth - 1));
            }
            return "chatty" + depth;
        }
    }

    @Test
    void anArgumentThatLogsLeavesBothEventsWhole() throws IOException {
        logger().info("outer {} done", new Chatty(1));
        assertEquals(List.of("INFO - inner 1 chatty0", "INFO - outer chatty1 done"), lines());
    }

    @Test
    void aThrowableWhoseMessageLogsLeavesBothEventsWhole() throws IOException {
        Logger log = logger();
        RuntimeException failure = new RuntimeException() {
            @Override
            public String getMessage() {
                log.warn("asked for the message");
                return "the message";
            }
        };
        log.error("failed {}", 1, failure);
        List<String> lines = lines();
        assertEquals("WARN - asked for the message", lines.get(0));
        assertEquals("ERROR - failed 1", lines.get(1));
        assertTrue(lines.get(2).endsWith(": the message"), lines.get(2));
        assertTrue(lines.get(3).startsWith("\tat "), lines.get(3));
    }

    @Test
    void nestingDeeperKeepsEveryLevelWhole() throws IOException {
        logger().info("outer {}", new Chatty(5));
        assertEquals(List.of("INFO - inner 1 chatty0", "INFO - inner 2 chatty1", "INFO - inner 3 chatty2", "INFO - inner 4 chatty3",
                "INFO - inner 5 chatty4", "INFO - outer chatty5"), lines());
    }

    /** A toString() that logs itself: the recursion ends where the provider stops calling it. */
    @Test
    void endlessRecursionEndsAfterABoundedNumberOfEvents() throws IOException {
        Logger log = logger();
        Object endless = new Object() {
            @Override
            public String toString() {
                log.info("again {}", this);
                return "never";
            }
        };
        log.info("start {}", endless);
        List<String> lines = lines();
        assertEquals(EventBuffers.MAX_NESTED + 1, lines.size(), lines::toString);
        assertTrue(lines.get(0).matches("INFO - again dev\\.syswrite\\.slf4j\\.ReentrantLoggingTest\\$\\d+@[0-9a-f]+"), lines.get(0));
        assertEquals("INFO - start never", lines.get(lines.size() - 1));
    }

    /**
     * A recursion that logs at every level until the stack overflows, in a thread with a small
     * stack, from many depths, so the stack runs out at every point of a logging call. What runs
     * out inside the provider's work is contained: at most a call made with no stack left for
     * the logger's own first frames fails there, as any call would; no slot is left taken.
     */
    @Test
    void aStackOverflowInsideTheProviderNeverEscapes() throws Exception {
        TestLoggers loggers = new TestLoggers(Path.of("/dev/null"), true);
        Logger log = loggers.factory.getLogger("x");
        int rounds = Emulation.underQemu() ? 20 : 100;
        escapedFromLogging = null;
        Thread small = new Thread(null, () -> {
            for (int round = 0; round < rounds && escapedFromLogging == null; round++) {
                try {
                    recurse(log, round % 17, 0);
                } catch (StackOverflowError expected) {
                    // the recursion's own overflow
                }
            }
        }, "small-stack", 256 * 1024);
        small.start();
        small.join();
        assertEquals(null, escapedFromLogging, () -> "a logging call threw " + escapedFromLogging + " from "
                + java.util.Arrays.toString(java.util.Arrays.copyOf(escapedFromLogging.getStackTrace(), 4)));
        assertEquals(0, loggers.factory.writer().buffers().inUse(), "a slot was left taken");
    }

    /** Set by a bare assignment: recording what escaped must not need stack itself. */
    private static volatile Throwable escapedFromLogging;

    private static void recurse(Logger log, int padding, int depth) {
        if (padding > 0) {
            recurse(log, padding - 1, depth); // shifts where in a logging call the stack runs out
            return;
        }
        try {
            log.info("depth {} {}", depth, "x");
        } catch (StackOverflowError e) {
            if (!e.getStackTrace()[0].getClassName().equals(SysWriteLogger.class.getName())) {
                escapedFromLogging = e; // from inside the provider's work, not its entry
            }
            return;
        } catch (Throwable t) {
            escapedFromLogging = t;
            return;
        }
        recurse(log, 0, depth + 1);
    }

    /** 64 threads parked inside a toString() at once: more than the provider's buffers, none lost or garbled. */
    @Test
    void moreThreadsInsideLoggingThanBuffers() throws Exception {
        Logger log = logger();
        int threads = 64;
        CountDownLatch inside = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Object slow = new Object() {
                @Override
                public String toString() {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "slow" + id;
                }
            };
            Thread thread = new Thread(() -> log.info("thread {} {} {}", id, slow, "é".repeat(id * 3)));
            thread.start();
            started.add(thread);
        }
        assertTrue(inside.await(1, TimeUnit.MINUTES));
        log.info("while all are inside"); // finds no free buffer either
        release.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        Set<String> expected = new HashSet<>();
        for (int t = 0; t < threads; t++) {
            expected.add("INFO - thread " + t + " slow" + t + " " + "é".repeat(t * 3));
        }
        expected.add("INFO - while all are inside");
        List<String> lines = lines();
        assertEquals(threads + 1, lines.size());
        assertEquals(expected, new HashSet<>(lines));
    }
}
