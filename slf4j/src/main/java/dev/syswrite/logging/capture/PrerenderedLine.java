package dev.syswrite.logging.capture;

import static dev.syswrite.logging.capture.CapturedEvent.ABSENT;
import static dev.syswrite.logging.capture.CapturedEvent.INLINE;

import dev.syswrite.logging.layout.LayoutSettings;
import dev.syswrite.logging.text.UtcTimestamp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A layout's line of a captured event written as bytes, from pieces encoded once
 * ({@link PrerenderedPieces}: each level, each thread's, logger's and marker's name, each
 * template's literal parts) and the time's text up to its second, kept for the second. Per event
 * what is left is the time's fraction, the arguments, the diagnostic context and copies. One for
 * each layout: {@link PrerenderedTextLayout}, {@link PrerenderedJsonLayout}; what they share is
 * here (the line, the time, the arguments that print the same in both).
 *
 * <p>It writes exactly the bytes {@link EventReplay} and the layout write for the same record,
 * and only where that is plain to see: for anything else it declines (returns -1) and the record
 * goes the general way. It declines a record with a name or template carried inline, a null
 * message, a line that could reach the line limit (so it never cuts), and whatever its layout
 * names. One instance per formatting thread at a time (the writer thread's; each pooled slot's,
 * for the synchronous mode's callers): it holds that thread's line and scratch memory, about
 * {@value #LINE_BYTES} bytes.
 */
public abstract sealed class PrerenderedLine permits PrerenderedTextLayout, PrerenderedJsonLayout {
    /** The longest line it writes; a longer one goes the general way. */
    static final int LINE_BYTES = 8 * 1024;
    /** Under this line limit it declines every event: the time alone takes 29 bytes, a JSON line's keys 60. */
    static final int LINE_BYTES_LEAST = 128;
    static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    /** The text of one second, up to its fraction. */
    private record Second(long epochSecond, byte[] text) {}

    final LayoutSettings settings;
    final PrerenderedPieces pieces;
    final byte[] line = new byte[LINE_BYTES];
    private Second second = new Second(Long.MIN_VALUE, new byte[0]);
    private final StringBuilder number = new StringBuilder(32);
    /** A whole number's decimal text, written from the end: a long takes at most 20 bytes. */
    private final byte[] digits = new byte[20];

    /** The highest index the line may reach: at most {@link #LINE_BYTES}. */
    final int limit;

    PrerenderedLine(LayoutSettings settings, PrerenderedPieces pieces, int limit) {
        this.settings = settings;
        this.pieces = pieces;
        this.limit = Math.min(LINE_BYTES, limit);
    }

    /**
     * The layout's pre-rendered line for {@code settings}.
     *
     * @param settings the layout's settings
     * @param pieces the provider's pieces, built with the same settings
     * @return a line for one formatting thread at a time
     */
    public static PrerenderedLine of(LayoutSettings settings, PrerenderedPieces pieces) {
        return settings.format() == LayoutSettings.Format.JSON ? new PrerenderedJsonLayout(settings, pieces)
                : new PrerenderedTextLayout(settings, pieces);
    }

    /**
     * The bytes of the line laid out last, from index 0 to what {@link #layOut} returned.
     *
     * @return this layout's own array
     */
    public final byte[] line() {
        return line;
    }

    /**
     * Lays the event's line out as bytes in {@link #line()}, or declines.
     *
     * @param in where the record is
     * @param offset its first byte, a record of the current format
     * @return the line's length, its newline included; or -1 where the record goes the general way
     */
    public final int layOut(ByteBuffer in, int offset) {
        int template = in.getInt(offset + CapturedEvent.TEMPLATE);
        int logger = in.getInt(offset + CapturedEvent.LOGGER);
        int thread = in.getInt(offset + CapturedEvent.THREAD);
        int marker = in.getInt(offset + CapturedEvent.MARKER);
        if (limit < LINE_BYTES_LEAST || template < 0 || logger == INLINE || thread == INLINE || marker == INLINE
                || settings.thread() == (thread == ABSENT)) {
            return -1; // a name the pieces do not have, a null message, or the writer's own name where the record has none
        }
        int taken = in.getInt(offset + CapturedEvent.ARGUMENTS);
        int count = taken + ((in.get(offset + CapturedEvent.FLAGS) & CapturedEvent.MORE_ARGUMENTS) != 0 ? 1 : 0);
        byte[][] parts = pieces.template(template, count);
        if (parts == PrerenderedPieces.DECLINED || parts.length != taken + 1) {
            return -1;
        }
        return layOut(in, offset, parts, logger, thread, marker);
    }

    /**
     * Lays the line out from the template's literal parts (one more than its arguments) and the
     * names' ids, which the pieces hold; the line's length, or -1.
     */
    abstract int layOut(ByteBuffer in, int offset, byte[][] parts, int logger, int thread, int marker);

    /** Copies {@code piece} to {@code n}; the index after it, or -1 if it would reach the limit (or {@code n} is -1). */
    final int put(byte[] piece, int n) {
        if (n < 0 || n + piece.length > limit) {
            return -1;
        }
        System.arraycopy(piece, 0, line, n, piece.length);
        return n + piece.length;
    }

    /** Writes one ASCII char at {@code n}; the index after it, or -1. */
    final int put(char ascii, int n) {
        if (n < 0 || n + 1 > limit) {
            return -1;
        }
        line[n] = (byte) ascii;
        return n + 1;
    }

    /** Writes the time at {@code n}, up to its {@code Z}, as UtcTimestamp writes it; the index after, or -1. */
    final int time(long epochMicros, int fractionDigits, int n) {
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        Second text = second;
        if (text.epochSecond != seconds) {
            text = new Second(seconds, ascii(UtcTimestamp.secondOf(seconds)));
            second = text; // one store: a stop before it leaves the last second's, whole
        }
        n = put(text.text, n);
        if (n < 0 || n + fractionDigits + 1 > limit) {
            return -1;
        }
        int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
        int fraction = fractionDigits == 3 ? micros / 1000 : micros;
        for (int unit = fractionDigits == 3 ? 100 : 100_000; unit > 0; unit /= 10) {
            line[n++] = (byte) ('0' + fraction / unit % 10);
        }
        line[n++] = 'Z';
        return n;
    }

    /**
     * Writes the argument at {@code at} from {@code n} as {@code {}} prints it into the message,
     * the layout escaping a text or a char its way; the index after, or -1.
     */
    final int argument(ByteBuffer in, int at, int n) {
        byte tag = in.get(at++);
        switch (tag) {
            case CapturedEvent.TAG_INT -> {
                return putDecimal(in.getInt(at), n);
            }
            case CapturedEvent.TAG_LONG -> {
                return putDecimal(in.getLong(at), n);
            }
            case CapturedEvent.TAG_FLOAT -> {
                return putNumber(emptyNumber().append(Float.intBitsToFloat(in.getInt(at))), n);
            }
            case CapturedEvent.TAG_DOUBLE -> {
                return putNumber(emptyNumber().append(Double.longBitsToDouble(in.getLong(at))), n);
            }
            case CapturedEvent.TAG_BOOLEAN -> {
                return put(in.get(at) != 0 ? TRUE : FALSE, n);
            }
            case CapturedEvent.TAG_CHAR -> {
                return character(in.getChar(at), n);
            }
            case CapturedEvent.TAG_TEXT -> {
                return text(in, at, n);
            }
            default -> {
                return put(NULL, n); // TAG_NULL
            }
        }
    }

    /** Writes an argument that is a char, escaped as the layout escapes the message; the index after, or -1. */
    abstract int character(char c, int n);

    /** Writes an argument that is a text, encoded at {@code at}, as the layout writes it in the message; the index after, or -1. */
    abstract int text(ByteBuffer in, int at, int n);

    /**
     * Writes {@code v} in decimal as {@code Long.toString} does (an int's digits are the same as
     * a long's) to {@code n}; the index after, or -1. Straight to bytes: through the
     * {@code StringBuilder} it cost a copy of chars and a copy of bytes.
     */
    private int putDecimal(long v, int n) {
        int from = digits.length;
        long left = v < 0 ? v : -v; // counted down from the negative side, where Long.MIN_VALUE has room
        do {
            digits[--from] = (byte) ('0' - left % 10);
            left /= 10;
        } while (left != 0);
        if (v < 0) {
            digits[--from] = '-';
        }
        int length = digits.length - from;
        if (n < 0 || n + length > limit) {
            return -1;
        }
        System.arraycopy(digits, from, line, n, length);
        return n + length;
    }

    /** The builder a float's or double's text is made in, as {@code {}} makes it, emptied. */
    private StringBuilder emptyNumber() {
        number.setLength(0);
        return number;
    }

    /** Copies a number's ASCII text to {@code n}; the index after, or -1. */
    private int putNumber(StringBuilder text, int n) {
        int length = text.length();
        if (n < 0 || n + length > limit) {
            return -1;
        }
        for (int i = 0; i < length; i++) {
            line[n + i] = (byte) text.charAt(i);
        }
        return n + length;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
