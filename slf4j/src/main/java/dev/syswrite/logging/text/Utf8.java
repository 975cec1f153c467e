package dev.syswrite.logging.text;

import java.nio.ByteBuffer;

/**
 * UTF-8 encoding of a CharSequence straight into a ByteBuffer, without a CharsetEncoder (which
 * would allocate), optionally escaping control characters on the way ({@link ControlEscapes}),
 * and never past a byte limit. A surrogate without its partner cannot be encoded and becomes
 * {@code ?}, as {@code String.getBytes(UTF_8)} does.
 *
 * <p>An instance encodes in chunks through two small arrays of its own (each slot of
 * the engine's formatting buffers has one): the characters are copied out in bulk, encoded array to array,
 * and the bytes copied into the buffer in bulk. Per character that is two array accesses, where
 * {@code charAt} and {@code ByteBuffer.put} would each check bounds, and the put the buffer's
 * memory scope, for every character.
 */
public final class Utf8 {
    /** Characters encoded per round: the arrays below are what an instance keeps. */
    private static final int CHUNK = 1024;

    private final char[] chars = new char[CHUNK];
    private final byte[] bytes = new byte[CHUNK * ControlEscapes.MAX_LENGTH];

    /**
     * The most bytes one UTF-16 unit can take: an escape; otherwise three (a pair takes four for two).
     *
     * @param escape whether control characters are escaped
     * @return the bytes
     */
    public static int maxBytesPerChar(boolean escape) {
        return escape ? ControlEscapes.MAX_LENGTH : 3;
    }

    /**
     * Encodes {@code text[from, to)} into {@code out} from byte index {@code at} (the buffer's
     * position and limit are left alone), stopping before the first character whose bytes would
     * pass {@code limit}.
     *
     * @param text the chars
     * @param from the first char to encode
     * @param to the index after the last
     * @param escape whether to escape control characters ({@link ControlEscapes})
     * @param out the buffer to encode into
     * @param at the byte index to start at
     * @param limit the byte index no character's bytes may pass
     * @return the index of the first character not encoded ({@code to} if all were), in the high 32 bits, and
     *     the byte index after the last byte written, in the low 32 bits
     */
    public long encode(StringBuilder text, int from, int to, boolean escape, ByteBuffer out, int at, int limit) {
        int i = from;
        int n = at;
        while (i < to && n < limit) {
            int count = Math.min(CHUNK, to - i);
            text.getChars(i, i + count, chars, 0);
            char next = i + count < to ? text.charAt(i + count) : 0;
            long done = encode(chars, 0, count, next, escape, bytes, 0, Math.min(bytes.length, limit - n));
            int took = (int) (done >>> 32);
            int made = (int) done;
            out.put(n, bytes, 0, made);
            n += made;
            i += took;
            boolean pairSplit = took == count - 1 && Character.isHighSurrogate(chars[took]) && Character.isLowSurrogate(next);
            if (took < count && !pairSplit) {
                break; // the limit; a pair split between chunks is encoded whole in the next round
            }
        }
        return (long) i << 32 | n;
    }

    /**
     * Encodes {@code chars[from, to)} into {@code bytes} from index {@code at}, which must have
     * room for {@link #maxBytesPerChar} bytes a char: for a line laid out as bytes whose length
     * was bounded first. A surrogate pair split at either end is not joined: each half is {@code ?}.
     *
     * @param chars the chars
     * @param from the first char to encode
     * @param to the index after the last
     * @param escape whether to escape control characters ({@link ControlEscapes})
     * @param bytes where they go
     * @param at the index of the first byte
     * @return the index after the last byte written
     */
    public static int encode(char[] chars, int from, int to, boolean escape, byte[] bytes, int at) {
        return (int) encode(chars, from, to, (char) 0, escape, bytes, at, bytes.length);
    }

    /**
     * Encodes {@code chars[from, to)} into {@code bytes} from index {@code at}, no byte at or past
     * {@code limit}; {@code next} is the character after them (0 if none), to pair a high
     * surrogate at the end.
     *
     * @return the characters encoded, in the high 32 bits, and the index after the last byte written, in the low 32
     */
    private static long encode(char[] chars, int from, int to, char next, boolean escape, byte[] bytes, int at, int limit) {
        int n = at;
        int i = from;
        for (; i < to; i++) {
            // Printable ASCII, most of every line, in a loop of its own: one index, no other
            // branch, so the JIT unrolls it (twice as fast as the general loop below).
            int run = Math.min(to - i, limit - n);
            int k = 0;
            for (char c; k < run && (c = chars[i + k]) >= 0x20 && c < 0x7f; k++) {
                bytes[n + k] = (byte) c;
            }
            i += k;
            n += k;
            if (i == to) {
                break;
            }
            char c = chars[i];
            if (c >= 0x20 && c < 0x7f) { // the run stopped at the limit
                break;
            }
            String escaped = escape ? ControlEscapes.of(c) : null;
            if (escaped != null) {
                if (n + escaped.length() > limit) {
                    break;
                }
                for (int e = 0; e < escaped.length(); e++) {
                    bytes[n++] = (byte) escaped.charAt(e);
                }
            } else if (c < 0x80) {
                if (n + 1 > limit) {
                    break;
                }
                bytes[n++] = (byte) c;
            } else if (c < 0x800) {
                if (n + 2 > limit) {
                    break;
                }
                bytes[n++] = (byte) (0xc0 | c >> 6);
                bytes[n++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && (i + 1 < to ? Character.isLowSurrogate(chars[i + 1]) : Character.isLowSurrogate(next))) {
                if (i + 1 == to) {
                    break; // its pair is in the next chunk: encode both there
                }
                if (n + 4 > limit) {
                    break;
                }
                int cp = Character.toCodePoint(c, chars[++i]);
                bytes[n++] = (byte) (0xf0 | cp >> 18);
                bytes[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
                bytes[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
                bytes[n++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                if (n + 1 > limit) {
                    break;
                }
                bytes[n++] = (byte) '?';
            } else {
                if (n + 3 > limit) {
                    break;
                }
                bytes[n++] = (byte) (0xe0 | c >> 12);
                bytes[n++] = (byte) (0x80 | c >> 6 & 0x3f);
                bytes[n++] = (byte) (0x80 | c & 0x3f);
            }
        }
        return (long) (i - from) << 32 | n;
    }

    /**
     * The number of bytes {@link #encode} writes for {@code text[from, to)} without a limit.
     *
     * @param text the chars
     * @param from the first char
     * @param to the index after the last
     * @param escape whether control characters are escaped
     * @return the bytes
     */
    public static long length(CharSequence text, int from, int to, boolean escape) {
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            String escaped = escape ? ControlEscapes.of(c) : null;
            if (escaped != null) {
                n += escaped.length();
            } else if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        return n;
    }
}
