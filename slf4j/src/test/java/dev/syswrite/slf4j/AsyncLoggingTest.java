package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.Emulation;
import dev.syswrite.Errno;
import dev.syswrite.slf4j.testkit.StalledPipe;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** The asynchronous mode: order, whole lines, every full-ring policy, the sync level, failures. */
class AsyncLoggingTest {
    /** Bare lines ("LEVEL - message") through the ring, with a sync level no test event reaches unless it says so. */
    private static final String[] ASYNC = {"syswrite.logger.mode", "async", "syswrite.logger.time", "none", "syswrite.logger.thread", "false",
        "syswrite.logger.name", "none", "syswrite.logger.sync.level", "off"};

    @TempDir
    Path dir;

    private static TestLoggers loggers(Path output, String... settings) {
        return new TestLoggers(output, true, Stream.concat(Arrays.stream(ASYNC), Arrays.stream(settings)).toArray(String[]::new));
    }

    private static AsyncCounters counters(TestLoggers loggers) {
        return loggers.factory.asyncCounters();
    }

    @Test
    void manyThreadsLinesLandWholeInTheirOrderAndBatched() throws Exception {
        Path file = dir.resolve("log");
        TestLoggers loggers = loggers(file);
        Logger log = loggers.factory.getLogger("t");
        int threads = 4;
        int events = 25_000;
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String id = "p" + t;
            producers.add(new Thread(() -> {
                for (int i = 0; i < events; i++) {
                    log.info("{} {} {}", id, i, "x".repeat(i % 61));
                }
            }));
        }
        producers.forEach(Thread::start);
        for (Thread producer : producers) {
            producer.join();
        }
        assertTrue(loggers.factory.writer().flush());
        int[] next = new int[threads];
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            String[] parts = line.split(" ");
            int t = Integer.parseInt(parts[2].substring(1));
            int i = Integer.parseInt(parts[3]);
            assertEquals("INFO - p" + t + " " + i + " " + "x".repeat(i % 61), line, "torn");
            assertEquals(next[t]++, i, "out of order: " + line);
        }
        assertEquals(threads * events, lines.size());
        AsyncCounters counters = counters(loggers);
        assertEquals(threads * events, counters.written());
        assertTrue(counters.batches() < counters.written(), "one writev per batch: " + counters);
    }

    /** A sync-level event and everything logged before it are in the file when the call returns, with no flush. */
    @Test
    void aSyncLevelEventReturnsOnceItAndAllBeforeItAreInTheKernel() throws Exception {
        Path file = dir.resolve("log");
        Logger log = loggers(file, "syswrite.logger.sync.level", "warn").factory.getLogger("t");
        for (int round = 0; round < 200; round++) {
            for (int i = 0; i < 10; i++) {
                log.info("queued {}", i);
            }
            log.warn("durable {}", round);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertEquals(11 * (round + 1), lines.size());
            assertEquals("WARN - durable " + round, lines.get(lines.size() - 1));
        }
    }

    /** A stalled reader fills the pipe, then the ring: with drop, the rest is counted by level, and all else lands whole. */
    @Test
    void aFullRingDropsAndCountsByLevel() throws Exception {
        try (StalledPipe pipe = new StalledPipe(dir)) {
            TestLoggers loggers = loggers(pipe.path, "syswrite.logger.async.ring", "64k", "syswrite.logger.async.full", "drop");
            Logger log = loggers.factory.getLogger("t");
            int events = 20_000;
            for (int i = 0; i < events; i++) {
                if (i % 10 == 0) {
                    log.warn("{} {}", i, "w".repeat(90));
                } else {
                    log.info("{} {}", i, "i".repeat(90));
                }
            }
            AsyncCounters counters = counters(loggers);
            assertTrue(counters.dropped(Level.INFO) > 0 && counters.dropped(Level.WARN) > 0, counters.toString());
            pipe.release();
            assertTrue(loggers.factory.writer().flush());
            int kept = (int) (events - counters.droppedTotal());
            String text = pipe.awaitLines(kept);
            List<String> lines = text.lines().toList();
            assertEquals(kept, lines.size(), counters.toString());
            int previous = -1;
            for (String line : lines) {
                int i = Integer.parseInt(line.split(" ")[2]);
                assertTrue(i > previous, "out of order: " + line);
                previous = i;
                assertEquals(i % 10 == 0 ? "WARN - " + i + " " + "w".repeat(90) : "INFO - " + i + " " + "i".repeat(90), line);
            }
            assertEquals(kept, counters.written());
        }
    }

    /** With block (the default) and sync, a full ring loses nothing and keeps the order. */
    @Test
    void aFullRingBlocksOrWritesThroughAndLosesNothing() throws Exception {
        for (String policy : List.of("block", "sync")) {
            try (StalledPipe pipe = new StalledPipe(dir.resolve(policy))) {
                TestLoggers loggers = loggers(pipe.path, "syswrite.logger.async.ring", "64k", "syswrite.logger.async.full", policy);
                Logger log = loggers.factory.getLogger("t");
                AsyncCounters counters = counters(loggers);
                int events = 5_000;
                Thread producer = new Thread(() -> {
                    for (int i = 0; i < events; i++) {
                        log.info("{} {}", i, "b".repeat(90));
                    }
                });
                producer.start();
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (counters.blocked() + counters.wroteThrough() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertTrue(producer.isAlive(), policy + ": the producer waits while the pipe is stalled");
                pipe.release();
                producer.join();
                assertTrue(loggers.factory.writer().flush());
                List<String> lines = pipe.awaitLines(events).lines().toList();
                assertEquals(events, lines.size(), policy);
                for (int i = 0; i < events; i++) {
                    assertEquals("INFO - " + i + " " + "b".repeat(90), lines.get(i), policy);
                }
                assertTrue(policy.equals("block") ? counters.blocked() > 0 : counters.wroteThrough() > 0, counters.toString());
                assertEquals(0, counters.droppedTotal());
            }
        }
    }

    /** A line longer than half the ring is written by its caller, after what was queued before it. */
    @Test
    void aLineLargerThanTheRingCanHoldKeepsItsPlace() throws Exception {
        Path file = dir.resolve("log");
        TestLoggers loggers = loggers(file, "syswrite.logger.async.ring", "64k");
        Logger log = loggers.factory.getLogger("t");
        String huge = "h".repeat(200_000);
        log.info("before");
        log.info(huge);
        log.info("after");
        assertTrue(loggers.factory.writer().flush());
        assertEquals(List.of("INFO - before", "INFO - " + huge, "INFO - after"), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** The kernel refuses every batch: each line is counted as lost by errno, and the writer goes on. */
    @Test
    void refusedBatchesAreCountedAndTheWriterSurvives() throws Exception {
        TestLoggers loggers = loggers(Path.of("/dev/full"));
        Logger log = loggers.factory.getLogger("t");
        for (int i = 0; i < 1_000; i++) {
            log.info("lost {}", i);
        }
        assertTrue(loggers.factory.writer().flush());
        assertEquals(1_000, loggers.factory.lostEvents().count(Errno.ENOSPC));
        assertEquals(0, counters(loggers).written());
        log.info("after");
        assertTrue(loggers.factory.writer().flush());
        assertEquals(1_001, loggers.factory.lostEvents().count(Errno.ENOSPC));
    }

    /** An interrupted thread logs as any other and keeps its flag; a toString() that logs gets its own line. */
    @Test
    void interruptedAndReentrantCallersAreServed() throws Exception {
        Path file = dir.resolve("log");
        TestLoggers loggers = loggers(file, "syswrite.logger.async.ring", "64k");
        Logger log = loggers.factory.getLogger("t");
        Object loud = new Object() {
            @Override
            public String toString() {
                log.info("from toString");
                return "loud";
            }
        };
        Thread.currentThread().interrupt();
        try {
            for (int i = 0; i < 2_000; i++) { // more than the ring holds: the caller waits, interrupted
                log.info("{} {}", loud, i);
            }
            assertTrue(loggers.factory.writer().flush());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(4_000, lines.size());
        assertEquals(List.of("INFO - from toString", "INFO - loud 0"), lines.subList(0, 2));
    }

    /**
     * After a second with nothing to write the writer parks until a producer wakes it: the next
     * event must still reach the file promptly, with no flush. Likewise with a spinning writer.
     */
    @Test
    void anIdleWriterIsWokenByTheNextEvent() throws Exception {
        for (String wait : List.of("park", "spin")) {
            Path file = dir.resolve(wait);
            Logger log = loggers(file, "syswrite.logger.async.wait", wait).factory.getLogger("t");
            log.info("first");
            Thread.sleep(1_500);
            log.info("after a nap");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Files.readAllLines(file).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(List.of("INFO - first", "INFO - after a nap"), Files.readAllLines(file, StandardCharsets.UTF_8), wait);
        }
    }

    /**
     * System.err routed to SLF4J, as some applications do: the writer's report of a failed batch,
     * said once the drain is over, becomes an ERROR. It is written once, and the ring goes on.
     */
    @Test
    void aFailureReportRoutedToSlf4jIsLoggedOnce() throws Exception {
        TestLoggers loggers = loggers(Path.of("/dev/full"), "syswrite.logger.sync.level", "error");
        Logger log = loggers.factory.getLogger("t");
        Logger stderr = loggers.factory.getLogger("stderr");
        PrintStream realErr = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(int b) {
                if (b == '\n') {
                    stderr.error(line.toString());
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        }, true));
        try {
            log.info("first"); // fails with ENOSPC; the failure is said on System.err, from the drain
            assertTrue(loggers.factory.writer().flush());
            Thread error = new Thread(() -> log.error("an ERROR drains the ring before it returns"));
            error.start();
            error.join(TimeUnit.SECONDS.toMillis(30));
            assertTrue(!error.isAlive(), "log.error returned");
            assertTrue(loggers.factory.writer().flush());
            // The report is said once the drain is over, by whichever thread comes next: wait for it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (loggers.factory.lostEvents().count(Errno.ENOSPC) < 3 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertTrue(loggers.factory.writer().flush());
            assertEquals(3, loggers.factory.lostEvents().count(Errno.ENOSPC), "first, the report of its loss, the ERROR: each once");
        } finally {
            System.setErr(realErr);
        }
    }

    /**
     * Logging at every depth of a recursion until the stack runs out, again and again: a producer
     * that overflows between claiming room and committing its line must not stop the ring.
     */
    @Test
    void aStackOverflowBetweenClaimAndCommitDoesNotStopTheRing() throws Exception {
        TestLoggers loggers = loggers(Path.of("/dev/null"), "syswrite.logger.async.ring", "64k");
        Logger log = loggers.factory.getLogger("t");
        int rounds = Emulation.underQemu() ? 10 : 100; // each is thousands of calls; some 6 in 10 leave an orphan
        // Where the stack runs out matters, not how deep it is: under QEMU a shallower one is as good and quicker.
        long stack = Emulation.underQemu() ? 256 * 1024 : 512 * 1024;
        Thread deep = new Thread(null, () -> {
            for (int round = 0; round < rounds; round++) {
                try {
                    recurse(log, 0);
                } catch (StackOverflowError expected) {
                    // the application's own: logging never threw it
                }
            }
        }, "deep", stack);
        deep.start();
        deep.join();
        long start = System.nanoTime();
        assertTrue(loggers.factory.writer().flush(), "the ring drained");
        long took = System.nanoTime() - start;
        assertTrue(took < TimeUnit.SECONDS.toNanos(5), "flush took " + took / 1_000_000 + " ms: it waited on a line never committed");
        log.info("after");
        assertTrue(loggers.factory.writer().flush());
        assertFalse(counters(loggers).stuck(), counters(loggers).toString());
    }

    private static void recurse(Logger log, int depth) {
        log.info("depth {}", depth);
        recurse(log, depth + 1);
    }

    /** An interrupt (a container stopping every thread) neither stops the writer nor makes it spin. */
    @Test
    void anInterruptedWriterStillParks() throws Exception {
        Path file = dir.resolve("log");
        TestLoggers loggers = loggers(file);
        Logger log = loggers.factory.getLogger("t");
        log.info("before");
        assertTrue(loggers.factory.writer().flush());
        Thread writer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("syswrite-logger-writer"))
                .reduce((a, b) -> b).orElseThrow();
        writer.interrupt();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Thread.sleep(200);
        long before = threads.getThreadCpuTime(writer.getId());
        Thread.sleep(1_000);
        long spent = threads.getThreadCpuTime(writer.getId()) - before;
        assertTrue(spent < TimeUnit.MILLISECONDS.toNanos(300), spent / 1_000_000 + " ms of CPU in an idle second");
        log.info("after");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.readAllLines(file).size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(List.of("INFO - before", "INFO - after"), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** Without syswrite's library there is no writev: the provider writes synchronously. */
    @Test
    void withoutTheLibraryTheModeIsSync() throws Exception {
        Path file = dir.resolve("log");
        TestLoggers loggers = new TestLoggers(file, false, ASYNC);
        assertNull(counters(loggers));
        loggers.factory.getLogger("t").info("now");
        assertEquals(List.of("INFO - now"), Files.readAllLines(file, StandardCharsets.UTF_8));
        assertNotNull(counters(loggers(dir.resolve("other"))));
    }
}
