package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.syswrite.testkit.DirtyPages;
import dev.syswrite.logging.EventWriter;
import dev.syswrite.logging.output.LogSink;
import dev.syswrite.logging.output.Pin;
import dev.syswrite.slf4j.testkit.CapturedStderr;
import dev.syswrite.slf4j.testkit.StalledPipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** {@code syswrite.logger.fsync.level}: an event at or above it is on the device when the call returns. */
class DurableLoggingTest {
    /** Bare lines ("LEVEL - message"), WARN and above synced, and in async mode no sync level of its own. */
    private static final String[] DURABLE_WARN = {"syswrite.logger.time", "none", "syswrite.logger.thread", "false",
        "syswrite.logger.name", "none", "syswrite.logger.fsync.level", "warn", "syswrite.logger.sync.level", "off"};

    @TempDir
    Path dir;

    private static TestLoggers loggers(Path output, boolean nativeWrites, String mode, String... settings) {
        String[] all = Stream.of(DURABLE_WARN, new String[] {"syswrite.logger.mode", mode}, settings).flatMap(Arrays::stream).toArray(String[]::new);
        return new TestLoggers(output, nativeWrites, all);
    }

    static Stream<Arguments> writePaths() {
        return Stream.of(Arguments.of(true, "sync"), Arguments.of(true, "async"), Arguments.of(false, "sync"));
    }

    /**
     * 32 MiB of INFO stay in the page cache (the kernel's count of unwritten memory grows by
     * them); one WARN later they are all on the device, the WARN with them.
     */
    @ParameterizedTest
    @MethodSource("writePaths")
    void anEventAtTheFsyncLevelIsOnTheDeviceWhenTheCallReturns(boolean nativeWrites, String mode) throws Exception {
        TestLoggers loggers = loggers(dir.resolve("audit.log"), nativeWrites, mode);
        Logger log = loggers.factory.getLogger("audit");
        String chunk = "x".repeat(64 << 10);
        int events = 512;
        long before = DirtyPages.kilobytes();
        for (int i = 0; i < events; i++) {
            log.info("{} {}", i, chunk);
        }
        assertTrue(loggers.factory.writer().flush()); // in the kernel, not synced
        long dirty = DirtyPages.kilobytes();
        long written = (long) events * chunk.length() >> 10;
        // The kernel may write pages back on its own (a busy machine): then there is nothing to watch.
        assumeTrue(dirty - before > written * 3 / 4, "the writes left no dirty pages to watch: " + before + " -> " + dirty + " kB");
        log.warn("the audit event");
        long after = DirtyPages.kilobytes();
        assertTrue(dirty - after > written * 3 / 4, "dirty + writeback: " + before + " -> " + dirty + " -> " + after + " kB");
        assertEquals(0, loggers.factory.lostEvents().total());
    }

    /** In async mode a synced event first drains everything queued before it, whatever the sync level. */
    @Test
    void anAsyncFsyncLevelEventDrainsWhatCameBeforeIt() throws Exception {
        Path file = dir.resolve("audit.log");
        Logger log = loggers(file, true, "async").factory.getLogger("audit");
        for (int round = 1; round <= 50; round++) {
            for (int i = 0; i < 20; i++) {
                log.info("queued {}", i);
            }
            log.error("audit {}", round);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertEquals(21 * round, lines.size());
            assertEquals("ERROR - audit " + round, lines.get(lines.size() - 1));
        }
    }

    /** A ring full under the drop policy still never drops an event its caller must find synced: it writes it itself. */
    @Test
    void aFullRingUnderDropNeverDropsAnFsyncLevelEvent() throws Exception {
        try (StalledPipe pipe = new StalledPipe(dir)) {
            TestLoggers loggers = new TestLoggers(pipe.path, true, "syswrite.logger.mode", "async", "syswrite.logger.async.full", "drop",
                    "syswrite.logger.async.ring", "64k", "syswrite.logger.time", "none", "syswrite.logger.thread", "false",
                    "syswrite.logger.name", "none", "syswrite.logger.fsync.level", "error", "syswrite.logger.sync.level", "off");
            Logger log = loggers.factory.getLogger("audit");
            AsyncCounters counters = loggers.factory.asyncCounters();
            String stderr = CapturedStderr.of(() -> {
                for (int i = 0; counters.droppedTotal() == 0; i++) {
                    log.info("{} {}", i, "i".repeat(90));
                }
                Thread audit = new Thread(() -> log.error("the audit event"));
                audit.start();
                pipe.release(); // the ERROR waits for the pipe, as a synced event must
                join(audit);
            });
            assertEquals(0, counters.dropped(Level.ERROR), counters.toString());
            // The ERROR went through the ring if the writer made room before it came, else its caller wrote it.
            int kept = (int) (counters.written() + counters.wroteThrough()); // a pipe: written, never synced
            String text = pipe.awaitLines(kept);
            assertTrue(text.endsWith("ERROR - the audit event\n"), text.substring(Math.max(0, text.length() - 200)));
            assertTrue(stderr.contains("cannot be synced (EINVAL)"), stderr);
        }
    }

    /** A pipe cannot be synced: said once on stderr, every event still written, none counted lost. */
    @ParameterizedTest
    @MethodSource("writePaths")
    void anOutputThatCannotBeSyncedIsSaidOnceAndWritten(boolean nativeWrites, String mode) throws Exception {
        try (StalledPipe pipe = new StalledPipe(dir)) {
            pipe.release();
            TestLoggers loggers = loggers(pipe.path, nativeWrites, mode);
            Logger log = loggers.factory.getLogger("audit");
            String stderr = CapturedStderr.of(() -> {
                for (int i = 0; i < 100; i++) {
                    log.warn("warn {}", i);
                }
            });
            assertEquals(1, stderr.lines().filter(l -> l.contains("cannot be synced")).count(), stderr);
            assertEquals(100, pipe.awaitLines(100).lines().count());
            assertEquals(0, loggers.factory.lostEvents().total());
        }
    }

    /** A sink and writer as the provider opens them, with rotation only on demand. */
    private static EventWriter rotatable(Path file, String mode) throws Exception {
        Properties p = LoggerConfigTest.settings(DURABLE_WARN);
        p.putAll(LoggerConfigTest.settings("syswrite.logger.mode", mode, "syswrite.logger.reopen.interval", "off",
                "syswrite.logger.output", file.toString()));
        LoggerConfig config = LoggerConfig.of(p);
        assertTrue(config.problems.isEmpty(), config.problems::toString);
        return new EventWriter(config.settings, LogSink.open(config.settings.output(), true), new SysWriteMdcAdapter()::current);
    }

    /**
     * A file switched out (logrotate renamed it) is synced before it is closed: what was written
     * to it is on the device once the switch returns, though no WARN went to it afterwards.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sync", "async"})
    void aFileSwitchedOutIsSyncedFirst(String mode) throws Exception {
        Path file = dir.resolve("audit.log");
        EventWriter writer = rotatable(file, mode);
        Logger log = TestLoggers.factory(writer).getLogger("audit");
        String chunk = "x".repeat(64 << 10);
        int events = 512;
        long before = DirtyPages.kilobytes();
        for (int i = 0; i < events; i++) {
            log.info("{} {}", i, chunk);
        }
        assertTrue(writer.flush());
        long dirty = DirtyPages.kilobytes();
        long written = (long) events * chunk.length() >> 10;
        assumeTrue(dirty - before > written * 3 / 4, "the writes left no dirty pages to watch: " + before + " -> " + dirty + " kB");
        Files.move(file, dir.resolve("audit.log.1"));
        assertTrue(writer.reopen());
        long after = DirtyPages.kilobytes();
        assertTrue(dirty - after > written * 3 / 4, "dirty + writeback: " + before + " -> " + dirty + " -> " + after + " kB");
        log.warn("the audit event");
        assertEquals(List.of("WARN - the audit event"), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** No switch completes while an event is between its write and its sync: its sync must reach the file it went to. */
    @Test
    void aSwitchWaitsForAnOpenSyncWindow() throws Exception {
        Path file = dir.resolve("audit.log");
        EventWriter writer = rotatable(file, "sync");
        Logger log = TestLoggers.factory(writer).getLogger("audit");
        log.warn("before");
        LogSink sink = writer.sink();
        Pin holder = new Pin();
        sink.register(holder);
        Thread rotation;
        try {
            sink.enterSyncWindow(holder);
            Files.move(file, dir.resolve("audit.log.1"));
            rotation = new Thread(writer::reopen);
            rotation.start();
            rotation.join(500);
            assertTrue(rotation.isAlive(), "the switch went ahead inside an open sync window");
            byte[] inside = "WARN - inside\n".getBytes(StandardCharsets.UTF_8);
            sink.write(holder, sink.allocate(inside.length + 1).put(1, inside), 1, inside.length + 1); // still to the file open
        } finally {
            holder.inSyncWindow = false;
        }
        rotation.join();
        log.warn("after");
        assertEquals(List.of("WARN - before", "WARN - inside"), Files.readAllLines(dir.resolve("audit.log.1"), StandardCharsets.UTF_8));
        assertEquals(List.of("WARN - after"), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
