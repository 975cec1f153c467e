package dev.syswrite.logging.async;

import dev.syswrite.Errno;
import dev.syswrite.SysWrite;
import dev.syswrite.logging.concurrent.Backoff;
import dev.syswrite.logging.concurrent.StoreReleasedLock;
import dev.syswrite.logging.event.Level;
import dev.syswrite.logging.output.LogSink;
import dev.syswrite.logging.output.Notices;
import dev.syswrite.logging.output.OpenFile;
import dev.syswrite.logging.output.OutputFile;
import dev.syswrite.logging.output.Pin;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The asynchronous mode ({@code syswrite.logger.mode=async}): a calling thread copies its encoded
 * line into an {@link EventRing} and returns; one writer thread hands the lines to the kernel in
 * order, as many as are committed (up to {@code IOV_MAX}) in one {@code writev(2)}, each line in
 * place in the ring. A batch holds whole lines only, so with {@code O_APPEND} it lands whole and
 * never interleaves with another process's lines.
 *
 * <p>Nothing is lost silently:
 * <ul>
 *   <li>A full ring follows {@link AsyncSettings.WhenFull}: the caller waits for room, helping to drain
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
 * <p>A caller may drain on a stack about to run out, or be stopped, at any instruction. Whatever
 * a drain takes is given back by a store ({@link StoreReleasedLock}, {@link Pin}), and the lines
 * the kernel took are marked written by stores right after the {@code writev(2)} returns, before
 * anything that could fail: a drain that dies later leaves the next one to free their room, not
 * to write them again.
 *
 * <p>The writer thread is a daemon named {@code syswrite-logger-writer}. When the ring is empty
 * it parks, for 50 µs at first and up to 1 ms, so a line waits at most about that long; after
 * a second with nothing to write it parks until a producer wakes it. With
 * {@code syswrite.logger.async.wait=spin} it never parks, for deployments that pin it to a core
 * of its own. It survives any exception: a failure is said once on stderr and counted.
 */
public final class AsyncWriter {
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
    private final AsyncSettings.WhenFull full;
    private final Level syncLevel;
    private final boolean spin;
    private final AsyncCounts counters = new AsyncCounts();
    private final StoreReleasedLock drainLock = new StoreReleasedLock();
    /** The hold on the output of whoever holds {@link #drainLock}. */
    private final Pin drainHolder = new Pin();

    /*
     * The state of a drain, under drainLock only. A batch's iovec i holds the line of the record
     * from entryStart[i] to entryEnd[i], entryLength[i] bytes still to write (the first entry may be
     * the newline a torn line owes, of no record). Arrays, not the native iovecs, so that the
     * frame that called writev(2) can mark what it wrote with array reads and field stores only.
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

    /** The iovecs of one batch, in native memory; used under {@link #drainLock} only. */
    private final ByteBuffer iov = ByteBuffer.allocateDirect(IOVEC * SysWrite.IOV_MAX).order(ByteOrder.nativeOrder());
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

    private AsyncWriter(AsyncSettings settings, Level fsyncLevel, LogSink sink, int ringBytes) {
        this.ring = new EventRing(ByteBuffer.allocateDirect(ringBytes));
        this.sink = sink;
        sink.register(drainHolder);
        // The buffers stay reachable from this object, so their memory outlives every use of these.
        this.ringAddress = sink.addressOf(ring.memory());
        this.iovAddress = sink.addressOf(iov);
        this.newlineAddress = sink.addressOf(newline);
        this.full = settings.whenFull();
        // An event is synced once it is in the kernel.
        this.syncLevel = settings.syncLevel().compareTo(fsyncLevel) <= 0 ? settings.syncLevel() : fsyncLevel;
        this.spin = settings.waiting() == AsyncSettings.Waiting.SPIN;
        this.thread = new Thread(this::run, "syswrite-logger-writer");
        thread.setDaemon(true);
    }

    /**
     * Starts the writer thread, with a ring of {@code ringBytes} (a power of two, which may be
     * less than the settings ask where they cannot be allocated), and the shutdown hook that
     * drains the ring at exit.
     *
     * @throws IllegalStateException if the JVM is already shutting down
     * @throws OutOfMemoryError if direct memory cannot hold the ring
     */
    public static AsyncWriter start(AsyncSettings settings, Level fsyncLevel, LogSink sink, int ringBytes) {
        AsyncWriter writer = new AsyncWriter(settings, fsyncLevel, sink, ringBytes);
        Runtime.getRuntime().addShutdownHook(new Thread(writer::close, "syswrite-logger-shutdown"));
        writer.thread.start();
        return writer;
    }

    public AsyncCounts counters() {
        return counters;
    }

    /**
     * Queues {@code line[from, to)} ({@code line[from - 1]} is the sink's, as for
     * {@link LogSink#write}), or writes it as the policies say, through {@code holder} where the
     * caller writes it itself. Never throws.
     */
    public void write(Pin holder, Level level, ByteBuffer line, int from, int to) {
        if (stuck || drainLock.isHeldByCurrentThread()) {
            // Stuck; or logged from inside a drain: a drain within the drain would write and
            // release the same lines twice.
            sink.write(holder, line, from, to);
            return;
        }
        if (closed || to - from > ring.lineMax()) {
            writeThrough(holder, line, from, to); // no writer left, or a line the ring can never hold
            return;
        }
        long end = ring.offer(line, from, to);
        if (end < 0) {
            end = whenFull(holder, level, line, from, to);
            if (end < 0) {
                return;
            }
        }
        if ((level.passes(syncLevel) || closed) && !drainUntil(end) && stuck) { // closed: the hook may have drained before this line was in
            sink.write(holder, line, from, to); // the ring will not reach it: written twice rather than lost
        } else if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    /** Applies the full-ring policy; returns the end of the line's record, or -1 if it was handled otherwise. */
    private long whenFull(Pin holder, Level level, ByteBuffer line, int from, int to) {
        switch (level.passes(syncLevel) && full == AsyncSettings.WhenFull.DROP ? AsyncSettings.WhenFull.SYNC : full) { // a sync-level event is never dropped
            case DROP -> {
                counters.countDropped(level);
                return -1;
            }
            case SYNC -> {
                counters.countWroteThrough();
                writeThrough(holder, line, from, to);
                return -1;
            }
            default -> {
                counters.countBlocked();
                return waitForRoom(holder, line, from, to);
            }
        }
    }

    /**
     * Waits for room, helping to drain; returns the end of the line's record, or -1 if the ring
     * closed or stuck meanwhile and the line was written otherwise. An interrupt does not end the
     * wait (logging is not interruptible) and is kept.
     */
    private long waitForRoom(Pin holder, ByteBuffer line, int from, int to) {
        long uncommittedSince = 0;
        Thread me = Thread.currentThread();
        for (int round = 0; ; round++) {
            if (closed || stuck) {
                writeThrough(holder, line, from, to);
                return -1;
            }
            boolean helped = false;
            try {
                if (drainLock.tryLock()) { // help: the writer may be busy, parked, or gone
                    helped = true;
                    // Under the lock no drain is zeroing the head: a head record of size 0 is uncommitted.
                    if (drainBatch() > 0 || ring.head() == ring.tail()) {
                        uncommittedSince = 0;
                    } else if (uncommittedSince == 0) {
                        uncommittedSince = System.nanoTime();
                    } else if (System.nanoTime() - uncommittedSince > STUCK_NANOS) {
                        becomeStuck(); // the oldest line stayed uncommitted: it never will be
                    }
                }
            } finally {
                if (drainLock.owner == me) {
                    drainLock.owner = null; // a store: released even with no stack left, or stopped on the way out of lock()
                }
                drainLock.wake();
            }
            if (!helped) {
                LockSupport.unpark(thread);
                Backoff.pause(round);
            }
            long end = ring.offer(line, from, to);
            if (end >= 0) {
                return end;
            }
        }
    }

    /**
     * Writes everything queued so far to the kernel.
     *
     * @return whether the ring was drained up to where it stood when called (false only after a
     *     producer failed to commit its line within the shutdown wait)
     */
    public boolean flush() {
        return drainUntil(ring.tail());
    }

    /**
     * Drains the ring, then writes the line itself: in order after everything queued before it.
     * After the shutdown hook, a drain that stays busy (an output that does not take its writes)
     * is waited for at most {@link #SHUTDOWN_WAIT_NANOS}: the line is then written out of order
     * rather than hold up the exit.
     */
    private void writeThrough(Pin holder, ByteBuffer line, int from, int to) {
        Thread me = Thread.currentThread();
        try {
            if (!closed) {
                drainLock.lock();
            } else if (!drainLock.tryLock(SHUTDOWN_WAIT_NANOS)) {
                sink.write(holder, line, from, to);
                return;
            }
            if (!stuck) {
                drainCommitted(ring.tail(), STUCK_NANOS);
            }
            sink.write(holder, line, from, to);
        } finally {
            if (drainLock.owner == me) {
                drainLock.owner = null; // a store: released even with no stack left, or stopped on the way out of lock()
            }
            drainLock.wake();
        }
    }


    /** Drains until {@code end} is written; false if the ring is stuck. */
    private boolean drainUntil(long end) {
        if (stuck || drainLock.isHeldByCurrentThread()) {
            return false; // see write()
        }
        Thread me = Thread.currentThread();
        try {
            drainLock.lock();
            return drainCommitted(end, STUCK_NANOS);
        } finally {
            if (drainLock.owner == me) {
                drainLock.owner = null; // a store: released even with no stack left, or stopped on the way out of lock()
            }
            drainLock.wake();
        }
    }

    /**
     * Drains until {@code end}, waiting for lines claimed but not yet committed, at most
     * {@code waitNanos} for each; under the lock.
     */
    private boolean drainCommitted(long end, long waitNanos) {
        long waitingSince = 0;
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
                Backoff.pause(round++); // a producer between claim and commit: it is copying its line
            }
        }
        return true;
    }

    /**
     * Writes the committed lines at the head of the ring, up to {@code IOV_MAX} of them, in one
     * {@code writev(2)} (more only after a short write), and frees their room; under the lock.
     * First frees the room of lines an earlier drain wrote but died before freeing.
     *
     * @return how many records it consumed (padding included), or 1 if it only freed room; 0 if
     *     none was committed
     */
    private int drainBatch() {
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
                becomeStuck(); // never expected: stop reading the ring rather than misread it
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
            pinned = sink.pin(drainHolder, bytes); // a batch over PIPE_BUF to a pipe: alone, as a long line
            left = writePinned(pinned, entries, skip, bytes, end);
        } finally {
            drainHolder.file = null; // stores: the file is let go even with no stack left
            if (output.alone == drainHolder) {
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
                // of stack): nothing was written. Thread.stop's ThreadDeath comes on its way back:
                // the kernel took the batch, so it must not be written again.
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

    /** The writer thread: drains while there is anything to drain, parks while there is not. */
    private void run() {
        long idleSince = 0;
        long nap = FIRST_NAP_NANOS;
        while (!closed) {
            try {
                Thread.interrupted(); // an interrupt never stops the writer (only the shutdown hook does), nor its parking
                int consumed = 0;
                try {
                    drainLock.lock();
                    consumed = drainBatch();
                } finally {
                    if (drainLock.owner == thread) {
                        drainLock.owner = null;
                    }
                    drainLock.wake();
                }
                Notices.print(); // the lock is free: a System.err routed to SLF4J may log
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
            Notices.queue("syswrite-logger: a line claimed in the async ring was not filled within " + TimeUnit.NANOSECONDS.toSeconds(STUCK_NANOS)
                    + " s; events are written by their callers from now on, and those still queued behind it (at most "
                    + (ring.tail() - ring.head()) + " bytes) may be lost");
        }
    }

    private void writerFailed(Throwable failure) {
        try {
            if (!failureReported) {
                failureReported = true;
                Notices.queue("syswrite-logger: the writer thread caught " + failure + "; it goes on, and says no more such failures");
            }
            Notices.print();
            LockSupport.parkNanos(LONGEST_NAP_NANOS);
        } catch (Throwable again) {
            // nothing left to report with
        }
    }

    /**
     * The shutdown hook: from now on callers write their own events; drain what is queued,
     * waiting at most {@link #SHUTDOWN_WAIT_NANOS} for the lock and as long again for each line
     * claimed but not yet filled. What it cannot drain (an output that does not take its writes,
     * a producer that never fills its line) is said on stderr, with how many lines and bytes.
     */
    void close() {
        closed = true;
        boolean drained = false;
        Thread me = Thread.currentThread();
        try {
            if (!stuck && drainLock.tryLock(SHUTDOWN_WAIT_NANOS)) {
                drained = drainCommitted(ring.tail(), SHUTDOWN_WAIT_NANOS);
            }
        } finally {
            if (drainLock.owner == me) {
                drainLock.owner = null; // a store: released even with no stack left, or stopped on the way out of lock()
            }
            drainLock.wake();
        }
        LockSupport.unpark(thread);
        if (!drained && ring.tail() > ring.head()) {
            Notices.queue("syswrite-logger: exiting with " + ring.describeQueued() + " not written to " + sink.output() + " within "
                    + TimeUnit.NANOSECONDS.toSeconds(SHUTDOWN_WAIT_NANOS) + " s ("
                    + (stuck ? "a line claimed in the ring was never filled" : "the output did not take them") + "); they are lost");
        }
        printBeforeExit();
    }

    /**
     * Prints the notices from a daemon thread, waited for at most {@link #SHUTDOWN_WAIT_NANOS}:
     * where the stalled output is stderr itself, a print from this hook would hold up the exit
     * for good.
     */
    private static void printBeforeExit() {
        Thread printer = new Thread(Notices::printAll, "syswrite-logger-exit-notices");
        printer.setDaemon(true);
        printer.start();
        try {
            printer.join(TimeUnit.NANOSECONDS.toMillis(SHUTDOWN_WAIT_NANOS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // exit goes on
        }
    }

}
