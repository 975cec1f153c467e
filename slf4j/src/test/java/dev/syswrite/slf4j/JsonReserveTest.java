package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syswrite.testkit.Emulation;
import dev.syswrite.logging.layout.JsonLayout;
import dev.syswrite.logging.layout.JsonLine;
import dev.syswrite.slf4j.testkit.JsonLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.helpers.BasicMarkerFactory;

/**
 * The fields every line must have keep their room: an MDC value, a key-value, a marker, a logger
 * name or a thread name of every size near the line limit, with and without a Throwable, with a
 * short message and with one longer than the part of it that is guaranteed. Every line must be
 * one JSON object within {@code line.max} bytes with its {@code message} (at least its first
 * {@value JsonLayout#MESSAGE_KEPT} bytes, a cut one marked by {@code syswrite.truncated}) and,
 * with a Throwable, its whole {@code error.type}; an optional field is whole, cut (and the line
 * says {@code syswrite.truncated}) or left out (and counted in {@code syswrite.skipped_fields}).
 */
class JsonReserveTest {
    /** The bytes of the message every line keeps, as docs/logging.md says (Large events). */
    private static final int MESSAGE_KEPT = JsonLayout.MESSAGE_KEPT;
    /** How far below the limit the sweep starts: past every field that fits with room to spare. */
    private static final int SWEEP = 300;

    /** Not SLF4J's MarkerFactory, which would start SLF4J (with no provider) for the tests after this one. */
    private static final BasicMarkerFactory MARKERS = new BasicMarkerFactory();

    /** A Throwable with a trace of 30 frames of its own (the test runner's would vary), longer than most lines have room for. */
    private static final IllegalStateException FAILURE = new IllegalStateException("boom");

    static {
        StackTraceElement[] frames = new StackTraceElement[30];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new StackTraceElement("com.example.Service" + i, "handle", "Service" + i + ".java", 10 + i);
        }
        FAILURE.setStackTrace(frames);
    }

    /** A message that fits whatever else the line holds, and one longer than the part of it kept (2 bytes a character). */
    private static final String[] MESSAGES = {"short message", "long " + "\u00fc".repeat(300)};

    @TempDir
    Path dir;

    /** The optional field an event carries at the swept size. */
    private enum Carrier {
        MDC, KEY_VALUE, MARKER, LOGGER, THREAD
    }

    /** One event as it was logged. */
    private record Event(Carrier carrier, int size, String text, String message, boolean failure) {
        @Override
        public String toString() {
            return carrier + " of " + size + " chars, " + (failure ? "a Throwable, " : "") + "message of " + message.length() + " chars";
        }
    }

    @ParameterizedTest(name = "line.max {0}")
    @ValueSource(ints = {1024, 4096})
    void everyLineKeepsItsMessageAndErrorType(int lineMax) throws IOException {
        Path file = dir.resolve("log");
        TestLoggers loggers = new TestLoggers(file, true, "syswrite.logger.format", "json", "syswrite.logger.line.max",
                Integer.toString(lineMax));
        String threadName = Thread.currentThread().getName();
        // emulated, 10 to 50 times slower: a size in every 37 (the host run takes every size)
        int step = Emulation.underQemu() ? 37 : 1;
        List<Event> events = new ArrayList<>();
        try {
            for (int size = lineMax - SWEEP; size <= lineMax; size += step) {
                for (Carrier carrier : Carrier.values()) {
                    for (boolean failure : new boolean[] {false, true}) {
                        for (String message : MESSAGES) {
                            events.add(log(loggers, new Event(carrier, size, text(size), message, failure)));
                        }
                    }
                }
            }
        } finally {
            Thread.currentThread().setName(threadName);
        }
        Map<String, List<String>> failures = check(Files.readAllBytes(file), events, lineMax);
        StringBuilder report = new StringBuilder();
        failures.forEach((what, lines) -> report.append(lines.size()).append(" of ").append(events.size()).append(' ').append(what)
                .append(", e.g. ").append(lines.get(0)).append('\n'));
        assertTrue(failures.isEmpty(), report::toString);
    }

    /**
     * The edge exactly: an MDC value that makes the line end where the room kept for the count of
     * fields left out and {@code "syswrite.truncated":true} starts is written whole and nothing is
     * marked; one byte more and it is cut to half the room left, and the line says so.
     */
    @Test
    void aValueAtTheEdgeIsWholeAndOneByteMoreIsCut() throws IOException {
        Path file = dir.resolve("edge");
        TestLoggers loggers = new TestLoggers(file, true, "syswrite.logger.format", "json", "syswrite.logger.line.max", "1k",
                "syswrite.logger.time", "none", "syswrite.logger.thread", "false");
        String head = "{\"log.level\":\"INFO\",\"message\":\"m\",\"ecs.version\":\"" + JsonLayout.ECS_VERSION + "\",\"log.logger\":\"x\",\"ctx\":\"";
        String tail = "\"}\n";
        int countKept = ",\"syswrite.skipped_fields\":".length() + 10;
        String fits = "v".repeat(1024 - JsonLine.TRUNCATED.length() - countKept - head.length() - tail.length());
        for (String value : new String[] {fits, fits + "v"}) {
            loggers.mdc.put("ctx", value);
            loggers.factory.getLogger("x").info("m");
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(head + fits + tail, lines.get(0) + "\n", "whole, unmarked, at the last byte it may take");
        JsonNode cut = JsonLog.parse(lines.get(1).getBytes(StandardCharsets.UTF_8));
        assertEquals("m", cut.get("message").asText());
        String kept = cut.get("ctx").asText();
        assertTrue(fits.startsWith(kept) && kept.length() >= fits.length() / 2 - 1 && kept.length() < fits.length(), kept.length() + " of " + fits.length());
        assertTrue(cut.get("syswrite.truncated").booleanValue(), cut::toString);
    }

    /** Text of {@code size} chars, one of them escaped in JSON. */
    private static String text(int size) {
        return "q\"" + "x".repeat(size - 2);
    }

    private static Event log(TestLoggers loggers, Event event) {
        String logger = event.carrier == Carrier.LOGGER ? event.text : "x";
        Thread.currentThread().setName(event.carrier == Carrier.THREAD ? event.text : "main");
        if (event.carrier == Carrier.MDC) {
            loggers.mdc.put("ctx", event.text);
        }
        try {
            var builder = loggers.factory.getLogger(logger).atInfo();
            if (event.carrier == Carrier.KEY_VALUE) {
                builder = builder.addKeyValue("kv", event.text);
            }
            if (event.carrier == Carrier.MARKER) {
                builder = builder.addMarker(MARKERS.getDetachedMarker(event.text));
            }
            if (event.failure) {
                builder = builder.setCause(FAILURE);
            }
            builder.log("{}", event.message);
        } finally {
            loggers.mdc.clear();
        }
        return event;
    }

    /** What each line broke, by kind, with the lines that broke it. */
    private static Map<String, List<String>> check(byte[] bytes, List<Event> events, int lineMax) {
        Map<String, List<String>> failures = new TreeMap<>();
        int from = 0;
        for (Event event : events) {
            int end = from;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (end == bytes.length) {
                failures.computeIfAbsent("missing lines", k -> new ArrayList<>()).add(event.toString());
                break;
            }
            List<String> broken = new ArrayList<>();
            if (end + 1 - from > lineMax) {
                broken.add("over line.max");
            }
            try {
                broken.addAll(check(JsonLog.parse(Arrays.copyOfRange(bytes, from, end)), event));
            } catch (AssertionError notJson) {
                broken.add("not one JSON object");
            }
            for (String what : broken) {
                String line = new String(bytes, from, end - from, StandardCharsets.UTF_8).replaceAll("x{20,}", "x...");
                failures.computeIfAbsent(what, k -> new ArrayList<>()).add(event + ": " + line);
            }
            from = end + 1;
        }
        return failures;
    }

    /** What one line broke. */
    private static List<String> check(JsonNode line, Event event) {
        List<String> broken = new ArrayList<>();
        boolean truncated = line.path("syswrite.truncated").booleanValue();
        boolean skipped = line.path("syswrite.skipped_fields").intValue() > 0;
        JsonNode message = line.get("message");
        if (message == null) {
            broken.add("without message");
        } else if (!event.message.startsWith(message.textValue())) {
            broken.add("with a message not the logged one");
        } else if (!message.textValue().equals(event.message)) {
            if (!truncated) {
                broken.add("with a cut message and no syswrite.truncated");
            }
            if (!message.textValue().startsWith(kept(event.message))) {
                broken.add("with a message cut to less than its first " + MESSAGE_KEPT + " bytes");
            }
        }
        if (event.failure && !line.has("error.type")) {
            broken.add("with a Throwable and no error.type");
        } else if (event.failure && !FAILURE.getClass().getName().equals(line.get("error.type").textValue())) {
            broken.add("with a Throwable and a cut error.type");
        }
        JsonNode carried = switch (event.carrier) {
            case MDC -> line.get("ctx");
            case KEY_VALUE -> line.get("kv");
            case MARKER -> line.has("tags") ? line.get("tags").path(0) : null;
            case LOGGER -> line.get("log.logger");
            case THREAD -> line.get("process.thread.name");
        };
        if (carried == null) {
            if (!skipped || !truncated) {
                broken.add("without its " + event.carrier + " field and no syswrite.skipped_fields and syswrite.truncated");
            }
        } else if (carried.isMissingNode()) {
            if (!truncated) {
                broken.add("without its marker and no syswrite.truncated");
            }
        } else if (!event.text.startsWith(carried.textValue())) {
            broken.add("with a " + event.carrier + " field not the logged one");
        } else if (!carried.textValue().equals(event.text) && !truncated) {
            broken.add("with a cut " + event.carrier + " field and no syswrite.truncated");
        }
        return broken;
    }

    /** The longest start of {@code message} within {@value #MESSAGE_KEPT} bytes, for text JSON writes as it is. */
    private static String kept(String message) {
        int end = 0;
        for (int bytes = 0, next; end < message.length(); end = next) {
            next = message.offsetByCodePoints(end, 1);
            bytes += message.substring(end, next).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MESSAGE_KEPT) {
                break;
            }
        }
        return message.substring(0, end);
    }

    /** Escaped sizes as the line writes them: one or two bytes of ASCII, two to four of UTF-8, six for a lone surrogate, whole characters only. */
    @Test
    void escapedBytesCountsAsTheLineWrites() {
        String s = "a\"\n\u00e9\u4e2d\ud83d\ude00\ud800\u2028";
        assertEquals(1 + 2 + 2 + 2 + 3 + 4 + 6 + 6, JsonLine.escapedBytes(s, 0, s.length(), Integer.MAX_VALUE));
        assertEquals(10, JsonLine.escapedBytes(s, 0, s.length(), 13), "the pair does not fit whole");
        assertEquals(0, JsonLine.escapedBytes(s, 1, s.length(), 1));
    }
}
