package dev.syswrite.slf4j;

import dev.syswrite.Errno;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
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
 * <p>The counters are live: each method reads them as they are now. They are thread-safe.
 */
public final class LostEvents {
    /** Index 0 counts events lost without an errno; 1 to 4095 are the kernel's errnos. */
    private static final int SLOTS = 4096;

    /** Made at the first loss, so a provider that never fails never touches it. */
    private volatile AtomicLongArray counts;

    LostEvents() {}

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
        AtomicLongArray counts = this.counts;
        long total = 0;
        for (int i = 0; counts != null && i < SLOTS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /**
     * Returns how many events a write lost with {@code errno}.
     *
     * @param errno the error
     * @return the count, 0 if none
     */
    public long count(Errno errno) {
        AtomicLongArray counts = this.counts;
        return counts != null && errno.number() < SLOTS ? counts.get(errno.number()) : 0;
    }

    /**
     * Returns the counts of every errno that lost an event.
     *
     * @return an unmodifiable snapshot, in errno order, without the errnos that lost none
     */
    public Map<Errno, Long> byErrno() {
        AtomicLongArray counts = this.counts;
        Map<Errno, Long> snapshot = new LinkedHashMap<>();
        for (int i = 1; counts != null && i < SLOTS; i++) {
            long n = counts.get(i);
            if (n != 0) {
                snapshot.put(Errno.of(i), n);
            }
        }
        return Collections.unmodifiableMap(snapshot);
    }

    /** Counts one event lost to {@code errno}, or to no errno where it is 0. */
    void add(int errno) {
        add(errno, 1);
    }

    /** Counts {@code n} events lost to {@code errno}, or to no errno where it is 0. */
    void add(int errno, long n) {
        AtomicLongArray counts = this.counts;
        if (counts == null) {
            synchronized (this) {
                counts = this.counts;
                if (counts == null) {
                    this.counts = counts = new AtomicLongArray(SLOTS);
                }
            }
        }
        counts.addAndGet(errno > 0 && errno < SLOTS ? errno : 0, n);
    }

    /** Takes every count, leaving zeros: by errno, index 0 for the losses without one. */
    long[] drain() {
        long[] taken = new long[SLOTS];
        AtomicLongArray counts = this.counts;
        for (int i = 0; counts != null && i < SLOTS; i++) {
            taken[i] = counts.getAndSet(i, 0);
        }
        return taken;
    }

    /** Adds counts back, as {@link #drain()} gave them. */
    void addAll(long[] taken) {
        for (int i = 0; i < taken.length; i++) {
            if (taken[i] != 0) {
                add(i, taken[i]);
            }
        }
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
