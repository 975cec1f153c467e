package dev.syswrite.logging.concurrent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How the provider waits on another thread (a lock's holder, a writer still using a file, a
 * producer copying its line): a little longer each round, spinning first, then yielding, then
 * parking for spells that grow from 20 µs to 1 ms, so a short wait costs no system call and a long
 * one little CPU. Logging is not interruptible: an interrupt does not end a wait, and is kept.
 */
public final class Backoff {
    private static final long FIRST_NAP_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    /** The longest spell parked: how late a waiter may see what it waits for, if nobody wakes it. */
    static final long LONGEST_NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

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
