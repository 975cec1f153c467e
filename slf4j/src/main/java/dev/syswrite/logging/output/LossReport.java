package dev.syswrite.logging.output;

import dev.syswrite.Errno;
import dev.syswrite.logging.text.UtcTimestamp;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The events one output lost, and what is said of them. Each loss is counted for good by errno
 * ({@link #losses()}) and in the run of failures since the last write that succeeded: the first
 * failure of a run is said once on stderr, and when a write succeeds again one line per errno goes
 * to the output itself, saying how many events were lost to what, and when, where whoever reads
 * the log sees the gap. An event that could not be formatted is counted too, and said once.
 *
 * <p>What it says on stderr goes through {@link Notices}: its callers may hold locks.
 */
final class LossReport {
    private static final VarHandle FAILING_COUNT;
    private static final VarHandle REPORTING;

    static {
        try {
            FAILING_COUNT = MethodHandles.lookup().findVarHandle(LossReport.class, "failingCount", long.class);
            REPORTING = MethodHandles.lookup().findVarHandle(LossReport.class, "reporting", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The output as configured, as the notices name it. */
    private final String output;
    private final LossCounts lost = new LossCounts();

    /**
     * Failures since the last successful write, by errno (0: a write that took no byte). A
     * successful write reads only {@link #failingCount}: after each system call flushes the TLB
     * (page-table isolation), every page it touches costs a page walk.
     */
    private final LossCounts failing = new LossCounts();
    private volatile long failingCount;
    private volatile long failingSince;
    private volatile long failingUntil;
    /** The thread writing the report of a run of failures, or null; cleared by a store, as a {@link Pin} is. */
    @SuppressWarnings("unused") // through REPORTING
    private volatile Thread reporting;
    private volatile boolean formatFailureReported;

    /** The report's own hold on the output, used by whoever set {@link #reporting}. */
    final Pin holder = new Pin();

    /** How the report reaches the output: one line, not counted as an event if it fails. */
    interface ReportWriter {
        /** Writes {@code text} through {@code holder}; returns whether all of it was written. */
        boolean write(Pin holder, byte[] text);
    }

    LossReport(String output) {
        this.output = output;
    }

    LossCounts losses() {
        return lost;
    }

    /** Whether a run of failures is under way: the one read on the path of a successful write. */
    boolean failing() {
        return failingCount != 0;
    }

    /** Counts {@code events} lost to {@code errno} (0: a write that took no byte); says the first of a run on stderr. */
    void failed(int errno, long events) {
        long now = System.currentTimeMillis();
        lost.add(errno, events);
        failing.add(errno, events);
        failingUntil = now;
        if ((long) FAILING_COUNT.getAndAdd(this, events) == 0) {
            failingSince = now;
            Notices.queue("syswrite-logger: writing to " + output + " failed with " + (errno == 0 ? "no byte taken" : Errno.of(errno))
                    + "; counting lost events until a write succeeds");
        }
    }

    /** Counts an event that could not be formatted, and says so once on stderr. */
    void formatFailed(Throwable failure) {
        lost.add(0);
        if (!formatFailureReported) {
            formatFailureReported = true;
            Notices.queue("syswrite-logger: an event could not be formatted and was lost (" + failure
                    + "); such events are counted in LostEvents and not reported again");
        }
    }

    /**
     * After a run of failures: writes the report of it through {@code writer}, from one thread at a
     * time (another that finds one reporting leaves it to that one). A report that cannot be
     * written is kept, to be said when writes succeed again.
     */
    void recovered(ReportWriter writer) {
        Thread me = Thread.currentThread();
        try {
            if (!REPORTING.compareAndSet(this, null, me)) {
                return; // another thread is saying it
            }
            long since = failingSince;
            long until = failingUntil;
            failingCount = 0;
            long[] counts = failing.drain();
            long total = 0;
            StringBuilder report = new StringBuilder();
            for (int errno = 0; errno < counts.length; errno++) {
                total += counts[errno];
                if (counts[errno] != 0) {
                    report.append(String.format(Locale.ROOT, "syswrite-logger: %,d %s lost to %s between ", counts[errno],
                            counts[errno] == 1 ? "event" : "events", errno == 0 ? "writes that took no byte" : Errno.of(errno).name()));
                    UtcTimestamp.appendTo(report, since * 1000, 3);
                    report.append(" and ");
                    UtcTimestamp.appendTo(report, until * 1000, 3);
                    report.append('\n');
                }
            }
            if (!writer.write(holder, report.toString().getBytes(StandardCharsets.UTF_8))) {
                failing.addAll(counts); // said when writes succeed again
                FAILING_COUNT.getAndAdd(this, total);
                failingSince = since;
            }
        } finally {
            if (reporting == me) {
                reporting = null;
            }
        }
    }
}
