package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * every JDK, and silently.
 */
class LargeHeapWriteMemoryTest {
    private static final int SIZE = 2 << 20;
    private static final int WRITES = 100;

    @Test
    void largeCopiesAreFreedAsTheyAreWrittenAndNothingWarns(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(
                List.of("-XX:MaxDirectMemorySize=16m", "-XX:+DisableExplicitGC", "-Xmx1g"), LargeHeapWriteChild.class,
                Integer.toString(SIZE), Integer.toString(WRITES)));
        Process child = builder.redirectError(stderr.toFile()).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES));
        String err = Files.readString(stderr);
        assertEquals(0, child.exitValue(), err);
        assertEquals(WRITES + "\n", out, err);
        assertEquals("", err, "a warning on stderr"); // JDK 24+: no sun.misc.Unsafe warning
    }
}
