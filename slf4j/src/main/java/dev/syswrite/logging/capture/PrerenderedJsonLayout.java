package dev.syswrite.logging.capture;

import static dev.syswrite.logging.capture.CapturedEvent.ABSENT;

import dev.syswrite.logging.event.ContextCache;
import dev.syswrite.logging.layout.JsonLayout;
import dev.syswrite.logging.layout.LayoutSettings;
import java.nio.ByteBuffer;

/**
 * The JSON layout's line of a captured event written as bytes ({@link PrerenderedLine}): the
 * layout's fields in its order, each name's field and each template's literal parts escaped once
 * by the layout's own code ({@link PrerenderedPieces}), and the diagnostic context's fields kept
 * as {@link JsonLayout#contextFields} wrote them for the same encoded context
 * ({@link ContextCache}). Per event only the time's fraction and the arguments are written.
 *
 * <p>Besides what every pre-rendered line declines, it declines a line that could come near the
 * layout's limit (where the layout may cut a field or leave one out), a text or char argument
 * with anything but printable ASCII other than {@code "} and {@code \} (which JSON would escape),
 * and a context the layout would leave a field of out (past its most keys, or a key taken even
 * under {@code labels.}); a key the layout moves under {@code labels.} is copied as it moved it.
 */
public final class PrerenderedJsonLayout extends PrerenderedLine {
    private static final byte[] TIMESTAMP = ascii(JsonLayout.TIMESTAMP + "\"");
    private static final byte[] MESSAGE = ascii("," + JsonLayout.MESSAGE + "\"");
    /** What {@link #contexts} keeps for a context whose fields the line would not write as they are. */
    private static final byte[] DECLINED = new byte[0];

    /** {@code ,"ecs.version":"1.2.0"} and the fields every line carries. */
    private final byte[] everyLine;
    /** The diagnostic contexts' fields, by their encoding in the record. */
    private final ContextCache<byte[]> contexts = new ContextCache<>();

    PrerenderedJsonLayout(LayoutSettings settings, PrerenderedPieces pieces) {
        super(settings, pieces, JsonLayout.wholeLineMost(settings.lineMax()));
        this.everyLine = pieces.encode("," + pieces.json().everyLineFields());
    }

    @Override
    int layOut(ByteBuffer in, int offset, byte[][] parts, int logger, int thread, int marker) {
        int taken = parts.length - 1;
        int n = put('{', 0);
        if (settings.time() != LayoutSettings.TimePrecision.NONE) {
            n = put(TIMESTAMP, n);
            n = put('"', time(in.getLong(offset + CapturedEvent.TIME), settings.time().digits(), n));
            n = put(',', n);
        }
        n = put(pieces.level(in.get(offset + CapturedEvent.LEVEL)), n);
        n = put(MESSAGE, n);
        n = put(parts[0], n);
        int at = offset + CapturedEvent.FIXED;
        for (int i = 0; i < taken && n >= 0; i++) {
            n = argument(in, at, n);
            at = CapturedEvent.skipArgument(in, at);
            n = put(parts[i + 1], n);
        }
        n = put(everyLine, put('"', n));
        if (settings.thread()) {
            n = put(pieces.thread(thread), n);
        }
        n = put(pieces.logger(logger), n);
        if (settings.mdc() && n >= 0) {
            n = context(in, at, n);
        }
        if (marker != ABSENT) {
            n = put(pieces.marker(marker), n);
        }
        return put('\n', put('}', n));
    }

    /** Copies the context's fields, as the layout wrote them for the same encoding; the index after, or -1. */
    private int context(ByteBuffer in, int at, int n) {
        int end = EventReplay.contextEnd(in, at);
        byte[] fields = contexts.find(in, at, end);
        if (fields == null) {
            String text = pieces.json().contextFields(EventReplay.contextAt(in, at));
            fields = text == null ? DECLINED : pieces.encode(text);
            contexts.put(in, at, end, fields);
        }
        return fields == DECLINED ? -1 : put(fields, n);
    }

    @Override
    int character(char c, int n) {
        return plain(c) ? put(c, n) : -1;
    }

    @Override
    int text(ByteBuffer in, int at, int n) {
        int length = in.getInt(at);
        if (length < 0) {
            return put(NULL, n);
        }
        if (n < 0 || n + length > limit) {
            return -1;
        }
        for (int i = 0, from = at + 4; i < length; i++) {
            char c = in.getChar(from + 2 * i);
            if (!plain(c)) {
                return -1;
            }
            line[n + i] = (byte) c;
        }
        return n + length;
    }

    /** Whether JSON writes {@code c} as it is, one byte: printable ASCII but the quote and the backslash. */
    private static boolean plain(char c) {
        return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    }
}
