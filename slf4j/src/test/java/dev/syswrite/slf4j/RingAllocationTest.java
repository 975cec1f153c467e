package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.ChildJvm;
import dev.syswrite.slf4j.testkit.LoggingChild;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code async.ring} within the documented range that direct memory cannot hold: the provider
 * still starts, with a smaller ring, says so in one line on stderr, and loses nothing; it never
 * throws out of {@code LoggerFactory.getLogger}.
 */
class RingAllocationTest {
    @TempDir
    Path dir;

    @Test
    void aRingDirectMemoryCannotHoldFallsBackWithOneLine() throws Exception {
        Path file = dir.resolve("log");
        int events = 300;
        Process child = new ProcessBuilder(ChildJvm.command(List.of("-Xmx256m", "-XX:MaxDirectMemorySize=64m",
                "-Dslf4j.provider=" + SysWriteServiceProvider.class.getName(), "-Dsyswrite.logger.output=" + file,
                "-Dsyswrite.logger.mode=async", "-Dsyswrite.logger.async.ring=512m", "-Dsyswrite.logger.time=none",
                "-Dsyswrite.logger.name=none", "-Dsyswrite.logger.thread=false"), LoggingChild.class, "r", Integer.toString(events), "each"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child hung");
        assertEquals(0, child.exitValue(), stderr);
        List<String> said = stderr.lines().filter(line -> line.startsWith("syswrite-logger:")).toList();
        assertEquals(1, said.size(), stderr);
        assertTrue(said.get(0).contains("an async ring of 536870912 bytes cannot be allocated") && said.get(0).contains("using a ring of"), said.get(0));
        assertEquals(events, Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> line.startsWith("INFO - r ")).count());
    }
}
