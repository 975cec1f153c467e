package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syswrite.testkit.ChildJvm;
import dev.syswrite.testkit.UnreadableBufferChild;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A buffer over memory no one can read gives {@code EFAULT} through every {@code writev} entry
 * point, as through {@code write}: alone or first, {@code Err(EFAULT)}; after readable buffers, a
 * short write of theirs; empty, nothing to read and no error. Before, on JDK 22+, a vector that
 * also held a segment's buffer was copied in Java before the system call, and the copy crashed
 * the JVM (SIGSEGV), so each vector is written in a child JVM ({@link UnreadableBufferChild}),
 * on every JVM the suite runs on.
 */
class UnreadableBufferTest {
    private static final String EFAULT = "Err[errno=EFAULT (14): Bad address]";

    /** What every kind of unreadable buffer gives: the child's lines, up to its own. */
    private static final List<String> VECTORS = List.of(
            "alone: " + EFAULT + " positions 0",
            "first: " + EFAULT + " positions 0 0 0",
            "middle: Ok[bytesWritten=2] positions 2 0 0",
            "last: Ok[bytesWritten=6] positions 2 2 2 0",
            "empty: Ok[bytesWritten=4] positions 2 0 2",
            "empty alone: Ok[bytesWritten=0] positions 0");

    /** What reached the file: each vector's readable part before the unreadable buffer, once per entry point. */
    private static final String WRITTEN = "ab".repeat(4) + "abcdef".repeat(4) + "abef".repeat(4);

    @TempDir
    Path dir;

    /** A plain direct buffer, the only kind below JDK 22: the shim hands it to the kernel in place. */
    @Test
    void aPlainDirectBufferIsEfault() throws Exception {
        List<String> expected = new ArrayList<>(VECTORS);
        expected.addAll(List.of("write: " + EFAULT, "write empty: Ok[bytesWritten=0]", "alive: true"));
        assertEquals(expected, child("plain"));
    }

    /**
     * A segment's buffer (the JDK's {@code asByteBuffer()}): its vector goes through the FFM
     * linker, which keeps the segments alive while the kernel reads them in place. A closed
     * arena's buffer throws {@code IllegalStateException}, even an empty one, as with {@code write}
     * (and the JDK's {@code FileChannel}), before any byte is written.
     */
    @Test
    void aSegmentsBufferIsEfault() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 22, "MemorySegment is final from JDK 22; the JDK 25 run runs this");
        List<String> expected = new ArrayList<>(VECTORS);
        expected.addAll(List.of(
                "closed: IllegalStateException positions 0 0",
                "closed empty: IllegalStateException positions 0 0 0",
                "write: " + EFAULT,
                "write empty: Ok[bytesWritten=0]",
                "write closed: IllegalStateException",
                "write closed empty: IllegalStateException",
                "alive: true"));
        assertEquals(expected, child("segment"));
    }

    /** Runs the child on {@code kind}; checks that it ended well and what it wrote; returns its lines. */
    private List<String> child(String kind) throws Exception {
        Path file = dir.resolve("out");
        List<String> options = List.of("--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/java.io=ALL-UNNAMED",
                "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"), "-XX:-CreateCoredumpOnCrash");
        Process child = ChildJvm.start(options, UnreadableBufferChild.class, kind, file.toString());
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // a crash report, too
        assertEquals(0, child.waitFor(), output);
        assertEquals(WRITTEN, Files.readString(file, StandardCharsets.US_ASCII));
        return output.lines().toList();
    }
}
