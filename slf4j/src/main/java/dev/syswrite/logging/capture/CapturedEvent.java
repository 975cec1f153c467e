package dev.syswrite.logging.capture;

import java.nio.ByteBuffer;

/**
 * The bytes of a captured event: what a logging call leaves in the async ring instead of its
 * formatted line, for the writer thread to format. Self-contained, with no object reference in
 * it: strings the event names often (its template, logger, thread, marker) by their id in a
 * {@link NameTable}, anything else copied in. In native byte order:
 *
 * <pre>{@code
 *  +0   byte   FORMAT (1)
 *  +1   byte   the level's ordinal
 *  +2   byte   flags: MORE_ARGUMENTS if the call had more arguments than the template takes
 *              (its escapes \{} are then still read as such, after the last substitution)
 *  +3   byte   0
 *  +4   int    how many arguments follow (those the template takes, no more)
 *  +8   long   the time of the call, microseconds since the epoch (0 if the layout writes none)
 *  +16  int    the template:    an id, INLINE (its text follows) or NULL (a null message)
 *  +20  int    the logger:      an id, INLINE or ABSENT (the layout writes no logger)
 *  +24  int    the thread:      an id, INLINE or ABSENT (the layout writes no thread)
 *  +28  int    the marker:      an id, INLINE or ABSENT
 *  +32         the inline template, logger and marker, in that order; then each argument: a tag
 *              byte and its value (INT an int, LONG a long, FLOAT an int and DOUBLE a long of their
 *              bits, BOOLEAN a byte, CHAR a char, TEXT a text, NULL nothing); then the inline
 *              thread (taken after the arguments where the layout reads it after the message);
 *              then, if the layout writes the diagnostic context, its size (an int) and each key
 *              and value as texts
 * }</pre>
 *
 * <p>A text is its length in chars (an int; -1 for null) and its chars, two bytes each. An
 * argument that is neither a String nor a primitive wrapper is a TEXT: what {@code {}} rendered of
 * it on the calling thread, so it prints as it was at the call.
 */
public final class CapturedEvent {
    /** The format's version, the record's first byte. */
    static final byte FORMAT = 1;

    static final int LEVEL = 1;
    static final int FLAGS = 2;
    /** In {@link #FLAGS}: the call had more arguments than the template takes. */
    static final byte MORE_ARGUMENTS = 1;
    static final int ARGUMENTS = 4;
    static final int TIME = 8;
    static final int TEMPLATE = 16;
    static final int LOGGER = 20;
    static final int THREAD = 24;
    static final int MARKER = 28;
    /** Where the variable part starts. */
    static final int FIXED = 32;

    /** A name carried inline, as a text after the fixed part: the table did not take it. */
    static final int INLINE = NameTable.NONE;
    /** A name the layout does not write, so not captured. */
    static final int ABSENT = -2;
    /** A null template. */
    static final int NULL = -3;

    static final byte TAG_NULL = 0;
    static final byte TAG_INT = 1;
    static final byte TAG_LONG = 2;
    static final byte TAG_FLOAT = 3;
    static final byte TAG_DOUBLE = 4;
    static final byte TAG_BOOLEAN = 5;
    static final byte TAG_CHAR = 6;
    static final byte TAG_TEXT = 7;

    private CapturedEvent() {}

    /** The bytes a text of {@code chars} chars takes. */
    static int textBytes(int chars) {
        return 4 + 2 * chars;
    }

    /** Writes {@code s[from, from + chars)} (null: a null text) at {@code at}; returns the index after it. */
    static int putText(ByteBuffer out, int at, CharSequence s, int from, int chars) {
        if (s == null) {
            out.putInt(at, -1);
            return at + 4;
        }
        out.putInt(at, chars);
        int p = at + 4;
        for (int i = from; i < from + chars; i++, p += 2) {
            out.putChar(p, s.charAt(i));
        }
        return p;
    }

    /** The text at {@code at} as a new String, or null. */
    static String getString(ByteBuffer in, int at) {
        int chars = in.getInt(at);
        if (chars < 0) {
            return null;
        }
        char[] text = new char[chars];
        getChars(in, at + 4, text, chars);
        return new String(text);
    }

    /** Reads {@code chars} chars from {@code at} into {@code into}. */
    static void getChars(ByteBuffer in, int at, char[] into, int chars) {
        for (int i = 0; i < chars; i++) {
            into[i] = in.getChar(at + 2 * i);
        }
    }

    /** The index after the argument (its tag and value) at {@code at}. */
    static int skipArgument(ByteBuffer in, int at) {
        byte tag = in.get(at++);
        return switch (tag) {
            case TAG_INT, TAG_FLOAT -> at + 4;
            case TAG_LONG, TAG_DOUBLE -> at + 8;
            case TAG_BOOLEAN -> at + 1;
            case TAG_CHAR -> at + 2;
            case TAG_TEXT -> skipText(in, at);
            default -> at; // TAG_NULL
        };
    }

    /** The index after the text at {@code at}. */
    static int skipText(ByteBuffer in, int at) {
        return at + textBytes(Math.max(in.getInt(at), 0));
    }
}
