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
 * <p>A drain may die at any bytecode (a stack overflow, {@code Thread.stop}), before its
 * {@code writev(2)} or after it. So the shim stores each call's result in {@link #note} before it
 * returns to Java, over a value that says a call is under way; what the kernel took is then
 * marked ({@link #written}, {@link #writtenPart}, {@link #newlineOwed}) from that note and from
 * the batch as it was built, by {@link #settle}, which gives the same marks however often it runs,
 * until the note says settled. A drain that finds a note still unsettled settles it first: a
 * batch the kernel took is never written twice, one it never saw is never taken for written, and
 * a line the kernel took part of is continued where it stopped.
 */
final class RingDrain {
    private static final long EINTR = -Errno.EINTR.number();
    /** Bytes of one {@code struct iovec}: base and length, 8 bytes each on a 64-bit kernel. */
    private static final int IOVEC = 16;
    /** In {@link #note}: every call's result is marked. Below any result (-4095 to 2^31). */
    private static final long SETTLED = Long.MIN_VALUE;
    /** In {@link #note}: a call is under way, and the shim stores its result over this. */
    private static final long CALLING = Long.MIN_VALUE + 1;
    /** The staging memory a batch's formatted events start with: a thousand lines of 256 bytes. */
    private static final int STAGING_BYTES = 256 << 10;

    private final EventRing ring;
    private final LogSink sink;
    private final AsyncCounts counters;
    /** The hold on the output of whoever drains. */
    private final Pin holder;

    /*
     * The batch: entry i is the line of the record from entryStart[i] to entryEnd[i],
     * entryLength[i] bytes at entryBase[i] (the first `skip` entries are the newline a torn line
     * owes, of no record), up to ring position `end` (padding and orphans included), `bytes` in all.
     * Fixed once built, with the marks it started from (`startWritten`, `startPart`), so that
     * settle() can derive the marks for any count of bytes taken from these alone.
     */
    private final long[] entryStart = new long[SysWrite.IOV_MAX];
    private final long[] entryEnd = new long[SysWrite.IOV_MAX];
    private final long[] entryBase = new long[SysWrite.IOV_MAX];
    private final long[] entryLength = new long[SysWrite.IOV_MAX];
    private int entries;
    private int skip;
    private long end;
    private long bytes;
    private long startWritten;
    private int startPart;
    /** Bytes of the batch the kernel took in calls already settled. */
    private long taken;
    /** Set by {@link #mark}: the entries the kernel took whole, and the bytes it took of the next. */
    private int takenEntries;
    private long takenInto;

    /** Ring position up to which every line is in the kernel, or counted lost: at or past head. */
    private long written;
    /** Bytes of the line of the record at {@link #written} already in the kernel. */
    private int writtenPart;
    /** Whether the newline a torn line owes was taken from the sink and not yet written. */
    private boolean newlineOwed;

    /** The iovecs of one batch, in native memory. */
    private final ByteBuffer iov = ByteBuffer.allocateDirect(IOVEC * SysWrite.IOV_MAX).order(ByteOrder.nativeOrder());
    private final long iovAddress;
    /** The last call's result, stored by the shim before it returns; {@link #SETTLED} once marked. */
    private final ByteBuffer note = ByteBuffer.allocateDirect(Long.BYTES).order(ByteOrder.nativeOrder()).putLong(0, SETTLED);
    private final long ringAddress;
    /** One newline, written first after a line the kernel took only part of. */
    private final ByteBuffer newline = ByteBuffer.allocateDirect(1).put(0, (byte) '\n');
    private final long newlineAddress;

    /** Formats captured events; null where the ring holds lines only. */
    private final EventFormatter formatter;
    /** The lines of a batch's captured events, formatted one after another; grown for a long one. */
    private ByteBuffer staging;
    private long stagingAddress;

    /** Set when a record's header did not make sense: the writer then stops reading the ring. */
    private boolean malformed;

    RingDrain(EventRing ring, LogSink sink, AsyncCounts counters, Pin holder, EventFormatter formatter) {
        this.ring = ring;
        this.sink = sink;
        this.counters = counters;
        this.holder = holder;
        this.formatter = formatter;
        this.staging = formatter == null ? null : ByteBuffer.allocateDirect(STAGING_BYTES);
        this.stagingAddress = formatter == null ? 0 : sink.addressOf(staging);
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
     * First marks and frees what the kernel took of a batch whose drain died.
     *
     * @return how many records it consumed (padding included), or 1 if it only freed room; 0 if
     *     none was committed
     */
    int batch() {
        long result = note.getLong(0);
        if (result != SETTLED) {
            settle(result); // a drain died between its call and the marks
        }
        long head = ring.head();
        if (written > head) {
            ring.release(written); // an earlier drain wrote these lines, then died before this
            return 1;
        }
        long tail = ring.tail(); // past it lie older records: a full ring's memory holds nothing else
        long at = head;
        int records = 0;
        entries = 0;
        bytes = 0;
        if (newlineOwed || sink.takeTorn()) {
            newlineOwed = true;
            addEntry(head, head, newlineAddress, 1);
        }
        skip = entries;
        int staged = 0;
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
            if (length != EventRing.PADDING && (length & EventRing.EVENT) != 0) {
                int need = formatter.prepare(ring.memory(), ring.lineOffset(at), length & ~EventRing.EVENT);
                if (need > staging.capacity() - staged) {
                    if (staged > 0) {
                        break; // the batch's staging is full: the next batch formats it again
                    }
                    staging = ByteBuffer.allocateDirect(need); // a line longer than any before, the first of its batch
                    stagingAddress = sink.addressOf(staging);
                }
                if (need >= 0) { // else it could not be formatted: consumed, with no line
                    int end = formatter.encode(staging, staged);
                    if (end - staged > done) {
                        addEntry(at, at + size, stagingAddress + staged + done, end - staged - done);
                    }
                    staged = end;
                }
            } else if (length > done) {
                addEntry(at, at + size, ringAddress + ring.lineOffset(at) + done, length - done);
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
            end = at;
            startWritten = written;
            startPart = writtenPart;
            taken = 0;
            takenEntries = 0;
            takenInto = 0;
            writeBatch();
        } else {
            written = at; // padding and orphans only
            writtenPart = 0;
        }
        ring.release(written);
        return records;
    }

    private void addEntry(long start, long end, long base, long length) {
        entryStart[entries] = start;
        entryEnd[entries] = end;
        entryBase[entries] = base;
        entryLength[entries++] = length;
        bytes += length;
    }

    /**
     * Puts the iovecs of the batch from entry {@code first}, {@code into} bytes into it, on: one
     * per run of entries that lie end to end in memory (the lines the formatter staged), so the
     * kernel copies a run as one block rather than line by line, which on this path costs more
     * than the bytes. Derived from the entries each call, which alone say what was written.
     *
     * @return how many iovecs it put
     */
    private int putIovecs(int first, long into) {
        int count = 0;
        long base = entryBase[first] + into;
        long length = entryLength[first] - into;
        for (int i = first + 1; i < entries; i++) {
            if (entryBase[i] == base + length) {
                length += entryLength[i];
            } else {
                putIovec(count++, base, length);
                base = entryBase[i];
                length = entryLength[i];
            }
        }
        putIovec(count++, base, length);
        return count;
    }

    private void putIovec(int index, long base, long length) {
        iov.putLong(index * IOVEC, base).putLong(index * IOVEC + 8, length);
    }

    /**
     * Writes the batch: continued after a short write, to the same file even if it is swapped
     * meanwhile. Lines the kernel refused are counted as lost.
     */
    private void writeBatch() {
        OpenFile pinned = null;
        OutputFile output = sink.outputFile();
        try {
            pinned = sink.pin(holder, bytes); // a batch over PIPE_BUF to a pipe: alone, as a long line
            writePinned(pinned);
        } finally {
            holder.file = null; // stores: the file is let go even with no stack left
            if (output.alone == holder) {
                output.alone = null;
            }
            if (pinned != null) {
                sink.wrote(pinned, taken);
            }
        }
        if (taken == bytes) {
            sink.succeeded(); // not pinned: it may write a report of its own
        }
    }

    /** {@link #writeBatch} to {@code pinned}, each call's result settled before the next. */
    private void writePinned(OpenFile pinned) {
        while (true) {
            int count = putIovecs(takenEntries, takenInto); // from where a short write stopped
            note.putLong(0, CALLING);
            long n = sink.writev(pinned, iovAddress, count, note);
            if (!settle(n) || taken == bytes) {
                return;
            }
        }
    }

    /**
     * Marks what the call whose result is {@code n} did: the bytes the kernel took, or, if it
     * refused them, the rest of the batch as lost. Runs again with the same outcome until the note
     * says settled, so a drain that dies inside it leaves the next one to finish it.
     *
     * @param n the call's result, or {@link #CALLING} for a call that never reached the kernel
     * @return whether the batch may go on: the call took bytes, or none for a reason to retry
     */
    private boolean settle(long n) {
        if (n > 0) {
            mark(taken + n);
            note.putLong(0, SETTLED);
            taken += n;
            if (taken == bytes) {
                counters.countBatch(entries - skip);
            }
            return true;
        }
        mark(taken); // the marks of the calls before, whatever a settle cut short stored
        if (n == CALLING || n == EINTR) {
            note.putLong(0, SETTLED);
            return true;
        }
        boolean torn = writtenPart > 0 || newlineOwed;
        int first = takenEntries;
        written = end; // refused: the rest is counted lost, not tried again
        writtenPart = 0;
        newlineOwed = false;
        note.putLong(0, SETTLED);
        if (first > skip) {
            counters.countBatch(first - skip); // the lines before the refusal are out
        }
        if (torn) {
            sink.markTorn(); // part of a line is out, or the newline owed is still owed
        }
        sink.failed(n == 0 ? 0 : (int) -n, entries - Math.max(first, skip));
        return false;
    }

    /**
     * Sets the marks for the kernel having taken the first {@code took} bytes of the batch, from
     * the batch as built alone: the same marks however often it runs.
     */
    private void mark(long took) {
        int whole = 0;
        long left = took;
        for (; whole < entries && left >= entryLength[whole]; whole++) {
            left -= entryLength[whole];
        }
        if (whole == entries) {
            written = end; // with the padding after the last line
            writtenPart = 0;
        } else if (left > 0) { // part of a line: continued where the kernel stopped
            written = entryStart[whole];
            writtenPart = (entryStart[whole] == startWritten ? startPart : 0) + (int) left;
        } else if (whole > skip) {
            written = entryEnd[whole - 1];
            writtenPart = 0;
        } else {
            written = startWritten;
            writtenPart = startPart;
        }
        newlineOwed = whole < skip;
        takenEntries = whole;
        takenInto = left;
    }
}
