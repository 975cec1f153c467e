package dev.syswrite.logging.capture;

import static dev.syswrite.logging.capture.CapturedEvent.ABSENT;
import static dev.syswrite.logging.capture.CapturedEvent.INLINE;
import static dev.syswrite.logging.capture.CapturedEvent.getChars;
import static dev.syswrite.logging.capture.CapturedEvent.getString;
import static dev.syswrite.logging.capture.CapturedEvent.skipText;
import static dev.syswrite.logging.capture.CapturedEvent.textBytes;

import dev.syswrite.logging.event.ContextMap;
import dev.syswrite.logging.event.Level;
import dev.syswrite.logging.layout.EventBuffers;
import dev.syswrite.logging.layout.Layout;
import dev.syswrite.logging.layout.LayoutSettings;
import dev.syswrite.logging.text.CapturedValue;
import java.nio.ByteBuffer;

/**
 * The formatting half of the asynchronous mode: lays a {@link CapturedEvent} out in a slot's line
 * with the very layout the synchronous mode uses, so its line is byte for byte the one its caller
 * would have written. Runs on the writer thread (or on a caller that drains), on a slot of its
 * own; it calls no application code, since every argument was rendered at the call.
 */
public final class EventReplay {
    private static final Level[] LEVELS = Level.values();

    private final LayoutSettings settings;
    private final Layout layout;
    private final CapturedNames names;

    /**
     * @param settings what the layout writes, and the line limit
     * @param layout the layout, the same the callers use
     * @param names the tables of names the events were captured with
     */
    public EventReplay(LayoutSettings settings, Layout layout, CapturedNames names) {
        this.settings = settings;
        this.layout = layout;
        this.names = names;
    }

    /**
     * Lays the event out in {@code slot}'s line, which it resets first.
     *
     * @param slot a slot the calling thread holds
     * @param in where the record is
     * @param offset its first byte
     * @throws IllegalArgumentException if the record is not a captured event of this format
     */
    public void layOut(EventBuffers.Slot slot, ByteBuffer in, int offset) {
        if (in.get(offset) != CapturedEvent.FORMAT) {
            throw new IllegalArgumentException("not a captured event: format " + in.get(offset));
        }
        Level level = LEVELS[in.get(offset + CapturedEvent.LEVEL)];
        int taken = in.getInt(offset + CapturedEvent.ARGUMENTS);
        long micros = in.getLong(offset + CapturedEvent.TIME);
        int at = offset + CapturedEvent.FIXED;
        int id = in.getInt(offset + CapturedEvent.TEMPLATE);
        String pattern = id == CapturedEvent.NULL ? null : id == INLINE ? getString(in, at) : names.templates().nameOf(id);
        at = id == INLINE ? skipText(in, at) : at;
        id = in.getInt(offset + CapturedEvent.LOGGER);
        String logger = id == ABSENT ? "" : id == INLINE ? getString(in, at) : names.loggers().nameOf(id);
        at = id == INLINE ? skipText(in, at) : at;
        id = in.getInt(offset + CapturedEvent.MARKER);
        String marker = id == ABSENT ? null : id == INLINE ? getString(in, at) : names.markers().nameOf(id);
        at = id == INLINE ? skipText(in, at) : at;
        CapturedValue[] values = slot.capturedValues(taken);
        for (int i = 0; i < taken; i++) {
            at = argument(in, at, values[i]);
        }
        id = in.getInt(offset + CapturedEvent.THREAD);
        String thread = id == ABSENT ? null : id == INLINE ? getString(in, at) : names.threads().nameOf(id);
        at = id == INLINE ? skipText(in, at) : at;
        // One more than taken where the call had more: MessagePattern then reads the escapes after the last substitution.
        int count = taken + ((in.get(offset + CapturedEvent.FLAGS) & CapturedEvent.MORE_ARGUMENTS) != 0 ? 1 : 0);
        ContextMap context = null;
        if (settings.mdc()) {
            context = context(slot, in, at);
        }
        slot.replaying = true;
        slot.replayedContext = context;
        try {
            slot.line.reset(settings.lineMax(), layout.escapesOnEncode(), true); // no application code to call
            layout.head(slot, micros, thread, level, logger, marker, null);
            layout.body(slot, null, pattern, count, null, null, values, null);
        } finally {
            slot.replaying = false;
            slot.replayedContext = null;
        }
    }

    /**
     * The diagnostic context encoded at {@code at}: the one the slot rebuilt last time it met the
     * same bytes (a request's events carry one context), else rebuilt, and kept for next time.
     */
    private static ContextMap context(EventBuffers.Slot slot, ByteBuffer in, int at) {
        int end = contextEnd(in, at);
        ContextMap context = slot.replayedContexts().find(in, at, end);
        if (context == null) {
            context = contextAt(in, at);
            slot.replayedContexts().put(in, at, end, context);
        }
        return context;
    }

    /** The index after the diagnostic context encoded at {@code at}. */
    static int contextEnd(ByteBuffer in, int at) {
        int size = in.getInt(at);
        int end = at + 4;
        for (int i = 0; i < 2 * size; i++) {
            end = skipText(in, end);
        }
        return end;
    }

    /** The diagnostic context encoded at {@code at}, made anew. */
    static ContextMap contextAt(ByteBuffer in, int at) {
        int size = in.getInt(at);
        ContextMap context = ContextMap.EMPTY;
        for (int i = 0, from = at + 4; i < size; i++) {
            String key = getString(in, from);
            from = skipText(in, from);
            context = context.with(key, getString(in, from));
            from = skipText(in, from);
        }
        return context;
    }

    /** Decodes the argument at {@code at} into {@code value}; returns the index after it. */
    private static int argument(ByteBuffer in, int at, CapturedValue value) {
        byte tag = in.get(at++);
        switch (tag) {
            case CapturedEvent.TAG_NULL -> {
                value.setNull();
                return at;
            }
            case CapturedEvent.TAG_INT -> {
                value.setInt(in.getInt(at));
                return at + 4;
            }
            case CapturedEvent.TAG_LONG -> {
                value.setLong(in.getLong(at));
                return at + 8;
            }
            case CapturedEvent.TAG_FLOAT -> {
                value.setFloat(Float.intBitsToFloat(in.getInt(at)));
                return at + 4;
            }
            case CapturedEvent.TAG_DOUBLE -> {
                value.setDouble(Double.longBitsToDouble(in.getLong(at)));
                return at + 8;
            }
            case CapturedEvent.TAG_BOOLEAN -> {
                value.setBoolean(in.get(at) != 0);
                return at + 1;
            }
            case CapturedEvent.TAG_CHAR -> {
                value.setChar(in.getChar(at));
                return at + 2;
            }
            case CapturedEvent.TAG_TEXT -> {
                int chars = in.getInt(at);
                value.setText(chars);
                getChars(in, at + 4, value.textChars(), chars);
                return at + textBytes(chars);
            }
            default -> throw new IllegalArgumentException("argument tag " + tag);
        }
    }
}
