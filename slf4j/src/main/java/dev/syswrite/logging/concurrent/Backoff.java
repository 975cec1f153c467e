package dev.syswrite.logging.concurrent;

import java.util.concurrent.locks.LockSupport;

/**
 * How the provider waits on another thread (a lock's holder, a writer still using a file, a
 * producer copying its line): a little longer each round, spinning first, then yielding, then
 * parking for spells that grow from 20 µs to 1 ms, so a short wait costs no system call and a long
 * one little CPU. Logging is not interruptible: an interrupt does not end a wait, and is kept.
 */
public final class Backoff {
    // Constants, so the class has no initializer: one run by a logging thread can be cut short (a
    // Thread.stop, a stack overflow), and the class then fails every later use, in every thread.
    private static final long FIRST_NAP_NANOS = 20_000; // 20 µs
    /** The longest spell parked: how late a waiter may see what it waits for, if nobody wakes it. */
    static final long LONGEST_NAP_NANOS = 1_000_000; // 1 ms

    private Backoff() {}

    /**
     * Whether round {@code round} of a wait parks: the rounds before only spin or yield.
     *
     * @param round how many rounds the wait has had, 0 first
     * @return whether it parks
     */
    public static boolean parks(int round) {
        return round >= 128;
    }

    /**
     * Waits once, round {@code round} (0 first) of a wait.
     *
     * @param round how many rounds the wait has had, 0 first
     */
    public static void pause(int round) {
        if (round < 64) {
            Thread.onSpinWait();
        } else if (!parks(round)) {
            Thread.yield();
        } else {
            boolean interrupted = Thread.interrupted(); // else every park would return at once
            LockSupport.parkNanos(Math.min(LONGEST_NAP_NANOS, FIRST_NAP_NANOS << Math.min(6, (round - 128) / 8)));
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
