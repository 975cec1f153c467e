package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syswrite.testkit.Emulation;
import dev.syswrite.testkit.Fds;
import dev.syswrite.testkit.Records;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight threads append 100,000 records each (25,000 under QEMU) to one O_APPEND file at once. Each record goes out
 * in one write(2), so the kernel places it whole: every record must be there once, none torn.
 * Records take the stack copy, the off-heap copy and the direct-buffer paths in turn.
 */
class ConcurrentAppendTest {
    private static final int THREADS = 8;
    private static final int RECORDS_PER_THREAD = Emulation.underQemu() ? 25_000 : 100_000;

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
                String thread = "t" + t;
                writers.add(pool.submit(() -> {
                    start.await();
                    ByteBuffer direct = ByteBuffer.allocateDirect(16_384);
                    for (int i = 0; i < RECORDS_PER_THREAD; i++) {
                        byte[] record = Records.of(thread, i);
                        WriteResult result = i % 2 == 1 // sizes cycle by 7 and 100, paths by 2: every pairing occurs
                                ? SysWrite.write(out.getFD(), direct.clear().put(record).flip())
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
        assertEquals(THREADS * RECORDS_PER_THREAD, Records.readWhole(file).size(), "lost records");
    }
}
