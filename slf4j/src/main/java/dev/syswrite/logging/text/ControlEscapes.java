package dev.syswrite.logging.text;

/**
 * How the text layout neutralises log injection (OWASP's logging cheat sheet, CWE-117): every
 * character that can end a line, steer a terminal or reorder what a reader sees is written as a
 * visible escape, so no field of an event can forge a line or hide one. {@code \n}, {@code \r}
 * and {@code \t} keep their usual spelling; the other C0 controls, DEL, the C1 controls
 * (U+0080 to U+009F: NEL, and CSI, which starts terminal sequences), the Unicode line and
 * paragraph separators (U+2028, U+2029) and the bidirectional embeddings, overrides and isolates
 * (U+202A to U+202E, U+2066 to U+2069, "Trojan Source") are written {@code \}{@code uXXXX}.
 * A backslash is left as it is, so paths stay readable: the escaping makes lines unforgeable,
 * not reversible.
 */
public final class ControlEscapes {
    /** The escape of each character below U+00A0 that needs one; null where none is needed. */
    private static final String[] LATIN = new String[0xa0];

    static {
        for (char c = 0; c < 0x20; c++) {
            LATIN[c] = unicode(c);
        }
        LATIN['\n'] = "\\n";
        LATIN['\r'] = "\\r";
        LATIN['\t'] = "\\t";
        for (char c = 0x7f; c < 0xa0; c++) {
            LATIN[c] = unicode(c);
        }
    }

    /** The same for U+2000 to U+206F, the general punctuation block the separators and bidi controls are in. */
    private static final String[] PUNCTUATION = new String[0x70];

    static {
        for (char c : new char[] {'\u2028', '\u2029', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'}) {
            PUNCTUATION[c - 0x2000] = unicode(c);
        }
    }

    /** The longest escape: {@code \}{@code uXXXX}. */
    static final int MAX_LENGTH = 6;

    private ControlEscapes() {}

    /**
     * The escape that stands for {@code c}, or null if {@code c} is written as it is.
     *
     * @param c a UTF-16 unit
     * @return its escape, or null
     */
    public static String of(char c) {
        if (c < 0xa0) {
            return LATIN[c];
        }
        return c >= 0x2000 && c < 0x2070 ? PUNCTUATION[c - 0x2000] : null;
    }

    private static String unicode(char c) {
        return String.format("\\u%04x", (int) c);
    }
}
