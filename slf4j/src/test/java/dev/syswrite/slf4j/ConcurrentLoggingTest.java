package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.Emulation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * Eight threads log 100,000 events each into one file, at once. Each event is one write(2) to an
 * O_APPEND file, so every line must be there exactly once and whole.
 */
class ConcurrentLoggingTest {
    private static final int THREADS = 8;
    /** Per thread; under QEMU, where each call is some 20 times slower, a quarter. */
    private static final int EVENTS = Emulation.underQemu() ? 25_000 : 100_000;

    @TempDir
    Path dir;

    @Test
    void noEventLostNoneTorn() throws Exception {
        Path file = dir.resolve("log");
        Logger log = new TestLoggers(file, true, "syswrite.logger.time", "none", "syswrite.logger.name", "none")
                .factory.getLogger("x");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> new Thread(r, "w"));
        CyclicBarrier start = new CyclicBarrier(THREADS);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < EVENTS; i++) {
                        // Lengths vary with i, so torn or interleaved lines cannot pass by accident.
                        log.info("{} {} {}", thread, i, "é".repeat(i % 97));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        boolean[][] seen = new boolean[THREADS][EVENTS];
        long count = 0;
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                String[] parts = line.split(" ", 6);
                assertEquals(6, parts.length, line);
                int thread = Integer.parseInt(parts[3]);
                int i = Integer.parseInt(parts[4]);
                assertEquals("[w] INFO - " + thread + " " + i + " " + "é".repeat(i % 97), line, "torn line");
                assertTrue(!seen[thread][i], "duplicate " + line);
                seen[thread][i] = true;
                count++;
            }
        }
        assertEquals((long) THREADS * EVENTS, count, "lost events");
    }
}
