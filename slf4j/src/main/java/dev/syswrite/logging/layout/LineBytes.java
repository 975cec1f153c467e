package dev.syswrite.logging.layout;

import dev.syswrite.logging.text.LineBuilder;
import dev.syswrite.logging.text.Utf8;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * How a line's text becomes its bytes, the same on every thread that formats: UTF-8, the head
 * escaped if the layout asks ({@link Layout#escapesOnEncode()}), and a line over
 * {@link LayoutSettings#lineMax()} (or one whose text already stopped growing) cut there, ending
 * with {@code [truncated to N bytes]}.
 */
public final class LineBytes {
    private final int lineMax;
    private final boolean escapesOnEncode;
    /** {@code " [truncated to N bytes]\n"}, what ends a cut line. */
    private final byte[] truncationMark;

    /**
     * @param settings the line limit
     * @param escapesOnEncode whether the head is escaped on the way out
     */
    public LineBytes(LayoutSettings settings, boolean escapesOnEncode) {
        this.lineMax = settings.lineMax();
        this.escapesOnEncode = escapesOnEncode;
        this.truncationMark = (" [truncated to " + lineMax + " bytes]\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The bytes the line's text takes encoded: exact where it matters (from the smaller of a
     * slot's first buffer and the limit up, or for a line that stopped growing), an upper bound
     * for a short line (cheaper than counting).
     *
     * @param line the line's text
     * @return the bytes, before any cut
     */
    public long bytes(LineBuilder line) {
        StringBuilder text = line.chars();
        int head = line.bodyStart();
        int length = line.length();
        long bytes = (long) Utf8.maxBytesPerChar(escapesOnEncode) * head + 3L * (length - head);
        if (bytes >= Math.min(EventBuffers.SLOT_BYTES_MIN, lineMax) || line.isFull()) { // the exact size decides
            bytes = Utf8.length(text, 0, head, escapesOnEncode) + Utf8.length(text, head, length, false);
        }
        return bytes;
    }

    /**
     * Whether the line is cut: longer than the limit, or its text stopped growing.
     *
     * @param line the line's text
     * @param bytes what {@link #bytes} said
     * @return whether it ends with the truncation mark
     */
    public boolean cut(LineBuilder line, long bytes) {
        return line.isFull() || bytes > lineMax;
    }

    /**
     * The room the encoded line needs: its bytes, at most the limit.
     *
     * @param bytes what {@link #bytes} said
     * @return the room, in bytes
     */
    public int room(long bytes) {
        return (int) Math.min(bytes, lineMax);
    }

    /**
     * Encodes the line into {@code out} from index {@code from}, which must have {@link #room}
     * for it.
     *
     * @param encoder the thread's encoder
     * @param line the line's text
     * @param out where it goes
     * @param from its first byte
     * @param cut what {@link #cut} said
     * @return the index after its last byte, its newline
     */
    public int encode(Utf8 encoder, LineBuilder line, ByteBuffer out, int from, boolean cut) {
        StringBuilder text = line.chars();
        int head = line.bodyStart();
        int length = line.length();
        int limit = from + lineMax - (cut ? truncationMark.length : 0);
        long done = encoder.encode(text, 0, head, escapesOnEncode, out, from, limit);
        if ((int) (done >>> 32) == head && length == head + 1 && (int) done < limit) {
            out.put((int) done, (byte) '\n'); // no stack trace: the body is the newline, and a call costs 30 ns
            done++;
        } else if ((int) (done >>> 32) == head) {
            done = encoder.encode(text, head, length, false, out, (int) done, limit);
        }
        int end = (int) done;
        if (cut) {
            out.put(end, truncationMark);
            end += truncationMark.length;
        }
        return end;
    }
}
