package dev.syswrite.logging.async;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;

/**
 * A bounded ring of encoded lines and captured events in off-heap memory, written by any number
 * of threads and read by one: the queue of the asynchronous mode.
 *
 * <p>A producer claims room with one compare-and-set on {@code tail}, copies its line in, and
 * commits it by storing the record's size last, with release semantics; it takes no lock and
 * allocates nothing. The consumer reads records from {@code head} in order while their size is
 * non-zero (acquire), hands their bytes to the kernel in place, then zeroes what it read and
 * moves {@code head} on (release), which frees the room for producers.
 *
 * <h2>Positions and memory</h2>
 *
 * <p>{@code head} and {@code tail} are positions: byte counts since the ring was made, which grow
 * without bound (a long does not wrap in practice) and never move back. A position's offset in
 * memory is the position modulo the capacity, a power of two ({@code position & mask}). Between
 * them lies the claimed room, at most the capacity; every byte outside it is zero.
 *
 * <pre>{@code
 *  position:    head                                         tail
 *                 |<---------- claimed room, <= capacity ------>|
 *
 *  memory:  0                                                           capacity
 *           +----------+--------+.................+----------+--------+---------+
 *           | record C | rec. D |   free, zero    | record A | rec. B | padding |
 *           +----------+--------+.................+----------+--------+---------+
 *                               ^                 ^
 *                          tail & mask       head & mask
 *
 *  A and B were claimed first; C did not fit before the end, so its producer
 *  claimed the rest of the memory as a padding record and put C at offset 0.
 * }</pre>
 *
 * <h2>A record</h2>
 *
 * <p>Each record is an 8-byte header and the line, rounded up to a multiple of 8 bytes, at an
 * offset that is a multiple of 8, in native byte order:
 *
 * <pre>{@code
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  size: the whole record, header and padding bytes included;   |  +0
 *  |  a multiple of 8, at least 8. 0 = not committed (yet).        |
 *  |  Written last, with release: the commit mark.                 |
 *  +---------------------------------------------------------------+
 *  |  length: the line's bytes, 0 to size - 8;                     |  +4
 *  |  -1 (PADDING) for a padding record, which holds no line;      |
 *  |  with bit 30 (EVENT) set, the bytes of a captured event,      |
 *  |  which the drain formats before it writes (not in place)      |
 *  +---------------------------------------------------------------+
 *  |  the line: length bytes, handed to writev(2) in place        ...  +8
 * ...                                                              |
 *  +-------------------------------+-------------------------------+
 *  |  ... end of the line          |  0 to 7 bytes, zero           |
 *  +-------------------------------+-------------------------------+  +size
 * }</pre>
 *
 * <p>So an empty line is a header alone (8 bytes), a line of 1 to 8 bytes a record of 16. A
 * record never wraps around the end of the memory: one that would is preceded by a <em>padding
 * record</em> (length -1) that fills the memory to its end, at least 8 bytes (a header alone,
 * since offsets are multiples of 8), and the line's record starts at offset 0. The padding and the
 * record are one claim, committed padding first. A line longer than {@code lineMax()}, half the
 * ring less a header, is never queued by the writer: a line up to that long fits an empty ring
 * wherever its head stands, padding included.
 *
 * <h2>The protocol</h2>
 *
 * <p>A producer ({@code offer}):
 * <ol>
 *   <li>reads {@code tail} as its start, and works out the record's size and the padding it needs
 *       before the end of the memory; if {@code start + padding + size - head} exceeds the
 *       capacity, the ring is full <em>now</em>: it returns -1 having claimed nothing (the writer's
 *       full-ring policy decides what then);
 *   <li>claims {@code [start, start + padding + size)} by a compare-and-set of {@code tail} from
 *       {@code start}, or starts over: from then on that room is its own, and the zeroes in it
 *       (the consumer zeroed it before it moved {@code head} past) read as "not committed";
 *   <li>commits the padding record, if any: length, then size with release;
 *   <li>copies its line after the header, stores the length, then the size with release: the
 *       record is committed, and the consumer may read it from that store on.
 * </ol>
 *
 * <p>The consumer (one thread at a time; the writer's drain lock sees to that) reads from
 * {@code head} up to the {@code tail} it read first: a record of size 0 is an orphan (below) or
 * not committed yet, and the pass stops there, in order, behind it; a committed record is
 * checked by {@code wellFormed} (its size a multiple of 8 within the claimed room and the memory,
 * its length within its size), and the pass stops at one that is not; a padding record is
 * skipped; a line is handed to the kernel in place. {@code release} then zeroes everything it
 * read (headers, lines, padding, orphans) and stores the new {@code head} with release, so that a
 * producer that sees the room free also sees it zero, which is what makes size 0 mean "not
 * committed" on the next lap.
 *
 * <h2>Orphans</h2>
 *
 * <p>An <em>orphan</em> is room claimed and never committed: its producer failed between the
 * claim and the commit (a {@code StackOverflowError} in a logging call made from deep recursion,
 * an {@code OutOfMemoryError}, {@code Thread.stop} where the JDK still has it, a source range
 * that is not there). The consumer can never pass a record of size 0 on its own, so a producer
 * failing there would stop the ring. Its exception handler therefore records the orphan's start
 * and end in a small table beside the ring, with plain array stores and no call (it may be out
 * of stack), and rethrows; the consumer, finding size 0, asks {@code orphanSizeAt} and skips the
 * orphan whole. The caller counts the line as lost. A padding already committed is read as
 * usual; the orphan is what follows it.
 *
 * <p>The table is a hint the consumer checks, never trusts blindly: an entry whose end is not
 * past its start and within the claimed room reads as "not visible yet". What it cannot hold
 * (more orphans in one probe window than it has slots, or a producer stopped after its padding
 * was committed and before it noted that) is an orphan the consumer never finds: it stops there,
 * and the writer, after a claim stays uncommitted for its stuck timeout (10 s), calls the ring
 * stuck and has callers write their own lines from then on. A header no producer wrote (a torn
 * or corrupted one) makes the consumer stop the same way, rather than hand the kernel a range
 * outside a record.
 *
 * <p>A known limit: two producers that fail at the same instant and pick the same free slot may
 * leave it holding the start of one beside the end of the other, as each entry is two stores.
 * If the later orphan's end is the one left, the consumer skips from the earlier start to it,
 * losing the lines between and freeing room a producer there may still be filling. An entry
 * written in one store (start and size packed in a long) would close this.
 */
public final class EventRing {
    /** A record's header: its size, then its line's length, two ints (see the drawing above). */
    private static final int HEADER = 8;
    /** The length of a padding record, which holds no line. */
    static final int PADDING = -1;
    /**
     * Set in the length of a record that holds a captured event, for the drain's formatter, rather
     * than a line: above any length a ring of at most 1 GiB can hold.
     */
    static final int EVENT = 1 << 30;

    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle TAIL;
    private static final VarHandle HEAD;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(EventRing.class, "tail", long.class);
            HEAD = MethodHandles.lookup().findVarHandle(EventRing.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Zeroes copied over consumed records, in memcpy-sized strides. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024);

    private final ByteBuffer memory;
    private final int mask;

    /**
     * Records claimed and never committed ("orphans"), by position: a failing producer takes the
     * first free slot of {@link #ORPHAN_PROBES} from its position's hash, with plain stores (it
     * may call nothing); the consumer skips the record. A slot whose start is behind the head is
     * free: the consumer is past it (-1, the start of an unused slot, is behind any head). So
     * nothing is freed by a call that a drain out of stack could miss. If all the probed slots are
     * taken, the producer overwrites the one after them, the last the consumer looks at: the
     * orphan recorded there is lost, and the consumer stops at it (see the class comment).
     *
     * <p>A slot holds where the orphan ends, not its size. Plain stores may reach another thread
     * in either order, so the consumer may see a new start beside what the slot's previous orphan
     * left there; that orphan was passed whole, so its end is at or behind the head, never past
     * the new start, and the consumer can tell it from the new one.
     */
    private static final int ORPHANS = 256;
    private static final int ORPHAN_PROBES = 8;
    private static final VarHandle POSITIONS = MethodHandles.arrayElementVarHandle(long[].class);
    private final long[] orphanStarts = new long[ORPHANS];
    private final long[] orphanEnds = new long[ORPHANS];

    // Producers write tail, the consumer writes head: keep them off each other's cache line.
    @SuppressWarnings("unused") private long p1, p2, p3, p4, p5, p6, p7;
    @SuppressWarnings("unused") // through TAIL
    private volatile long tail;
    @SuppressWarnings("unused") private long q1, q2, q3, q4, q5, q6, q7;
    @SuppressWarnings("unused") // through HEAD
    private volatile long head;
    @SuppressWarnings("unused") private long r1, r2, r3, r4, r5, r6, r7;

    /**
     * @param memory zeroed direct memory whose capacity is a power of two, at least 4 KiB
     */
    EventRing(ByteBuffer memory) {
        this.memory = memory.order(ByteOrder.nativeOrder());
        this.mask = memory.capacity() - 1;
        Arrays.fill(orphanStarts, -1);
    }

    int capacity() {
        return mask + 1;
    }

    /** The longest line a record can hold: half the ring, so that one always fits once the ring drains. */
    int lineMax() {
        return capacity() / 2 - HEADER;
    }

    long head() {
        return (long) HEAD.getAcquire(this);
    }

    long tail() {
        return (long) TAIL.getVolatile(this);
    }

    /**
     * Copies {@code src[from, to)} into the ring as one record, if there is room.
     *
     * @return the position just past the record, or -1 if the ring is too full now (always, for a
     *     line longer than the ring less a header: callers keep lines to {@link #lineMax()})
     * @throws IllegalArgumentException if {@code to < from}, having claimed nothing
     */
    long offer(ByteBuffer src, int from, int to) {
        return offer(src, from, to, 0);
    }

    /**
     * Copies the captured event {@code src[from, to)} into the ring as one record, if there is
     * room; as {@link #offer(ByteBuffer, int, int)}, its length marked {@link #EVENT}.
     */
    long offerEvent(ByteBuffer src, int from, int to) {
        return offer(src, from, to, EVENT);
    }

    private long offer(ByteBuffer src, int from, int to, int kind) {
        int length = to - from;
        if (length < 0) {
            throw new IllegalArgumentException("line from " + from + " to " + to);
        } else if (length > capacity() - HEADER) {
            return -1; // checked before the size is computed: it would overflow, and claim negative room
        }
        int size = (HEADER + length + 7) & -8;
        long start;
        int offset;
        int padding;
        do {
            start = (long) TAIL.getVolatile(this);
            offset = (int) start & mask;
            padding = offset + size > capacity() ? capacity() - offset : 0; // the rest of the memory, skipped
            if (start + padding + size - (long) HEAD.getAcquire(this) > capacity()) {
                return -1;
            }
        } while (!TAIL.compareAndSet(this, start, start + padding + size));
        long uncommitted = start; // where the records not yet committed start
        try {
            if (padding != 0) {
                commit(offset, padding, PADDING);
                uncommitted += padding;
                offset = 0;
            }
            memory.put(offset + HEADER, src, from, length);
            commit(offset, size, length | kind);
            return start + padding + size;
        } catch (Throwable failure) {
            // Room claimed must be committed, or the consumer waits on it forever; yet a caller
            // out of stack (a toString() that logs, recursing) can fail in any call here. So this
            // handler calls nothing: two array stores in this frame tell the consumer to skip it.
            int slot = (int) (uncommitted >>> 3) & (ORPHANS - 1);
            long freed = head; // a field read, not a call: slots of orphans the consumer is past are free
            for (int probe = 0; probe < ORPHAN_PROBES && orphanStarts[slot] >= freed; probe++) {
                slot = (slot + 1) & (ORPHANS - 1);
            }
            orphanEnds[slot] = start + padding + size;
            orphanStarts[slot] = uncommitted; // the consumer matches on it, and checks the end, which may show later
            throw failure;
        }
    }

    /**
     * The room a producer claimed and, failing, never committed, by position: the consumer, which
     * alone may call the ring stuck, skips it. Each is also counted as lost by its caller.
     */
    int orphanSizeAt(long position) {
        int slot = (int) (position >>> 3) & (ORPHANS - 1);
        for (int probe = 0; probe <= ORPHAN_PROBES; probe++, slot = (slot + 1) & (ORPHANS - 1)) {
            if ((long) POSITIONS.getAcquire(orphanStarts, slot) == position) {
                long end = (long) POSITIONS.getAcquire(orphanEnds, slot);
                if (end <= position || ((end - position) & 7) != 0 || end > tail()) {
                    return 0; // its end not visible yet (the slot's previous end, or none): the next drain looks again
                }
                return (int) (end - position);
            }
        }
        return 0;
    }

    /**
     * Whether the committed record at {@code position}, of {@code size} with a line of
     * {@code length} (as read by the caller), is well formed: within the claimed room, not across
     * the end of the memory, its line within it. Producers write only what they claimed, so
     * this fails only if the ring was misread: the consumer then stops rather than hand the kernel
     * a range outside a record.
     */
    boolean wellFormed(long position, int size, int length, long tail) {
        int offset = (int) position & mask;
        int bytes = length & ~EVENT;
        return size >= HEADER && (size & 7) == 0 && size <= tail - position && offset + size <= capacity()
                && (length == PADDING || length >= 0 && bytes <= size - HEADER);
    }

    private void commit(int offset, int size, int length) {
        memory.putInt(offset + 4, length);
        INTS.setRelease(memory, offset, size); // publishes the length and the line with it
    }

    /** The size of the record at {@code position}, or 0 if it is not committed yet. */
    int sizeAt(long position) {
        return (int) INTS.getAcquire(memory, (int) position & mask);
    }

    /**
     * The length of the line in the committed record at {@code position}, or {@link #PADDING};
     * for a captured event, the length of its bytes with {@link #EVENT} set.
     */
    int lengthAt(long position) {
        return memory.getInt(((int) position & mask) + 4);
    }

    /** The offset in memory of the line of the record at {@code position}. */
    int lineOffset(long position) {
        return ((int) position & mask) + HEADER;
    }

    ByteBuffer memory() {
        return memory;
    }

    /**
     * What is queued now, as "N events (B bytes)", plus the room claimed and never filled, if
     * any: for a report when the ring is abandoned. Read without the consumer's lock, so exact
     * only while no drain runs; a drain freeing records meanwhile makes it count fewer.
     */
    String describeQueued() {
        long tail = tail();
        long at = head();
        long lines = 0;
        long bytes = 0;
        for (int size; at < tail; at += size) {
            size = sizeAt(at);
            int length = size == 0 ? PADDING : lengthAt(at);
            if (size == 0 && (size = orphanSizeAt(at)) == 0 || !wellFormed(at, size, length, tail)) {
                break; // claimed and not filled yet, or freed under this read
            }
            if (length > 0) {
                lines++;
                bytes += length & ~EVENT;
            }
        }
        return String.format(Locale.ROOT, "%,d events (%,d bytes)%s", lines, bytes,
                at < tail ? String.format(Locale.ROOT, " and %,d bytes claimed but never filled", tail - at) : "");
    }

    /** Zeroes the records in [head, {@code until}) and frees their room; consumer only, {@code until} past head. */
    void release(long until) {
        long head = (long) HEAD.get(this);
        if (until <= head) {
            throw new IllegalStateException("release to " + until + " behind head " + head); // two consumers at once
        }
        for (long at = head; at < until; ) {
            int offset = (int) at & mask;
            int n = (int) Math.min(Math.min(until - at, capacity() - offset), ZEROS.capacity());
            memory.put(offset, ZEROS, 0, n);
            at += n;
        }
        HEAD.setRelease(this, until); // producers see zeroes wherever they may now write
    }
}
