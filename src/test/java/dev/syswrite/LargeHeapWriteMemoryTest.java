package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.ChildJvm;
import dev.syswrite.testkit.Emulation;
import dev.syswrite.testkit.LargeHeapWriteChild;
import dev.syswrite.internal.OffHeapCopy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heap writes over the pool's 1 MiB each need an off-heap copy of their own. Left to the garbage
 * collector (JDK 24+ cannot free a direct buffer otherwise without a warning), they exhausted
 * direct memory long before the heap filled: with 16 MiB of it and explicit GC disabled, the
 * eighth 2 MiB write threw OutOfMemoryError. Each copy must be freed when its write returns, on
 * every JDK, and silently; what syswrite holds off the heap (which on JDK 22+, arena memory, the
 * direct-memory limit does not count) must come back to the pool's bound.
 */
class LargeHeapWriteMemoryTest {
    private static final int SIZE = 2 << 20;
    private static final long POOL = (long) OffHeapCopy.SLOTS * (1 << 20);

    @Test
    void largeCopiesAreFreedAsTheyAreWrittenAndNothingWarns(@TempDir Path dir) throws Exception {
        List<String> out = run(dir, List.of("-XX:MaxDirectMemorySize=16m", "-XX:+DisableExplicitGC", "-Xmx1g"), Integer.toString(SIZE), "100", "plain");
        assertEquals("100", out.get(0));
        assertTrue(Long.parseLong(out.get(1)) <= POOL, () -> out.get(1) + " bytes still held, the pool's bound " + POOL);
    }

    /**
     * A StackOverflowError inside a write skips the code that gives its buffer back: on JDK 22+
     * an Arena's memory was then lost for good (the collector never closes an arena), 64 KiB a
     * time. Now the collector frees it.
     */
    @Test
    void buffersLostToAnErrorMidWriteAreFreedByTheCollector(@TempDir Path dir) throws Exception {
        // A small stack: each overflow costs as many writes as there are frames, and under QEMU each
        // costs a signal it emulates slowly. 200 overflows can lose 12.5 MiB, over three times the
        // pool's bound; under emulation (JDK 17, whose buffers the collector always freed) 50
        // still overflow mid-write on the other architecture, in a tenth of the time.
        String overflows = Emulation.underQemu() ? "50" : "200";
        List<String> out = run(dir, List.of("-Xmx256m", "-Xss256k"), Integer.toString(64 << 10), overflows, "overflow"); // System.gc() works
        assertTrue(Long.parseLong(out.get(1)) <= POOL, () -> out.get(1) + " bytes still held, the pool's bound " + POOL);
    }

    /** Runs the child with these JVM options; its stderr must stay empty. */
    private static List<String> run(Path dir, List<String> options, String... args) throws Exception {
        Path stderr = dir.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(options, LargeHeapWriteChild.class, args));
        Process child = builder.redirectError(stderr.toFile()).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES));
        String err = Files.readString(stderr);
        assertEquals(0, child.exitValue(), err);
        assertEquals("", err, "a warning on stderr"); // JDK 24+: no sun.misc.Unsafe warning
        return out.lines().toList();
    }
}
