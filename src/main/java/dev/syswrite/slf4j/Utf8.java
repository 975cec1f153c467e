package dev.syswrite.slf4j;

import java.nio.ByteBuffer;

/**
 * UTF-8 encoding of a CharSequence straight into a (direct) ByteBuffer, without a CharsetEncoder
 * (which would allocate). A surrogate without its partner cannot be encoded and becomes
 * {@code ?}, as {@code String.getBytes(UTF_8)} does.
 */
final class Utf8 {
    private Utf8() {}

    /** The most bytes {@code chars} UTF-16 units can take: three each (a pair takes four for two). */
    static int maxBytes(int chars) {
        return chars * 3;
    }

    /**
     * Encodes {@code text} into {@code out} from index 0, with absolute puts: the buffer's
     * position and limit are left alone.
     *
     * @return the number of bytes written; {@code out}'s limit must leave room for
     *     {@link #maxBytes} of the length
     */
    static int encode(CharSequence text, ByteBuffer out) {
        int n = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out.put(n++, (byte) c);
            } else if (c < 0x800) {
                out.put(n++, (byte) (0xc0 | c >> 6));
                out.put(n++, (byte) (0x80 | c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out.put(n++, (byte) (0xf0 | cp >> 18));
                out.put(n++, (byte) (0x80 | cp >> 12 & 0x3f));
                out.put(n++, (byte) (0x80 | cp >> 6 & 0x3f));
                out.put(n++, (byte) (0x80 | cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                out.put(n++, (byte) '?');
            } else {
                out.put(n++, (byte) (0xe0 | c >> 12));
                out.put(n++, (byte) (0x80 | c >> 6 & 0x3f));
                out.put(n++, (byte) (0x80 | c & 0x3f));
            }
        }
        return n;
    }
}
