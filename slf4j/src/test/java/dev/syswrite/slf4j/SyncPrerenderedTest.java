package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.slf4j.testkit.HugeTemplateChild;
import dev.syswrite.testkit.ChildJvm;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

/**
 * The synchronous mode's capture and pre-rendered pieces keep the mode's promises: no allocation
 * once warm, whether a template's argument count alternates or the name tables are full (names
 * they do not hold go the general way, not through a record that copies them), and a huge
 * template costs a call one line limit, not its own size, in a small heap.
 */
class SyncPrerenderedTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void aTemplateWhoseArgumentCountAlternatesAllocatesNothing(String format) {
        Logger log = new TestLoggers(dir.resolve("log"), true, "syswrite.logger.format", format).factory.getLogger("alloc");
        Runnable calls = () -> {
            for (int i = 0; i < 20_000; i++) {
                if ((i & 1) == 0) {
                    log.info("user {} logged in", "ada");
                } else {
                    log.info("user {} logged in", "ada", "extra");
                }
            }
        };
        calls.run(); // warm
        calls.run();
        assertEquals(0, allocatedBy(calls) / 20_000, "bytes a call");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void fullNameTablesAllocateNothingPerCall(String format) {
        Logger log = new TestLoggers(dir.resolve("log"), true, "syswrite.logger.format", format).factory.getLogger("full");
        String original = Thread.currentThread().getName();
        try {
            for (int i = 0; i < 17_000; i++) { // more than the tables hold: pool threads come and go, templates built at run time
                Thread.currentThread().setName("pool-1-thread-" + i);
                log.info("request " + i + " done in {} ms", i);
            }
            Runnable calls = () -> {
                for (int i = 0; i < 20_000; i++) {
                    log.info("a template first used late {} {}", "ada", "lovelace");
                }
            };
            calls.run(); // warm
            calls.run();
            assertEquals(0, allocatedBy(calls) / 20_000, "bytes a call");
        } finally {
            Thread.currentThread().setName(original);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void aHugeTemplateInASmallHeapIsWrittenCut(String format) throws Exception {
        Path file = dir.resolve("log");
        Process child = ChildJvm.start(List.of("-Xmx200m", "-Dslf4j.provider=" + SysWriteServiceProvider.class.getName(),
                "-Dsyswrite.logger.output=" + file, "-Dsyswrite.logger.time=none", "-Dsyswrite.logger.thread=false",
                "-Dsyswrite.logger.name=none", "-Dsyswrite.logger.format=" + format), HugeTemplateChild.class, "50000000");
        String said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, child.exitValue(), said);
        assertTrue(said.contains("lost 0"), said);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("truncated"), "cut with its mark");
        assertTrue(lines.get(1).contains("after"), lines.get(1));
    }

    private static long allocatedBy(Runnable calls) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        calls.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
