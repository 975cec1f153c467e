package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.ChildJvm;
import dev.syswrite.testkit.Emulation;
import dev.syswrite.slf4j.testkit.IdleWriterExitChild;
import dev.syswrite.slf4j.testkit.LoggingChild;
import dev.syswrite.slf4j.testkit.LongLineChild;
import dev.syswrite.slf4j.testkit.ShutdownLoggingChild;
import dev.syswrite.slf4j.testkit.StalledPipe;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Several JVMs logging into one file, and a JVM killed mid-stream. */
class MultiProcessLoggingTest {
    private static final int JVMS = 4;
    /** Per JVM; under QEMU, where each JVM's start alone takes seconds, a quarter. */
    private static final int EVENTS = Emulation.underQemu() ? 2_500 : 10_000;

    @TempDir
    Path dir;

    /** In either mode: the asynchronous one drains its ring at exit, one writev of whole lines per batch. */
    @ParameterizedTest
    @ValueSource(strings = {"sync", "async"})
    void fourJvmsAppendWithoutLossOrTearing(String mode) throws Exception {
        Path file = dir.resolve("log");
        List<Process> children = new ArrayList<>();
        for (int j = 0; j < JVMS; j++) {
            children.add(start(file, mode, "jvm" + j, EVENTS, "each"));
        }
        for (Process child : children) {
            child.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assertTrue(child.waitFor(10, TimeUnit.MINUTES), "child hung");
            assertEquals(0, child.exitValue());
        }
        Set<String> seen = new HashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            assertTrue(seen.add(parseWhole(line)), "duplicate " + line);
        }
        assertEquals(JVMS * EVENTS, seen.size(), "lost events");
    }

    /** Checks a line is one LoggingChild wrote, whole; returns its "id number". */
    private static String parseWhole(String line) {
        String[] parts = line.split(" ", 5);
        int i = Integer.parseInt(parts[3]);
        assertEquals(parts[0] + " - " + parts[2] + " " + i + " " + "x".repeat(i % 53), line, "torn line");
        assertTrue(parts[0].equals("INFO") || parts[0].equals("ERROR"), line);
        return parts[2] + " " + i;
    }

    private static Process start(Path logFile, String mode, String id, int count, String acknowledge) throws java.io.IOException {
        return ChildJvm.start(List.of("-Dslf4j.provider=" + SysWriteServiceProvider.class.getName(), "-Dsyswrite.logger.output=" + logFile,
                "-Dsyswrite.logger.mode=" + mode, "-Dsyswrite.logger.time=none", "-Dsyswrite.logger.name=none",
                "-Dsyswrite.logger.thread=false"), LoggingChild.class, id, Integer.toString(count), acknowledge);
    }

    /**
     * The JVM exits while its output does not take writes (a pipe whose reader paused): the
     * shutdown drain gives up after its wait, and says on stderr how many events and bytes it
     * abandons. What was read plus what it says it abandoned covers everything logged.
     */
    @Test
    void anExitWithAStalledOutputSaysWhatItAbandons() throws Exception {
        int events = 5_000;
        try (StalledPipe pipe = new StalledPipe(dir.resolve("pipe"))) {
            Process child = new ProcessBuilder(ChildJvm.command(List.of("-Dslf4j.provider=" + SysWriteServiceProvider.class.getName(),
                    "-Dsyswrite.logger.output=" + pipe.path, "-Dsyswrite.logger.mode=async", "-Dsyswrite.logger.async.full=drop",
                    "-Dsyswrite.logger.time=none", "-Dsyswrite.logger.name=none", "-Dsyswrite.logger.thread=false"),
                    LoggingChild.class, "s", Integer.toString(events), "each"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the exit hung");
            assertEquals(0, child.exitValue(), stderr);
            Matcher said = Pattern.compile(
                    "syswrite-logger: exiting with ([\\d,]+) events \\(([\\d,]+) bytes\\) not written to " + pipe.path).matcher(stderr);
            assertTrue(said.find(), "nothing said of the events abandoned: " + stderr);
            long abandoned = Long.parseLong(said.group(1).replace(",", ""));
            assertTrue(abandoned > 0 && Long.parseLong(said.group(2).replace(",", "")) > 0, said.group());
            pipe.release();
            long read = pipe.awaitLines((int) (events - abandoned)).lines().filter(line -> line.startsWith("INFO - s ")).count();
            assertTrue(read + abandoned >= events, "read " + read + ", said abandoned " + abandoned + ", of " + events);
            assertTrue(read < events, "everything was read: the pipe never stalled");
        }
    }

    /**
     * The same with stderr as the output, and stalled: the notice of what is abandoned cannot be
     * printed either, and must not hold up the exit.
     */
    @Test
    void anExitWithAStalledStderrDoesNotHang() throws Exception {
        try (StalledPipe pipe = new StalledPipe(dir.resolve("pipe"))) {
            Process child = new ProcessBuilder(ChildJvm.command(List.of("-Dslf4j.provider=" + SysWriteServiceProvider.class.getName(),
                    "-Dsyswrite.logger.output=stderr", "-Dsyswrite.logger.mode=async", "-Dsyswrite.logger.time=none",
                    "-Dsyswrite.logger.name=none", "-Dsyswrite.logger.thread=false"), LongLineChild.class, "1", "40"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(pipe.path.toFile()).start();
            boolean exited = child.waitFor(2, TimeUnit.MINUTES);
            child.destroyForcibly();
            assertTrue(exited, "the exit hung on the stalled stderr");
            assertEquals(0, child.exitValue());
        }
    }

    /**
     * The same with the writer thread not draining when the JVM exits (held in a notice to the
     * stalled stderr): the shutdown drain, which then finds the drain lock free, blocks in its
     * write, and must not hold up the exit with it.
     */
    @Test
    void anExitWithAStalledStderrAndAnIdleWriterDoesNotHang() throws Exception {
        try (StalledPipe pipe = new StalledPipe(dir.resolve("pipe"))) {
            Process child = new ProcessBuilder(ChildJvm.command(List.of("-Dslf4j.provider=" + SysWriteServiceProvider.class.getName(),
                    "-Dslf4j.internal.verbosity=WARN", "-Dsyswrite.logger.output=stderr", "-Dsyswrite.logger.mode=async"),
                    IdleWriterExitChild.class, "100"))
                    .redirectOutput(dir.resolve("stdout").toFile()).redirectError(pipe.path.toFile()).start();
            boolean exited = child.waitFor(2, TimeUnit.MINUTES);
            child.destroyForcibly();
            assertTrue(exited, "the exit hung on the stalled stderr");
            assertEquals(0, child.exitValue(), Files.readString(dir.resolve("stdout")));
        }
    }

    /** A provider first started by a shutdown hook writes synchronously: no exception, no lost event. */
    @Test
    void asyncStartedDuringShutdownWritesSynchronously() throws Exception {
        Path file = dir.resolve("log");
        Process child = new ProcessBuilder(ChildJvm.command(List.of("-Dslf4j.provider=" + SysWriteServiceProvider.class.getName(),
                "-Dsyswrite.logger.output=" + file, "-Dsyswrite.logger.mode=async", "-Dsyswrite.logger.time=none",
                "-Dsyswrite.logger.thread=false"), ShutdownLoggingChild.class)).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, child.exitValue(), output);
        assertTrue(!output.contains("Exception"), output);
        assertEquals(List.of("INFO hook - logged from a shutdown hook"), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** Whatever a logging call returned from is in the file, even if the JVM dies right after. */
    @Test
    void sigkillLosesNoAcknowledgedEvent() throws Exception {
        sigkillLosesNothingAcknowledged("sync", "each");
    }

    /**
     * In the asynchronous mode, an ERROR (the default sync level) and everything logged before it,
     * or everything logged before a flush, is in the file once the call returns: a SIGKILL then
     * loses at most what was still queued after it, and never tears a line.
     */
    @ParameterizedTest
    @ValueSource(strings = {"error", "flush"})
    void asyncSigkillLosesNothingAcknowledgedNorTearsALine(String acknowledge) throws Exception {
        sigkillLosesNothingAcknowledged("async", acknowledge);
    }

    private void sigkillLosesNothingAcknowledged(String mode, String acknowledge) throws Exception {
        Path file = dir.resolve("log");
        Process child = start(file, mode, "k", Integer.MAX_VALUE, acknowledge);
        int acknowledged = -1;
        try (BufferedReader acks = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            String ack;
            while ((ack = acks.readLine()) != null) {
                acknowledged = Integer.parseInt(ack);
                if (acknowledged >= 2_000) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                    break;
                }
            }
        }
        assertTrue(child.waitFor(1, TimeUnit.MINUTES));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        Set<Integer> logged = new HashSet<>();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), "the last line is whole");
        for (String line : text.split("\n")) {
            logged.add(Integer.parseInt(parseWhole(line).split(" ")[1]));
        }
        for (int i = 0; i <= acknowledged; i++) {
            assertTrue(logged.contains(i), "acknowledged event " + i + " lost");
        }
    }
}
