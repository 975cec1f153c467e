package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syswrite.testkit.Emulation;
import dev.syswrite.logging.layout.JsonFieldNames;
import dev.syswrite.logging.layout.JsonLayout;
import dev.syswrite.slf4j.testkit.JsonLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Random text in every field the JSON layout writes (message, arguments, MDC keys and values,
 * key-value keys and values, markers, thread and logger names): every code point, surrogates
 * without partners, controls, quotes and backslashes. Every line must parse, with no key
 * repeated, and every field must read back as the same UTF-16 it was logged with; in the
 * synchronous and asynchronous modes and on the JDK's write path.
 */
class JsonFuzzTest {
    /** Not SLF4J's MarkerFactory, which would start SLF4J (with no provider) for the tests after this one. */
    private static final BasicMarkerFactory MARKERS = new BasicMarkerFactory();

    @TempDir
    Path dir;

    /** Characters an attacker would pick, each a fair share of the draws, and any code point at all. */
    private static final String NASTY = "\"\\\n\r\t\b\f\u0000\u001b\u007f\u0085\u2028\u2029\u202e{}/";

    static String randomText(Random random) {
        int length = random.nextInt(24);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> s.append(NASTY.charAt(random.nextInt(NASTY.length())));
                case 1 -> s.append((char) (0xd800 + random.nextInt(0x800))); // a lone surrogate, high or low
                case 2 -> s.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a pair
                case 3 -> s.append((char) random.nextInt(0x80));
                default -> s.appendCodePoint(random.nextInt(0x110000));
            }
        }
        return s.toString();
    }

    @ParameterizedTest(name = "{0}, native {1}")
    @CsvSource({"sync, true", "async, true", "sync, false"})
    void randomTextInEveryFieldReadsBackTheSame(String mode, boolean nativeWrites) throws Exception {
        Path file = dir.resolve("log");
        TestLoggers loggers = new TestLoggers(file, nativeWrites, "syswrite.logger.format", "json", "syswrite.logger.mode", mode,
                "syswrite.logger.sync.level", "off");
        Random random = new Random(mode.hashCode() * 31L + (nativeWrites ? 1 : 0));
        int events = Emulation.underQemu() ? 300 : 3000;
        List<Expected> expected = new ArrayList<>();
        String threadName = Thread.currentThread().getName();
        try {
            for (int e = 0; e < events; e++) {
                expected.add(logOne(loggers, random));
            }
        } finally {
            Thread.currentThread().setName(threadName);
            loggers.mdc.clear();
        }
        assertTrue(loggers.factory.writer().flush());
        List<JsonNode> lines = JsonLog.read(file);
        assertEquals(events, lines.size());
        for (int e = 0; e < events; e++) {
            expected.get(e).check(lines.get(e));
        }
    }

    /** What one event must read back as. */
    private record Expected(String logger, String thread, String message, String mdcKey, String mdcValue, String key, String value,
            String marker) {
        void check(JsonNode line) {
            String context = line.toString();
            assertEquals(logger, line.get("log.logger").textValue(), context);
            assertEquals(thread, line.get("process.thread.name").textValue(), context);
            assertEquals(message, line.get("message").textValue(), context);
            assertEquals(marker, line.get("tags").get(0).textValue(), context);
            String mdcName = name(mdcKey, null);
            assertEquals(mdcValue, line.get(mdcName).textValue(), context);
            String name = name(key, mdcName);
            if (name != null) {
                assertEquals(value, line.get(name).textValue(), context);
            }
        }
    }

    /**
     * Where the manual says a key goes: as it is, or (taken: it names no field, or clashes with a
     * field of the layout's own or with {@code earlier}) under {@code labels.}, with {@code .},
     * {@code *} and {@code \} made {@code _}; null if that is taken too.
     */
    private static String name(String key, String earlier) {
        String as = key.startsWith("labels.") ? label(key.substring("labels.".length())) : key;
        if (!taken(as, earlier)) {
            return as;
        }
        String label = label(key);
        return taken(label, earlier) ? null : label;
    }

    private static boolean taken(String name, String earlier) {
        return !JsonFieldNames.isFieldName(name) || name.equals("labels") || earlier != null && JsonFieldNames.clash(earlier, name)
                || JsonLayout.OWN_FIELDS.stream().anyMatch(own -> JsonFieldNames.clash(own, name));
    }

    private static String label(String key) {
        return "labels." + (key.isEmpty() ? "_" : key.replace('.', '_').replace('*', '_').replace('\\', '_'));
    }

    private static Expected logOne(TestLoggers loggers, Random random) {
        String logger = randomText(random);
        String thread = randomText(random);
        String mdcKey = randomText(random);
        String mdcValue = randomText(random);
        String key = randomText(random);
        String value = randomText(random);
        String marker = randomText(random);
        String a1 = randomText(random);
        String a2 = randomText(random);
        String text = randomText(random).replace("{}", "").replace("\\", ""); // the pattern's own syntax aside
        Thread.currentThread().setName(thread);
        loggers.mdc.clear();
        loggers.mdc.put(mdcKey, mdcValue);
        LoggingEventBuilder event = loggers.factory.getLogger(logger).atInfo().addMarker(MARKERS.getDetachedMarker(marker))
                .addKeyValue(key, value);
        event.log(text + "{}|{}", a1, a2);
        return new Expected(logger, thread, text + a1 + "|" + a2, mdcKey, mdcValue, key, value, marker);
    }
}
