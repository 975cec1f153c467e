package dev.syswrite.slf4j;

import java.nio.ByteBuffer;

/**
 * UTF-8 encoding of a CharSequence straight into a ByteBuffer, without a CharsetEncoder (which
 * would allocate), optionally escaping control characters on the way ({@link ControlEscapes}),
 * and never past a byte limit. A surrogate without its partner cannot be encoded and becomes
 * {@code ?}, as {@code String.getBytes(UTF_8)} does.
 */
final class Utf8 {
    private Utf8() {}

    /** The most bytes one UTF-16 unit can take: an escape; otherwise three (a pair takes four for two). */
    static int maxBytesPerChar(boolean escape) {
        return escape ? ControlEscapes.MAX_LENGTH : 3;
    }

    /**
     * Encodes {@code text[from, to)} into {@code out} from byte index {@code at}, with absolute
     * puts (the buffer's position and limit are left alone), stopping before the first character
     * whose bytes would pass {@code limit}.
     *
     * @return the index of the first character not encoded ({@code to} if all were), in the high
     *     32 bits, and the byte index after the last byte written, in the low 32 bits
     */
    static long encode(CharSequence text, int from, int to, boolean escape, ByteBuffer out, int at, int limit) {
        int n = at;
        int i = from;
        for (; i < to; i++) {
            char c = text.charAt(i);
            String escaped;
            if (c >= 0x20 && c < 0x7f) { // printable ASCII: most of every line
                if (n + 1 > limit) {
                    break;
                }
                out.put(n++, (byte) c);
            } else if (escape && (escaped = ControlEscapes.of(c)) != null) {
                if (n + escaped.length() > limit) {
                    break;
                }
                for (int k = 0; k < escaped.length(); k++) {
                    out.put(n++, (byte) escaped.charAt(k));
                }
            } else if (c < 0x80) {
                if (n + 1 > limit) {
                    break;
                }
                out.put(n++, (byte) c);
            } else if (c < 0x800) {
                if (n + 2 > limit) {
                    break;
                }
                out.put(n++, (byte) (0xc0 | c >> 6));
                out.put(n++, (byte) (0x80 | c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (n + 4 > limit) {
                    break;
                }
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out.put(n++, (byte) (0xf0 | cp >> 18));
                out.put(n++, (byte) (0x80 | cp >> 12 & 0x3f));
                out.put(n++, (byte) (0x80 | cp >> 6 & 0x3f));
                out.put(n++, (byte) (0x80 | cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                if (n + 1 > limit) {
                    break;
                }
                out.put(n++, (byte) '?');
            } else {
                if (n + 3 > limit) {
                    break;
                }
                out.put(n++, (byte) (0xe0 | c >> 12));
                out.put(n++, (byte) (0x80 | c >> 6 & 0x3f));
                out.put(n++, (byte) (0x80 | c & 0x3f));
            }
        }
        return (long) i << 32 | n;
    }

    /** The number of bytes {@link #encode} writes for {@code text[from, to)} without a limit. */
    static long length(CharSequence text, int from, int to, boolean escape) {
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
