package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.ChildJvm;
import dev.syswrite.logging.layout.EventBuffers;
import dev.syswrite.logging.text.LineBuilder;
import dev.syswrite.slf4j.testkit.HostileLoggingChild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * One event never takes more than {@code syswrite.logger.line.max} bytes, never throws for being
 * large, and says when it was cut; stack traces, multi-byte text and many threads included.
 */
class LineLimitTest {
    @TempDir
    Path dir;

    private Logger logger(String lineMax) {
        return new TestLoggers(dir.resolve("log"), true, "syswrite.logger.time", "none", "syswrite.logger.thread", "false",
                "syswrite.logger.name", "none", "syswrite.logger.line.max", lineMax).factory.getLogger("x");
    }

    private byte[] bytes() throws IOException {
        return Files.readAllBytes(dir.resolve("log"));
    }

    @Test
    void aLongMessageIsCutToTheLimitWithAMark() throws IOException {
        logger("4k").info("{}", "a".repeat(10_000));
        byte[] line = bytes();
        assertEquals(4096, line.length);
        String mark = " [truncated to 4096 bytes]\n";
        assertEquals("INFO - " + "a".repeat(4096 - 7 - mark.length()) + mark, new String(line, StandardCharsets.US_ASCII));
    }

    /** Under 4 KiB a line's size is first estimated: the estimate must never cut a line that fits. */
    @Test
    void smallLimitsCutOnlyWhatDoesNotFit() throws IOException {
        Logger log = logger("1k");
        log.info("{}", "x".repeat(200));
        log.info("{}", "y".repeat(1024 - 8));
        log.info("{}", "\u00e9".repeat(300));
        assertEquals("INFO - " + "x".repeat(200) + "\nINFO - " + "y".repeat(1016) + "\nINFO - " + "\u00e9".repeat(300) + "\n",
                new String(bytes(), StandardCharsets.UTF_8));
    }

    /** A huge event's text is let go once it is written: the pool keeps what it documents. */
    @Test
    void theBuffersLetAHugeEventGo() throws IOException {
        TestLoggers loggers = new TestLoggers(dir.resolve("log"), true, "syswrite.logger.line.max", "64m");
        loggers.factory.getLogger("x").info("{}", "z".repeat(5_000_000));
        EventBuffers buffers = loggers.factory.writer().buffers();
        assertTrue(buffers.retainedChars() <= (long) buffers.size() * LineBuilder.KEPT_CHARS, () -> buffers.retainedChars() + " chars kept");
    }

    @Test
    void aLineExactlyAtTheLimitIsWhole() throws IOException {
        logger("4k").info("{}", "a".repeat(4096 - 8)); // "INFO - " and the newline make 4096
        assertEquals("INFO - " + "a".repeat(4096 - 8) + "\n", new String(bytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void multiByteTextIsCutOnACharacterBoundary() throws IOException {
        logger("1k").info("{}", "\u4e2d\ud83d\ude00".repeat(1000));
        byte[] line = bytes();
        assertTrue(line.length <= 1024, () -> line.length + " bytes");
        String text = new String(line, StandardCharsets.UTF_8);
        assertTrue(text.endsWith(" [truncated to 1024 bytes]\n"), text);
        assertEquals(-1, text.indexOf('\ufffd'), "a character was cut in half");
        assertArrayEquals(line, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLongStackTraceIsCutAndTheNextEventIsWhole() throws IOException {
        Logger log = logger("2k");
        log.error("deep", deep(200));
        log.info("next");
        List<String> lines = Files.readAllLines(dir.resolve("log"), StandardCharsets.UTF_8);
        assertEquals("ERROR - deep", lines.get(0));
        assertTrue(lines.get(lines.size() - 2).endsWith(" [truncated to 2048 bytes]"), lines::toString);
        assertEquals("INFO - next", lines.get(lines.size() - 1));
        assertEquals(2048 + "INFO - next\n".length(), bytes().length);
    }

    private static RuntimeException deep(int n) {
        return n == 0 ? new RuntimeException("bottom") : deep(n - 1);
    }

    /**
     * 50 million characters, then 20 million two-byte ones, in a JVM with 64 MiB of direct memory:
     * each call returns, and writes its first MiB and the mark.
     */
    @Test
    void hugeMessagesInAJvmWithLittleDirectMemory() throws Exception {
        Path file = dir.resolve("log");
        Process child = ChildJvm.start(List.of("-XX:MaxDirectMemorySize=64m", "-Xmx1g", "-Dslf4j.provider=" + SysWriteServiceProvider.class.getName(),
                "-Dsyswrite.logger.output=" + file, "-Dsyswrite.logger.time=none", "-Dsyswrite.logger.thread=false", "-Dsyswrite.logger.name=none"),
                HostileLoggingChild.class, "huge");
        String said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, child.exitValue());
        assertEquals("returned\nreturned\n", said);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(3, lines.size());
        String mark = " [truncated to 1048576 bytes]";
        assertTrue(lines.get(0).startsWith("INFO - ascii xxx") && lines.get(0).endsWith("x" + mark), lines.get(0).substring(0, 20));
        assertEquals(1 << 20, lines.get(0).length() + 1);
        assertTrue(lines.get(1).startsWith("INFO - two-byte \u00e9") && lines.get(1).endsWith("\u00e9" + mark));
        assertTrue(lines.get(1).getBytes(StandardCharsets.UTF_8).length + 1 <= 1 << 20);
        assertEquals("INFO - after", lines.get(2));
    }

    private static void assertArrayEquals(byte[] expected, byte[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
    }
}
