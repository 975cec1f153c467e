package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.logging.layout.EventBuffers;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

/**
 * 100,000 virtual threads each log once and stay alive: the memory the provider holds must not
 * grow with them. Runs where there are virtual threads (JDK 21+: the suite's JDK 25 run).
 */
class VirtualThreadMemoryTest {
    private static final int THREADS = 100_000;

    @TempDir
    Path dir;

    /** In either mode: the asynchronous one's ring is made, and counted, before the threads start. */
    @ParameterizedTest
    @ValueSource(strings = {"sync", "async"})
    void memoryDoesNotGrowWithTheNumberOfThreads(String mode) throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21; the JDK 25 run has them");
        TestLoggers loggers = new TestLoggers(dir.resolve("log"), true, "syswrite.logger.time", "none", "syswrite.logger.name", "none",
                "syswrite.logger.mode", mode);
        Logger log = loggers.factory.getLogger("x");

        long directBefore = directMemory();
        long direct = logAndPark(log) - directBefore;
        assertTrue(loggers.factory.writer().flush());

        long lines;
        try (Stream<String> all = Files.lines(dir.resolve("log"))) {
            lines = all.count();
        }
        assertEquals(THREADS, lines);
        long slots = loggers.factory.writer().buffers().size();
        assertTrue(direct <= slots * EventBuffers.SLOT_BYTES_MAX, () -> direct + " bytes of direct memory for " + slots + " buffers");
    }

    /**
     * Starts THREADS virtual threads that each log once and park; returns the direct memory in use
     * while they all are alive. (The heap is not compared: with 100,000 parked threads its use
     * after a GC varies by about 90 MiB from run to run, more than any per-thread buffer.)
     */
    private static long logAndPark(Logger log) throws Exception {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        try {
            for (int i = 0; i < THREADS; i++) {
                int id = i;
                threads.submit(() -> {
                    log.info("virtual {} {}", id, "x".repeat(id % 50));
                    ready.countDown();
                    release.await();
                    return null;
                });
            }
            assertTrue(ready.await(5, TimeUnit.MINUTES));
            return directMemory();
        } finally {
            release.countDown();
            threads.shutdown();
            assertTrue(threads.awaitTermination(5, TimeUnit.MINUTES));
        }
    }

    private static long directMemory() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream().filter(pool -> pool.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }
}
