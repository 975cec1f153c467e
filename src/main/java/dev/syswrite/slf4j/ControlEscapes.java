package dev.syswrite.slf4j;

/**
 * How the text layout neutralises log injection (OWASP's logging cheat sheet, CWE-117): every
 * character that can end a line or steer a terminal is written as a visible escape, so no field
 * of an event can forge a line or hide one. {@code \n}, {@code \r} and {@code \t} keep their
 * usual spelling; the other C0 controls, DEL, NEL (U+0085) and the Unicode line and paragraph
 * separators (U+2028, U+2029) are written {@code \}{@code uXXXX}. A backslash is left as it is,
 * so paths stay readable: the escaping makes lines unforgeable, not reversible.
 */
final class ControlEscapes {
    /** The escape of each character below U+0080 that needs one; null where none is needed. */
    private static final String[] ASCII = new String[0x80];

    static {
        for (char c = 0; c < 0x20; c++) {
            ASCII[c] = unicode(c);
        }
        ASCII['\n'] = "\\n";
        ASCII['\r'] = "\\r";
        ASCII['\t'] = "\\t";
        ASCII[0x7f] = unicode((char) 0x7f);
    }

    private static final String NEL = unicode('\u0085');
    private static final String LINE_SEPARATOR = unicode('\u2028');
    private static final String PARAGRAPH_SEPARATOR = unicode('\u2029');

    /** The longest escape: {@code \}{@code uXXXX}. */
    static final int MAX_LENGTH = 6;

    private ControlEscapes() {}

    /** The escape that stands for {@code c}, or null if {@code c} is written as it is. */
    static String of(char c) {
        if (c < 0x80) {
            return ASCII[c];
        }
        return switch (c) {
            case '\u0085' -> NEL;
            case '\u2028' -> LINE_SEPARATOR;
            case '\u2029' -> PARAGRAPH_SEPARATOR;
            default -> null;
        };
    }

    private static String unicode(char c) {
        return String.format("\\u%04x", (int) c);
    }
}
