package dev.syswrite.logging.output;

import dev.syswrite.logging.concurrent.StoreReleasedLock;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * What the provider says about itself on stderr (a write that failed, a file it could not switch
 * to), held until the saying thread holds none of the provider's locks.
 *
 * <p>Where an application routes {@code System.err} to SLF4J (sysout-over-slf4j and many
 * containers do), a line printed there is an event that enters the provider again and may need
 * its locks, and the printing thread holds the {@code PrintStream}'s monitor meanwhile. A notice
 * printed under one of the provider's locks would deadlock with a thread that holds that monitor
 * and waits for the lock. So a notice is queued where it arises, and printed by the next thread
 * to reach a point where it holds nothing: the end of a logging call, the writer and rotation
 * threads between rounds, the end of a flush, a reopen or the shutdown drain.
 */
public final class Notices {
    private static final ConcurrentLinkedQueue<String> QUEUED = new ConcurrentLinkedQueue<>();
    /** Whether anything may be queued: the one read a logging call pays when there is nothing. */
    private static volatile boolean pending;
    /**
     * Held from the first poll to the last print: a thread that finds it taken knows the holder
     * prints everything queued, and {@link #printAll()} knows, once it holds it, that a line
     * another thread took from the queue is on stderr. Not reentrant, so a line printed to a
     * System.err routed to SLF4J does not start a second printing inside the first.
     */
    private static final StoreReleasedLock PRINTING = new StoreReleasedLock();
    /** How long {@link #printAll()} waits for another thread's printing (stderr may be a blocked pipe). */
    private static final long PRINTER_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private Notices() {}

    /**
     * Queues one line for stderr; safe under any lock.
     *
     * @param line the line, without its newline
     */
    public static void queue(String line) {
        QUEUED.add(line);
        pending = true;
    }

    /**
     * Prints what is queued, in order, unless another thread is printing it. Call only where the
     * thread holds none of the provider's locks, nor a pin on its output. Never throws.
     */
    public static void print() {
        while (pending && printQueued(0)) {
            // again: a line queued while the lock was held, by a thread that found it taken
        }
    }

    /**
     * Prints what is queued, as {@link #print()}, and first waits (at most a second) for a thread
     * printing already: when it returns, every notice queued before the call is on stderr. For the
     * end of a flush, a reopen, a close, whose caller may look at stderr next.
     */
    public static void printAll() {
        if (printQueued(PRINTER_WAIT_NANOS)) {
            print();
        }
    }

    /** Takes the lock, waiting at most {@code waitNanos}, and prints; whether it took the lock. */
    private static boolean printQueued(long waitNanos) {
        Thread me = Thread.currentThread();
        if (PRINTING.owner == me) {
            return false; // printing already, below in this thread's stack: that loop prints the rest
        }
        try {
            if (!(waitNanos == 0 ? PRINTING.tryLock() : PRINTING.tryLock(waitNanos))) {
                return false;
            }
            pending = false; // before the polls: a line queued meanwhile sets it again, or is polled here
            for (String line; (line = QUEUED.poll()) != null; ) {
                System.err.println(line);
            }
            return true;
        } catch (Throwable failure) {
            pending = true; // stderr itself failed, or the stack ran out: the rest waits for the next call
            if (failure instanceof ThreadDeath stop) {
                throw stop; // a System.err routed to the application's code: Thread.stop ends the thread
            }
            return false;
        } finally {
            if (PRINTING.owner == me) {
                PRINTING.owner = null; // a store: released even with no stack left
            }
            PRINTING.wake();
        }
    }
}
