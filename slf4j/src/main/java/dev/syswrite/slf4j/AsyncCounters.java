package dev.syswrite.slf4j;

import dev.syswrite.logging.async.AsyncCounts;
import java.util.Optional;
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
 * <p>A read-only view of the engine's counters: live and thread-safe, each method reads them as
 * they are now.
 */
public final class AsyncCounters {
    private final AsyncCounts counts;

    AsyncCounters(AsyncCounts counts) {
        this.counts = counts;
    }

    /**
     * Returns the counters of the syswrite provider SLF4J is bound to, if it runs asynchronously.
     *
     * @return the counters, or empty if SLF4J is bound to another backend or syswrite's runs
     *     synchronously
     */
    public static Optional<AsyncCounters> ofBoundProvider() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        return factory instanceof SysWriteLoggerFactory ours ? Optional.ofNullable(ours.asyncCounters()) : Optional.empty();
    }

    /**
     * Returns how many lines the writer handed to the kernel.
     *
     * @return lines the kernel took whole
     */
    public long written() {
        return counts.written();
    }

    /**
     * Returns how many {@code writev(2)} calls carried them.
     *
     * @return batches written; {@code written() / batches()} is the mean batch
     */
    public long batches() {
        return counts.batches();
    }

    /**
     * Returns how many events of a level were dropped because the ring was full.
     *
     * @param level the level
     * @return the count; always 0 unless {@code syswrite.logger.async.full=drop}
     */
    public long dropped(Level level) {
        return counts.dropped(Slf4jLevels.toEngine(level));
    }

    /**
     * Returns how many events were dropped in all.
     *
     * @return the sum over every level
     */
    public long droppedTotal() {
        long total = 0;
        for (Level level : Level.values()) {
            total += dropped(level);
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
        return counts.blocked();
    }

    /**
     * Returns how many events found the ring full and were written by their caller
     * ({@code syswrite.logger.async.full=sync}).
     *
     * @return the count
     */
    public long wroteThrough() {
        return counts.wroteThrough();
    }

    /**
     * Tells whether the ring was found stuck: a line claimed in it stayed uncommitted for 10 s (its
     * thread stopped between claiming room and filling it), so every event since has been written
     * by its caller, as in the synchronous mode. Said once on stderr too.
     *
     * @return whether the mode now writes synchronously
     */
    public boolean stuck() {
        return counts.stuck();
    }

    /**
     * Returns the most bytes the ring held when the writer started a batch.
     *
     * @return bytes, headers and padding included
     */
    public long highestFill() {
        return counts.highestFill();
    }

    /**
     * Returns the text of this object.
     *
     * @return for example {@code AsyncCounters[written=1000, batches=12, dropped=0, blocked=0, wroteThrough=0, highestFill=65536]}
     */
    @Override
    public String toString() {
        return "AsyncCounters[written=" + written() + ", batches=" + batches() + ", dropped=" + droppedTotal() + ", blocked=" + blocked()
                + ", wroteThrough=" + wroteThrough() + ", highestFill=" + highestFill() + (stuck() ? ", stuck" : "") + "]";
    }
}
