package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several JVMs logging into one file, and a JVM killed mid-stream. */
class MultiProcessLoggingTest {
    private static final int JVMS = 4;
    private static final int EVENTS = 10_000;

    @TempDir
    Path dir;

    @Test
    void fourJvmsAppendWithoutLossOrTearing() throws Exception {
        Path file = dir.resolve("log");
        List<Process> children = new ArrayList<>();
        for (int j = 0; j < JVMS; j++) {
            children.add(start(file, "jvm" + j, EVENTS));
        }
        for (Process child : children) {
            child.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assertTrue(child.waitFor(10, TimeUnit.MINUTES), "child hung");
            assertEquals(0, child.exitValue());
        }
        Set<String> seen = new HashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.split(" ", 5);
            int i = Integer.parseInt(parts[3]);
            assertEquals("INFO - " + parts[2] + " " + i + " " + "x".repeat(i % 53), line, "torn line");
            assertTrue(seen.add(parts[2] + " " + i), "duplicate " + line);
        }
        assertEquals(JVMS * EVENTS, seen.size(), "lost events");
    }

    private static Process start(Path logFile, String id, int count) throws java.io.IOException {
        return ChildJvm.start(List.of("-Dslf4j.provider=" + SysWriteServiceProvider.class.getName(), "-Dsyswrite.logger.output=" + logFile,
                "-Dsyswrite.logger.time=none", "-Dsyswrite.logger.name=none", "-Dsyswrite.logger.thread=false"), LoggingChild.class, id,
                Integer.toString(count));
    }

    /** Whatever a logging call returned from is in the file, even if the JVM dies right after. */
    @Test
    void sigkillLosesNoAcknowledgedEvent() throws Exception {
        Path file = dir.resolve("log");
        Process child = start(file, "k", Integer.MAX_VALUE);
        int acknowledged = -1;
        try (BufferedReader acks = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            String ack;
            while ((ack = acks.readLine()) != null) {
                acknowledged = Integer.parseInt(ack);
                if (acknowledged == 2_000) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                    break;
                }
            }
        }
        assertTrue(child.waitFor(1, TimeUnit.MINUTES));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        Set<Integer> logged = new HashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            logged.add(Integer.parseInt(line.split(" ")[3]));
        }
        for (int i = 0; i <= acknowledged; i++) {
            assertTrue(logged.contains(i), "acknowledged event " + i + " lost");
        }
    }
}
