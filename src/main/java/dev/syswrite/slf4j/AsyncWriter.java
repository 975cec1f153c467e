package dev.syswrite.slf4j;

import dev.syswrite.Errno;
import dev.syswrite.internal.NativeWrite;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The asynchronous mode ({@code syswrite.logger.mode=async}): a calling thread copies its encoded
 * line into an {@link EventRing} and returns; one writer thread hands the lines to the kernel in
 * order, as many as are committed (up to {@code IOV_MAX}) in one {@code writev(2)}, each line in
 * place in the ring. A batch holds whole lines only, so with {@code O_APPEND} it lands whole and
 * never interleaves with another process's lines.
 *
 * <p>Nothing is lost silently:
 * <ul>
 *   <li>A full ring follows {@link FullRing}: the caller waits for room, helping to drain
 *       ({@code block}); or the event is dropped and counted by level ({@code drop}); or the
 *       caller writes it itself, after everything queued before it ({@code sync}).
 *   <li>An event at or above {@code syswrite.logger.sync.level} is in the kernel, after
 *       everything queued before it, when the logging call returns: the caller drains the ring
 *       up to its own line.
 *   <li>{@link #flush()} drains on demand; the JVM's normal exit drains through a shutdown hook,
 *       after which every event is written by its caller.
 * </ul>
 *
 * <p>Draining is serialised by one lock, held by the writer thread for one batch at a time, or
 * by a caller that must see its line written. Producers never take it on the common path.
 *
 * <p>The writer thread is a daemon named {@code syswrite-logger-writer}. When the ring is empty
 * it parks, for 50 µs at first and up to 1 ms, so a line waits at most about that long; after
 * a second with nothing to write it parks until a producer wakes it. With
 * {@code syswrite.logger.async.wait=spin} it never parks, for deployments that pin it to a core
 * of its own. It survives any exception: a failure is said once on stderr and counted.
 */
final class AsyncWriter {
    /** What a producer does when the ring has no room for its line. */
    enum FullRing { BLOCK, DROP, SYNC }

    private static final long EINTR = -Errno.EINTR.number();
    private static final int IOVEC = 16;
    private static final long FIRST_NAP_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long LONGEST_NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long DEEP_SLEEP_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long the shutdown hook waits for the lock and for a line claimed but not yet copied. */
    private static final long SHUTDOWN_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    /**
     * How long a drain waits for a line claimed but not yet copied before it calls the ring stuck:
     * its producer was descheduled that long, or failed between claim and commit.
     */
    private static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final EventRing ring;
    private final LogSink sink;
    private final FullRing full;
    private final int syncLevel;
    private final boolean spin;
    private final AsyncCounters counters = new AsyncCounters();
    private final ReentrantLock drainLock = new ReentrantLock();

    /** The iovecs of one batch, in native memory; used under {@link #drainLock} only. */
    private final ByteBuffer iov = ByteBuffer.allocateDirect(IOVEC * NativeWrite.IOV_MAX).order(ByteOrder.nativeOrder());
    private final long iovAddress;
    private final long ringAddress;
    /** One newline, written first after a line the kernel took only part of. */
    private final ByteBuffer newline = ByteBuffer.allocateDirect(1).put(0, (byte) '\n');
    private final long newlineAddress;

    private final Thread thread;
    /** Set by the shutdown hook: from then on callers write their own events. */
    private volatile boolean closed;
    /**
     * Set when a claimed line stayed uncommitted for {@link #STUCK_NANOS}: the ring cannot move
     * past it, so from then on callers write their own events, and nothing waits on the ring.
     */
    private volatile boolean stuck;
    /** Whether the writer is parked until a producer wakes it. */
    private volatile boolean sleeping;
    private volatile boolean failureReported;

    private AsyncWriter(LoggerConfig config, LogSink sink) {
        this.ring = new EventRing(ByteBuffer.allocateDirect(config.asyncRing));
        this.sink = sink;
        // The buffers stay reachable from this object, so their memory outlives every use of these.
        this.ringAddress = sink.addressOf(ring.memory());
        this.iovAddress = sink.addressOf(iov);
        this.newlineAddress = sink.addressOf(newline);
        this.full = config.asyncFull;
        this.syncLevel = Math.min(config.syncLevel, config.fsyncLevel); // an event is synced once it is in the kernel
        this.spin = config.asyncSpin;
        this.thread = new Thread(this::run, "syswrite-logger-writer");
        thread.setDaemon(true);
    }

    /**
     * Starts the writer thread and the shutdown hook that drains the ring at exit.
     *
     * @throws IllegalStateException if the JVM is already shutting down
     */
    static AsyncWriter start(LoggerConfig config, LogSink sink) {
        AsyncWriter writer = new AsyncWriter(config, sink);
        Runtime.getRuntime().addShutdownHook(new Thread(writer::close, "syswrite-logger-shutdown"));
        writer.thread.start();
        return writer;
    }

    AsyncCounters counters() {
        return counters;
    }

    /**
     * Queues {@code line[from, to)} ({@code line[from - 1]} is the sink's, as for
     * {@link LogSink#write}), or writes it as the policies say. Never throws.
     */
    void write(int level, ByteBuffer line, int from, int to) {
        if (stuck || drainLock.isHeldByCurrentThread()) {
            // Stuck; or logged from inside a drain (a failure said on a System.err that goes to
            // SLF4J): a drain within the drain would write and release the same lines twice.
            sink.write(line, from, to);
            return;
        }
        if (closed || to - from > ring.lineMax()) {
            writeThrough(line, from, to); // no writer left, or a line the ring can never hold
            return;
        }
        long end = ring.offer(line, from, to);
        if (end < 0) {
            end = whenFull(level, line, from, to);
            if (end < 0) {
                return;
            }
        }
        if ((level >= syncLevel || closed) && !drainUntil(end) && stuck) { // closed: the hook may have drained before this line was in
            sink.write(line, from, to); // the ring will not reach it: written twice rather than lost
        } else if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    /** Applies the full-ring policy; returns the end of the line's record, or -1 if it was handled otherwise. */
    private long whenFull(int level, ByteBuffer line, int from, int to) {
        switch (level >= syncLevel && full == FullRing.DROP ? FullRing.SYNC : full) { // a sync-level event is never dropped
            case DROP -> {
                counters.countDropped(level);
                return -1;
            }
            case SYNC -> {
                counters.countWroteThrough();
                writeThrough(line, from, to);
                return -1;
            }
            default -> {
                counters.countBlocked();
                return waitForRoom(line, from, to);
            }
        }
    }

    /**
     * Waits for room, helping to drain; returns the end of the line's record, or -1 if the ring
     * closed or stuck meanwhile and the line was written otherwise. An interrupt does not end the
     * wait (logging is not interruptible) and is kept.
     */
    private long waitForRoom(ByteBuffer line, int from, int to) {
        long uncommittedSince = 0;
        boolean interrupted = false;
        try {
            for (int round = 0; ; round++) {
                if (closed || stuck) {
                    writeThrough(line, from, to);
                    return -1;
                }
                if (drainLock.tryLock()) { // help: the writer may be busy, parked, or gone
                    try {
                        // Under the lock no drain is zeroing the head: a head record of size 0 is uncommitted.
                        if (drainBatch() > 0 || ring.head() == ring.tail()) {
                            uncommittedSince = 0;
                        } else if (uncommittedSince == 0) {
                            uncommittedSince = System.nanoTime();
                        } else if (System.nanoTime() - uncommittedSince > STUCK_NANOS) {
                            becomeStuck(); // the oldest line stayed uncommitted: it never will be
                        }
                    } finally {
                        drainLock.unlock();
                    }
                } else {
                    LockSupport.unpark(thread);
                    interrupted |= backOff(round);
                }
                long end = ring.offer(line, from, to);
                if (end >= 0) {
                    return end;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Writes everything queued so far to the kernel.
     *
     * @return whether the ring was drained up to where it stood when called (false only after a
     *     producer failed to commit its line within the shutdown wait)
     */
    boolean flush() {
        return drainUntil(ring.tail());
    }

    /** Drains the ring, then writes the line itself: in order after everything queued before it. */
    private void writeThrough(ByteBuffer line, int from, int to) {
        drainLock.lock();
        try {
            if (!stuck) {
                drainCommitted(ring.tail(), STUCK_NANOS);
            }
            sink.write(line, from, to);
        } finally {
            drainLock.unlock();
        }
    }

    /** Drains until {@code end} is written; false if the ring is stuck. */
    private boolean drainUntil(long end) {
        if (stuck || drainLock.isHeldByCurrentThread()) {
            return false; // see write()
        }
        drainLock.lock();
        try {
            return drainCommitted(end, STUCK_NANOS);
        } finally {
            drainLock.unlock();
        }
    }

    /**
     * Drains until {@code end}, waiting for lines claimed but not yet committed, at most
     * {@code waitNanos} for each; under the lock.
     */
    private boolean drainCommitted(long end, long waitNanos) {
        long waitingSince = 0;
        boolean interrupted = false;
        try {
            for (int round = 0; ring.head() < end; ) {
                if (drainBatch() > 0) {
                    round = 0;
                    waitingSince = 0;
                } else if (waitingSince == 0) {
                    waitingSince = System.nanoTime();
                } else if (System.nanoTime() - waitingSince > waitNanos) {
                    if (waitNanos >= STUCK_NANOS) {
                        becomeStuck();
                    }
                    return false;
                } else {
                    interrupted |= backOff(round++); // a producer between claim and commit: it is copying its line
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Writes the committed lines at the head of the ring, up to {@code IOV_MAX} of them, in one
     * {@code writev(2)} (more only after a short write), and frees their room; under the lock.
     *
     * @return how many records it consumed (padding included); 0 if none was committed
     */
    private int drainBatch() {
        long head = ring.head();
        long tail = ring.tail(); // past it lie older records: a full ring's memory holds nothing else
        long at = head;
        int records = 0;
        int entries = 0;
        long bytes = 0;
        boolean newline = sink.takeTorn();
        if (newline) {
            putIovec(entries++, newlineAddress, 1);
            bytes = 1;
        }
        for (int size; at < tail && entries < NativeWrite.IOV_MAX; at += size, records++) {
            size = ring.sizeAt(at);
            if (size == 0 && (size = ring.orphanSizeAt(at)) != 0) {
                ring.forgetOrphan(at);
                continue; // claimed by a producer that failed before committing it: no line
            } else if (size == 0) {
                break; // not committed yet
            }
            int length = ring.lengthAt(at);
            if (!ring.wellFormed(at, size, length, tail)) {
                becomeStuck(); // never expected: stop reading the ring rather than misread it
                break;
            }
            if (length > 0) {
                putIovec(entries++, ringAddress + ring.lineOffset(at), length);
                bytes += length;
            }
        }
        if (records == 0) {
            if (newline) {
                sink.markTorn(); // still owed
            }
            return 0;
        }
        counters.countFill(tail - head);
        if (entries > 0) {
            writeBatch(entries, newline ? 1 : 0, bytes);
        }
        ring.release(at);
        return records;
    }

    private void putIovec(int index, long base, long length) {
        iov.putLong(index * IOVEC, base).putLong(index * IOVEC + 8, length);
    }

    /**
     * One {@code writev(2)} of the batch's {@code entries} iovecs, the first {@code skip} of them
     * not lines; continued after a short write, to the same file even if it is swapped meanwhile.
     * Lines the kernel refused are counted as lost.
     */
    private void writeBatch(int entries, int skip, long bytes) {
        OpenFile pinned = sink.pin();
        long left = bytes;
        try {
            left = writePinned(pinned, entries, skip, bytes);
        } finally {
            sink.wrote(pinned, bytes - left);
            sink.unpin(pinned);
        }
    }

    /** {@link #writeBatch} to {@code pinned}; returns how many bytes the kernel did not take. */
    private long writePinned(OpenFile pinned, int entries, int skip, long bytes) {
        int first = 0;
        boolean partial = false; // whether the kernel took part of iovec `first`
        while (true) {
            long n = sink.writev(pinned, iovAddress + (long) first * IOVEC, entries - first);
            if (n == bytes) {
                counters.countBatch(entries - skip);
                sink.succeeded();
                return 0;
            }
            if (n > 0) {
                bytes -= n;
                for (long len; n >= (len = iov.getLong(first * IOVEC + 8)); n -= len) {
                    first++;
                }
                if (n > 0) {
                    iov.putLong(first * IOVEC, iov.getLong(first * IOVEC) + n).putLong(first * IOVEC + 8, iov.getLong(first * IOVEC + 8) - n);
                }
                partial = n > 0;
                continue;
            }
            if (n == EINTR) {
                continue;
            }
            if (first > skip) {
                counters.countBatch(first - skip); // the lines before the refusal are out
            }
            if (partial || first < skip) {
                sink.markTorn(); // part of a line is out, or the newline owed is still owed
            }
            sink.failed(n == 0 ? 0 : (int) -n, entries - Math.max(first, skip));
            return bytes;
        }
    }

    /** The writer thread: drains while there is anything to drain, parks while there is not. */
    private void run() {
        long idleSince = 0;
        long nap = FIRST_NAP_NANOS;
        while (!closed) {
            try {
                Thread.interrupted(); // an interrupt never stops the writer (only the shutdown hook does), nor its parking
                int consumed;
                drainLock.lock();
                try {
                    consumed = drainBatch();
                } finally {
                    drainLock.unlock();
                }
                if (consumed > 0) {
                    idleSince = 0;
                    nap = FIRST_NAP_NANOS;
                    continue;
                }
                if (spin) {
                    Thread.onSpinWait();
                    continue;
                }
                long now = System.nanoTime();
                if (idleSince == 0) {
                    idleSince = now;
                }
                if (now - idleSince < DEEP_SLEEP_AFTER_NANOS) {
                    LockSupport.parkNanos(this, nap);
                    nap = Math.min(2 * nap, LONGEST_NAP_NANOS);
                    continue;
                }
                sleeping = true;
                if (ring.tail() == ring.head() && !closed) { // after the flag: a producer that missed it left its tail here
                    LockSupport.park(this);
                }
                sleeping = false;
            } catch (Throwable failure) {
                writerFailed(failure);
            }
        }
    }

    /** From now on callers write their own events; says so once. */
    private void becomeStuck() {
        if (!stuck) {
            stuck = true;
            counters.markStuck();
            System.err.println("syswrite-logger: a line claimed in the async ring was not filled within " + TimeUnit.NANOSECONDS.toSeconds(STUCK_NANOS)
                    + " s; events are written by their callers from now on, and those still queued behind it (at most "
                    + (ring.tail() - ring.head()) + " bytes) may be lost");
        }
    }

    private void writerFailed(Throwable failure) {
        try {
            if (!failureReported) {
                failureReported = true;
                System.err.println("syswrite-logger: the writer thread caught " + failure + "; it goes on, and says no more such failures");
            }
            LockSupport.parkNanos(LONGEST_NAP_NANOS);
        } catch (Throwable again) {
            // nothing left to report with
        }
    }

    /** The shutdown hook: from now on callers write their own events; drain what is queued. */
    void close() {
        closed = true;
        try {
            if (!stuck && drainLock.tryLock(SHUTDOWN_WAIT_NANOS, TimeUnit.NANOSECONDS)) {
                try {
                    drainCommitted(ring.tail(), SHUTDOWN_WAIT_NANOS);
                } finally {
                    drainLock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // exit goes on without the rest of the drain
        }
        LockSupport.unpark(thread);
    }

    /**
     * Waits a little longer each round: spin, then yield, then park.
     *
     * @return whether it cleared the thread's interrupt flag, which the caller restores once it
     *     is done waiting (with the flag set, every park would return at once, and the wait spin)
     */
    private static boolean backOff(int round) {
        if (round < 64) {
            Thread.onSpinWait();
            return false;
        }
        if (round < 128) {
            Thread.yield();
            return false;
        }
        boolean interrupted = Thread.interrupted();
        LockSupport.parkNanos(FIRST_NAP_NANOS);
        return interrupted;
    }
}
