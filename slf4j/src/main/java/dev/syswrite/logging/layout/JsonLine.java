package dev.syswrite.logging.layout;

import dev.syswrite.logging.event.ContextMap;
import dev.syswrite.logging.text.ControlEscapes;
import dev.syswrite.logging.text.LineBuilder;
import dev.syswrite.logging.text.UtcTimestamp;
import java.util.Arrays;
import java.util.List;

/**
 * One event's JSON object as it is appended to its {@link LineBuilder}: keys and string values
 * are escaped per RFC 8259 as they are appended, and every byte is counted as UTF-8 against the
 * room the line limit leaves, so the object is whole whatever it is handed.
 *
 * <p>Escaped: {@code "} and {@code \}, every character {@link ControlEscapes} escapes in the text
 * layout (all C0 controls, DEL, the C1 controls, U+2028, U+2029 and the bidirectional controls:
 * their escapes are JSON's own {@code \n}, {@code \r}, {@code \t} and {@code \}{@code uXXXX}),
 * and a surrogate without its partner, as {@code \}{@code udXXX}, so a parser reads back the same
 * UTF-16. Everything else, pairs included, is written as it is, in UTF-8.
 *
 * <p>Within the limit: a field is written whole, or its string value is cut (to half the room
 * left, or more as its caller asks), or it is left out; either way {@link #isCut()} turns true and {@link #end()} adds
 * {@code "syswrite.truncated":true}, whose bytes, with the closing brace and the newline, are kept
 * out of the room from the start. The room a field may take is what is left less what its caller
 * {@link #keep keeps} for the fields after it. Every optional field ({@link #key},
 * {@link #optionalKey}) left out is counted ({@link #skipped()}).
 *
 * <p>It also holds what the layout writes after the message though it is known before (the
 * thread, the logger, the markers, the MDC: {@link #holdHead}), and the keys written, so that
 * none clashes with another ({@link #clashesWithWritten}); in an array that grows once: no event
 * allocates after the first few.
 */
public final class JsonLine {
    /** What ends an object something was cut from or left out of. */
    public static final String TRUNCATED = ",\"syswrite.truncated\":true";
    private static final String TRUNCATED_FIRST = TRUNCATED.substring(1);
    /** For {@link #string(CharSequence, int, int, int)}: a string cut takes all the room left. */
    static final int ALL = Integer.MAX_VALUE;

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Characters escaped per round; the array below is what an instance keeps for it. */
    private static final int CHUNK = 256;
    private final char[] chunk = new char[CHUNK];

    /** Text formatted before it is escaped into a field: a message, a stack trace, an object's {@code toString()}. */
    private final LineBuilder scratch = new LineBuilder();

    private LineBuilder out;
    /** The bytes of the object so far, and the most its fields may take. */
    private int used;
    private int budget;
    /** Bytes of the budget the field being written may not take: the fields after it need them. */
    private int keep;
    private boolean empty;
    private boolean cut;
    /** Optional fields left out or taken out, and fields the caller left out ({@link #skip()}). */
    private int skipped;
    /** The keys {@link #key} wrote in this object: {@code keyCount} of them. */
    private String[] keys = new String[8];
    private int keyCount;
    /** What {@link #holdHead} holds until the layout writes it. */
    private String heldThread;
    private String heldLogger;
    private String heldMarker;
    private List<String> heldMarkers;
    private ContextMap heldContext;
    /** Whether the array being written has no element yet. */
    private boolean arrayEmpty;

    /** Where the field being written started, to take it back if it does not fit. */
    private int fieldChars;
    private int fieldBytes;
    private boolean fieldEmpty;
    private boolean fieldOptional;
    /** The same for the array element being written. */
    private int elementChars;
    private int elementBytes;

    /** Opens the object in {@code out}, which ends, newline included, within {@code lineMax} bytes. */
    JsonLine start(LineBuilder out, int lineMax) {
        this.out = out;
        budget = lineMax - TRUNCATED.length() - 2; // and '}', '\n'
        out.append('{');
        used = 1;
        keep = 0;
        empty = true;
        cut = false;
        skipped = 0;
        keyCount = 0;
        return this;
    }

    /**
     * {@code s} as a JSON string, quotes included, escaped as a field's value is.
     *
     * @param s the text
     * @return the string's text
     */
    public static String quoted(CharSequence s) {
        JsonLine json = unlimited();
        json.string(s);
        return json.written();
    }

    /**
     * An object with no line limit, in a builder of its own: for text written once and kept
     * (fields every line carries, pieces), escaped by the same code as every line.
     */
    static JsonLine unlimited() {
        return new JsonLine().start(new LineBuilder().reset(Integer.MAX_VALUE / 4, false, true), Integer.MAX_VALUE / 4);
    }

    /** What the fields written so far say, without the object's opening brace. */
    String written() {
        return out.chars().substring(1);
    }

    /** Holds the event's thread, logger and markers, which the layout writes after its message. */
    void holdHead(String thread, String logger, String marker, List<String> markers, ContextMap context) {
        heldThread = thread;
        heldLogger = logger;
        heldMarker = marker;
        heldMarkers = markers;
        heldContext = context;
    }

    ContextMap heldContext() {
        return heldContext;
    }

    String heldThread() {
        return heldThread;
    }

    String heldLogger() {
        return heldLogger;
    }

    String heldMarker() {
        return heldMarker;
    }

    List<String> heldMarkers() {
        return heldMarkers;
    }

    /**
     * Whether {@code key} clashes with a key {@link #key} wrote in this object: the same, or one
     * of them the other's object ({@code a} and {@code a.b}).
     */
    boolean clashesWithWritten(String key) {
        for (int i = 0; i < keyCount; i++) {
            if (JsonFieldNames.clash(keys[i], key)) {
                return true;
            }
        }
        return false;
    }

    /** How many keys {@link #key} wrote in this object. */
    int keysWritten() {
        return keyCount;
    }

    /**
     * Appends {@code text}, fields already escaped, after a comma: the object is never empty by
     * then. Its {@code bytes} must have been {@link #keep kept}; if the limit is too small even so,
     * it is left out and the object marked cut.
     */
    void raw(String text, int bytes) {
        if (text.isEmpty()) {
            return;
        }
        if (used + 1 + bytes > budget - keep) {
            cut = true;
            return;
        }
        out.append(',').append(text);
        used += 1 + bytes;
        empty = false;
    }

    /** Keeps {@code bytes} of the room out of what the fields written next may take, for the fields after them. */
    void keep(int bytes) {
        keep = bytes;
    }

    /** The bytes the object takes so far. */
    int used() {
        return used;
    }

    /** The bytes its fields may still take. */
    int room() {
        return budget - used;
    }

    boolean isCut() {
        return cut;
    }

    /** The fields left out so far: optional ones that did not fit or were taken out, and those the caller skipped. */
    int skipped() {
        return skipped;
    }

    /** Counts a field the caller leaves out for its key (not for its size: the line is not cut). */
    void skip() {
        skipped++;
    }

    /** The scratch text's capacity, in chars: a second builder a slot keeps in JSON mode. */
    int capacity() {
        return scratch.capacity();
    }

    /** The scratch text, emptied, for text to be escaped into a field once it is formatted. */
    LineBuilder scratch(int maxChars) {
        return scratch.reset(maxChars, false, !out.mayCallApplication());
    }

    /**
     * Starts an optional field (an MDC entry, a key-value pair) with its key. A key is never cut:
     * if it does not fit with {@code least} bytes of value after it, nothing is written, the object
     * is marked cut, the field is counted as left out, and the answer is false.
     */
    boolean key(CharSequence key, int least) {
        fieldChars = out.length();
        fieldBytes = used;
        fieldEmpty = empty;
        fieldOptional = true;
        if (!empty) {
            out.append(',');
            used++;
        }
        out.append('"');
        used++;
        int limit = budget - keep;
        if (!escape(key, 0, key.length(), limit - least - 2) || used + 2 + least > limit) {
            abandon();
            return false;
        }
        out.append('"').append(':');
        used += 2;
        empty = false;
        if (keyCount == keys.length) {
            keys = Arrays.copyOf(keys, keyCount * 2);
        }
        keys[keyCount++] = key.toString();
        return true;
    }

    /**
     * Starts a field with a key of the layout's own, given as {@code "key":} (ASCII, nothing to
     * escape, so appended as it is), with the same rule as {@link #key}.
     */
    boolean ownKey(String quotedKeyAndColon, int least) {
        int bytes = quotedKeyAndColon.length() + (empty ? 0 : 1);
        if (used + bytes + least > budget - keep) {
            cut = true;
            return false;
        }
        fieldChars = out.length();
        fieldBytes = used;
        fieldEmpty = empty;
        fieldOptional = false;
        if (!empty) {
            out.append(',');
        }
        out.append(quotedKeyAndColon);
        used += bytes;
        empty = false;
        return true;
    }

    /** {@link #ownKey} for an optional field of the layout's own, counted in {@link #skipped()} if it is left out. */
    boolean optionalKey(String quotedKeyAndColon, int least) {
        if (!ownKey(quotedKeyAndColon, least)) {
            skipped++;
            return false;
        }
        fieldOptional = true;
        return true;
    }

    /**
     * The field's value, a string: whole if it fits; else cut to half the room left, so that the
     * fields after it get the other half, or to {@code least} bytes if that is more ({@link #ALL}:
     * all the room, for the event's last big field).
     */
    void string(CharSequence s, int from, int to, int least) {
        int limit = budget - keep;
        if (used + 2 > limit) { // not even room for ""
            abandon();
            return;
        }
        out.append('"');
        used++;
        int valueChars = out.length();
        int valueBytes = used;
        if (!escape(s, from, to, limit - 1)) {
            cut = true;
            int share = Math.max(least, (limit - 1 - valueBytes) / 2);
            if (share < limit - 1 - valueBytes) {
                out.rollBack(valueChars);
                used = valueBytes;
                escape(s, from, to, used + share);
            }
        }
        out.append('"');
        used++;
    }

    /** The field's value, a string, with room kept for the fields after it if it must be cut. */
    void string(CharSequence s) {
        string(s, 0, s.length(), 0);
    }

    /** The field's value, ASCII written as it is (a number, {@code true}, {@code null}); the field is left out if it does not fit. */
    void literal(String ascii) {
        int before = out.length();
        out.append(ascii);
        commitOrAbandon(before);
    }

    void number(long n) {
        int before = out.length();
        out.append(n);
        commitOrAbandon(before);
    }

    void number(double d) {
        int before = out.length();
        out.append(d);
        commitOrAbandon(before);
    }

    void number(float f) {
        int before = out.length();
        out.append(f);
        commitOrAbandon(before);
    }

    /** The field's value, an ISO-8601 UTC time as a string ({@link UtcTimestamp}). */
    void timestamp(long epochMicros, int fractionDigits) {
        int before = out.length();
        out.append('"').appendTimestamp(epochMicros, fractionDigits).append('"');
        commitOrAbandon(before);
    }

    /** The field's value is an array: {@link #element} each value, then {@link #endArray()}. */
    void startArray() {
        out.append('[');
        used++;
        arrayEmpty = true;
    }

    /** An element of the array, a string: written whole (room is kept for the closing bracket), or left out. */
    void element(CharSequence s) {
        boolean first = arrayEmpty;
        int limit = budget - keep;
        if (used + (first ? 0 : 1) + 2 > limit - 1) { // its comma and quotes, and the closing bracket
            cut = true;
            return;
        }
        elementChars = out.length();
        elementBytes = used;
        if (!first) {
            out.append(',');
            used++;
        }
        out.append('"');
        used++;
        if (escape(s, 0, s.length(), limit - 2)) {
            out.append('"');
            used++;
            arrayEmpty = false;
        } else {
            out.rollBack(elementChars);
            used = elementBytes;
            cut = true;
        }
    }

    void endArray() {
        out.append(']');
        used++;
    }

    /** Closes the object, saying if anything was cut, and ends the line. */
    void end() {
        if (cut) {
            out.append(empty ? TRUNCATED_FIRST : TRUNCATED);
        }
        out.append('}');
        out.startBody();
        out.append('\n');
        scratch.shrink();
        Arrays.fill(keys, 0, keyCount, null); // no application string outlives its event here
        holdHead(null, null, null, null, null);
    }

    private void commitOrAbandon(int before) {
        used += out.length() - before; // ASCII: a char a byte
        if (used > budget - keep) {
            abandon();
        }
    }

    private void abandon() {
        out.rollBack(fieldChars);
        used = fieldBytes;
        empty = fieldEmpty;
        cut = true;
        if (fieldOptional) {
            skipped++;
        }
    }

    /**
     * The bytes {@code s[from, to)} takes escaped, as {@link #escape} writes it, counted until they
     * reach {@code most}: the most bytes of its whole characters that are within {@code most}.
     *
     * @param s the text
     * @param from its first char
     * @param to the index after its last
     * @param most the budget, in bytes
     * @return the bytes, at most {@code most}
     */
    public static int escapedBytes(CharSequence s, int from, int to, int most) {
        int bytes = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int width;
            String escaped;
            if (c >= 0x20 && c < 0x7f) {
                width = c == '"' || c == '\\' ? 2 : 1;
            } else if ((escaped = ControlEscapes.of(c)) != null) {
                width = escaped.length();
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                width = 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                width = 6;
            } else {
                width = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
            if (bytes + width > most) {
                return bytes;
            }
            bytes += width;
        }
        return bytes;
    }

    /**
     * Appends {@code s[from, to)} escaped, as long as the object stays within {@code limit} bytes.
     * The text is copied out in chunks and scanned as an array: the runs of printable ASCII that
     * make up most of a line are appended in bulk.
     *
     * @return whether all of it was written
     */
    private boolean escape(CharSequence s, int from, int to, int limit) {
        int i = from;
        while (i < to) {
            int n = Math.min(CHUNK, to - i);
            copy(s, i, i + n);
            int k = 0;
            while (k < n) {
                int plain = k;
                for (char c; plain < n && (c = chunk[plain]) >= 0x20 && c < 0x7f && c != '"' && c != '\\'; plain++) {
                    // printable ASCII: appended in one go below
                }
                int m = Math.min(plain - k, limit - used);
                if (m > 0) {
                    out.append(chunk, k, m);
                    used += m;
                    k += m;
                }
                if (k < plain) {
                    return false;
                }
                if (k == n) {
                    break;
                }
                char c = chunk[k];
                char next = k + 1 < n ? chunk[k + 1] : i + n < to ? s.charAt(i + n) : 0; // a pair may straddle two chunks
                String escaped = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : ControlEscapes.of(c);
                if (escaped != null) {
                    if (used + escaped.length() > limit) {
                        return false;
                    }
                    out.append(escaped);
                    used += escaped.length();
                    k++;
                } else if (Character.isHighSurrogate(c) && Character.isLowSurrogate(next)) {
                    if (used + 4 > limit) {
                        return false;
                    }
                    out.append(c).append(next);
                    used += 4;
                    k += 2; // past the chunk's end if the pair straddled it: the next chunk starts after it
                } else if (Character.isSurrogate(c)) {
                    if (used + 6 > limit) {
                        return false;
                    }
                    out.append('\\').append('u').append(HEX[c >> 12]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    used += 6;
                    k++;
                } else {
                    int bytes = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                    if (used + bytes > limit) {
                        return false;
                    }
                    out.append(c);
                    used += bytes;
                    k++;
                }
            }
            i += k;
        }
        return true;
    }

    /** Copies {@code s[from, to)} to the chunk, in bulk for the two kinds of text an event has. */
    private void copy(CharSequence s, int from, int to) {
        if (s instanceof String string) {
            string.getChars(from, to, chunk, 0);
        } else if (s instanceof StringBuilder builder) {
            builder.getChars(from, to, chunk, 0);
        } else {
            for (int k = from; k < to; k++) {
                chunk[k - from] = s.charAt(k);
            }
        }
    }
}
