package dev.syswrite.logging.async;

import dev.syswrite.logging.concurrent.Backoff;
import dev.syswrite.logging.concurrent.StoreReleasedLock;
import dev.syswrite.logging.event.Level;
import dev.syswrite.logging.output.LogSink;
import dev.syswrite.logging.output.Notices;
import dev.syswrite.logging.output.Pin;
import java.nio.ByteBuffer;
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
    /** What a drain does, under {@link #drainLock}. */
    private final RingDrain drain;

    private final Thread thread;
    /** Set by the shutdown hook: from then on callers write their own events. */
    private volatile boolean closed;
    /**
     * Set when a claimed line stayed uncommitted for {@link #STUCK_NANOS}: the ring cannot move
     * past it, so from then on callers write their own events, and nothing waits on the ring.
     */
    private volatile boolean stuck;
    /** Drains the ring at the JVM's exit; taken out by {@link #retire()}. */
    private final Thread hook = new Thread(this::close, "syswrite-logger-shutdown");
    /** Whether the writer is parked until a producer wakes it. */
    private volatile boolean sleeping;
    private volatile boolean failureReported;
    /** Set by the drain at exit when a line claimed in the ring stayed unfilled for its wait. */
    private volatile boolean unfilledAtExit;

    private AsyncWriter(AsyncSettings settings, Level fsyncLevel, LogSink sink, int ringBytes, EventFormatter formatter) {
        this.ring = new EventRing(ByteBuffer.allocateDirect(ringBytes));
        this.sink = sink;
        sink.register(drainHolder);
        this.drain = new RingDrain(ring, sink, counters, drainHolder, formatter);
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
     * @param settings the ring's size, the full-ring policy, how the thread waits, the sync level
     * @param fsyncLevel the level from which a caller waits for its event to be synced to the device
     * @param sink where the writer thread writes
     * @param ringBytes the ring's size in bytes, a power of two
     * @param formatter formats the events callers {@link #capture}; null if none will
     * @return the running writer
     * @throws IllegalStateException if the JVM is already shutting down
     * @throws OutOfMemoryError if direct memory cannot hold the ring
     */
    public static AsyncWriter start(AsyncSettings settings, Level fsyncLevel, LogSink sink, int ringBytes, EventFormatter formatter) {
        AsyncWriter writer = new AsyncWriter(settings, fsyncLevel, sink, ringBytes, formatter);
        Runtime.getRuntime().addShutdownHook(writer.hook);
        writer.thread.start();
        return writer;
    }

    /**
     * Ends this writer now, as its shutdown hook would at exit, and takes the hook out: for a
     * writer replaced at run time. What is queued is drained; from then on callers write their
     * own events, so an event that reaches this writer late is still written; the thread ends
     * and the ring is left to the garbage collector. Where the JVM is already exiting, the hook
     * does it instead.
     */
    public void retire() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            return; // the hook runs, or has run
        }
        close();
    }

    /**
     * What the writer counts (events queued, written, dropped, and its waits), as it counts them.
     *
     * @return its counters, updated live
     */
    public AsyncCounts counters() {
        return counters;
    }

    /**
     * Queues {@code line[from, to)} ({@code line[from - 1]} is the sink's, as for
     * {@link LogSink#write}), or writes it as the policies say, through {@code holder} where the
     * caller writes it itself. Never throws.
     *
     * @param holder the calling thread's hold on the output, for a line it writes itself
     * @param level the event's level, which the sync, fsync and full-ring policies judge
     * @param line the encoded line
     * @param from the line's first byte
     * @param to the index after its newline
     */
    public void write(Pin holder, Level level, ByteBuffer line, int from, int to) {
        boolean through = closed || to - from > ring.lineMax(); // no writer left, or a line the ring can never hold
        if (stuck || (through || level.passes(syncLevel)) && insideDrain()) {
            sink.write(holder, line, from, to);
            return;
        }
        if (through) {
            writeThrough(holder, line, from, to);
            return;
        }
        long end = ring.offer(line, from, to);
        if (end < 0) {
            if (insideDrain()) {
                sink.write(holder, line, from, to);
                return;
            }
            end = whenFull(holder, level, line, from, to);
            if (end < 0) {
                return;
            }
        }
        if (!followUp(level, end)) {
            sink.write(holder, line, from, to); // the ring will not reach it: written twice rather than lost
        }
    }

    /**
     * What follows a record queued up to {@code end}: drained now where its level asks (or the
     * writer closed meanwhile: its hook may have drained before the record was in), else the
     * writer woken if it sleeps. False if the ring stuck before it reached the record, which the
     * caller must then write itself.
     */
    private boolean followUp(Level level, long end) {
        if ((level.passes(syncLevel) || closed) && !drainUntil(end) && stuck) {
            return false;
        } else if (sleeping) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    /**
     * Queues a captured event's record, {@code record[from, to)}, for the writer to format with
     * the {@link EventFormatter} it was started with, as {@link #write} queues a line: in order,
     * drained up to it where its level asks, under the full-ring policy. Where only a line will
     * do, it queues nothing and says so, and the caller formats the event and hands its line to
     * {@link #write}: the ring is stuck or closed (callers write their own events), the caller is
     * inside a drain, the record is longer than the ring takes, the policy has the caller write
     * it ({@code sync}), or the ring stuck while the caller waited for room or for its drain
     * (the line may then be written twice rather than lost, as in {@link #write}). Never throws.
     *
     * @param level the event's level, which the sync and full-ring policies judge
     * @param record the captured event
     * @param from its first byte
     * @param to the index after its last
     * @return whether the event is handled (queued, or dropped by the {@code drop} policy)
     */
    public boolean capture(Level level, ByteBuffer record, int from, int to) {
        if (stuck || closed || to - from > ring.lineMax() || level.passes(syncLevel) && insideDrain()) {
            return false;
        }
        long end = ring.offerEvent(record, from, to);
        if (end < 0) {
            if (insideDrain()) {
                return false;
            }
            AsyncSettings.WhenFull policy = policy(level);
            if (policy == AsyncSettings.WhenFull.DROP) {
                counters.countDropped(level);
                return true;
            } else if (policy == AsyncSettings.WhenFull.SYNC) {
                return false; // write() applies it to the line
            }
            counters.countBlocked();
            end = waitForRoom(record, from, to, true);
            if (end < 0) {
                return false;
            }
        }
        return followUp(level, end);
    }

    /**
     * Whether the calling thread logs from inside a drain (its failure report, say): such an
     * event may be queued, but not drained, waited for or written through, since a drain within
     * the drain would write and release the same lines twice, and a wait for room would wait on
     * itself. Asked only where the call would drain or wait: the lock's owner is written by the
     * writer at every batch, so reading it on every call costs a cache miss.
     */
    private boolean insideDrain() {
        return drainLock.isHeldByCurrentThread();
    }

    /** The full-ring policy for an event of {@code level}: a sync-level event is never dropped. */
    private AsyncSettings.WhenFull policy(Level level) {
        return level.passes(syncLevel) && full == AsyncSettings.WhenFull.DROP ? AsyncSettings.WhenFull.SYNC : full;
    }

    /**
     * Applies the full-ring policy; returns the end of the line's record, or -1 if it was handled
     * otherwise. Comparisons, not a {@code switch}: javac compiles a switch on an enum into a class
     * of its own, first initialized here, on the first full ring, where a caller out of stack would
     * leave it failed for good (EngineLayersTest keeps the engine free of them).
     */
    private long whenFull(Pin holder, Level level, ByteBuffer line, int from, int to) {
        AsyncSettings.WhenFull policy = policy(level);
        if (policy == AsyncSettings.WhenFull.DROP) {
            counters.countDropped(level);
            return -1;
        }
        if (policy == AsyncSettings.WhenFull.SYNC) {
            counters.countWroteThrough();
            writeThrough(holder, line, from, to);
            return -1;
        }
        counters.countBlocked();
        long end = waitForRoom(line, from, to, false);
        if (end < 0) {
            writeThrough(holder, line, from, to);
        }
        return end;
    }

    /**
     * Waits for room, helping to drain, and queues {@code src[from, to)}, a line or a captured
     * event; returns the end of its record, or -1 if the ring closed or stuck meanwhile, having
     * queued nothing. An interrupt does not end the wait (logging is not interruptible) and is kept.
     */
    private long waitForRoom(ByteBuffer src, int from, int to, boolean event) {
        long uncommittedSince = 0;
        Thread me = Thread.currentThread();
        for (int round = 0; ; round++) {
            if (closed || stuck) {
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
            long end = event ? ring.offerEvent(src, from, to) : ring.offer(src, from, to);
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
     * One batch of the drain; under the lock. A record that does not make sense makes the ring
     * stuck: callers then write their own events rather than have it misread.
     *
     * @return how many records it consumed, as {@link RingDrain#batch()}
     */
    private int drainBatch() {
        int records = drain.batch();
        if (drain.malformed()) {
            becomeStuck();
        }
        return records;
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
     * The shutdown hook: from now on callers write their own events; drain what is queued. What
     * it cannot drain (an output that does not take its writes, a producer that never fills its
     * line) is said on stderr, with how many lines and bytes.
     *
     * <p>The drain runs on a daemon thread of its own, waited for while it writes and at most
     * {@link #SHUTDOWN_WAIT_NANOS} once it writes nothing more: a {@code writev} to an output
     * that takes nothing (a pipe whose reader paused) blocks for good, and on this thread would
     * hold up the exit with it.
     */
    void close() {
        closed = true;
        LockSupport.unpark(thread);
        Thread drainer = new Thread(this::drainAtExit, "syswrite-logger-exit-drain");
        drainer.setDaemon(true);
        try {
            drainer.start();
        } catch (Throwable noThread) {
            drainAtExit(); // out of memory for a thread: draining here is all that is left
        }
        awaitWhileWriting(drainer);
        if (ring.tail() > ring.head()) {
            Notices.queue("syswrite-logger: exiting with " + ring.describeQueued() + " not written to " + sink.output() + " within "
                    + TimeUnit.NANOSECONDS.toSeconds(SHUTDOWN_WAIT_NANOS) + " s ("
                    + (stuck || unfilledAtExit ? "a line claimed in the ring was never filled" : "the output did not take them") + "); they are lost");
        }
        printBeforeExit();
    }

    /**
     * Waits for {@code drainer} to end, for as long as the ring's head moves, and at most
     * {@link #SHUTDOWN_WAIT_NANOS} after it last moved.
     */
    private void awaitWhileWriting(Thread drainer) {
        long head = ring.head();
        long movedAt = System.nanoTime();
        try {
            while (drainer.isAlive()) {
                drainer.join(10);
                long now = System.nanoTime();
                if (ring.head() != head) {
                    head = ring.head();
                    movedAt = now;
                } else if (now - movedAt > SHUTDOWN_WAIT_NANOS) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // exit goes on
        }
    }

    /**
     * The drain at exit: waits at most {@link #SHUTDOWN_WAIT_NANOS} for the lock (the writer
     * thread's batch in flight), and as long again for each line claimed but not yet filled.
     */
    private void drainAtExit() {
        Thread me = Thread.currentThread();
        try {
            if (!stuck && drainLock.tryLock(SHUTDOWN_WAIT_NANOS)) {
                unfilledAtExit = !drainCommitted(ring.tail(), SHUTDOWN_WAIT_NANOS);
            }
        } finally {
            if (drainLock.owner == me) {
                drainLock.owner = null; // a store: released even with no stack left
            }
            drainLock.wake();
        }
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
