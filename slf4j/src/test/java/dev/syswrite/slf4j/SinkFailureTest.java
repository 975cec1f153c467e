package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.ChildJvm;
import dev.syswrite.Errno;
import dev.syswrite.slf4j.testkit.HostileLoggingChild;
import dev.syswrite.slf4j.testkit.SmallTmpfs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

/**
 * When the output fails: events are counted per errno, never thrown or waited on, a full disk that
 * frees up again gets a line saying what was lost, a torn line does not swallow the next event,
 * and an interrupted thread neither loses its flag nor closes the output for the others. Each on
 * the native path and on the JDK path the provider falls back to.
 */
class SinkFailureTest {
    private static final String[] PLAIN = {"syswrite.logger.time", "none", "syswrite.logger.thread", "false", "syswrite.logger.name", "none"};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "native {0}")
    @ValueSource(booleans = {true, false})
    void aFullDeviceCountsLostEventsAndSaysSoOnce(boolean nativeWrites) {
        PrintStream realErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        TestLoggers loggers = new TestLoggers(Path.of("/dev/full"), nativeWrites, PLAIN);
        try {
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            Logger log = loggers.factory.getLogger("x");
            for (int i = 0; i < 3; i++) {
                log.info("lost {}", i); // returns: nothing thrown, nothing waited on
            }
        } finally {
            System.setErr(realErr);
        }
        LostEvents lost = loggers.factory.lostEvents();
        assertEquals(3, lost.total());
        assertEquals(3, lost.count(Errno.ENOSPC));
        assertEquals(Map.of(Errno.ENOSPC, 3L), lost.byErrno());
        String said = stderr.toString(StandardCharsets.UTF_8);
        assertEquals(1, said.lines().count(), said);
        assertTrue(said.startsWith("syswrite-logger: writing to /dev/full failed with ENOSPC"), said);
    }

    /**
     * A tmpfs of 64 KiB, filled up while logging, then freed: the event that was cut part-way
     * leaves a fragment on a line of its own, every later event is whole, and the first write
     * after the space came back is followed by the count of what was lost.
     */
    @ParameterizedTest(name = "native {0}")
    @ValueSource(booleans = {true, false})
    void aFullDiskThenFreeSpace(boolean nativeWrites) throws Exception {
        PrintStream realErr = System.err;
        try (SmallTmpfs tmpfs = new SmallTmpfs(dir, "64k")) {
            Path mount = tmpfs.mount;
            System.setErr(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
            Path file = mount.resolve("log");
            TestLoggers loggers = new TestLoggers(file, nativeWrites, PLAIN);
            Logger log = loggers.factory.getLogger("x");
            log.info("before the disk filled");
            Path filler = mount.resolve("filler");
            try (OutputStream out = Files.newOutputStream(filler)) {
                byte[] page = new byte[4096];
                while (true) {
                    out.write(page);
                }
            } catch (IOException full) {
                // the tmpfs is full
            }
            String padding = "p".repeat(97);
            int events = 0;
            while (loggers.factory.lostEvents().total() < 5 && events < 100_000) {
                log.info("df {} {}", events++, padding);
            }
            long lost = loggers.factory.lostEvents().count(Errno.ENOSPC);
            Files.delete(filler);
            log.info("after-free {}", 0);
            log.info("after-free {}", 1);

            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertEquals("INFO - before the disk filled", lines.get(0));
            int afterFree = lines.indexOf("INFO - after-free 0");
            assertTrue(afterFree > 0, lines::toString);
            Matcher report = Pattern.compile("syswrite-logger: (\\d+) events lost to ENOSPC between "
                    + "(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z) and (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z)")
                    .matcher(lines.get(afterFree + 1));
            assertTrue(report.matches(), lines.get(afterFree + 1));
            assertEquals(lost, Long.parseLong(report.group(1)));
            assertTrue(report.group(2).compareTo(report.group(3)) <= 0, report.group());
            assertEquals("INFO - after-free 1", lines.get(afterFree + 2));
            int torn = 0;
            for (String line : lines.subList(1, afterFree)) {
                assertFalse(line.indexOf("INFO", 1) >= 0, () -> "two events glued together: " + line);
                if (!line.matches("INFO - df \\d+ " + padding)) {
                    torn++; // the part of the event the disk took before it filled
                    assertTrue(("INFO - df " + (events - 1) + " " + padding).startsWith(line.substring(0, Math.min(line.length(), 10))), line);
                }
            }
            assertEquals(1, torn, "the event the disk filled up in is cut: " + lines);
            assertEquals(events - lost, afterFree - 1 - torn, "every event not counted as lost is in the file, whole");
        } finally {
            System.setErr(realErr);
        }
    }

    @ParameterizedTest(name = "native {0}")
    @ValueSource(booleans = {true, false})
    void anInterruptedThreadKeepsItsFlagAndTheOutputStaysOpen(boolean nativeWrites) throws Exception {
        Logger log = new TestLoggers(dir.resolve("log"), nativeWrites, PLAIN).factory.getLogger("x");
        Thread.currentThread().interrupt();
        log.info("while interrupted");
        assertTrue(Thread.interrupted(), "the interrupt flag was cleared");
        Thread other = new Thread(() -> log.info("from another thread"));
        other.start();
        other.join();
        log.info("after");
        assertEquals(List.of("INFO - while interrupted", "INFO - from another thread", "INFO - after"),
                Files.readAllLines(dir.resolve("log"), StandardCharsets.UTF_8));
    }

    /** Through the JDK path to stderr: an interrupted thread's event must not close fd 2 for the process. */
    @Test
    void anInterruptedThreadDoesNotSilenceStderr() throws Exception {
        Process child = new ProcessBuilder(ChildJvm.command(List.of("-Dsyswrite.native=false", "-Dslf4j.internal.verbosity=WARN", "-Dslf4j.provider=" + SysWriteServiceProvider.class.getName(),
                "-Dsyswrite.logger.time=none", "-Dsyswrite.logger.thread=false", "-Dsyswrite.logger.name=none"), HostileLoggingChild.class, "interrupted"))
                .start();
        child.getOutputStream().close();
        byte[] stdout = child.getInputStream().readAllBytes();
        String stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, child.exitValue(), stderr);
        assertEquals("interrupted still true\n", new String(stdout, StandardCharsets.UTF_8));
        List<String> lines = stderr.lines().filter(l -> !l.startsWith("syswrite-logger: writing through the JDK")).toList();
        assertEquals(List.of("INFO - logged while interrupted", "stderr still open", "INFO - logged after"), lines);
    }
}
