package dev.syswrite.slf4j;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * What the asynchronous mode ({@code syswrite.logger.mode=async}) did since the provider started:
 * lines written and the {@code writev(2)} batches that carried them, events dropped by level
 * (with {@code syswrite.logger.async.full=drop}), events whose caller waited for room or wrote
 * its own line because the ring was full, and the ring's highest fill. Events the kernel refused
 * are counted, by errno, in {@link LostEvents}, as in the synchronous mode.
 *
 * <p>The counters are live and thread-safe; each method reads them as they are now.
 */
public final class AsyncCounters {
    private volatile long written;
    private volatile long batches;
    private volatile long highestFill;
    private final AtomicLongArray dropped = new AtomicLongArray(EventWriter.LEVEL_NAMES.length);
    private final AtomicLong blocked = new AtomicLong();
    private final AtomicLong wroteThrough = new AtomicLong();
    private volatile boolean stuck;

    AsyncCounters() {}

    /**
     * Returns the counters of the syswrite provider SLF4J is bound to, if it runs asynchronously.
     *
     * @return the counters, or empty if SLF4J is bound to another backend or syswrite's runs
     *     synchronously
     */
    public static Optional<AsyncCounters> ofBoundProvider() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        return factory instanceof SysWriteLoggerFactory ours ? Optional.ofNullable(ours.writer().asyncCounters()) : Optional.empty();
    }

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
     * @return batches written; {@code written() / batches()} is the mean batch
     */
    public long batches() {
        return batches;
    }

    /**
     * Returns how many events of a level were dropped because the ring was full.
     *
     * @param level the level
     * @return the count; always 0 unless {@code syswrite.logger.async.full=drop}
     */
    public long dropped(Level level) {
        return dropped.get(level.toInt() / 10);
    }

    /**
     * Returns how many events were dropped in all.
     *
     * @return the sum over every level
     */
    public long droppedTotal() {
        long total = 0;
        for (int i = 0; i < dropped.length(); i++) {
            total += dropped.get(i);
        }
        return total;
    }

    /**
     * Returns how many events found the ring full and waited for room
     * ({@code syswrite.logger.async.full=block}).
     *
     * @return the count
     */
    public long blocked() {
        return blocked.get();
    }

    /**
     * Returns how many events found the ring full and were written by their caller
     * ({@code syswrite.logger.async.full=sync}).
     *
     * @return the count
     */
    public long wroteThrough() {
        return wroteThrough.get();
    }

    /**
     * Tells whether the ring was found stuck: a line claimed in it stayed uncommitted for 10 s (its
     * thread stopped between claiming room and filling it), so every event since has been written
     * by its caller, as in the synchronous mode. Said once on stderr too.
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

    void countDropped(int level) {
        dropped.incrementAndGet(level);
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

    /**
     * Returns the text of this object.
     *
     * @return for example {@code AsyncCounters[written=1000, batches=12, dropped=0, blocked=0, wroteThrough=0, highestFill=65536]}
     */
    @Override
    public String toString() {
        return "AsyncCounters[written=" + written + ", batches=" + batches + ", dropped=" + droppedTotal() + ", blocked=" + blocked()
                + ", wroteThrough=" + wroteThrough() + ", highestFill=" + highestFill + (stuck ? ", stuck" : "") + "]";
    }
}
