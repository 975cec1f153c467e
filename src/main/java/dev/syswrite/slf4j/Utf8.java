package dev.syswrite.slf4j;

/**
 * UTF-8 encoding of a CharSequence into a byte array, without a CharsetEncoder (which would
 * allocate). A surrogate without its partner cannot be encoded and becomes {@code ?}, as
 * {@code String.getBytes(UTF_8)} does.
 */
final class Utf8 {
    private Utf8() {}

    /** The most bytes {@code chars} UTF-16 units can take: three each (a pair takes four for two). */
    static int maxBytes(int chars) {
        return chars * 3;
    }

    /**
     * Encodes {@code text} into {@code out} from index 0.
     *
     * @return the number of bytes written; {@code out} must hold {@link #maxBytes} of the length
     */
    static int encode(CharSequence text, byte[] out) {
        int n = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xc0 | c >> 6);
                out[n++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out[n++] = (byte) (0xf0 | cp >> 18);
                out[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
                out[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
                out[n++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                out[n++] = '?';
            } else {
                out[n++] = (byte) (0xe0 | c >> 12);
                out[n++] = (byte) (0x80 | c >> 6 & 0x3f);
                out[n++] = (byte) (0x80 | c & 0x3f);
            }
        }
        return n;
    }
}
