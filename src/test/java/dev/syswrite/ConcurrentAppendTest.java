package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight threads append records to one O_APPEND file at once. Each record goes out in one
 * write(2), so the kernel places it whole: every record must be there once, none torn.
 * Records of several sizes take the stack copy, the off-heap copy and the direct-buffer paths.
 */
class ConcurrentAppendTest {
    private static final int THREADS = 8;
    private static final int RECORDS_PER_THREAD = 2_000;
    private static final int[] PAYLOAD_SIZES = {40, 9_000, 300};

    @TempDir
    Path dir;

    @Test
    void everyRecordLandsOnceAndWhole() throws Exception {
        Path file = dir.resolve("log");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) { // O_APPEND
            int fd = Fds.of(out.getFD());
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < RECORDS_PER_THREAD; i++) {
                        byte[] record = record(thread, i);
                        WriteResult result = i % 2 == 1 // sizes cycle by 3, paths by 2: every pairing occurs
                                ? SysWrite.write(out.getFD(), ByteBuffer.allocateDirect(record.length).put(record).flip())
                                : SysWrite.write(fd, record);
                        assertEquals(new WriteResult.Ok(record.length), result);
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

        Set<String> seen = new HashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] parts = line.split(" ", 3);
            int thread = Integer.parseInt(parts[0]);
            int index = Integer.parseInt(parts[1]);
            assertEquals(new String(record(thread, index), StandardCharsets.US_ASCII), line + "\n", "torn record");
            assertTrue(seen.add(thread + " " + index), "duplicate record " + thread + " " + index);
        }
        assertEquals(THREADS * RECORDS_PER_THREAD, seen.size(), "lost records");
    }

    /** "thread index payload\n", the payload a letter per thread repeated to the record's size. */
    private static byte[] record(int thread, int index) {
        String payload = String.valueOf((char) ('a' + thread)).repeat(PAYLOAD_SIZES[index % PAYLOAD_SIZES.length]);
        return (thread + " " + index + " " + payload + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
