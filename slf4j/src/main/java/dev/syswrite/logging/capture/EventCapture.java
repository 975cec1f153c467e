package dev.syswrite.logging.capture;

import static dev.syswrite.logging.capture.CapturedEvent.ABSENT;
import static dev.syswrite.logging.capture.CapturedEvent.FIXED;
import static dev.syswrite.logging.capture.CapturedEvent.INLINE;
import static dev.syswrite.logging.capture.CapturedEvent.putText;
import static dev.syswrite.logging.capture.CapturedEvent.textBytes;

import dev.syswrite.logging.event.ContextMap;
import dev.syswrite.logging.event.Level;
import dev.syswrite.logging.layout.EventBuffers;
import dev.syswrite.logging.layout.LayoutSettings;
import dev.syswrite.logging.text.MessagePattern;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Supplier;

/**
 * The calling thread's half of the asynchronous mode: captures an event as a
 * {@link CapturedEvent} in its slot's buffer, for the writer thread to format
 * ({@link EventReplay}), instead of formatting it. What it does on the caller is what must be
 * done there: read the time, take the diagnostic context, and render each argument that is not
 * a String or a primitive wrapper with {@code {}}'s rules (its {@code toString()} runs now, as in
 * the synchronous mode, and may log); the rest is copying.
 */
public final class EventCapture {
    // The kinds of name a slot remembers its last lookup of (EventBuffers.Slot#lastNames).
    private static final int TEMPLATE = 0;
    private static final int LOGGER = 1;
    private static final int THREAD = 2;
    private static final int MARKER = 3;

    private final LayoutSettings settings;
    private final Supplier<ContextMap> mdc;
    private final EventBuffers buffers;
    private final CapturedNames names;
    /**
     * The most chars of one text it copies: one more than a line holds, so a text cut here still
     * fills the line and marks it cut, exactly as the whole text would.
     */
    private final int textMost;

    /**
     * @param settings what the layout writes, and the line limit
     * @param mdc the calling thread's diagnostic context
     * @param buffers the slots' buffers, which records are encoded in
     * @param names the tables of names, shared with the replay
     */
    public EventCapture(LayoutSettings settings, Supplier<ContextMap> mdc, EventBuffers buffers, CapturedNames names) {
        this.settings = settings;
        this.mdc = mdc;
        this.buffers = buffers;
        this.names = names;
        this.textMost = settings.lineMax() + 1;
    }

    /**
     * Encodes the event into the slot's buffer, from index 0.
     *
     * @param slot the calling thread's slot
     * @param epochMicros the time of the call, if the layout writes one
     * @param level the event's level
     * @param logger the logger's name
     * @param marker a marker's name, or null
     * @param pattern the message, with {@code {}} where an argument goes
     * @param count how many arguments there are: from {@code more}, or else {@code a1} and {@code a2}
     * @param a1 the first argument, where {@code more} is null
     * @param a2 the second argument, where {@code more} is null
     * @param more all the arguments, or null
     * @return the record's length, from index 0 of {@link EventBuffers.Slot#record}
     */
    public int capture(EventBuffers.Slot slot, long epochMicros, Level level, String logger, String marker, String pattern, int count,
            Object a1, Object a2, Object[] more) {
        return capture(slot, epochMicros, level, logger, marker, pattern, count, a1, a2, more, false);
    }

    /**
     * Encodes the event as {@link #capture} does if every name its record holds (template,
     * logger, marker; under the text layout the thread, which JSON reads after the message, when
     * it is captured whatever its table holds) has an id in its table; else captures nothing, and
     * renders no argument, so the caller can lay the event out from its own objects: what the
     * synchronous mode asks before it writes an event from pre-rendered pieces, which decline a
     * record that carries a name's text (or a null message). The tables are asked as a capture
     * asks them, once: a name they have room for is added.
     *
     * @param slot the calling thread's slot
     * @param epochMicros the time of the call, if the layout writes one
     * @param level the event's level
     * @param logger the logger's name
     * @param marker a marker's name, or null
     * @param pattern the message, with {@code {}} where an argument goes
     * @param count how many arguments there are: from {@code more}, or else {@code a1} and {@code a2}
     * @param a1 the first argument, where {@code more} is null
     * @param a2 the second argument, where {@code more} is null
     * @param more all the arguments, or null
     * @return the record's length, from index 0 of {@link EventBuffers.Slot#record}; or -1, nothing captured
     */
    public int captureByIds(EventBuffers.Slot slot, long epochMicros, Level level, String logger, String marker, String pattern, int count,
            Object a1, Object a2, Object[] more) {
        return capture(slot, epochMicros, level, logger, marker, pattern, count, a1, a2, more, true);
    }

    private int capture(EventBuffers.Slot slot, long epochMicros, Level level, String logger, String marker, String pattern, int count,
            Object a1, Object a2, Object[] more, boolean byIdsOnly) {
        ContextMap context = settings.mdc() ? mdc.get() : null; // now: an argument's toString() may change it
        int template;
        int taken;
        if (pattern == null) {
            template = CapturedEvent.NULL;
            taken = 0;
        } else if (slot.lastNames[TEMPLATE] == pattern) {
            template = slot.lastIds[TEMPLATE];
            taken = Math.min(count, slot.lastTemplateTakes);
        } else if ((template = names.templates().idOf(pattern)) == INLINE) {
            taken = MessagePattern.argumentsTaken(pattern, count); // a long template: scanned only as far as the arguments go
        } else {
            int takes = MessagePattern.argumentsTaken(pattern, Integer.MAX_VALUE); // one scan, kept for the next calls
            taken = Math.min(count, takes);
            slot.lastNames[TEMPLATE] = null; // the name last, after what goes with it: see idOf
            slot.lastIds[TEMPLATE] = template;
            slot.lastTemplateTakes = takes;
            slot.lastNames[TEMPLATE] = pattern;
        }
        // The thread's name as the layout reads it: the text layout before the message, JSON after
        // it (a toString() may rename the thread).
        boolean threadAfter = settings.format() == LayoutSettings.Format.JSON;
        String thread = settings.thread() && !threadAfter ? Thread.currentThread().getName() : null;
        int loggerId = settings.names() == LayoutSettings.LoggerNames.NONE ? ABSENT : idOf(slot, LOGGER, names.loggers(), logger);
        int threadId = thread == null ? ABSENT : idOf(slot, THREAD, names.threads(), thread);
        int markerId = marker == null ? ABSENT : idOf(slot, MARKER, names.markers(), marker);
        if (byIdsOnly && (template < 0 || loggerId == INLINE || threadId == INLINE || markerId == INLINE)) {
            return -1; // before any argument is rendered: the caller renders them, once
        }
        ByteBuffer out = room(slot, null, 0, FIXED + 9 * taken);
        out.put(0, CapturedEvent.FORMAT).put(CapturedEvent.LEVEL, (byte) level.ordinal())
                .put(CapturedEvent.FLAGS, count > taken ? CapturedEvent.MORE_ARGUMENTS : (byte) 0).put(3, (byte) 0)
                .putInt(CapturedEvent.ARGUMENTS, taken).putLong(CapturedEvent.TIME, epochMicros)
                .putInt(CapturedEvent.TEMPLATE, template).putInt(CapturedEvent.LOGGER, loggerId)
                .putInt(CapturedEvent.MARKER, markerId);
        int at = FIXED;
        if (template == INLINE) {
            // Whole if {} substitution may shorten it (a "{}" of an empty argument, an escape):
            // only a template printed as it is may be cut where the line must end anyway.
            boolean asItIs = count == 0 || pattern.indexOf("{}") < 0;
            at = text(slot, at, pattern, 0, asItIs ? textMost : reachingChars(pattern, taken));
        }
        if (loggerId == INLINE) { // a short name is what follows the last dot of the whole name: that is taken, then cut
            int from = settings.names() == LayoutSettings.LoggerNames.SHORT ? logger.lastIndexOf('.') + 1 : 0;
            at = text(slot, at, logger, from, textMost);
        }
        if (markerId == INLINE) {
            at = text(slot, at, marker);
        }
        for (int i = 0; i < taken; i++) {
            at = argument(slot, at, more != null ? more[i] : i == 0 ? a1 : a2);
        }
        if (threadAfter && settings.thread()) {
            thread = Thread.currentThread().getName();
            threadId = idOf(slot, THREAD, names.threads(), thread);
        }
        room(slot, slot.record, at, 0).putInt(CapturedEvent.THREAD, threadId);
        if (threadId == INLINE) {
            at = text(slot, at, thread);
        }
        if (settings.mdc()) {
            int size = context == null ? 0 : context.size();
            room(slot, slot.record, at, 4).putInt(at, size);
            at += 4;
            for (int i = 0; i < size; i++) {
                at = text(slot, at, context.key(i), 0, Integer.MAX_VALUE); // whole: JSON makes labels of keys
                at = text(slot, at, context.value(i));
            }
        }
        return at;
    }

    /**
     * How much of a template carried inline can reach the line, substituted with {@code taken}
     * arguments. Substitution shortens it by at most 1 char an escape {@code \{}} and 3 chars a
     * substitution (an escaped {@code \\{}} with an empty argument), and makes at most
     * {@code taken} substitutions (the escapes after the last one stay as they are; counting them
     * is only cautious); so once what the template so far prints is sure to fill the line, nothing
     * after it is seen, however many {@code {}} follow. The margin covers an escape cut in two at
     * the end.
     */
    private int reachingChars(String pattern, int taken) {
        long shortened = 0;
        int substitutions = 0;
        for (int i = 0; i < pattern.length(); i++) {
            if (i - shortened > textMost + 4L) {
                return i;
            }
            if (pattern.charAt(i) == '{' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '}') {
                boolean escaped = i > 0 && pattern.charAt(i - 1) == '\\' && !(i > 1 && pattern.charAt(i - 2) == '\\'); // as MessagePattern reads it
                if (escaped) {
                    shortened++;
                } else if (substitutions < taken) {
                    substitutions++;
                    shortened += 3;
                }
            }
        }
        return pattern.length();
    }

    /**
     * The id of {@code s} in {@code table}: from the slot's last lookup of that kind if it was this
     * very string, else looked up and kept there.
     */
    private static int idOf(EventBuffers.Slot slot, int kind, NameTable table, String s) {
        if (slot.lastNames[kind] == s) {
            return slot.lastIds[kind];
        }
        int id = table.idOf(s);
        if (id != INLINE) {
            // Name and id never disagree, even for a caller that runs out of stack or is stopped
            // between two of these stores: no name, then the id, then the name.
            slot.lastNames[kind] = null;
            slot.lastIds[kind] = id;
            slot.lastNames[kind] = s;
        }
        return id;
    }

    /** Writes one argument at {@code at}; returns the index after it. */
    private int argument(EventBuffers.Slot slot, int at, Object o) {
        ByteBuffer out = room(slot, slot.record, at, 9);
        if (o == null) {
            out.put(at, CapturedEvent.TAG_NULL);
            return at + 1;
        } else if (o instanceof String s) {
            out.put(at, CapturedEvent.TAG_TEXT);
            return text(slot, at + 1, s);
        } else if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
            out.put(at, CapturedEvent.TAG_INT).putInt(at + 1, ((Number) o).intValue());
            return at + 5;
        } else if (o instanceof Long l) {
            out.put(at, CapturedEvent.TAG_LONG).putLong(at + 1, l);
            return at + 9;
        } else if (o instanceof Double d) {
            out.put(at, CapturedEvent.TAG_DOUBLE).putLong(at + 1, Double.doubleToRawLongBits(d));
            return at + 9;
        } else if (o instanceof Float f) {
            out.put(at, CapturedEvent.TAG_FLOAT).putInt(at + 1, Float.floatToRawIntBits(f));
            return at + 5;
        } else if (o instanceof Boolean b) {
            out.put(at, CapturedEvent.TAG_BOOLEAN).put(at + 1, (byte) (b ? 1 : 0));
            return at + 2;
        } else if (o instanceof Character c) {
            out.put(at, CapturedEvent.TAG_CHAR).putChar(at + 1, c);
            return at + 3;
        }
        // Rendered now, on the caller, as {} prints it; its toString() may log (in another slot) or throw.
        slot.line.reset(textMost, false, slot.nested >= EventBuffers.MAX_NESTED);
        MessagePattern.appendValue(slot.line, o);
        StringBuilder rendered = slot.line.chars();
        out = room(slot, slot.record, at, 1 + textBytes(rendered.length()));
        out.put(at, CapturedEvent.TAG_TEXT);
        return putText(out, at + 1, rendered, 0, rendered.length());
    }

    /** Writes {@code s} (null allowed), cut at {@link #textMost}, at {@code at}; returns the index after it. */
    private int text(EventBuffers.Slot slot, int at, String s) {
        return text(slot, at, s, 0, textMost);
    }

    /** Writes {@code s[from, ...)} (null allowed), at most {@code most} chars of it, at {@code at}; returns the index after it. */
    private int text(EventBuffers.Slot slot, int at, String s, int from, int most) {
        int chars = s == null ? 0 : Math.min(s.length() - from, most);
        return putText(room(slot, slot.record, at, textBytes(chars)), at, s, from, chars);
    }

    /**
     * The record's buffer, with room for {@code bytes} more at {@code at}, the first {@code at}
     * kept: the slot's own, grown as it grows; past a slot's most (or in a temporary slot) one
     * made for this record, which costs garbage, never the event.
     */
    private ByteBuffer room(EventBuffers.Slot slot, ByteBuffer out, int at, int bytes) {
        if (out != null && at + bytes <= out.capacity()) {
            return out;
        }
        ByteBuffer grown = buffers.bytes(slot, at + bytes, at);
        if (grown == null) {
            grown = ByteBuffer.allocate(Math.max(at + bytes, out == null ? 0 : 2 * out.capacity()));
            if (out != null) {
                grown.put(0, out, 0, at);
            }
        }
        // Absolute puts stop at the limit, which a line written from this buffer last time moved.
        slot.record = grown.clear().order(ByteOrder.nativeOrder()); // as the ring's memory, which the record is copied into
        return slot.record;
    }
}
