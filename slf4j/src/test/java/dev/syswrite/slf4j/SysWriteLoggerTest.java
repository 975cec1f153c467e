package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;

/** The provider's loggers end to end, into a real file: layout, levels, throwables, text. */
class SysWriteLoggerTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("log");
    }

    private List<String> lines() throws IOException {
        return Files.readAllLines(file(), StandardCharsets.UTF_8);
    }

    @Test
    void defaultLayout() throws IOException {
        Instant before = Instant.now();
        Logger log = new TestLoggers(file(), true).factory.getLogger("com.example.Service");
        log.info("order {} filled at {}", 42, 99.5);
        Instant after = Instant.now();
        String line = lines().get(0);
        String thread = Thread.currentThread().getName();
        assertTrue(line.endsWith(" [" + thread + "] INFO com.example.Service - order 42 filled at 99.5"), line);
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z .*"), line);
        Instant logged = Instant.parse(line.substring(0, 24));
        assertFalse(logged.isBefore(before.minusMillis(1)) || logged.isAfter(after), line);
    }

    @Test
    void layoutSwitches() throws IOException {
        Logger log = new TestLoggers(file(), true, "syswrite.logger.time", "micros", "syswrite.logger.thread", "false",
                "syswrite.logger.name", "short").factory.getLogger("com.example.Service");
        log.warn("w");
        Logger bare = new TestLoggers(file(), true, "syswrite.logger.time", "none", "syswrite.logger.thread", "false",
                "syswrite.logger.name", "none").factory.getLogger("com.example.Service");
        bare.error("e");
        List<String> lines = lines();
        assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z WARN Service - w"), lines.get(0));
        assertEquals("ERROR - e", lines.get(1));
    }

    @Test
    void levelsAndPrefixes() throws IOException {
        TestLoggers loggers = new TestLoggers(file(), true, "syswrite.logger.time", "none", "syswrite.logger.thread", "false",
                "syswrite.logger.level", "warn", "syswrite.logger.level.com.example", "debug",
                "syswrite.logger.level.com.example.quiet", "off");
        Logger other = loggers.factory.getLogger("org.other.Thing");
        Logger example = loggers.factory.getLogger("com.example.Service");
        Logger quiet = loggers.factory.getLogger("com.example.quiet.Thing");
        other.info("hidden");
        other.warn("shown {}", 1);
        example.trace("hidden");
        example.debug("shown {}", 2);
        quiet.error("hidden");
        assertFalse(other.isInfoEnabled());
        assertTrue(example.isDebugEnabled() && !example.isTraceEnabled());
        assertFalse(quiet.isErrorEnabled());
        assertEquals(List.of("WARN org.other.Thing - shown 1", "DEBUG com.example.Service - shown 2"), lines());
    }

    @Test
    void everyLevelAndOverloadWritesOneLine() throws IOException {
        Logger log = new TestLoggers(file(), true, "syswrite.logger.time", "none", "syswrite.logger.thread", "false",
                "syswrite.logger.level", "trace", "syswrite.logger.name", "none").factory.getLogger("x");
        var marker = new BasicMarkerFactory().getMarker("AUDIT");
        log.trace("a");
        log.debug("b {}", 1);
        log.info("c {} {}", 1, 2);
        log.warn("d {} {} {}", 1, 2, 3);
        log.error(marker, "e {}", "m");
        log.atInfo().setMessage("f {}").addArgument(6).log();
        assertEquals(List.of("TRACE - a", "DEBUG - b 1", "INFO - c 1 2", "WARN - d 1 2 3", "ERROR [AUDIT] - e m", "INFO - f 6"), lines());
    }

    @Test
    void mdcIsPrinted() throws IOException {
        TestLoggers loggers = new TestLoggers(file(), true, "syswrite.logger.time", "none", "syswrite.logger.thread", "false",
                "syswrite.logger.name", "none");
        loggers.mdc.put("user", "ada");
        loggers.factory.getLogger("x").info("hi");
        loggers.mdc.clear();
        loggers.factory.getLogger("x").info("bye");
        assertEquals(List.of("INFO {user=ada} - hi", "INFO - bye"), lines());
    }

    /** As in every SLF4J backend, a trailing Throwable is the event's exception, not an argument. */
    @Test
    void throwablesPrintFullStackTraces() throws IOException {
        Logger log = new TestLoggers(file(), true, "syswrite.logger.time", "none", "syswrite.logger.thread", "false",
                "syswrite.logger.name", "none").factory.getLogger("x");
        IllegalStateException failure = new IllegalStateException("outer", new java.io.IOException("inner"));
        failure.addSuppressed(new IllegalArgumentException("suppressed"));
        log.error("failed {}", "here", failure);
        log.error("alone {}", failure);
        log.error("plain", failure);
        String text = Files.readString(file());
        String trace = stackTrace(failure);
        assertEquals("ERROR - failed here\n" + trace + "ERROR - alone {}\n" + trace + "ERROR - plain\n" + trace, text);
        assertTrue(trace.contains("Caused by: java.io.IOException: inner") && trace.contains("Suppressed: java.lang.IllegalArgumentException"));
    }

    @Test
    void unicodeIsUtf8AndLoneSurrogatesAreQuestionMarks() throws IOException {
        Logger log = new TestLoggers(file(), true, "syswrite.logger.time", "none", "syswrite.logger.thread", "false",
                "syswrite.logger.name", "none").factory.getLogger("x");
        String text = "é 中文 \ud83d\ude00 \u0800 \uffff lone-high \ud800 lone-low \udc00 end \ud83d";
        log.info("{}", text);
        byte[] expected = ("INFO - " + text + "\n").getBytes(StandardCharsets.UTF_8); // the JDK also writes '?'
        assertArrayEquals(expected, Files.readAllBytes(file()));
        assertTrue(new String(expected, StandardCharsets.UTF_8).contains("lone-high ? lone-low ? end ?"));
    }

    /** The encoder works in chunks of 1024 characters: a surrogate pair or an escape may straddle any boundary. */
    @Test
    void textAcrossEncodingChunksIsWhole() throws IOException {
        Logger log = new TestLoggers(file(), true, "syswrite.logger.time", "none", "syswrite.logger.thread", "false",
                "syswrite.logger.name", "none").factory.getLogger("x");
        StringBuilder expected = new StringBuilder();
        for (int k = 1010; k < 1030; k++) {
            for (String tail : new String[] {"\ud83d\ude00y", "\u4e2d\u00e9", "\ud83dz"}) {
                String message = "x".repeat(k) + tail + "x".repeat(k) + tail;
                log.info(message);
                expected.append("INFO - ").append(message.replace("\ud83dz", "?z")).append('\n');
            }
        }
        assertArrayEquals(expected.toString().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 16_384, 100_000, 600_000})
    void longMessagesArriveWhole(int length) throws IOException {
        Logger log = new TestLoggers(file(), true, "syswrite.logger.time", "none", "syswrite.logger.thread", "false",
                "syswrite.logger.name", "none").factory.getLogger("x");
        String big = "\u00e9x".repeat(length / 2);
        log.info("[{}]", big);
        log.info("after");
        assertEquals(List.of("INFO - [" + big + "]", "INFO - after"), lines());
    }

    @Test
    void fallbackWritesTheSameBytes() throws IOException {
        String[] settings = {"syswrite.logger.time", "none", "syswrite.logger.thread", "false"};
        Logger nativeLog = new TestLoggers(dir.resolve("native"), true, settings).factory.getLogger("a.B");
        Logger fallbackLog = new TestLoggers(dir.resolve("fallback"), false, settings).factory.getLogger("a.B");
        for (Logger log : List.of(nativeLog, fallbackLog)) {
            log.info("x {} y {}", "é", new int[] {1, 2});
            log.warn("with", new RuntimeException("r"));
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("native")), Files.readAllBytes(dir.resolve("fallback")));
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
