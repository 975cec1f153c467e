package dev.syswrite.logging.capture;

import dev.syswrite.logging.async.EventFormatter;
import dev.syswrite.logging.layout.EventBuffers;
import dev.syswrite.logging.layout.LayoutSettings;
import dev.syswrite.logging.layout.LineBytes;
import dev.syswrite.logging.output.LogSink;
import java.nio.ByteBuffer;

/**
 * The async drain's formatter: under the text layout, each captured event written as bytes from
 * pre-rendered pieces ({@link PrerenderedLine}) where that line takes it; any other laid
 * out by {@link EventReplay} in a slot of its own, then encoded as the synchronous mode encodes
 * ({@link LineBytes}). Used under the drain
 * lock only, one event at a time. A record it cannot format (never expected; an
 * {@code OutOfMemoryError}) is counted as lost, as an event whose formatting fails on its caller
 * is, rather than stop the writer at it for good.
 */
public final class ReplayFormatter implements EventFormatter {
    private final EventReplay replay;
    private final LineBytes lineBytes;
    private final LogSink sink;
    private final EventBuffers.Slot slot = EventBuffers.unpooled();
    /** Null under JSON. */
    private final PrerenderedLine prerendered;
    /** Whether the line {@link #prepare} laid out is cut at the line limit. */
    private boolean cut;
    /** The length of the line {@link #prepare} wrote as bytes, or -1 if it laid it out in the slot. */
    private int prerenderedLength = -1;

    /**
     * @param settings the layout's settings
     * @param pieces the provider's pre-rendered pieces; null under JSON
     * @param replay lays events out
     * @param lineBytes encodes their lines
     * @param sink counts a record that cannot be formatted
     */
    public ReplayFormatter(LayoutSettings settings, PrerenderedPieces pieces, EventReplay replay, LineBytes lineBytes, LogSink sink) {
        this.prerendered = pieces == null ? null : PrerenderedLine.of(settings, pieces);
        this.replay = replay;
        this.lineBytes = lineBytes;
        this.sink = sink;
    }

    @Override
    public int prepare(ByteBuffer memory, int offset, int length) {
        try {
            prerenderedLength = prerendered == null || memory.get(offset) != CapturedEvent.FORMAT ? -1 : prerendered.layOut(memory, offset);
            if (prerenderedLength >= 0) {
                return prerenderedLength;
            }
            replay.layOut(slot, memory, offset);
        } catch (Throwable failure) {
            if (failure instanceof ThreadDeath || failure instanceof StackOverflowError) {
                throw failure; // the drain's own end, not the record's: the next drain formats it again
            }
            sink.formatFailed(failure); // anything else would fail again on every drain: the record is skipped
            return -1;
        }
        long bytes = lineBytes.bytes(slot.line);
        cut = lineBytes.cut(slot.line, bytes);
        return lineBytes.room(bytes);
    }

    @Override
    public int encode(ByteBuffer out, int at) {
        if (prerenderedLength >= 0) {
            out.put(at, prerendered.line(), 0, prerenderedLength);
            return at + prerenderedLength;
        }
        int end = lineBytes.encode(slot.encoder, slot.line, out, at, cut);
        slot.line.shrink(); // a huge event's text is not kept
        return end;
    }
}
