package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syswrite.testkit.Emulation;
import dev.syswrite.logging.layout.EventBuffers;
import dev.syswrite.logging.text.LineBuilder;
import dev.syswrite.logging.layout.JsonLayout;
import dev.syswrite.slf4j.testkit.JsonLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;

/** {@code syswrite.logger.format=json}: the fields, their types, the keys no input can forge, the line limit, hostile Throwables. */
class JsonLayoutTest {
    /** Not SLF4J's MarkerFactory, which would start SLF4J (with no provider) for the tests after this one. */
    private static final BasicMarkerFactory MARKERS = new BasicMarkerFactory();

    @TempDir
    Path dir;

    private TestLoggers loggers(String... settings) {
        String[] all = new String[settings.length + 2];
        all[0] = "syswrite.logger.format";
        all[1] = "json";
        System.arraycopy(settings, 0, all, 2, settings.length);
        return new TestLoggers(dir.resolve("log"), true, all);
    }

    private List<JsonNode> lines() throws IOException {
        return JsonLog.read(dir.resolve("log"));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anEventHasTheDocumentedFieldsInOrder() throws IOException {
        TestLoggers loggers = loggers();
        loggers.mdc.put("request", "r-7");
        IllegalStateException failure = new IllegalStateException("no stock", new RuntimeException("cause"));
        loggers.factory.getLogger("com.example.Orders").atWarn().addMarker(MARKERS.getMarker("AUDIT"))
                .addMarker(MARKERS.getMarker("SECURITY")).addKeyValue("user", "ada").setCause(failure).log("order {} filled", 42);
        JsonNode line = JsonLog.only(dir.resolve("log"));
        assertEquals(List.of("@timestamp", "log.level", "message", "ecs.version", "process.thread.name", "log.logger", "request", "user",
                "tags", "error.type", "error.message", "error.stack_trace"), names(line));
        assertEquals(JsonLayout.ECS_VERSION, line.get("ecs.version").asText());
        assertTrue(line.get("@timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), line::toString);
        assertEquals("WARN", line.get("log.level").asText());
        assertEquals("com.example.Orders", line.get("log.logger").asText());
        assertEquals(Thread.currentThread().getName(), line.get("process.thread.name").asText());
        assertEquals("[\"AUDIT\",\"SECURITY\"]", line.get("tags").toString());
        assertEquals("r-7", line.get("request").asText());
        assertEquals("ada", line.get("user").asText());
        assertEquals("order 42 filled", line.get("message").asText());
        assertEquals(IllegalStateException.class.getName(), line.get("error.type").asText());
        assertEquals("no stock", line.get("error.message").asText());
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertEquals(trace.toString(), line.get("error.stack_trace").asText(), "as printStackTrace prints it, causes included");
    }

    @Test
    void theTextSettingsSwitchTheirFields() throws IOException {
        loggers("syswrite.logger.time", "micros", "syswrite.logger.name", "short").factory.getLogger("com.example.Orders")
                .info(MARKERS.getMarker("M"), "m");
        loggers("syswrite.logger.time", "none", "syswrite.logger.thread", "false", "syswrite.logger.name", "none",
                "syswrite.logger.markers", "false", "syswrite.logger.mdc", "false").factory.getLogger("x").info(MARKERS.getMarker("M"), "m");
        List<JsonNode> lines = lines();
        assertTrue(lines.get(0).get("@timestamp").asText().matches(".*\\.\\d{6}Z"), lines.get(0)::toString);
        assertEquals("Orders", lines.get(0).get("log.logger").asText());
        assertEquals(List.of("log.level", "message", "ecs.version"), names(lines.get(1)));
    }

    @Test
    void keyValuesKeepTheirJsonTypes() throws IOException {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException();
            }
        };
        BigDecimal sneaky = new BigDecimal("1") {
            private static final long serialVersionUID = 1L;

            @Override
            public String toString() {
                return "1, \"forged\": true";
            }
        };
        loggers().factory.getLogger("x").atInfo().addKeyValue("i", 42).addKeyValue("l", Long.MIN_VALUE).addKeyValue("s", (short) -3)
                .addKeyValue("b", (byte) 7).addKeyValue("big", new BigInteger("123456789012345678901234567890"))
                .addKeyValue("dec", new BigDecimal("-1.5E-300")).addKeyValue("d", 0.1).addKeyValue("f", 2.5f).addKeyValue("nan", Double.NaN)
                .addKeyValue("inf", Double.POSITIVE_INFINITY).addKeyValue("minf", Float.NEGATIVE_INFINITY).addKeyValue("t", true)
                .addKeyValue("n", (Object) null).addKeyValue("c", 'q').addKeyValue("arr", new int[] {1, 2}).addKeyValue("hostile", hostile)
                .addKeyValue("sneaky", sneaky).log("typed");
        JsonNode line = JsonLog.only(dir.resolve("log"));
        assertEquals(42, line.get("i").intValue());
        assertEquals(Long.MIN_VALUE, line.get("l").longValue());
        assertEquals(-3, line.get("s").intValue());
        assertEquals(7, line.get("b").intValue());
        assertTrue(line.get("big").isIntegralNumber());
        assertEquals(new BigInteger("123456789012345678901234567890"), line.get("big").bigIntegerValue());
        assertTrue(line.get("dec").isNumber());
        assertEquals(0.1, line.get("d").doubleValue());
        assertEquals(2.5, line.get("f").doubleValue());
        assertEquals("NaN", line.get("nan").textValue());
        assertEquals("Infinity", line.get("inf").textValue());
        assertEquals("-Infinity", line.get("minf").textValue());
        assertTrue(line.get("t").isBoolean() && line.get("t").booleanValue());
        assertTrue(line.get("n").isNull());
        assertEquals("q", line.get("c").textValue());
        assertEquals("[1, 2]", line.get("arr").textValue());
        assertEquals("[FAILED toString()]", line.get("hostile").textValue());
        assertEquals("1, \"forged\": true", line.get("sneaky").textValue(), "a subclass of BigDecimal is a string");
        assertFalse(line.has("forged"));
    }

    @Test
    void noInputRepeatsAKeyOrForgesAField() throws IOException {
        TestLoggers loggers = loggers();
        loggers.mdc.put("message", "forged by MDC");
        loggers.mdc.put("log.level", "ERROR");
        loggers.mdc.put("shared", "mdc");
        loggers.factory.getLogger("x").atInfo().addKeyValue("@timestamp", "forged").addKeyValue("k", 1).addKeyValue("k", 2)
                .addKeyValue("k", 3).addKeyValue("shared", "kv").addKeyValue("error.stack_trace", "forged")
                .addKeyValue("syswrite.truncated", true).addKeyValue("syswrite.skipped_fields", 0).addKeyValue("ecs.version", "9")
                .log("real");
        JsonNode line = JsonLog.only(dir.resolve("log")); // duplicate detection is on
        assertEquals("real", line.get("message").asText());
        assertEquals("INFO", line.get("log.level").asText());
        assertEquals(JsonLayout.ECS_VERSION, line.get("ecs.version").asText());
        assertEquals("forged by MDC", line.get("labels.message").asText(), "a taken key goes under labels., ECS's own place for it");
        assertEquals("ERROR", line.get("labels.log_level").asText(), "its dots made _, as ECS asks of label keys");
        assertEquals("forged", line.get("labels.@timestamp").asText());
        assertEquals(1, line.get("k").intValue(), "the first pair with a key keeps it");
        assertEquals(2, line.get("labels.k").intValue(), "the second goes under labels.");
        assertEquals("mdc", line.get("shared").asText(), "the MDC comes first");
        assertEquals("kv", line.get("labels.shared").asText());
        assertEquals("forged", line.get("labels.error_stack_trace").asText());
        assertTrue(line.get("labels.syswrite_truncated").booleanValue());
        assertEquals(0, line.get("labels.syswrite_skipped_fields").intValue());
        assertEquals("9", line.get("labels.ecs_version").asText());
        assertFalse(line.has("error.stack_trace") || line.has("syswrite.truncated"));
        assertEquals(1, line.get("syswrite.skipped_fields").intValue(), "the third k: labels.k was taken too");
        assertFalse(line.get("@timestamp").asText().equals("forged"));
    }

    /**
     * Keys Elasticsearch cannot map beside others: one the other's object ({@code x} and
     * {@code x.y}), an empty part ({@code ""}, {@code a.}, {@code .a}, {@code labels.}), the name of
     * ECS's label object: each goes under {@code labels.}, made fit.
     */
    @Test
    void keysThatCannotBeFieldsBesideOthersGoUnderLabels() throws IOException {
        TestLoggers loggers = loggers();
        loggers.mdc.put("x", "1");
        loggers.factory.getLogger("x").atInfo().addKeyValue("x.y", 2).addKeyValue("", 3).addKeyValue("a.", 4).addKeyValue(".a", 5)
                .addKeyValue("labels.", 6).addKeyValue("labels", 7).addKeyValue("error", 8).log("m");
        JsonNode line = JsonLog.only(dir.resolve("log"));
        assertEquals("1", line.get("x").asText());
        assertEquals(2, line.get("labels.x_y").intValue(), line::toString);
        assertEquals(3, line.get("labels._").intValue(), line::toString);
        assertEquals(4, line.get("labels.a_").intValue(), line::toString);
        assertEquals(5, line.get("labels._a").intValue(), line::toString);
        assertEquals(7, line.get("labels.labels").intValue(), line::toString);
        assertEquals(8, line.get("labels.error").intValue(), line::toString);
        assertEquals(6, line.get("labels.labels_").intValue(), "labels._ was the empty key's: " + line);
        assertFalse(line.has("syswrite.skipped_fields"), line::toString);
    }

    /** A marker left out for room leaves an array that is still JSON. */
    @Test
    void aMarkerLeftOutLeavesValidTags() throws IOException {
        loggers("syswrite.logger.line.max", "1k").factory.getLogger("x").atInfo().addMarker(MARKERS.getDetachedMarker("A".repeat(900)))
                .addMarker(MARKERS.getDetachedMarker("B")).log("tags");
        JsonNode line = JsonLog.only(dir.resolve("log"));
        assertEquals("[\"B\"]", line.get("tags").toString());
        assertTrue(line.get("syswrite.truncated").booleanValue());
    }

    /** The MDC a line writes is the one at the call, not one an argument's toString() changed while the message was formatted. */
    @Test
    void theContextIsTheOneAtTheCall() throws IOException {
        TestLoggers loggers = loggers();
        loggers.mdc.put("req", "r-1");
        Object meddling = new Object() {
            @Override
            public String toString() {
                loggers.mdc.put("req", "changed");
                loggers.mdc.put("added", "late");
                return "arg";
            }
        };
        loggers.factory.getLogger("x").info("{}", meddling);
        JsonNode line = JsonLog.only(dir.resolve("log"));
        assertEquals("r-1", line.get("req").asText());
        assertFalse(line.has("added"), line::toString);
    }

    /** A context of 10,000 entries: the line writes the first of them and counts the rest, in a bounded time. */
    @Test
    void aHugeContextIsBounded() throws IOException {
        TestLoggers loggers = loggers();
        for (int i = 0; i < 10_000; i++) {
            loggers.mdc.put("k" + i, "v");
        }
        loggers.factory.getLogger("x").info("m");
        JsonNode line = JsonLog.only(dir.resolve("log"));
        assertTrue(line.has("k0") && line.has("k" + (JsonLayout.MOST_KEYS - 1)) && !line.has("k" + JsonLayout.MOST_KEYS), "the first entries");
        assertEquals(10_000 - JsonLayout.MOST_KEYS, line.get("syswrite.skipped_fields").intValue());
    }

    @Test
    void everyLimitGivesOneWholeObjectThatSaysItWasCut() throws IOException {
        String message = "m\u00e9\u4e2d\ud83d\ude00\"\\\n".repeat(800); // 1, 2, 3, 4 bytes and escapes
        RuntimeException failure = new RuntimeException("boom");
        int step = Emulation.underQemu() ? 97 : 13;
        for (int limit = LoggerConfig.LINE_MAX_LEAST; limit <= 12 * 1024; limit += step) {
            Path file = dir.resolve("log" + limit);
            TestLoggers loggers = new TestLoggers(file, true, "syswrite.logger.format", "json", "syswrite.logger.line.max", Integer.toString(limit));
            loggers.mdc.put("request", "r".repeat(limit / 3));
            Logger log = loggers.factory.getLogger("x");
            log.info(message);
            log.error(message, failure);
            log.atInfo().addKeyValue("key", "v".repeat(limit)).addKeyValue("n", 5).log("short");
            byte[] bytes = Files.readAllBytes(file);
            int from = 0;
            int at = limit;
            for (JsonNode line : JsonLog.read(file)) {
                int end = indexOf(bytes, from);
                assertTrue(end - from + 1 <= limit, (end - from + 1) + " bytes at limit " + at);
                from = end + 1;
                assertTrue(line.get("syswrite.truncated").booleanValue(), line::toString);
                assertTrue(line.has("message") && (message.startsWith(line.get("message").asText()) || line.get("message").asText().equals("short")),
                        () -> at + ": " + line);
            }
            List<JsonNode> lines = JsonLog.read(file);
            assertEquals(3, lines.size());
            if (limit > 3000) {
                assertTrue(lines.get(1).get("error.stack_trace").asText().startsWith(RuntimeException.class.getName() + ": boom\n"),
                        "the trace keeps half the room: " + lines.get(1));
                assertEquals(5, lines.get(2).get("n").intValue(), "the field after the one left out");
            }
        }
    }

    /**
     * Every field ending on every byte near the limit: a key-value key, a tag (even an empty
     * marker name), a number longer than the line. Each line must still be one object of at most
     * {@code line.max} bytes.
     */
    @Test
    void everyFieldAtEveryEdgeOfTheLimitStaysOneObject() throws IOException {
        int limit = LoggerConfig.LINE_MAX_LEAST;
        Path file = dir.resolve("edges");
        TestLoggers loggers = new TestLoggers(file, true, "syswrite.logger.format", "json", "syswrite.logger.line.max", Integer.toString(limit),
                "syswrite.logger.thread", "false");
        Logger log = loggers.factory.getLogger("x");
        org.slf4j.Marker empty = new org.slf4j.helpers.BasicMarkerFactory().getMarker("");
        for (int n = 850; n < limit; n++) {
            log.atInfo().addKeyValue("k" + "a".repeat(n), "value").log("m");
            log.atInfo().addKeyValue("k" + "a".repeat(n), 7).log("m");
            log.atInfo().addKeyValue("pad", "p".repeat(n - 100)).addMarker(empty).addMarker(empty).log("m");
        }
        log.atInfo().addKeyValue("big", new java.math.BigInteger("9".repeat(2 * limit))).addKeyValue("after", 1).log("m");
        byte[] bytes = Files.readAllBytes(file);
        int from = 0;
        List<JsonNode> lines = JsonLog.read(file); // one object per line, or it throws
        for (JsonNode line : lines) {
            int end = indexOf(bytes, from);
            assertTrue(end - from + 1 <= limit, (end - from + 1) + " bytes: " + line);
            from = end + 1;
        }
        assertEquals(3 * (limit - 850) + 1, lines.size());
        assertEquals(1, lines.get(lines.size() - 1).get("after").intValue(), "a number too long is left out, the fields after it stay");
    }

    /** Text is escaped in chunks of 256 chars: a pair, or a lone surrogate, on either side of a chunk's end reads back the same. */
    @Test
    void surrogatesAtEveryChunkBoundary() throws IOException {
        Logger log = loggers().factory.getLogger("x");
        List<String> messages = new ArrayList<>();
        for (int offset = 250; offset < 262; offset++) {
            for (String tail : new String[] {"\ud83d\ude00", "\ud800x", "\udc00\ud83d", "\ud83d"}) {
                messages.add("a".repeat(offset) + tail + "b".repeat(offset));
                log.info(messages.get(messages.size() - 1));
            }
        }
        List<JsonNode> lines = lines();
        for (int i = 0; i < messages.size(); i++) {
            assertEquals(messages.get(i), lines.get(i).get("message").textValue());
        }
    }

    @Test
    void aLineThatFitsIsWholeAndNotMarked() throws IOException {
        loggers("syswrite.logger.line.max", "1k").factory.getLogger("x").info("a".repeat(800));
        JsonNode line = JsonLog.only(dir.resolve("log"));
        assertFalse(line.has("log.truncated"));
        assertEquals("a".repeat(800), line.get("message").asText());
    }

    /** The message and the stack trace are formatted in a second builder before they are escaped: it lets a huge event go too. */
    @Test
    void theBuffersLetAHugeEventGo() {
        TestLoggers loggers = loggers("syswrite.logger.line.max", "64m");
        loggers.factory.getLogger("x").error("{}", "z".repeat(5_000_000), new RuntimeException("y".repeat(1_000_000)));
        EventBuffers buffers = loggers.factory.writer().buffers();
        assertTrue(buffers.retainedChars() <= 2L * buffers.size() * LineBuilder.KEPT_CHARS, () -> buffers.retainedChars() + " chars kept");
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Test
    void hostileThrowablesGiveAWholeObject() throws IOException {
        RuntimeException hostile = new HostileThrowableTest.Hostile();
        IllegalStateException a = new IllegalStateException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        Logger log = loggers().factory.getLogger("x");
        log.warn("w {}", "arg", hostile);
        log.error("endless", new HostileThrowableTest.Endless());
        log.error("cycle", a);
        log.info("after");
        Iterator<JsonNode> lines = lines().iterator();
        JsonNode first = lines.next();
        assertEquals("w arg", first.get("message").asText());
        assertEquals("[FAILED getMessage()]", first.get("error.message").asText());
        assertEquals(hostile.getClass().getName() + ": [FAILED toString()]\n", first.get("error.stack_trace").asText());
        assertTrue(lines.next().get("error.stack_trace").asText().endsWith("Caused by: [more throwables not printed]\n"));
        StringWriter cycle = new StringWriter();
        a.printStackTrace(new PrintWriter(cycle));
        assertEquals(cycle.toString(), lines.next().get("error.stack_trace").asText());
        assertEquals("after", lines.next().get("message").asText());
        assertFalse(lines.hasNext());
    }
}
