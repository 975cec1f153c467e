package dev.syswrite.logging.capture;

import static dev.syswrite.logging.capture.CapturedEvent.ABSENT;

import dev.syswrite.logging.layout.LayoutSettings;
import dev.syswrite.logging.text.Utf8;
import java.nio.ByteBuffer;

/**
 * The text layout's line of a captured event written as bytes ({@link PrerenderedLine}). Besides
 * what every pre-rendered line declines, it declines an argument whose surrogate the general
 * layout could join with a piece beside it (a text ending in a high surrogate or starting with a
 * low one, a surrogate char).
 */
public final class PrerenderedTextLayout extends PrerenderedLine {
    private static final byte[] OPEN_CONTEXT = ascii("{");
    private static final byte[] ENTRY_VALUE = ascii("=");
    private static final byte[] NEXT_ENTRY = ascii(", ");
    private static final byte[] CLOSE_CONTEXT = ascii("} ");

    private final boolean escape;
    private final int maxBytesPerChar;
    private char[] chars = new char[256];

    PrerenderedTextLayout(LayoutSettings settings, PrerenderedPieces pieces) {
        super(settings, pieces, settings.lineMax());
        this.escape = pieces.escape();
        this.maxBytesPerChar = pieces.maxBytesPerChar();
    }

    @Override
    int layOut(ByteBuffer in, int offset, byte[][] parts, int logger, int thread, int marker) {
        int taken = parts.length - 1;
        int n = 0;
        if (settings.time() != LayoutSettings.TimePrecision.NONE) {
            n = put(' ', time(in.getLong(offset + CapturedEvent.TIME), settings.time().digits(), 0));
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
            n = put(ENTRY_VALUE, encoded(in, at, n));
            at = CapturedEvent.skipText(in, at);
            n = encoded(in, at, n);
            at = CapturedEvent.skipText(in, at);
        }
        return put(CLOSE_CONTEXT, n);
    }

    @Override
    int character(char c, int n) {
        chars[0] = c;
        if (Character.isSurrogate(c) || n < 0 || n + maxBytesPerChar > limit) {
            return -1; // a surrogate the general layout may join with the piece before or after
        }
        return Utf8.encode(chars, 0, 1, escape, line, n);
    }

    @Override
    int text(ByteBuffer in, int at, int n) {
        int length = in.getInt(at);
        int first = at + 4; // the text's chars, two bytes each
        if (length > 0 && (Character.isLowSurrogate(in.getChar(first)) || Character.isHighSurrogate(in.getChar(first + 2 * (length - 1))))) {
            return -1; // a pair the general layout would join with the piece before or after
        }
        return encoded(in, at, n);
    }

    /** Encodes the text at {@code at} (null prints {@code null}) to {@code n}; the index after, or -1. */
    private int encoded(ByteBuffer in, int at, int n) {
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
}
