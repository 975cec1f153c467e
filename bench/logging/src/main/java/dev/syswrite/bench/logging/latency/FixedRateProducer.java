package dev.syswrite.bench.logging.latency;

import dev.syswrite.bench.logging.LoggingBackend;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One producer thread's share of a fixed-rate schedule: it logs event {@code i} at its intended
 * time {@code start + (i * threads + index) / rate}, so {@code threads} producers interleave into
 * one schedule of {@code rate} events per second, and records each event's response time.
 *
 * <p>Two histograms: from the intended time to the call's return (corrected for coordinated
 * omission: a call that makes the next one late is charged to that one as well, as a client at
 * a fixed rate would see it), and from the call's actual start to its return (the service time
 * alone, which hides that queueing). Nothing in the loop allocates: the histograms are sized up
 * front and the logging call's arguments were boxed once by the backend.
 */
final class FixedRateProducer {
    /** The largest response time a histogram tells apart; anything longer is recorded as this. */
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final LoggingBackend backend;
    private final int index;
    private final int threads;
    private final long eventsPerSecond;
    private final Histogram fromIntendedStart = newHistogram();
    private final Histogram fromActualStart = newHistogram();
    private long issued;
    private long lastReturn;

    /**
     * @param index this producer's place among {@code threads}, from 0
     * @param eventsPerSecond the total rate of all the producers together
     */
    FixedRateProducer(LoggingBackend backend, int index, int threads, long eventsPerSecond) {
        this.backend = backend;
        this.index = index;
        this.threads = threads;
        this.eventsPerSecond = eventsPerSecond;
    }

    /**
     * Runs one phase: issues events on schedule from {@code start} (a {@link System#nanoTime()})
     * until the schedule or the wall clock reaches {@code deadline}. A saturated backend thus
     * issues fewer events than scheduled rather than stretching the phase.
     */
    void run(long start, long deadline) {
        fromIntendedStart.reset();
        fromActualStart.reset();
        issued = 0;
        lastReturn = start;
        for (long i = 0; ; i++) {
            long intended = start + (i * threads + index) * NANOS_PER_SECOND / eventsPerSecond;
            long now = System.nanoTime();
            if (intended >= deadline || now >= deadline) {
                return;
            }
            // Busy-wait, as sleeping cannot wake within a microsecond; a late event goes at once.
            while (now < intended) {
                Thread.onSpinWait();
                now = System.nanoTime();
            }
            backend.enabled();
            long end = System.nanoTime();
            record(fromIntendedStart, end - intended);
            record(fromActualStart, end - now);
            issued = i + 1;
            lastReturn = end;
        }
    }

    /** An empty histogram of response times in nanoseconds, sized so that recording never allocates. */
    static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    private static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.min(nanos, HIGHEST_TRACKABLE_NANOS));
    }

    /** Response times of the last phase, from each event's intended start (read after the thread ends). */
    Histogram fromIntendedStart() {
        return fromIntendedStart;
    }

    /** Response times of the last phase, from each call's actual start. */
    Histogram fromActualStart() {
        return fromActualStart;
    }

    /** Events issued in the last phase. */
    long issued() {
        return issued;
    }

    /** When the last phase's last call returned, or its start if it issued none. */
    long lastReturn() {
        return lastReturn;
    }
}
