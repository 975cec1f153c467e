package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.ChildJvm;
import dev.syswrite.testkit.IncubatorSegmentChild;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JDK 17's incubating foreign memory makes direct buffers whose memory a scope frees on close.
 * Before, syswrite wrote them anyway: a closed scope's buffer wrote what malloc had put in the
 * freed block, and a confined one was written from another thread. Now, as the JDK's own
 * FileChannel does, both throw IllegalStateException (JDK 17's exception for either). The JDK 22+
 * API has its own test (src/test/java22); JDK 19 to 21 have it only as a preview.
 */
class IncubatorSegmentBufferTest {
    @Test
    void aClosedOrForeignScopesBufferIsRefused(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() <= 18, "jdk.incubator.foreign is JDK 16 to 18's; JDK 25 runs the java22 tests");
        Path file = dir.resolve("out");
        Process child = new ProcessBuilder(ChildJvm.command(List.of("--add-modules", "jdk.incubator.foreign"), IncubatorSegmentChild.class,
                file.toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start(); // the incubator warns on stderr
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES));
        assertEquals("closed: IllegalStateException\nother thread: IllegalStateException\nowner: Ok[bytesWritten=8]\n", out);
        assertEquals("foreign!", Files.readString(file));
    }
}
