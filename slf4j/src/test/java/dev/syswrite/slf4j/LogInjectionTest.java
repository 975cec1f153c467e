package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;

/**
 * No input can forge or hide a line (CWE-117): every control character a caller's data can carry,
 * in any field of the text layout, is written escaped; the stack trace keeps its own line breaks.
 */
class LogInjectionTest {
    /**
     * CR, LF, TAB, another C0, ESC, DEL, NEL, CSI (C1), LINE SEPARATOR, PARAGRAPH SEPARATOR, a
     * right-to-left override and a bidi isolate.
     */
    private static final String HOSTILE = "a\r\n\t\u0001\u001b[31m\u007f\u0085\u009b31m\u2028\u2029\u202egnp.exe\u2066z";
    private static final String ESCAPED = "a\\r\\n\\t\\u0001\\u001b[31m\\u007f\\u0085\\u009b31m\\u2028\\u2029\\u202egnp.exe\\u2066z";
    private static final String FORGED = "user\n2026-01-01T00:00:00.000Z [main] INFO auth - admin logged in";

    @TempDir
    Path dir;

    private TestLoggers loggers(String... settings) {
        return new TestLoggers(dir.resolve("log"), true, settings);
    }

    private String text() throws IOException {
        return Files.readString(dir.resolve("log"), StandardCharsets.UTF_8);
    }

    @Test
    void aForgedLineStaysOnItsLine() throws IOException {
        loggers("syswrite.logger.time", "none").factory.getLogger("auth").info("login failed for {}", FORGED);
        List<String> lines = Files.readAllLines(dir.resolve("log"), StandardCharsets.UTF_8);
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).endsWith("login failed for user\\n2026-01-01T00:00:00.000Z [main] INFO auth - admin logged in"), lines.get(0));
    }

    @Test
    void everyFieldIsEscaped() throws Exception {
        TestLoggers loggers = loggers("syswrite.logger.time", "none");
        Logger log = loggers.factory.getLogger("logger" + HOSTILE);
        Thread thread = new Thread(() -> {
            loggers.mdc.put("k" + HOSTILE, "v" + HOSTILE); // the logging thread's own: a context is not inherited
            log.atInfo().addMarker(new BasicMarkerFactory().getMarker("m" + HOSTILE)).addKeyValue("key" + HOSTILE, "value" + HOSTILE)
                    .addArgument("arg" + HOSTILE).log("msg" + HOSTILE + " {}");
            loggers.mdc.clear();
        }, "thread" + HOSTILE);
        thread.start();
        thread.join();
        String text = text();
        assertEquals("[thread" + ESCAPED + "] INFO logger" + ESCAPED + " [m" + ESCAPED + "] {k" + ESCAPED + "=v" + ESCAPED + "} - key" + ESCAPED
                + "=value" + ESCAPED + " msg" + ESCAPED + " arg" + ESCAPED + "\n", text);
    }

    @Test
    void theStackTraceKeepsItsLinesAndEscapesItsText() throws IOException {
        loggers("syswrite.logger.time", "none", "syswrite.logger.thread", "false", "syswrite.logger.name", "none")
                .factory.getLogger("x").error("failed", new IllegalStateException("bad\ninput", new RuntimeException("\u2028inner")));
        List<String> lines = Files.readAllLines(dir.resolve("log"), StandardCharsets.UTF_8);
        assertEquals("ERROR - failed", lines.get(0));
        assertEquals("java.lang.IllegalStateException: bad\\ninput", lines.get(1));
        assertTrue(lines.get(2).startsWith("\tat dev.syswrite.slf4j.LogInjectionTest."), lines.get(2));
        assertTrue(lines.contains("Caused by: java.lang.RuntimeException: \\u2028inner"), lines::toString);
    }

    @Test
    void escapingCanBeTurnedOff() throws IOException {
        loggers("syswrite.logger.time", "none", "syswrite.logger.thread", "false", "syswrite.logger.name", "none", "syswrite.logger.escape", "false")
                .factory.getLogger("x").info("{}", HOSTILE);
        assertEquals("INFO - " + HOSTILE + "\n", text());
    }

    @Test
    void escapesCountTowardsTheLineLimit() throws IOException {
        loggers("syswrite.logger.time", "none", "syswrite.logger.thread", "false", "syswrite.logger.name", "none", "syswrite.logger.line.max", "1k")
                .factory.getLogger("x").info("{}", "\u0001".repeat(1000));
        byte[] line = Files.readAllBytes(dir.resolve("log"));
        assertTrue(line.length <= 1024, () -> line.length + " bytes");
        String text = new String(line, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("INFO - \\u0001\\u0001") && text.endsWith("\\u0001 [truncated to 1024 bytes]\n"), text);
    }
}
