package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.Fds;
import dev.syswrite.internal.OffHeapCopy;
import java.io.FileOutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * 100,000 virtual threads each write 64 KiB from the heap once and stay alive: the off-heap copy
 * buffers syswrite holds must not grow with them (one per thread was 6.5 GB). Runs where there are
 * virtual threads (JDK 21+: the suite's JDK 25 run).
 */
class VirtualThreadCopyMemoryTest {
    private static final int THREADS = 100_000;

    @Test
    void copyBuffersDoNotGrowWithTheNumberOfThreads() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21; the JDK 25 run has them");
        byte[] data = new byte[64 * 1024];
        long before = directMemory();
        long heldBefore = OffHeapCopy.heldBytes(); // the pool may hold buffers of earlier tests
        CountDownLatch written = new CountDownLatch(THREADS);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ok = new AtomicInteger();
        long during;
        try (FileOutputStream devNull = new FileOutputStream("/dev/null")) {
            int fd = Fds.of(devNull.getFD());
            ExecutorService threads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            try {
                for (int i = 0; i < THREADS; i++) {
                    threads.submit(() -> {
                        if (SysWrite.write(fd, data).equals(new WriteResult.Ok(data.length))) {
                            ok.incrementAndGet();
                        }
                        written.countDown();
                        release.await();
                        return null;
                    });
                }
                assertTrue(written.await(5, TimeUnit.MINUTES));
                // Arena memory (JDK 22+) is not in the direct pool: count what syswrite holds, too.
                during = Math.max(directMemory() - before, OffHeapCopy.heldBytes() - heldBefore);
            } finally {
                release.countDown();
                threads.shutdown();
                assertTrue(threads.awaitTermination(5, TimeUnit.MINUTES));
            }
        }
        assertEquals(THREADS, ok.get());
        long bound = (long) OffHeapCopy.SLOTS * data.length;
        assertTrue(during <= bound, () -> during + " bytes of direct memory held, bound " + bound);
    }

    private static long directMemory() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream().filter(pool -> pool.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }
}
