package dev.syswrite.logging.capture;

import dev.syswrite.logging.async.EventFormatter;
import dev.syswrite.logging.layout.EventBuffers;
import dev.syswrite.logging.layout.LineBytes;
import dev.syswrite.logging.output.LogSink;
import java.nio.ByteBuffer;

/**
 * The async drain's formatter: each captured event laid out by {@link EventReplay} in a slot of
 * its own, then encoded as the synchronous mode encodes ({@link LineBytes}). Used under the drain
 * lock only, one event at a time. A record it cannot format (never expected; an
 * {@code OutOfMemoryError}) is counted as lost, as an event whose formatting fails on its caller
 * is, rather than stop the writer at it for good.
 */
public final class ReplayFormatter implements EventFormatter {
    private final EventReplay replay;
    private final LineBytes lineBytes;
    private final LogSink sink;
    private final EventBuffers.Slot slot = EventBuffers.unpooled();
    /** Whether the line {@link #prepare} laid out is cut at the line limit. */
    private boolean cut;

    /**
     * @param replay lays events out
     * @param lineBytes encodes their lines
     * @param sink counts a record that cannot be formatted
     */
    public ReplayFormatter(EventReplay replay, LineBytes lineBytes, LogSink sink) {
        this.replay = replay;
        this.lineBytes = lineBytes;
        this.sink = sink;
    }

    @Override
    public int prepare(ByteBuffer memory, int offset, int length) {
        try {
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
        int end = lineBytes.encode(slot.encoder, slot.line, out, at, cut);
        slot.line.shrink(); // a huge event's text is not kept
        return end;
    }
}
