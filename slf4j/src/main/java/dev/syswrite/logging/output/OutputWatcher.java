package dev.syswrite.logging.output;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that keeps an {@link OutputFile} where it should be: every period it reopens the path
 * if the path no longer names the open file, and it rolls the file when a write wakes it at the
 * roll size (or at the next period, if a roll failed). A daemon named
 * {@code syswrite-logger-rotation}, it never keeps the JVM alive; it holds the output weakly and
 * ends once the output is unreachable, or when {@link #stop()}ped; it survives any exception, said
 * once on stderr. It never runs for stderr or stdout.
 */
public final class OutputWatcher {
    /** How often a roll that failed is tried again when there is no reopen period. */
    static final long ROLL_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final WeakReference<OutputFile> output;
    private final long periodNanos;
    private final boolean reopens;
    private final Thread thread;
    private volatile boolean stopped;
    private boolean failureSaid;

    private OutputWatcher(OutputFile output, long periodNanos, boolean reopens) {
        this.output = new WeakReference<>(output);
        this.periodNanos = periodNanos;
        this.reopens = reopens;
        this.thread = new Thread(this::run, "syswrite-logger-rotation");
        thread.setDaemon(true);
    }

    /** Starts watching {@code output} every {@code periodNanos}, reopening it only if {@code reopens}. */
    static OutputWatcher start(OutputFile output, long periodNanos, boolean reopens) {
        OutputWatcher watcher = new OutputWatcher(output, periodNanos, reopens);
        watcher.thread.start();
        return watcher;
    }

    /** Has the thread look now: a write reached the roll size. */
    void wake() {
        LockSupport.unpark(thread);
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    Thread thread() {
        return thread;
    }

    private void run() {
        while (!stopped && checkOnce()) {
            Thread.interrupted(); // an interrupt does not stop the thread, and must not make every park return at once
            LockSupport.parkNanos(this, periodNanos);
        }
    }

    /** One look; false once the output is gone. In a method of its own so the output is not held while parked. */
    private boolean checkOnce() {
        OutputFile file = output.get();
        if (file == null) {
            return false;
        }
        try {
            // Again after each swap: its wait for the old file's writers parks, which takes the
            // wake-up of a write that reached the roll size meanwhile.
            while (file.rollIfDue() || reopens && file.reopen()) {
                // swapped: look again
            }
        } catch (Throwable failure) {
            if (!failureSaid) {
                failureSaid = true;
                Notices.queue("syswrite-logger: the rotation thread caught " + failure + "; it goes on, and says no more such failures");
            }
        }
        Notices.print(); // the swap lock is free: a System.err routed to SLF4J may log
        return true;
    }
}
