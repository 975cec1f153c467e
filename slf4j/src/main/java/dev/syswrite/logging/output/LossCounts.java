package dev.syswrite.logging.output;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Events the output could not write, counted by the errno the kernel refused them with (index 0
 * for a loss without one: a write that took no byte, or a failure while the event was formatted).
 * Live and thread-safe. A front end hands out a read-only view of it.
 */
public final class LossCounts {
    /** Index 0 counts events lost without an errno; 1 to 4095 are the kernel's errnos. */
    public static final int SLOTS = 4096;

    /** Made at the first loss, so an output that never fails never touches it. */
    private volatile AtomicLongArray counts;

    LossCounts() {}

    /**
     * Returns how many events were lost with {@code errno}.
     *
     * @param errno an errno from 1 to {@link #SLOTS} - 1, or 0 for the losses without one
     * @return the count, 0 if none or if {@code errno} is out of that range
     */
    public long count(int errno) {
        AtomicLongArray counts = this.counts;
        return counts != null && errno >= 0 && errno < SLOTS ? counts.get(errno) : 0;
    }

    /**
     * Returns how many events were lost in all.
     *
     * @return the sum over every errno, and the losses without one
     */
    public long total() {
        AtomicLongArray counts = this.counts;
        long total = 0;
        for (int i = 0; counts != null && i < SLOTS; i++) {
            total += counts.get(i);
        }
        return total;
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
}
