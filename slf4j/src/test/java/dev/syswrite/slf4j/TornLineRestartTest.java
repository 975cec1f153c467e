package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.syswrite.testkit.ChildJvm;
import dev.syswrite.testkit.Emulation;
import dev.syswrite.logging.EventWriter;
import dev.syswrite.logging.output.LogSink;
import dev.syswrite.slf4j.testkit.JsonLog;
import dev.syswrite.slf4j.testkit.TornLineChild;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;

/**
 * A line torn by a crash is never glued to the next event. A SIGKILL can stop a long
 * {@code write(2)} between two pages (the kernel checks for a fatal signal before each), which
 * nothing in the process can prevent, and leave a fragment with no newline at the end of the
 * file; the next JVM to open it, or a reopen that finds such a file at the path, must start its
 * first line on a new line, or two events become one line (and, in JSON, one invalid object).
 */
class TornLineRestartTest {
    private static final boolean EMULATED = Emulation.underQemu();
    /** x's in a line of the SIGKILL test: some 75 pages, between which (or between larger folios) a kill can stop its write. */
    private static final int LONG = 300_000;
    /**
     * Looks at the file's end before the kill, at most: each an {@code fstat} and a one-byte read. If
     * none catches a write in flight, the kill comes anyway, some tens of MB of lines later.
     */
    private static final int LOOKS = 100_000;

    @TempDir
    Path dir;

    /** Each layout in each mode, through syswrite's library; and the JDK path, which is synchronous only. */
    static Stream<Arguments> layoutsAndPaths() {
        return Stream.of(Arguments.of("text", "sync", true), Arguments.of("json", "sync", true), Arguments.of("text", "async", true),
                Arguments.of("json", "async", true), Arguments.of("text", "sync", false), Arguments.of("json", "sync", false));
    }

    /**
     * The file ends in the fragment an earlier run left: this run's first event starts on a new
     * line, and the fragment stays a line of its own. A file that ends in a newline gets no empty line.
     */
    @ParameterizedTest(name = "{0}, {1}, native {2}")
    @MethodSource("layoutsAndPaths")
    void aRestartStartsOnALineOfItsOwn(String format, String mode, boolean nativeWrites) throws Exception {
        boolean json = format.equals("json");
        for (boolean torn : new boolean[] {true, false}) {
            Path file = dir.resolve(torn ? "torn.log" : "whole.log");
            List<String> earlier = earlierRun(file, json, torn);
            EventWriter writer = writer(file, format, mode, nativeWrites);
            Logger log = TestLoggers.factory(writer).getLogger("x");
            log.info("first");
            log.info("second");
            assertTrue(writer.flush());
            assertEquals(earlier, linesBefore(file, json, List.of("first", "second")), "torn: " + torn);
        }
    }

    /**
     * A reopen that finds a fragment at the path (a JVM killed while writing to the file put
     * there) starts on a new line too.
     */
    @ParameterizedTest(name = "{0}, {1}, native {2}")
    @MethodSource("layoutsAndPaths")
    void aReopenStartsOnALineOfItsOwn(String format, String mode, boolean nativeWrites) throws Exception {
        boolean json = format.equals("json");
        Path file = dir.resolve("app.log");
        EventWriter writer = writer(file, format, mode, nativeWrites);
        Logger log = TestLoggers.factory(writer).getLogger("x");
        log.info("before");
        assertTrue(writer.flush());
        Files.move(file, dir.resolve("app.log.1"));
        List<String> earlier = earlierRun(file, json, true);
        assertTrue(writer.reopen());
        log.info("after");
        assertTrue(writer.flush());
        assertEquals(List.of(), linesBefore(dir.resolve("app.log.1"), json, List.of("before")));
        assertEquals(earlier, linesBefore(file, json, List.of("after")));
    }

    /**
     * The same end to end, in a new JVM: one started on a file that ends in a fragment, then
     * {@link SysWriteLogging#reopen()} onto another such file. JSON in the asynchronous mode,
     * where the newline owed goes first in the writer's first batch. Not under QEMU, where a JVM
     * takes some 10 s to start: the tests above cover that architecture's write paths.
     */
    @Test
    void aNewJvmAndItsReopenStartOnLinesOfTheirOwn() throws Exception {
        assumeFalse(EMULATED, "a JVM's start under QEMU");
        Path file = dir.resolve("app.log");
        List<String> earlier = earlierRun(file, true, true);
        Process child = start(file, "json", "async", "second", "10", "2", "reopen");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
                Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.US_ASCII)) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("flushed")) {
                // an acknowledged event
            }
            assertEquals("flushed", line);
            Files.move(file, dir.resolve("app.log.1"));
            earlierRun(file, true, true);
            in.write("reopen\n");
            in.flush();
            assertEquals("true", out.readLine(), "reopened");
        }
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "child hung");
        assertEquals(0, child.exitValue());
        String padding = "x".repeat(10);
        assertEquals(earlier, linesBefore(dir.resolve("app.log.1"), true, List.of("second 0 " + padding, "second 1 " + padding)));
        assertEquals(earlier, linesBefore(file, true, List.of("second reopened")));
    }

    /**
     * A real SIGKILL while a JVM writes long lines, then a new JVM on the same file: whether or not
     * the kill tore a line (about half the time), no line holds two events. Not under QEMU, for
     * the same reason.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"text, sync", "json, sync", "text, async", "json, async"})
    void aSigkillMidLineThenARestartGluesNoTwoEvents(String format, String mode, TestReporter reporter) throws Exception {
        assumeFalse(EMULATED, "two JVMs' starts under QEMU");
        boolean json = format.equals("json");
        Path file = dir.resolve("app.log");
        Process first = start(file, format, mode, "first", Integer.toString(LONG), Integer.toString(Integer.MAX_VALUE));
        try (BufferedReader acks = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.US_ASCII))) {
            assertNotNull(acks.readLine(), "the first JVM ended by itself"); // the provider started: the file is there
            killMidWrite(first, file);
        }
        assertTrue(first.waitFor(1, TimeUnit.MINUTES));
        assertEquals(137, first.exitValue(), "killed by SIGKILL");
        Process second = start(file, format, mode, "second", "10", "2");
        second.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertTrue(second.waitFor(2, TimeUnit.MINUTES), "child hung");
        assertEquals(0, second.exitValue());
        String padding = "x".repeat(10);
        List<String> killed = linesBefore(file, json, List.of("second 0 " + padding, "second 1 " + padding));
        String whole = "first \\d+ x{" + LONG + "}";
        boolean tore = false;
        for (int i = 0; i < killed.size(); i++) {
            String line = killed.get(i);
            String message = message(line, json);
            tore = message == null || !message.matches(whole);
            assertTrue(!tore || i == killed.size() - 1, () -> "not a whole event: " + line.substring(0, Math.min(200, line.length())));
        }
        reporter.publishEntry("the kill tore a line", Boolean.toString(tore)); // now and then: no assertion
    }

    /**
     * SIGKILLs {@code child} once a write is seen in flight (the kernel grows the file as it copies,
     * so its last byte is then no newline), or after {@link #LOOKS} looks.
     */
    private static void killMidWrite(Process child, Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            for (int look = 0; look < LOOKS; look++) {
                long length = in.length();
                if (length > 0) {
                    in.seek(length - 1);
                    if (in.read() != '\n') {
                        break;
                    }
                }
            }
        }
        child.destroyForcibly();
    }

    /**
     * Writes to {@code file} what an earlier run left: a whole line, then, if {@code torn}, a
     * fragment of the next with no newline.
     *
     * @return its lines
     */
    private static List<String> earlierRun(Path file, boolean json, boolean torn) throws IOException {
        List<String> lines = json
                ? List.of("{\"log.level\":\"INFO\",\"message\":\"whole\"}", "{\"log.level\":\"INFO\",\"message\":\"torn xx")
                : List.of("INFO - whole", "INFO - torn xx");
        lines = torn ? lines : lines.subList(0, 1);
        Files.writeString(file, String.join("\n", lines) + (torn ? "" : "\n"), StandardCharsets.UTF_8);
        return lines;
    }

    /**
     * Checks that {@code file} ends with the events {@code messages}, each on a line of its own,
     * and in a newline.
     *
     * @return the lines before those events
     */
    private static List<String> linesBefore(Path file, boolean json, List<String> messages) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), "the file ends inside a line");
        List<String> lines = Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
        assertTrue(lines.size() >= messages.size(), text);
        int first = lines.size() - messages.size();
        for (int i = 0; i < messages.size(); i++) {
            String line = lines.get(first + i);
            assertEquals(messages.get(i), message(line, json), () -> "not a line of its own: " + line.substring(0, Math.min(200, line.length())));
        }
        return lines.subList(0, first);
    }

    /** The message of {@code line} if it is one whole event in the layout, else null. */
    private static String message(String line, boolean json) {
        if (!json) {
            return line.startsWith("INFO - ") ? line.substring("INFO - ".length()) : null;
        }
        try {
            return JsonLog.parse(line.getBytes(StandardCharsets.UTF_8)).path("message").asText(null);
        } catch (AssertionError notOneObject) {
            return null;
        }
    }

    /** Bare lines ("LEVEL - message"), reopened only when asked. */
    private static String[] settings(String format, String mode) {
        return new String[] {"syswrite.logger.format", format, "syswrite.logger.mode", mode, "syswrite.logger.time", "none",
            "syswrite.logger.name", "none", "syswrite.logger.thread", "false", "syswrite.logger.reopen.interval", "off"};
    }

    /** A sink and writer on {@code file}, as the provider opens them. */
    private static EventWriter writer(Path file, String format, String mode, boolean nativeWrites) throws IOException {
        Properties p = LoggerConfigTest.settings(settings(format, mode));
        p.setProperty("syswrite.logger.output", file.toString());
        LoggerConfig config = LoggerConfig.of(p);
        assertTrue(config.problems.isEmpty(), config.problems::toString);
        return new EventWriter(config.settings, LogSink.open(config.settings.output(), nativeWrites), new SysWriteMdcAdapter()::current);
    }

    /** A {@link TornLineChild} logging to {@code file} with the same settings. */
    private static Process start(Path file, String format, String mode, String... args) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Dslf4j.provider=" + SysWriteServiceProvider.class.getName(),
                "-Dsyswrite.logger.output=" + file));
        String[] pairs = settings(format, mode);
        for (int i = 0; i < pairs.length; i += 2) {
            options.add("-D" + pairs[i] + "=" + pairs[i + 1]);
        }
        return ChildJvm.start(options, TornLineChild.class, args);
    }
}
