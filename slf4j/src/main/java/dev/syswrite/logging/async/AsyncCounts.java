package dev.syswrite.logging.async;

import dev.syswrite.logging.event.Level;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the asynchronous mode did since it started, counted as it happens: lines written and the
 * {@code writev(2)} batches that carried them, events dropped by level, events whose caller
 * waited for room or wrote its own line because the ring was full, and the ring's highest fill.
 * Live and thread-safe: each getter reads a counter as it is now. A front end hands out a
 * read-only view of it.
 */
public final class AsyncCounts {
    private volatile long written;
    private volatile long batches;
    private volatile long highestFill;
    private final AtomicLongArray dropped = new AtomicLongArray(Level.EVENT_LEVELS);
    private final AtomicLong blocked = new AtomicLong();
    private final AtomicLong wroteThrough = new AtomicLong();
    private volatile boolean stuck;

    AsyncCounts() {}

    /**
     * Returns how many lines the writer handed to the kernel.
     *
     * @return lines the kernel took whole
     */
    public long written() {
        return written;
    }

    /**
     * Returns how many {@code writev(2)} calls carried them.
     *
     * @return batches written
     */
    public long batches() {
        return batches;
    }

    /**
     * Returns how many events of a level were dropped because the ring was full.
     *
     * @param level an event's level; {@link Level#OFF} has none
     * @return the count
     */
    public long dropped(Level level) {
        return level == Level.OFF ? 0 : dropped.get(level.ordinal());
    }

    /**
     * Returns how many events found the ring full and waited for room.
     *
     * @return the count
     */
    public long blocked() {
        return blocked.get();
    }

    /**
     * Returns how many events found the ring full and were written by their caller.
     *
     * @return the count
     */
    public long wroteThrough() {
        return wroteThrough.get();
    }

    /**
     * Tells whether the ring was found stuck, so that every event since is written by its caller.
     *
     * @return whether the mode now writes synchronously
     */
    public boolean stuck() {
        return stuck;
    }

    /**
     * Returns the most bytes the ring held when the writer started a batch.
     *
     * @return bytes, headers and padding included
     */
    public long highestFill() {
        return highestFill;
    }

    /** Written under the drain lock only, so plain read-modify-writes of the volatiles are safe. */
    void countBatch(int lines) {
        written += lines;
        batches++;
    }

    void countFill(long bytes) {
        if (bytes > highestFill) {
            highestFill = bytes;
        }
    }

    void countDropped(Level level) {
        dropped.incrementAndGet(level.ordinal());
    }

    void markStuck() {
        stuck = true;
    }

    void countBlocked() {
        blocked.incrementAndGet();
    }

    void countWroteThrough() {
        wroteThrough.incrementAndGet();
    }
}
