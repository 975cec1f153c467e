package dev.syswrite.slf4j;

import java.util.concurrent.ConcurrentLinkedQueue;

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
final class Notices {
    private static final ConcurrentLinkedQueue<String> QUEUED = new ConcurrentLinkedQueue<>();
    /** Whether anything may be queued: the one read a logging call pays when there is nothing. */
    private static volatile boolean pending;

    private Notices() {}

    /** Queues one line for stderr; safe under any lock. */
    static void queue(String line) {
        QUEUED.add(line);
        pending = true;
    }

    /**
     * Prints what is queued, in order. Call only where the thread holds none of the provider's
     * locks, nor a pin on its output. Never throws.
     */
    static void print() {
        if (pending) {
            printQueued();
        }
    }

    private static void printQueued() {
        pending = false; // before the polls: a line queued meanwhile sets it again, or is polled here
        try {
            for (String line; (line = QUEUED.poll()) != null; ) {
                System.err.println(line);
            }
        } catch (Throwable failure) {
            pending = true; // stderr itself failed, or the stack ran out: the rest waits for the next call
            if (failure instanceof ThreadDeath stop) {
                throw stop; // a System.err routed to the application's code: Thread.stop ends the thread
            }
        }
    }
}
