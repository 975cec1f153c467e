package dev.syswrite.logging.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.syswrite.logging.event.ContextMap;
import dev.syswrite.logging.event.Level;
import dev.syswrite.logging.layout.EventBuffers;
import dev.syswrite.logging.layout.Layout;
import dev.syswrite.logging.layout.LayoutSettings;
import dev.syswrite.logging.layout.LineBytes;
import dev.syswrite.testkit.PureJava;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The pre-rendered line against the general text layout on the call's own objects, over every
 * text setting, with line limits placed around each line's length, names at and past their
 * tables' bounds, ids by the thousand, and one template with changing argument counts; and no
 * allocation once warm, even when a template's argument count alternates.
 */
@PureJava
class PrerenderedTextLayoutMatrixTest {
    private static final String[] PIECES = {"", "a", "order ", " \u00e9 ", "\t", "\n", "\r", "\u0007", "\u007f", "\u0085", "\u009b", "\\", "\\\\",
        "{", "}", "{}", "\\{}", "\\\\{}", "\\\\\\{}", "{{}}", "\ud83d", "\ude00", "\ud83d\ude00", "\u2028", "\u202e", "\u2066", "\ufffe", "\uffff",
        "\u0000", "x".repeat(70), "\u4e2d\u6587", "null", "\\{", "{\\}"};
    private static final String[] THREADS = {"main", "pool-1", "t \t\u00e9", "\ud83d", "x\ud83d", "\ude00y", "[br]", "", "\u2028\u0000",
        "n".repeat(255), "m".repeat(256), "l".repeat(257)};
    private static final String[] LOGGERS = {"dev.syswrite.Orders", "root", "a.b.\u0001c", "\ud83d.x", "x.\ud83d", "", ".", "a.", "\u00e9.\u00e9\u00e9",
        "L".repeat(1024), "K".repeat(1025), "q.".repeat(300) + "end"};
    private static final String[] MARKERS = {null, null, null, "AUDIT\n", "M", "\ud83d", "", "m".repeat(256), "n".repeat(257)};

    record Call(Level level, String logger, String marker, String template, int count, Object[] args, long micros, String thread) {}

    private static int compared;
    private static int written;

    private static LayoutSettings settings(LayoutSettings.TimePrecision time, boolean thread, LayoutSettings.LoggerNames names, boolean mdc,
            boolean escape, int lineMax) {
        return new LayoutSettings(LayoutSettings.Format.TEXT, time, thread, names, mdc, true, true, escape, lineMax, ContextMap.EMPTY);
    }

    /** Expected bytes: the general layout on the original objects. */
    private static byte[] general(LayoutSettings settings, Supplier<ContextMap> mdc, Call c) {
        Layout layout = Layout.of(settings, mdc);
        LineBytes lineBytes = new LineBytes(settings, layout.escapesOnEncode());
        EventBuffers.Slot slot = EventBuffers.unpooled();
        slot.line.reset(settings.lineMax(), layout.escapesOnEncode(), false);
        layout.head(slot, c.micros, null, c.level, c.logger, c.marker, null);
        layout.body(slot, null, c.template, c.count, null, null, c.args, null);
        long bytes = lineBytes.bytes(slot.line);
        ByteBuffer out = ByteBuffer.allocate(settings.lineMax() + 64);
        int end = lineBytes.encode(slot.encoder, slot.line, out, 0, lineBytes.cut(slot.line, bytes));
        return Arrays.copyOf(out.array(), end);
    }

    /** Returns the prerendered line, or null if declined; checks replay too. */
    private static byte[] check(LayoutSettings settings, Supplier<ContextMap> mdc, Call c) {
        Thread.currentThread().setName(c.thread);
        byte[] expected = general(settings, mdc, c);
        CapturedNames names = CapturedNames.bounded();
        EventCapture capture = new EventCapture(settings, mdc, new EventBuffers(1, ByteBuffer::allocateDirect), names);
        EventBuffers.Slot slot = EventBuffers.unpooled();
        capture.capture(slot, c.micros, c.level, c.logger, c.marker, c.template, c.count, null, null, c.args);
        PrerenderedTextLayout p = new PrerenderedTextLayout(settings, new PrerenderedPieces(settings, names));
        int length;
        try {
            length = p.layOut(slot.record, 0);
        } catch (RuntimeException e) {
            fail("threw " + e + " for " + describe(settings, c));
            return null;
        }
        compared++;
        if (length >= 0) {
            written++;
            byte[] actual = Arrays.copyOf(p.line(), length);
            if (!Arrays.equals(expected, actual)) {
                fail("MISMATCH " + describe(settings, c) + "\n expected " + show(expected) + "\n actual   " + show(actual));
            }
            return actual;
        }
        return null;
    }

    /** Captures the call in {@code slot} and, unless {@code p} declines it, checks its line; whether it wrote one. */
    private static boolean writesAsGeneral(LayoutSettings s, Supplier<ContextMap> mdc, EventCapture capture, EventBuffers.Slot slot,
            PrerenderedTextLayout p, Call c) {
        byte[] expected = general(s, mdc, c);
        capture.capture(slot, c.micros, c.level, c.logger, c.marker, c.template, c.count, null, null, c.args);
        int length = p.layOut(slot.record, 0);
        if (length < 0) {
            return false;
        }
        byte[] actual = Arrays.copyOf(p.line(), length);
        if (!Arrays.equals(expected, actual)) {
            fail("MISMATCH " + describe(s, c) + "\n expected " + show(expected) + "\n actual   " + show(actual));
        }
        return true;
    }

    private static String show(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        s = s.length() > 300 ? s.substring(0, 150) + "..." + s.substring(s.length() - 150) : s;
        StringBuilder out = new StringBuilder();
        for (char ch : s.toCharArray()) {
            out.append(ch >= 0x20 && ch < 0x7f ? String.valueOf(ch) : String.format("<%02x>", (int) ch));
        }
        return out + " (" + b.length + " bytes)";
    }

    private static String describe(LayoutSettings s, Call c) {
        return s.time() + " thread=" + s.thread() + " " + s.names() + " mdc=" + s.mdc() + " escape=" + s.escape() + " lineMax=" + s.lineMax()
                + " | " + c.level + " logger=" + esc(c.logger) + " marker=" + esc(c.marker) + " template=" + esc(c.template) + " count=" + c.count
                + " args=" + esc(Arrays.deepToString(c.args)) + " thread=" + esc(c.thread) + " micros=" + c.micros;
    }

    private static String esc(String s) {
        if (s == null) {
            return "null";
        }
        if (s.length() > 80) {
            s = s.substring(0, 80) + "...(" + s.length() + ")";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            out.append(ch >= 0x20 && ch < 0x7f ? String.valueOf(ch) : String.format("\\u%04x", (int) ch));
        }
        return out.append('"').toString();
    }

    private static Call random(Random r) {
        int n = r.nextInt(6);
        Object[] args = new Object[n];
        for (int i = 0; i < n; i++) {
            args[i] = switch (r.nextInt(13)) {
                case 0 -> r.nextInt();
                case 1 -> r.nextLong();
                case 2 -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
                case 3 -> r.nextFloat();
                case 4 -> r.nextBoolean();
                case 5 -> (PIECES[r.nextInt(PIECES.length)] + "c").charAt(0);
                case 6 -> null;
                case 7 -> new StringBuilder("built ").append(PIECES[r.nextInt(PIECES.length)]);
                case 8 -> new int[] {r.nextInt(), 2};
                case 9 -> new Object[] {PIECES[r.nextInt(PIECES.length)], null, 'c'};
                case 10 -> (short) r.nextInt();
                case 11 -> new Object() {
                    @Override
                    public String toString() {
                        return null;
                    }
                };
                default -> PIECES[r.nextInt(PIECES.length)] + PIECES[r.nextInt(PIECES.length)];
            };
        }
        StringBuilder t = new StringBuilder();
        int holes = n + r.nextInt(3) - 1;
        for (int i = 0; i < holes; i++) {
            t.append(PIECES[r.nextInt(PIECES.length)]).append(switch (r.nextInt(5)) {
                case 0 -> "\\{}";
                case 1 -> "\\\\{}";
                default -> "{}";
            });
        }
        t.append(PIECES[r.nextInt(PIECES.length)]);
        long micros = switch (r.nextInt(4)) {
            case 0 -> 1_796_688_000_000_000L + r.nextInt(3_000_000);
            case 1 -> -r.nextInt(5_000_000);
            case 2 -> 253_402_300_799_000_000L - r.nextInt(2_000_000);
            default -> r.nextLong() >>> 12;
        };
        Level level = Level.values()[r.nextInt(Level.EVENT_LEVELS)];
        int count = r.nextInt(8) == 0 ? Math.max(0, n - 1) : n; // sometimes fewer than the array holds
        return new Call(level, LOGGERS[r.nextInt(LOGGERS.length)], MARKERS[r.nextInt(MARKERS.length)], t.toString(), count, args, micros,
                THREADS[r.nextInt(THREADS.length)]);
    }

    @Test
    void matrixWithLimitsAroundTheLine() {
        Random r = new Random(7);
        List<Supplier<ContextMap>> mdcs = List.of(() -> ContextMap.EMPTY, () -> null);
        String original = Thread.currentThread().getName();
        try {
            for (int i = 0; i < 6000; i++) {
                Call c = random(r);
                LayoutSettings.TimePrecision time = LayoutSettings.TimePrecision.values()[r.nextInt(3)];
                boolean thread = r.nextBoolean();
                LayoutSettings.LoggerNames names = LayoutSettings.LoggerNames.values()[r.nextInt(3)];
                boolean mdc = r.nextBoolean();
                boolean escape = r.nextBoolean();
                Supplier<ContextMap> supplier = mdcs.get(r.nextInt(2));
                LayoutSettings big = settings(time, thread, names, mdc, escape, 1 << 20);
                Thread.currentThread().setName(c.thread);
                int length = general(big, supplier, c).length;
                for (int lineMax : new int[] {1 << 20, 8192, 8193, 128, 129, 200, length - 1, length, length + 1, length + 6}) {
                    if (lineMax < 1) {
                        continue;
                    }
                    check(settings(time, thread, names, mdc, escape, lineMax), supplier, c);
                }
            }
        } finally {
            Thread.currentThread().setName(original);
        }
        assertTrue(written > 1000);
    }

    /** One instance reused across events, templates reused with different counts (the cache's own path). */
    @Test
    void reusedInstanceAcrossCounts() {
        LayoutSettings s = settings(LayoutSettings.TimePrecision.MICROS, true, LayoutSettings.LoggerNames.SHORT, true, true, 4096);
        Supplier<ContextMap> mdc = () -> ContextMap.EMPTY;
        CapturedNames names = CapturedNames.bounded();
        EventCapture capture = new EventCapture(s, mdc, new EventBuffers(1, ByteBuffer::allocateDirect), names);
        PrerenderedTextLayout p = new PrerenderedTextLayout(s, new PrerenderedPieces(s, names));
        EventBuffers.Slot slot = EventBuffers.unpooled();
        String[] templates = {"a {} \\{} b", "{}", "x \\{} {} \\{}", "\\\\{} {} \\{}", "{} {} {}", "no holes \\{}", "\\{}"};
        Random r = new Random(3);
        int w = 0;
        for (int i = 0; i < 20000; i++) {
            String template = templates[r.nextInt(templates.length)];
            int count = r.nextInt(5);
            Object[] args = new Object[count];
            for (int k = 0; k < count; k++) {
                args[k] = r.nextBoolean() ? (Object) k : "s" + k;
            }
            long micros = 1_796_688_000_000_000L + r.nextInt(5_000_000);
            Call c = new Call(Level.INFO, "a.b.C", r.nextBoolean() ? "MK" : null, template, count, args, micros, "main");
            w += writesAsGeneral(s, mdc, capture, slot, p, c) ? 1 : 0;
        }
        assertTrue(w > 10000, "written " + w);
    }

    /** Steady state: the same template alternately with one and two arguments. */
    @Test
    void allocationWhenCountsAlternate() {
        LayoutSettings s = settings(LayoutSettings.TimePrecision.NONE, false, LayoutSettings.LoggerNames.FULL, false, true, 1 << 20);
        CapturedNames names = CapturedNames.bounded();
        EventCapture capture = new EventCapture(s, () -> null, new EventBuffers(1, ByteBuffer::allocateDirect), names);
        PrerenderedTextLayout p = new PrerenderedTextLayout(s, new PrerenderedPieces(s, names));
        EventBuffers.Slot slot1 = EventBuffers.unpooled();
        EventBuffers.Slot slot2 = EventBuffers.unpooled();
        String template = "user {} logged in";
        capture.capture(slot1, 0, Level.INFO, "l", null, template, 1, "ada", null, null);
        capture.capture(slot2, 0, Level.INFO, "l", null, template, 2, "ada", "extra", null);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 200_000; i++) { // warm
            sink += p.layOut(slot1.record, 0);
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            sink += p.layOut(slot1.record, 0);
        }
        long same = mx.getCurrentThreadAllocatedBytes() - before;
        for (int i = 0; i < 200_000; i++) { // warm
            sink += p.layOut((i & 1) == 0 ? slot1.record : slot2.record, 0);
        }
        before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            sink += p.layOut((i & 1) == 0 ? slot1.record : slot2.record, 0);
        }
        long alternating = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(sink != 0);
        assertEquals(0, same / 100_000, "bytes allocated per event, one template with one count");
        assertEquals(0, alternating / 100_000, "bytes allocated per event when one template is logged with 1 and 2 arguments in turn");
    }

    /** One instance, thousands of ids of every kind (caches grown past 64), compared event by event. */
    @Test
    void manyIdsOneInstance() {
        LayoutSettings s = settings(LayoutSettings.TimePrecision.MILLIS, true, LayoutSettings.LoggerNames.FULL, true, true, 1 << 20);
        Supplier<ContextMap> mdc = () -> ContextMap.EMPTY;
        CapturedNames names = CapturedNames.bounded();
        EventCapture capture = new EventCapture(s, mdc, new EventBuffers(1, ByteBuffer::allocateDirect), names);
        PrerenderedTextLayout p = new PrerenderedTextLayout(s, new PrerenderedPieces(s, names));
        EventBuffers.Slot slot = EventBuffers.unpooled();
        Random r = new Random(11);
        String original = Thread.currentThread().getName();
        int w = 0;
        try {
            for (int i = 0; i < 30_000; i++) {
                int k = r.nextInt(5000);
                String thread = "th-" + (k % 3000) + (k % 11 == 0 ? "\u00e9\t" : "");
                Thread.currentThread().setName(thread);
                String template = "tpl " + (k % 4000) + (k % 13 == 0 ? " \\{} " : " ") + "{} end" + (k % 17 == 0 ? " \\{}" : "");
                Object[] args = k % 3 == 0 ? new Object[] {k, "x"} : new Object[] {"s" + k};
                String marker = k % 5 == 0 ? "mk-" + (k % 2000) : null;
                long micros = 1_796_688_000_000_000L + r.nextInt(50_000_000);
                Call c = new Call(Level.values()[k % 5], "lg." + (k % 1500), marker, template, args.length, args, micros, thread);
                w += writesAsGeneral(s, mdc, capture, slot, p, c) ? 1 : 0;
            }
        } finally {
            Thread.currentThread().setName(original);
        }
        assertTrue(w > 25_000, "written " + w);
    }
}
