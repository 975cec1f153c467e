package dev.syswrite.logging.async;

import dev.syswrite.Errno;
import dev.syswrite.SysWrite;
import dev.syswrite.logging.output.LogSink;
import dev.syswrite.logging.output.OpenFile;
import dev.syswrite.logging.output.OutputFile;
import dev.syswrite.logging.output.Pin;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Hands the ring's committed lines to the kernel: a batch of up to {@code IOV_MAX} lines in one
 * {@code writev(2)}, each line in place in the ring, then frees their room. It knows nothing of
 * who drains or when ({@link AsyncWriter} decides): every method runs under the writer's drain
 * lock, by one thread at a time.
 *
 * <p>A drain may die at any instruction (a stack overflow, {@code Thread.stop}). The lines the
 * kernel took are marked written ({@link #written}, {@link #writtenPart}) by stores in the frame
 * that called {@code writev(2)}, right after it returns and before anything that could fail, so
 * the next drain frees their room rather than write them again; a line the kernel took part of
 * is continued where it stopped.
 */
final class RingDrain {
    private static final long EINTR = -Errno.EINTR.number();
    /** Bytes of one {@code struct iovec}: base and length, 8 bytes each on a 64-bit kernel. */
    private static final int IOVEC = 16;

    private final EventRing ring;
    private final LogSink sink;
    private final AsyncCounts counters;
    /** The hold on the output of whoever drains. */
    private final Pin holder;

    /*
     * A batch's iovec i holds the line of the record from entryStart[i] to entryEnd[i],
     * entryLength[i] bytes still to write (the first entry may be the newline a torn line owes, of
     * no record). Arrays, not the native iovecs, so that the frame that called writev(2) can mark
     * what it wrote with array reads and field stores only.
     */
    private final long[] entryStart = new long[SysWrite.IOV_MAX];
    private final long[] entryEnd = new long[SysWrite.IOV_MAX];
    private final long[] entryLength = new long[SysWrite.IOV_MAX];
    /** Ring position up to which every line is in the kernel, or counted lost: at or past head. */
    private long written;
    /** Bytes of the line of the record at {@link #written} already in the kernel. */
    private int writtenPart;
    /** Whether the newline a torn line owes was taken from the sink and not yet written. */
    private boolean newlineOwed;

    /** The iovecs of one batch, in native memory. */
    private final ByteBuffer iov = ByteBuffer.allocateDirect(IOVEC * SysWrite.IOV_MAX).order(ByteOrder.nativeOrder());
    private final long iovAddress;
    private final long ringAddress;
    /** One newline, written first after a line the kernel took only part of. */
    private final ByteBuffer newline = ByteBuffer.allocateDirect(1).put(0, (byte) '\n');
    private final long newlineAddress;

    /** Set when a record's header did not make sense: the writer then stops reading the ring. */
    private boolean malformed;

    RingDrain(EventRing ring, LogSink sink, AsyncCounts counters, Pin holder) {
        this.ring = ring;
        this.sink = sink;
        this.counters = counters;
        this.holder = holder;
        // The buffers stay reachable from this object, so their memory outlives every use of these.
        this.ringAddress = sink.addressOf(ring.memory());
        this.iovAddress = sink.addressOf(iov);
        this.newlineAddress = sink.addressOf(newline);
    }

    /** Whether a batch met a record whose header did not make sense (never expected). */
    boolean malformed() {
        return malformed;
    }

    /**
     * Writes the committed lines at the head of the ring, up to {@code IOV_MAX} of them, in one
     * {@code writev(2)} (more only after a short write), and frees their room.
     * First frees the room of lines an earlier drain wrote but died before freeing.
     *
     * @return how many records it consumed (padding included), or 1 if it only freed room; 0 if
     *     none was committed
     */
    int batch() {
        long head = ring.head();
        if (written > head) {
            ring.release(written); // an earlier drain wrote these lines, then failed (out of stack) before this
            return 1;
        }
        long tail = ring.tail(); // past it lie older records: a full ring's memory holds nothing else
        long at = head;
        int records = 0;
        int entries = 0;
        long bytes = 0;
        if (newlineOwed || sink.takeTorn()) {
            newlineOwed = true;
            putIovec(entries, newlineAddress, 1);
            entryStart[entries] = entryEnd[entries] = head;
            entryLength[entries++] = 1;
            bytes = 1;
        }
        int skip = entries;
        for (int size; at < tail && entries < SysWrite.IOV_MAX; at += size, records++) {
            size = ring.sizeAt(at);
            if (size == 0 && (size = ring.orphanSizeAt(at)) != 0) {
                continue; // claimed by a producer that failed before committing it: no line
            } else if (size == 0) {
                break; // not committed yet
            }
            int length = ring.lengthAt(at);
            if (!ring.wellFormed(at, size, length, tail)) {
                malformed = true; // never expected: the writer stops reading the ring rather than misread it
                break;
            }
            int done = at == written ? writtenPart : 0; // a line an earlier drain wrote part of
            if (length > done) {
                putIovec(entries, ringAddress + ring.lineOffset(at) + done, length - done);
                entryStart[entries] = at;
                entryEnd[entries] = at + size;
                entryLength[entries++] = length - done;
                bytes += length - done;
            }
        }
        if (records == 0) {
            if (newlineOwed) {
                newlineOwed = false;
                sink.markTorn(); // still owed, by whoever writes next
            }
            return 0;
        }
        counters.countFill(tail - head);
        if (entries > 0) {
            writeBatch(entries, skip, bytes, at);
        } else {
            written = at; // padding and orphans only
            writtenPart = 0;
        }
        ring.release(written);
        return records;
    }

    private void putIovec(int index, long base, long length) {
        iov.putLong(index * IOVEC, base).putLong(index * IOVEC + 8, length);
    }

    /**
     * One {@code writev(2)} of the batch's {@code entries} iovecs, the first {@code skip} of them
     * not lines, up to ring position {@code end}; continued after a short write, to the same file
     * even if it is swapped meanwhile. Lines the kernel refused are counted as lost.
     */
    private void writeBatch(int entries, int skip, long bytes, long end) {
        long left = bytes;
        OpenFile pinned = null;
        OutputFile output = sink.outputFile();
        try {
            pinned = sink.pin(holder, bytes); // a batch over PIPE_BUF to a pipe: alone, as a long line
            left = writePinned(pinned, entries, skip, bytes, end);
        } finally {
            holder.file = null; // stores: the file is let go even with no stack left
            if (output.alone == holder) {
                output.alone = null;
            }
            if (pinned != null) {
                sink.wrote(pinned, bytes - left);
            }
        }
        if (left == 0) {
            sink.succeeded(); // not pinned: it may write a report of its own
        }
    }

    /**
     * {@link #writeBatch} to {@code pinned}; returns how many bytes the kernel did not take.
     * Everything the kernel took is marked in {@link #written} and {@link #writtenPart} by the
     * frame that called it, before any other call.
     */
    private long writePinned(OpenFile pinned, int entries, int skip, long bytes, long end) {
        int first = 0;
        while (true) {
            long n;
            try {
                n = sink.writev(pinned, iovAddress + (long) first * IOVEC, entries - first);
            } catch (Throwable stopped) {
                // A StackOverflowError comes before the system call (only a call's entry runs out
                // of stack): nothing was written. Thread.stop's ThreadDeath comes on its way back
                // (the sink reaches the kernel through no return a stop could land on:
                // EngineAccess.writevAddress): the kernel took the batch, so it must not be
                // written again.
                if (stopped instanceof ThreadDeath) {
                    written = end;
                    writtenPart = 0;
                    newlineOwed = false;
                }
                throw stopped;
            }
            if (n == bytes) { // all out: marked before anything else, with stores only (no loop: a stop lands on its back edge)
                written = end; // with the padding after the last line
                writtenPart = 0;
                newlineOwed = false;
                counters.countBatch(entries - skip);
                return 0;
            }
            if (n > 0) { // part out: marked first, with array reads and field stores only
                bytes -= n;
                for (; first < entries && n >= entryLength[first]; n -= entryLength[first++]) {
                    if (first < skip) {
                        newlineOwed = false;
                    } else {
                        written = entryEnd[first];
                        writtenPart = 0;
                    }
                }
                if (n > 0) { // the kernel took part of iovec `first`, a line
                    written = entryStart[first];
                    writtenPart += (int) n; // on top of what an earlier drain wrote, if it is that line
                    entryLength[first] -= n;
                    iov.putLong(first * IOVEC, iov.getLong(first * IOVEC) + n).putLong(first * IOVEC + 8, entryLength[first]);
                }
                continue;
            }
            if (n == EINTR) {
                continue;
            }
            boolean torn = writtenPart > 0 || newlineOwed;
            written = end; // refused: the rest is counted lost, not tried again
            writtenPart = 0;
            newlineOwed = false;
            if (first > skip) {
                counters.countBatch(first - skip); // the lines before the refusal are out
            }
            if (torn) {
                sink.markTorn(); // part of a line is out, or the newline owed is still owed
            }
            sink.failed(n == 0 ? 0 : (int) -n, entries - Math.max(first, skip));
            return bytes;
        }
    }
}
