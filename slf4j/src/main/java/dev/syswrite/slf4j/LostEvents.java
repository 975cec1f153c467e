package dev.syswrite.slf4j;

import dev.syswrite.Errno;
import dev.syswrite.logging.output.LossCounts;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The events the syswrite provider could not write, counted since it started, by the errno the
 * kernel refused them with: a full disk ({@code ENOSPC}), a file over its size limit
 * ({@code EFBIG}), a pipe without a reader ({@code EPIPE}), a non-blocking output that was full
 * ({@code EAGAIN}), a descriptor closed under the provider ({@code EBADF}).
 *
 * <p>A failed write is never retried and never waited on, so logging does not block on a full
 * disk; the event is counted here instead. When a write succeeds again, the provider also writes
 * one line per errno into its output, such as
 * {@code syswrite-logger: 1,234 events lost to ENOSPC between 2026-11-27T10:00:00.000Z and 2026-11-27T10:00:05.000Z}.
 *
 * <p>A read-only view of the engine's counters: live, each method reads them as they are now,
 * and thread-safe.
 */
public final class LostEvents {
    private final LossCounts counts;

    LostEvents(LossCounts counts) {
        this.counts = counts;
    }

    /**
     * Returns the counters of the syswrite provider SLF4J is bound to.
     *
     * @return the provider's counters, or empty if SLF4J is bound to another backend
     */
    public static Optional<LostEvents> ofBoundProvider() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        return factory instanceof SysWriteLoggerFactory ours ? Optional.of(ours.lostEvents()) : Optional.empty();
    }

    /**
     * Returns how many events were lost in all.
     *
     * @return the sum over every errno, plus the events lost without one: a write that took no
     *     byte, or an error (such as {@code OutOfMemoryError}) while the event was formatted
     */
    public long total() {
        return counts.total();
    }

    /**
     * Returns how many events a write lost with {@code errno}.
     *
     * @param errno the error
     * @return the count, 0 if none
     */
    public long count(Errno errno) {
        return counts.count(errno.number());
    }

    /**
     * Returns the counts of every errno that lost an event.
     *
     * @return an unmodifiable snapshot, in errno order, without the errnos that lost none
     */
    public Map<Errno, Long> byErrno() {
        Map<Errno, Long> snapshot = new LinkedHashMap<>();
        for (int i = 1; i < LossCounts.SLOTS; i++) {
            long n = counts.count(i);
            if (n != 0) {
                snapshot.put(Errno.of(i), n);
            }
        }
        return Collections.unmodifiableMap(snapshot);
    }

    /**
     * Returns the text of this object.
     *
     * @return for example {@code LostEvents[total=3, ENOSPC=3]}
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("LostEvents[total=").append(total());
        byErrno().forEach((errno, n) -> text.append(", ").append(errno.name()).append('=').append(n));
        return text.append(']').toString();
    }
}
