package dev.syswrite.logging.capture;

import static dev.syswrite.logging.capture.CapturedEvent.ABSENT;
import static dev.syswrite.logging.capture.CapturedEvent.INLINE;

import dev.syswrite.logging.layout.LayoutSettings;
import dev.syswrite.logging.text.UtcTimestamp;
import dev.syswrite.logging.text.Utf8;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The text layout's line of a captured event written as bytes, from pieces encoded once
 * ({@link PrerenderedPieces}: each level, each thread's, logger's and marker's name, each
 * template's literal parts) and the time's text up to its second, kept for the second. Per event
 * what is left is the time's fraction, the arguments, the diagnostic context and copies.
 *
 * <p>It writes exactly the bytes {@link EventReplay} and the text layout write for the same
 * record, and only where that is plain to see: for anything else it declines (returns -1) and
 * the record goes the general way. It declines a record with a name or template carried inline,
 * a null message, a line that could reach the line limit (so it never cuts), and an argument
 * whose surrogate the general layout could join with a piece beside it (a text ending in a high
 * surrogate or starting with a low one, a surrogate char). One instance per formatting thread at
 * a time (the writer thread's; each pooled slot's, for the synchronous mode's callers): it holds
 * that thread's line and scratch memory, about {@value #LINE_BYTES} bytes.
 */
public final class PrerenderedTextLayout {
    /** The longest line it writes; a longer one goes the general way. */
    private static final int LINE_BYTES = 8 * 1024;
    /** Under this line limit it declines every event: the time alone takes 29 bytes. */
    private static final int LINE_BYTES_LEAST = 128;
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] OPEN_CONTEXT = ascii("{");
    private static final byte[] ENTRY_VALUE = ascii("=");
    private static final byte[] NEXT_ENTRY = ascii(", ");
    private static final byte[] CLOSE_CONTEXT = ascii("} ");

    /** The text of one second, up to its fraction, encoded. */
    private record Second(long epochSecond, byte[] text) {}

    private final LayoutSettings settings;
    private final PrerenderedPieces pieces;
    private final boolean escape;
    private final int maxBytesPerChar;
    private final int limit;
    private final byte[] line = new byte[LINE_BYTES];
    private Second second = new Second(Long.MIN_VALUE, new byte[0]);
    private final StringBuilder number = new StringBuilder(32);
    /** A whole number's decimal text, written from the end: a long takes at most 20 bytes. */
    private final byte[] digits = new byte[20];
    private char[] chars = new char[256];

    /**
     * @param settings the text layout's settings
     * @param pieces the provider's pieces, built with the same settings
     */
    public PrerenderedTextLayout(LayoutSettings settings, PrerenderedPieces pieces) {
        this.settings = settings;
        this.pieces = pieces;
        this.escape = pieces.escape();
        this.maxBytesPerChar = pieces.maxBytesPerChar();
        this.limit = Math.min(LINE_BYTES, settings.lineMax());
    }

    /**
     * The bytes of the line laid out last, from index 0 to what {@link #layOut} returned.
     *
     * @return this layout's own array
     */
    public byte[] line() {
        return line;
    }

    /**
     * Lays the event's line out as bytes in {@link #line()}, or declines.
     *
     * @param in where the record is
     * @param offset its first byte, a record of the current format
     * @return the line's length, its newline included; or -1 where the record goes the general way
     */
    public int layOut(ByteBuffer in, int offset) {
        int template = in.getInt(offset + CapturedEvent.TEMPLATE);
        int logger = in.getInt(offset + CapturedEvent.LOGGER);
        int thread = in.getInt(offset + CapturedEvent.THREAD);
        int marker = in.getInt(offset + CapturedEvent.MARKER);
        if (limit < LINE_BYTES_LEAST || template < 0 || logger == INLINE || thread == INLINE || marker == INLINE
                || settings.thread() == (thread == ABSENT)) {
            return -1;
        }
        int taken = in.getInt(offset + CapturedEvent.ARGUMENTS);
        int count = taken + ((in.get(offset + CapturedEvent.FLAGS) & CapturedEvent.MORE_ARGUMENTS) != 0 ? 1 : 0);
        byte[][] parts = pieces.template(template, count);
        if (parts == PrerenderedPieces.DECLINED || parts.length != taken + 1) {
            return -1;
        }
        int n = 0;
        if (settings.time() != LayoutSettings.TimePrecision.NONE) {
            n = time(in.getLong(offset + CapturedEvent.TIME), settings.time().digits());
        }
        if (settings.thread()) {
            n = put(pieces.thread(thread), n);
        }
        n = put(pieces.level(in.get(offset + CapturedEvent.LEVEL)), n);
        n = put(pieces.logger(logger), n);
        if (marker != ABSENT) {
            n = put(pieces.marker(marker), n);
        }
        int at = offset + CapturedEvent.FIXED;
        if (settings.mdc()) {
            int context = at;
            for (int i = 0; i < taken; i++) {
                context = CapturedEvent.skipArgument(in, context);
            }
            n = context(in, context, n);
        }
        if (n < 0 || n + 2 > limit) {
            return -1;
        }
        line[n++] = '-';
        line[n++] = ' ';
        n = put(parts[0], n);
        for (int i = 0; i < taken && n >= 0; i++) {
            n = argument(in, at, n);
            at = CapturedEvent.skipArgument(in, at);
            n = put(parts[i + 1], n);
        }
        if (n < 0 || n + 1 > limit) {
            return -1;
        }
        line[n++] = '\n';
        return n;
    }

    /** Copies {@code piece} to {@code n}; the index after it, or -1 if it would reach the limit (or {@code n} is -1). */
    private int put(byte[] piece, int n) {
        if (n < 0 || n + piece.length > limit) {
            return -1;
        }
        System.arraycopy(piece, 0, line, n, piece.length);
        return n + piece.length;
    }

    /** Writes the time and the space after it from 0, as UtcTimestamp writes it; the index after. */
    private int time(long epochMicros, int digits) {
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        Second text = second;
        if (text.epochSecond != seconds) {
            text = new Second(seconds, pieces.encode(UtcTimestamp.secondOf(seconds)));
            second = text; // one store: a stop before it leaves the last second's, whole
        }
        int n = put(text.text, 0);
        int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
        int fraction = digits == 3 ? micros / 1000 : micros;
        for (int unit = digits == 3 ? 100 : 100_000; unit > 0; unit /= 10) {
            line[n++] = (byte) ('0' + fraction / unit % 10);
        }
        line[n++] = 'Z';
        line[n++] = ' ';
        return n;
    }

    /** Writes the argument at {@code at} from {@code n} as {@code {}} prints it; the index after, or -1. */
    private int argument(ByteBuffer in, int at, int n) {
        byte tag = in.get(at++);
        number.setLength(0);
        switch (tag) {
            case CapturedEvent.TAG_INT -> {
                return putDecimal(in.getInt(at), n);
            }
            case CapturedEvent.TAG_LONG -> {
                return putDecimal(in.getLong(at), n);
            }
            case CapturedEvent.TAG_FLOAT -> {
                return putNumber(number.append(Float.intBitsToFloat(in.getInt(at))), n);
            }
            case CapturedEvent.TAG_DOUBLE -> {
                return putNumber(number.append(Double.longBitsToDouble(in.getLong(at))), n);
            }
            case CapturedEvent.TAG_BOOLEAN -> {
                return put(in.get(at) != 0 ? TRUE : FALSE, n);
            }
            case CapturedEvent.TAG_CHAR -> {
                chars[0] = in.getChar(at);
                if (Character.isSurrogate(chars[0]) || n < 0 || n + maxBytesPerChar > limit) {
                    return -1; // a surrogate the general layout may join with the piece before or after
                }
                return Utf8.encode(chars, 0, 1, escape, line, n);
            }
            case CapturedEvent.TAG_TEXT -> {
                int length = in.getInt(at);
                int first = at + 4; // the text's chars, two bytes each
                if (length > 0 && (Character.isLowSurrogate(in.getChar(first)) || Character.isHighSurrogate(in.getChar(first + 2 * (length - 1))))) {
                    return -1; // a pair the general layout would join with the piece before or after
                }
                return text(in, at, n);
            }
            default -> {
                return put(NULL, n); // TAG_NULL
            }
        }
    }

    /**
     * Writes the diagnostic context at {@code at} as the text layout does, {@code {k=v, k2=v2} },
     * nothing if it is empty; the index after, or -1. Its texts need no care for surrogate pairs:
     * ASCII separates each from the next.
     */
    private int context(ByteBuffer in, int at, int n) {
        int size = in.getInt(at);
        at += 4;
        if (size == 0 || n < 0) {
            return n;
        }
        n = put(OPEN_CONTEXT, n);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                n = put(NEXT_ENTRY, n);
            }
            n = put(ENTRY_VALUE, text(in, at, n));
            at = CapturedEvent.skipText(in, at);
            n = text(in, at, n);
            at = CapturedEvent.skipText(in, at);
        }
        return put(CLOSE_CONTEXT, n);
    }

    /** Encodes the text at {@code at} (null prints {@code null}) to {@code n}; the index after, or -1. */
    private int text(ByteBuffer in, int at, int n) {
        int length = in.getInt(at);
        if (length < 0 || n < 0) {
            return put(NULL, n);
        }
        if (n + (long) length * maxBytesPerChar > limit) {
            return -1;
        }
        if (chars.length < length) {
            chars = new char[Math.max(length, 2 * chars.length)];
        }
        CapturedEvent.getChars(in, at + 4, chars, length);
        return Utf8.encode(chars, 0, length, escape, line, n);
    }

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

    /** Copies a number's ASCII text to {@code n}; the index after, or -1. */
    private int putNumber(StringBuilder text, int n) {
        int length = text.length();
        if (n + length > limit) {
            return -1;
        }
        for (int i = 0; i < length; i++) {
            line[n + i] = (byte) text.charAt(i);
        }
        return n + length;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
