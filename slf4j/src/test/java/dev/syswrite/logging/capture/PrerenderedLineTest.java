package dev.syswrite.logging.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.logging.event.ContextMap;
import dev.syswrite.logging.event.Level;
import dev.syswrite.logging.layout.EventBuffers;
import dev.syswrite.logging.layout.JsonLayout;
import dev.syswrite.logging.layout.Layout;
import dev.syswrite.logging.layout.LayoutSettings;
import dev.syswrite.logging.layout.LineBytes;
import dev.syswrite.testkit.PureJava;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pre-rendered line, text or JSON, is the general layout's, byte for byte, for every record it does not
 * decline, and the general layout's line of the captured record is that of the logging call's own
 * objects: random events (templates with escapes, control characters, surrogates at every edge,
 * every argument type, diagnostic contexts; times across seconds, before 1970 and far ahead) under
 * each text setting and JSON's (with the fields every line carries, quotes in them).
 * The golden test shows the same through the whole provider with no time.
 */
@PureJava
class PrerenderedLineTest {
    private static final int EVENTS = 20_000;
    private static final String[] PIECES = {"", "a", "order ", " é ", "\t", "\n", "\u0007", "\\", "\\\\", "{", "}", "{}", "\\{}", "\\\\{}",
        "\ud83d", "\ude00", "\ud83d\ude00", "\u2028", "\uffff", "x".repeat(300)};

    /** Whole numbers at the edges of their digits and signs, each type as SLF4J passes it. */
    private static final Object[] EDGE_INTS = {0, -1, 9, 10, -10, Integer.MIN_VALUE, Integer.MAX_VALUE, (short) -32768, (byte) 127};
    private static final Object[] EDGE_LONGS = {0L, -9L, 99L, -100L, Long.MIN_VALUE, Long.MAX_VALUE, 1_000_000_000_000_000_000L,
        -999_999_999_999_999_999L};

    static Stream<LayoutSettings> settings() {
        return Stream.of(
                settings(LayoutSettings.TimePrecision.MILLIS, true, LayoutSettings.LoggerNames.FULL, true, 64 << 10),
                settings(LayoutSettings.TimePrecision.MICROS, true, LayoutSettings.LoggerNames.SHORT, false, 64 << 10),
                settings(LayoutSettings.TimePrecision.NONE, false, LayoutSettings.LoggerNames.NONE, true, 64 << 10),
                settings(LayoutSettings.TimePrecision.MICROS, true, LayoutSettings.LoggerNames.FULL, true, 400),
                new LayoutSettings(LayoutSettings.Format.TEXT, LayoutSettings.TimePrecision.MILLIS, true, LayoutSettings.LoggerNames.FULL,
                        true, true, true, true, 64 << 10, ContextMap.EMPTY),
                new LayoutSettings(LayoutSettings.Format.JSON, LayoutSettings.TimePrecision.MILLIS, true, LayoutSettings.LoggerNames.FULL,
                        true, true, true, true, 64 << 10, ContextMap.EMPTY),
                new LayoutSettings(LayoutSettings.Format.JSON, LayoutSettings.TimePrecision.MICROS, true, LayoutSettings.LoggerNames.SHORT,
                        true, true, true, true, 1024, ContextMap.EMPTY.with("service.name", "orders \"eu\"").with("event.dataset", "app")),
                new LayoutSettings(LayoutSettings.Format.JSON, LayoutSettings.TimePrecision.NONE, false, LayoutSettings.LoggerNames.NONE,
                        false, false, true, true, 400, ContextMap.EMPTY));
    }

    private static LayoutSettings settings(LayoutSettings.TimePrecision time, boolean thread, LayoutSettings.LoggerNames names,
            boolean escape, int lineMax) {
        return new LayoutSettings(LayoutSettings.Format.TEXT, time, thread, names, false, true, true, escape, lineMax, ContextMap.EMPTY);
    }

    /** A random diagnostic context: often none, else a few entries of the same pieces, a null value among them. */
    private static ContextMap context(Random random) {
        ContextMap context = ContextMap.EMPTY;
        for (int i = random.nextInt(2) * random.nextInt(4); i > 0; i--) {
            String value = random.nextInt(6) == 0 ? null : PIECES[random.nextInt(PIECES.length)];
            context = context.with("k" + PIECES[random.nextInt(PIECES.length)] + i, value);
        }
        return context;
    }

    /**
     * One layout's three ways to a line: the general layout from the call's objects (the oracle),
     * the general layout from the captured record, and the pre-rendered line.
     */
    private static final class Comparison {
        private final ContextMap[] current = {ContextMap.EMPTY};
        private final LayoutSettings settings;
        private final CapturedNames names = CapturedNames.bounded();
        private final EventCapture capture;
        private final Layout layout;
        private final EventReplay replay;
        private final LineBytes lineBytes;
        private final PrerenderedLine prerendered;
        private final EventBuffers.Slot caller = EventBuffers.unpooled();
        private final EventBuffers.Slot formatter = EventBuffers.unpooled();
        private final ByteBuffer general = ByteBuffer.allocateDirect(1 << 20);
        /** The last oracle line, and whether the general layout cut it. */
        byte[] expected;
        boolean cut;

        Comparison(LayoutSettings settings) {
            this.settings = settings;
            Supplier<ContextMap> mdc = () -> current[0];
            this.capture = new EventCapture(settings, mdc, new EventBuffers(1, ByteBuffer::allocateDirect), names);
            this.layout = Layout.of(settings, mdc);
            this.replay = new EventReplay(settings, layout, names);
            this.lineBytes = new LineBytes(settings, layout.escapesOnEncode());
            this.prerendered = PrerenderedLine.of(settings, new PrerenderedPieces(settings, names));
        }

        /**
         * Asserts that the record replays to the oracle's line and that the pre-rendered line is
         * that line too, or declines; returns its length, or -1.
         */
        int check(Level level, String logger, String marker, String template, Object[] arguments, long micros, ContextMap context) {
            current[0] = context;
            capture.capture(caller, micros, level, logger, marker, template, arguments.length, null, null, arguments);
            ByteBuffer record = caller.record;
            formatter.line.reset(settings.lineMax(), layout.escapesOnEncode(), false);
            layout.head(formatter, micros, null, level, logger, marker, null);
            layout.body(formatter, null, template, arguments.length, null, null, arguments, null);
            expected = encode(lineBytes, formatter, general);
            cut = lineBytes.cut(formatter.line, lineBytes.bytes(formatter.line));
            replay.layOut(formatter, record, 0);
            assertArrayEquals(expected, encode(lineBytes, formatter, general), () -> "replayed " + template);
            int length = prerendered.layOut(record, 0);
            if (length >= 0) {
                assertArrayEquals(expected, Arrays.copyOf(prerendered.line(), length),
                        () -> "template " + template + " arguments " + Arrays.toString(arguments) + " context " + context + " at " + micros);
            }
            return length;
        }
    }

    @ParameterizedTest
    @MethodSource("settings")
    void writesWhatTheGeneralLayoutWrites(LayoutSettings settings) {
        Comparison comparison = new Comparison(settings);
        Random random = new Random(42);
        int written = 0;
        for (int i = 0; i < EVENTS; i++) {
            Object[] arguments = arguments(random);
            String template = template(random, arguments.length);
            Thread.currentThread().setName(random.nextInt(4) == 0 ? "pool-" + random.nextInt(3) : "main \t\u00e9");
            String logger = List.of("dev.syswrite.Orders", "root", "a.b.\u0001c", "\ud83d.x").get(random.nextInt(4));
            String marker = random.nextInt(5) == 0 ? "AUDIT\n" : null;
            long micros = time(random);
            Level level = Level.values()[random.nextInt(Level.values().length)];
            if (comparison.check(level, logger, marker, template, arguments, micros, context(random)) >= 0) {
                written++;
            } else {
                assertTrue(comparison.cut || comparison.expected.length > 300 || declinable(template, arguments)
                        || settings.format() == LayoutSettings.Format.JSON && !plainInJson(arguments), () -> "declined " + template
                        + " with " + Arrays.toString(arguments));
            }
        }
        // JSON writes from pieces only arguments JSON writes as they are, which the random ones seldom all are.
        int least = settings.format() == LayoutSettings.Format.JSON ? EVENTS / 10 : EVENTS / 2;
        assertTrue(written > least, written + " of " + EVENTS + " written from pieces");
        Thread.currentThread().setName("main");
    }

    /**
     * Under JSON, a context's fields are copied as the layout wrote them for the same context:
     * every pair of keys that clash with the layout's fields, with the fields every line carries,
     * with each other or with nothing, or that name no field, at the edges of the layout's
     * {@code labels.} rules; and contexts around the most keys a line writes.
     */
    @Test
    void jsonContextsAreTheLayoutsForEveryPairOfKeys() {
        String[] keys = {"message", "labels", "labels.x", "labels.", "labels.message", "a", "a.b", "", ".", "a..b", "x*y", "k\\",
            "k\"q", "@timestamp", "log.level.x", "ecs.version", "service.name", "service.name.x", "syswrite.truncated", "labels.*",
            "labels..", "labels._", "custom", "custom.y", "tags.x", "\u0001", "\ud83d", "\ud83d\ude00", "k\u2028", "user.id"};
        Comparison comparison = new Comparison(new LayoutSettings(LayoutSettings.Format.JSON, LayoutSettings.TimePrecision.MILLIS, true,
                LayoutSettings.LoggerNames.FULL, true, true, true, true, 64 << 10, ContextMap.EMPTY.with("service.name", "s").with("custom.y", "c")));
        int written = 0;
        for (String a : keys) {
            for (String b : keys) {
                ContextMap context = ContextMap.EMPTY.with(a, "1").with(b, null).with("user", "ada \"l\"");
                written += comparison.check(Level.WARN, "dev.syswrite.Orders", "AUDIT", "k {}", new Object[] {7}, 1_000_000L, context) >= 0 ? 1 : 0;
            }
        }
        assertTrue(written > keys.length * keys.length / 2, written + " of " + keys.length * keys.length + " written from pieces");
        for (int size = JsonLayout.MOST_KEYS - 2; size <= JsonLayout.MOST_KEYS + 2; size++) {
            ContextMap context = ContextMap.EMPTY;
            for (int i = 0; i < size; i++) {
                context = context.with(i == size / 2 ? "message" : "k" + i, i % 7 == 0 ? null : "v");
            }
            int length = comparison.check(Level.INFO, "x", null, "n {}", new Object[] {size}, 0, context);
            assertEquals(size > JsonLayout.MOST_KEYS, length < 0, size + " entries: declined only past the most keys a line writes");
        }
    }

    /** The slot's line as the synchronous mode encodes it. */
    private static byte[] encode(LineBytes lineBytes, EventBuffers.Slot slot, ByteBuffer out) {
        long bytes = lineBytes.bytes(slot.line);
        int end = lineBytes.encode(slot.encoder, slot.line, out, 0, lineBytes.cut(slot.line, bytes));
        byte[] line = new byte[end];
        out.get(0, line);
        return line;
    }

    /** Whether every argument that prints text prints only what JSON writes as it is: printable ASCII but {@code "} and {@code \}. */
    private static boolean plainInJson(Object[] arguments) {
        for (Object argument : arguments) {
            if (argument instanceof CharSequence || argument instanceof Character) {
                if (!String.valueOf(argument).chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\')) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether a surrogate or a noncharacter at a piece's edge may make it decline. */
    private static boolean declinable(String template, Object[] arguments) {
        return (template + Arrays.toString(arguments)).matches("(?s).*[\ud800-\udfff\uffff].*");
    }

    private static String template(Random random, int holes) {
        StringBuilder template = new StringBuilder();
        for (int i = 0; i < holes + random.nextInt(2); i++) {
            template.append(PIECES[random.nextInt(PIECES.length)]).append(random.nextInt(3) == 0 ? "\\{}" : "{}");
        }
        return template.append(PIECES[random.nextInt(PIECES.length)]).toString();
    }

    private static Object[] arguments(Random random) {
        Object[] arguments = new Object[random.nextInt(5)];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = switch (random.nextInt(10)) {
                case 0 -> random.nextBoolean() ? random.nextInt() : EDGE_INTS[random.nextInt(EDGE_INTS.length)];
                case 1 -> random.nextBoolean() ? random.nextLong() >> random.nextInt(64) : EDGE_LONGS[random.nextInt(EDGE_LONGS.length)];
                case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                case 3 -> random.nextFloat();
                case 4 -> random.nextBoolean();
                case 5 -> (PIECES[random.nextInt(PIECES.length)] + "c").charAt(0);
                case 6 -> null;
                case 7 -> new StringBuilder("built ").append(PIECES[random.nextInt(PIECES.length)]);
                default -> PIECES[random.nextInt(PIECES.length)] + PIECES[random.nextInt(PIECES.length)];
            };
        }
        return arguments;
    }

    private static long time(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 1_796_688_000_000_000L + random.nextInt(3_000_000); // a few seconds of 2026
            case 1 -> -random.nextInt(5_000_000); // just before 1970
            case 2 -> 253_402_300_799_000_000L - random.nextInt(2_000_000); // the last seconds of 9999
            default -> random.nextLong() >>> 12;
        };
    }

    @ParameterizedTest
    @MethodSource("settings")
    void declinesWhatItCannotWriteExactly(LayoutSettings settings) {
        CapturedNames names = CapturedNames.bounded();
        EventCapture capture = new EventCapture(settings, () -> ContextMap.EMPTY, new EventBuffers(1, ByteBuffer::allocateDirect), names);
        PrerenderedLine prerendered = PrerenderedLine.of(settings, new PrerenderedPieces(settings, names));
        EventBuffers.Slot slot = EventBuffers.unpooled();
        capture.capture(slot, 0, Level.INFO, "l", null, null, 0, null, null, null);
        assertEquals(-1, prerendered.layOut(slot.record, 0), "a null message");
        capture.capture(slot, 0, Level.INFO, "l", null, "x".repeat(5000), 0, null, null, null);
        assertEquals(-1, prerendered.layOut(slot.record, 0), "an inline template");
        capture.capture(slot, 0, Level.INFO, "l", null, "long {}", 1, "y".repeat(settings.lineMax()), null, null);
        assertEquals(-1, prerendered.layOut(slot.record, 0), "a line that reaches the limit");
        capture.capture(slot, 0, Level.INFO, "l", null, "pair {}", 1, "\ude00 low first", null, null);
        assertEquals(-1, prerendered.layOut(slot.record, 0), "a low surrogate after a piece");
    }
}
