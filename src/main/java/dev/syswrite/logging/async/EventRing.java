package dev.syswrite.logging.async;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;

/**
 * A bounded ring of encoded lines in off-heap memory, written by any number of threads and read
 * by one: the queue of the asynchronous mode.
 *
 * <p>A producer claims room with one compare-and-set on {@code tail}, copies its line in, and
 * commits it by storing the record's size last, with release semantics; it takes no lock and
 * allocates nothing. The consumer reads records from {@code head} in order while their size is
 * non-zero (acquire), hands their bytes to the kernel in place, then zeroes what it read and
 * moves {@code head} on (release), which frees the room for producers.
 *
 * <p>Positions grow without bound (a long does not wrap in practice); the offset in memory is a
 * position modulo the capacity, a power of two. A record is an 8-byte header, the size of the
 * whole record (a multiple of 8) and the line's length, then the line. A record never wraps: if
 * it does not fit before the end of the memory, the producer fills the rest with a padding
 * record (length -1) and starts its own at offset 0.
 */
public final class EventRing {
    private static final int HEADER = 8;
    /** The length of a padding record, which holds no line. */
    static final int PADDING = -1;

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
     * nothing is freed by a call that a drain out of stack could miss.
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
            commit(offset, size, length);
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
        return size >= HEADER && (size & 7) == 0 && size <= tail - position && offset + size <= capacity()
                && (length == PADDING || length >= 0 && length <= size - HEADER);
    }

    private void commit(int offset, int size, int length) {
        memory.putInt(offset + 4, length);
        INTS.setRelease(memory, offset, size); // publishes the length and the line with it
    }

    /** The size of the record at {@code position}, or 0 if it is not committed yet. */
    int sizeAt(long position) {
        return (int) INTS.getAcquire(memory, (int) position & mask);
    }

    /** The length of the line in the committed record at {@code position}, or {@link #PADDING}. */
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
                bytes += length;
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
