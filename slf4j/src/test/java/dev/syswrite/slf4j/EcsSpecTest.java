package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syswrite.logging.layout.JsonLayout;
import dev.syswrite.slf4j.testkit.JsonLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;

/**
 * Every JSON line against every rule of the ecs-logging spec (github.com/elastic/ecs-logging,
 * {@code spec/spec.json} and its README), written here as code: the required fields, their
 * order, their types, dotted top-level keys, label keys, and the defaults it asks loggers to
 * apply. Events of every kind (MDC and key-values that clash with ECS's fields, markers,
 * Throwables, hostile text), with and without the service settings, at the default line limit
 * and at the smallest.
 */
class EcsSpecTest {
    /** The fields the spec names and the JSON type it gives each ({@code datetime} is a string ECS parses as a date). */
    private static final Map<String, String> SPEC_TYPES = Map.ofEntries(Map.entry("@timestamp", "datetime"), Map.entry("log.level", "string"),
            Map.entry("message", "string"), Map.entry("ecs.version", "string"), Map.entry("labels", "object"), Map.entry("trace.id", "string"),
            Map.entry("transaction.id", "string"), Map.entry("service.name", "string"), Map.entry("service.node.name", "string"),
            Map.entry("service.version", "string"), Map.entry("event.dataset", "string"), Map.entry("service.environment", "string"),
            Map.entry("process.thread.name", "string"), Map.entry("log.logger", "string"), Map.entry("log.origin.file.line", "integer"),
            Map.entry("log.origin.file.name", "string"), Map.entry("log.origin.function", "string"), Map.entry("error.type", "string"),
            Map.entry("error.message", "string"), Map.entry("error.stack_trace", "string"));
    private static final String HOSTILE = "a\"\\\n\u0000\u2028\ud800z";

    @TempDir
    Path dir;

    @Test
    void everyLineKeepsEveryRuleWithoutServiceSettings() throws IOException {
        List<JsonNode> lines = logAll(dir.resolve("plain"), "1m");
        check(lines, null, null);
        checkTheClashes(lines.get(2));
        check(logAll(dir.resolve("small"), "1k"), null, null);
    }

    @Test
    void everyLineKeepsEveryRuleWithServiceSettings() throws IOException {
        String[] service = {"syswrite.logger.service.name", "orders", "syswrite.logger.service.version", "1.4.2",
            "syswrite.logger.service.environment", "production", "syswrite.logger.service.node.name", "node-7",
            "syswrite.logger.json.fields", "team=payments,region=eu-west-1"};
        List<JsonNode> lines = logAll(dir.resolve("service"), "1m", service);
        check(lines, "orders", "orders");
        checkTheClashes(lines.get(2));
        assertEquals("forged", lines.get(2).get("labels.service_name").asText(), "a configured field is taken");
        for (JsonNode line : lines) {
            assertEquals("1.4.2", line.get("service.version").asText());
            assertEquals("production", line.get("service.environment").asText());
            assertEquals("node-7", line.get("service.node.name").asText());
            assertEquals("payments", line.get("team").asText());
            assertEquals("eu-west-1", line.get("region").asText());
        }
        check(logAll(dir.resolve("dataset"), "1k", "syswrite.logger.service.name", "orders", "syswrite.logger.event.dataset", "orders.audit",
                "syswrite.logger.json.fields", "k=" + "v".repeat(150)), "orders", "orders.audit");
    }

    /** Logs one event of each kind to {@code file} at {@code lineMax}; returns the lines, parsed with duplicate keys refused. */
    private static List<JsonNode> logAll(Path file, String lineMax, String... settings) throws IOException {
        List<String> all = new ArrayList<>(List.of("syswrite.logger.format", "json", "syswrite.logger.line.max", lineMax));
        all.addAll(List.of(settings));
        TestLoggers loggers = new TestLoggers(file, true, all.toArray(new String[0]));
        Logger log = loggers.factory.getLogger("com.example.Orders");
        log.info("plain");
        log.warn("with a cause {}", HOSTILE, new IllegalStateException("declined " + HOSTILE));
        loggers.mdc.put("trace.id", "0af7651916cd43dd8448eb211c80319c");
        loggers.mdc.put("message", "an MDC entry named as an ECS field");
        loggers.mdc.put("labels.x.y", "a label key with a dot");
        log.atError().addMarker(new BasicMarkerFactory().getMarker("AUDIT")).addKeyValue("log.level", "forged").addKeyValue("qty", 3)
                .addKeyValue("ecs.version", 9).addKeyValue("service.name", "forged").addKeyValue("a*b\\c", true)
                .setCause(new RuntimeException("outer", new Error("inner"))).log("every part " + "\u00fc".repeat(700));
        loggers.mdc.clear();
        log.info("{}", "x".repeat(3000));
        assertTrue(loggers.factory.writer().flush());
        List<JsonNode> lines = JsonLog.read(file);
        assertEquals(4, lines.size());
        return lines;
    }

    /** Every rule on every line; {@code serviceName} and {@code dataset} as configured, or null for none. */
    private static void check(List<JsonNode> lines, String serviceName, String dataset) {
        for (JsonNode line : lines) {
            List<String> keys = new ArrayList<>();
            line.fieldNames().forEachRemaining(keys::add);
            String where = line.toString();
            // required fields, and the order the spec gives by index
            assertEquals(List.of("@timestamp", "log.level", "message"), keys.subList(0, 3), where);
            assertTrue(line.has("ecs.version"), where);
            assertEquals(JsonLayout.ECS_VERSION, line.get("ecs.version").asText(), where);
            Instant.parse(line.get("@timestamp").asText()); // a date ECS can read
            assertTrue(List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(line.get("log.level").asText()), where);
            // top-level dotted keys, never nested objects, for log.level and ecs.version (and everything else here)
            for (String key : keys) {
                assertTrue(!line.get(key).isObject(), "a nested object " + key + ": " + where);
                if (key.startsWith("labels.")) {
                    String label = key.substring("labels.".length());
                    assertTrue(!label.isEmpty() && label.chars().noneMatch(c -> c == '.' || c == '*' || c == '\\'), "label key " + key);
                }
            }
            assertTrue(!line.has("log") && !line.has("ecs") && !line.has("labels"), where);
            // each field the spec names has the spec's type
            SPEC_TYPES.forEach((field, type) -> {
                JsonNode value = line.get(field);
                if (value != null) {
                    boolean typed = switch (type) {
                        case "string", "datetime" -> value.isTextual();
                        case "integer" -> value.isIntegralNumber();
                        default -> value.isObject();
                    };
                    assertTrue(typed, field + " is not of type " + type + ": " + where);
                }
            });
            // configured service fields, and event.dataset defaulting to the service name
            if (serviceName != null) { // else an event may carry its own, as the third one does
                assertEquals(serviceName, line.path("service.name").textValue(), where);
                assertEquals(dataset, line.path("event.dataset").textValue(), where);
            }
        }
    }

    /** The event with MDC entries and key-values named as ECS's fields, at a limit it fits in whole. */
    private static void checkTheClashes(JsonNode every) {
        assertEquals("0af7651916cd43dd8448eb211c80319c", every.get("trace.id").asText(), "an APM agent's trace id, from the MDC");
        assertEquals("an MDC entry named as an ECS field", every.get("labels.message").asText(), every::toString);
        assertEquals("forged", every.get("labels.log_level").asText(), every::toString);
        assertEquals("ERROR", every.get("log.level").asText());
        assertEquals("a label key with a dot", every.get("labels.x_y").asText(), "a label's own key made fit for ECS");
        assertTrue(every.get("error.stack_trace").asText().contains("Caused by: java.lang.Error: inner"), every::toString);
    }
}
