package dev.syswrite.logging.output;

import dev.syswrite.Errno;
import dev.syswrite.logging.concurrent.Backoff;
import dev.syswrite.logging.concurrent.StoreReleasedLock;
import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Where the provider writes: the current {@link OpenFile}, which a rotation replaces while threads
 * write, swapped without a lock on the write path.
 *
 * <p>Every holder that may use the output ({@link Pin}: an event's slot, the async writer, the
 * holder of a lock) is registered here. A holder {@linkplain #pin pins} the current file for its
 * whole call (every part of a line goes to one file) and lets it go by a store. A swap publishes
 * the new file, then waits until no holder uses the old one, then closes it. A writer never waits
 * for a swap: it pins the file it read, reads the current file again, and if a swap came in
 * between, lets go and takes the new one. Whoever swaps (the {@link OutputWatcher} thread, or an
 * application calling {@link LogSink#reopen()}) holds a lock that only swappers take.
 *
 * <p>Events at {@code syswrite.logger.fsync.level} are written and synced inside a sync window:
 * a swap waits for the windows open and syncs the file it switches out before closing it, so an
 * event's sync always reaches the file it went to, and everything written to an earlier file is
 * on the device too.
 *
 * <p>On an output that is not a regular file (a pipe, a FIFO), only a write of at most
 * {@code PIPE_BUF} bytes lands whole: a longer one is split wherever the pipe is full, and other
 * writers get in between. So a longer line is written {@linkplain #pinAlone alone}: no other
 * holder uses the output meanwhile.
 *
 * <p>Every wait here on another thread has a deadline: a holder that never lets go (which a store
 * makes unlikely, not impossible: a thread stopped or stalled in the kernel) delays a switch by
 * at most {@link #HOLDER_WAIT_SECONDS}, said on stderr, and a file still held then is left open
 * rather than closed under its writer.
 *
 * <p>Two reasons to swap: the path no longer names the open file (an external tool renamed or
 * deleted it), or the file reached {@code syswrite.logger.rollover.size} ({@link RolledFiles}).
 * A swap that fails (the directory is gone, permission denied, the path is now a directory) keeps
 * the file open before, says so once on stderr, and is tried again on the next check.
 */
public final class OutputFile {
    /** The path as configured; null for stderr and stdout. */
    private final Path path;
    /** Whether the path was a symbolic link at start: only then is a link at it followed when switching files. */
    private final boolean linked;
    private final boolean nativeWrites;
    /** Bytes from which the file rolls; 0 for never. */
    private final long rollSize;
    private final RolledFiles rolled;
    /** How long a swap waits for the sync windows open, then for the old file's holders; and a long pipe line for the others. */
    static final long HOLDER_WAIT_SECONDS = 10;

    private static final VarHandle ALONE;

    static {
        try {
            ALONE = MethodHandles.lookup().findVarHandle(OutputFile.class, "alone", Pin.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final StoreReleasedLock swapLock = new StoreReleasedLock();
    /** Every holder that may pin: copied on registration, which happens when a writer is built. */
    private volatile Pin[] holders = {};
    /** Set while a swap waits for the sync windows and switches: no window opens meanwhile. */
    private volatile boolean swapping;
    /** The holder writing a long line to a pipe, alone; null if none. */
    @SuppressWarnings("unused") // through ALONE
    public volatile Pin alone;
    /** Whether a file switched out is synced before it is closed: when events are synced at all. */
    private final boolean syncSwitchedOut;
    private volatile OpenFile current;
    /** The thread that checks the path and rolls; null if there is none. */
    private volatile OutputWatcher watcher;
    /** Whether the last reopen or roll failed, so the next failure is not said again. */
    private boolean failing;
    /** Makes the sink owe a newline, under the lock; see {@link #onUnterminated}. */
    private Runnable oweNewline = () -> {};

    private OutputFile(Path path, boolean nativeWrites, OpenFile first, long rollSize, int keep, boolean syncSwitchedOut) {
        this.path = path;
        this.linked = path != null && Files.isSymbolicLink(path);
        this.syncSwitchedOut = syncSwitchedOut;
        this.nativeWrites = nativeWrites;
        this.current = first;
        this.rollSize = rollSize;
        this.rolled = rollSize > 0 ? new RolledFiles(keep) : null;
    }

    /** stderr or stdout: never swapped. */
    static OutputFile standard(FileDescriptor standard, boolean nativeWrites) throws IOException {
        return new OutputFile(null, nativeWrites, OpenFile.standard(standard, nativeWrites), 0, 0, false);
    }

    /**
     * Opens {@code path}; a thread checks it every {@code checkNanos} (0: never, only on demand) and
     * rolls it at {@code rollSize} bytes (0: never), keeping {@code keep} rolled files; a file
     * switched out is synced first if {@code syncSwitchedOut}.
     *
     * @throws IOException if it cannot be opened
     */
    static OutputFile open(Path path, boolean nativeWrites, long checkNanos, long rollSize, int keep, boolean syncSwitchedOut)
            throws IOException {
        OutputFile file = new OutputFile(path, nativeWrites, OpenFile.open(path, nativeWrites), rollSize, keep, syncSwitchedOut);
        if (checkNanos > 0 || rollSize > 0) {
            file.watcher = OutputWatcher.start(file, checkNanos > 0 ? checkNanos : OutputWatcher.ROLL_RETRY_NANOS, checkNanos > 0);
        }
        return file;
    }

    /** Registers a holder that may pin: a swap waits for it. */
    synchronized void register(Pin holder) {
        Pin[] more = Arrays.copyOf(holders, holders.length + 1);
        more[holders.length] = holder;
        holders = more;
    }

    /**
     * Pins the current file for {@code holder}'s call on its descriptor. The caller lets it go by
     * storing null in {@link Pin#file}, in the {@code finally} of its own frame, on the same
     * thread. Waits only while another holder writes a long line to a pipe alone.
     */
    OpenFile pin(Pin holder) {
        for (int round = 0; ; round++) {
            OpenFile file = current;
            holder.file = file;
            Pin writing = alone;
            if (current == file && (writing == null || writing == holder)) { // else a swap may be closing it, or a long line needs the pipe
                return file;
            }
            holder.file = null;
            if (writing != null && writing != holder) {
                Backoff.pause(round);
            }
        }
    }

    /**
     * Pins the current file for {@code holder} alone: for a line longer than {@code PIPE_BUF} on
     * an output that is not a regular file. Waits for the other holders to finish their calls (at
     * most {@link #HOLDER_WAIT_SECONDS}: then it writes anyway), and keeps new ones out until the
     * caller, in the {@code finally} of its own frame, stores null in {@link #alone} if it is
     * {@code holder}, besides letting go of {@link Pin#file}.
     */
    OpenFile pinAlone(Pin holder) {
        for (int round = 0; !ALONE.compareAndSet(this, null, holder); round++) {
            Backoff.pause(round);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HOLDER_WAIT_SECONDS);
        for (Pin other : holders) {
            for (int round = 0; other != holder && other.file != null && System.nanoTime() - deadline < 0; round++) {
                Backoff.pause(round);
            }
        }
        return pin(holder);
    }


    /** Counts {@code bytes} written to {@code file}, pinned; the write that reaches the roll size wakes the watcher. */
    void wrote(OpenFile file, long bytes) {
        if (rollSize > 0) {
            long size = file.wrote(bytes);
            if (size >= rollSize && size - bytes < rollSize) {
                OutputWatcher w = watcher;
                if (w != null) {
                    w.wake();
                }
            }
        }
    }

    /** Whether a long write to the output may be split, with other writes in between: it is not a regular file. */
    boolean splitsLongWrites() {
        return !current.regular;
    }

    /**
     * Has {@code owe} run when the file open does not end in a newline (its last line torn by a
     * crash), so the first line written to it starts on a line of its own: now, before any line,
     * and at a swap whose own newline failed ({@link #endTornLine}). Under the lock: a swap the
     * watcher thread began before this call ends first, and is then seen in {@link #current}.
     */
    void onUnterminated(Runnable owe) {
        Thread me = Thread.currentThread();
        try {
            swapLock.lock();
            oweNewline = owe;
            if (current.unterminated) {
                owe.run();
            }
        } finally {
            if (swapLock.owner == me) {
                swapLock.owner = null;
            }
            swapLock.wake();
        }
    }

    /** Whether this output is a file, which rotation applies to. */
    boolean isFile() {
        return path != null;
    }

    /**
     * Opens the path again if it no longer names the open file; never throws.
     *
     * @return whether the output was swapped
     */
    boolean reopen() {
        if (path == null) {
            return false;
        }
        Thread me = Thread.currentThread();
        try {
            swapLock.lock();
            Object at = OpenFile.keyAt(path);
            if (at != null && at.equals(current.key)) {
                return false;
            }
            return swap("reopen");
        } catch (IOException | RuntimeException e) {
            failed("reopen", e);
            return false;
        } finally {
            if (swapLock.owner == me) {
                swapLock.owner = null; // a store: released even with no stack left, or stopped on the way out of lock()
            }
            swapLock.wake();
        }
    }

    /**
     * Rolls the file if it reached the roll size, or reopens it if something else moved it; never throws.
     *
     * @return whether the output was swapped
     */
    public boolean rollIfDue() {
        if (rolled == null || current.size() < rollSize) {
            return false;
        }
        Thread me = Thread.currentThread();
        try {
            swapLock.lock();
            OpenFile file = current;
            if (file.size() < rollSize) {
                return false; // rolled meanwhile
            }
            Path live = linked ? path.toRealPath() : path; // a link the output was at start stays: its target rolls
            if (!file.key.equals(OpenFile.keyAt(live, LinkOption.NOFOLLOW_LINKS))) {
                return swap("reopen"); // renamed or deleted by someone else: it is theirs now
            }
            if (!rolled.roll(live, file.key, file.created)) {
                failed("roll", new IOException("a rolled file's name is taken by a file this provider did not make, or a file moved meanwhile"));
                return false;
            }
            return swap("roll");
        } catch (IOException | RuntimeException e) {
            failed("roll", e);
            return false;
        } finally {
            if (swapLock.owner == me) {
                swapLock.owner = null; // a store: released even with no stack left, or stopped on the way out of lock()
            }
            swapLock.wake();
        }
    }

    /**
     * Opens {@code holder}'s window in which an event is written and synced: no swap completes
     * until the caller closes it by storing false in {@link Pin#inSyncWindow}, in the
     * {@code finally} of its own frame. Waits only for a swap under way.
     */
    void enterSyncWindow(Pin holder) {
        for (int round = 0; ; round++) {
            holder.inSyncWindow = true;
            if (!swapping) { // read after the store above: a swap that starts later sees the window
                return;
            }
            holder.inSyncWindow = false;
            Backoff.pause(round);
        }
    }

    /**
     * Opens the path and makes it current, then closes the old file once no holder uses it,
     * synced first if events are synced; under the lock. Waits for the sync windows open, then
     * for the old file's holders, each up to {@link #HOLDER_WAIT_SECONDS}: a window or a pin held
     * longer was lost with its thread, or is stuck in the kernel, and the swap goes on rather than
     * stop rotation for good; a file still held is left open, never closed under its writer.
     */
    private boolean swap(String what) throws IOException {
        OpenFile next = OpenFile.reopen(path, nativeWrites, linked);
        if (next.unterminated) {
            endTornLine(next);
        }
        swapping = true;
        try {
            if (!await(holder -> holder.inSyncWindow)) {
                Notices.queue("syswrite-logger: a synced event's window on " + path + " stayed open for " + HOLDER_WAIT_SECONDS
                        + " s; switching files without waiting for it");
            }
            OpenFile old = current;
            current = next;
            boolean unused = old.awaitUnpinned(holders, System.nanoTime() + TimeUnit.SECONDS.toNanos(HOLDER_WAIT_SECONDS));
            if (syncSwitchedOut) {
                syncSwitchedOut(old);
            }
            if (unused) {
                old.close();
            } else {
                Notices.queue("syswrite-logger: a write to the file switched out of " + path + " did not end within " + HOLDER_WAIT_SECONDS
                        + " s; its descriptor is left open rather than closed under it");
            }
        } finally {
            swapping = false;
        }
        if (failing) {
            failing = false;
            Notices.queue("syswrite-logger: " + what + " of " + path + " succeeded again");
        }
        return true;
    }

    /**
     * Ends the torn last line of a file not yet published: its newline written here, where no
     * writer can come first, rather than owed by the sink, whose debt a writer may take just before
     * the swap and spend on the old file. If the write fails (a full disk), the sink owes it after all.
     */
    private void endTornLine(OpenFile next) {
        try {
            next.stream.write('\n');
            next.wrote(1);
        } catch (IOException e) {
            oweNewline.run();
        }
    }

    /** Waits until no registered holder is {@code busy}, at most {@link #HOLDER_WAIT_SECONDS}; false if one still is. */
    private boolean await(Predicate<Pin> busy) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HOLDER_WAIT_SECONDS);
        for (Pin holder : holders) {
            for (int round = 0; busy.test(holder); round++) {
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                Backoff.pause(round);
            }
        }
        return true;
    }

    /** Syncs a file being switched out, so what was written to it is on the device; a failure is said on stderr. */
    private void syncSwitchedOut(OpenFile old) {
        long n;
        do {
            n = old.sync();
        } while (n == -Errno.EINTR.number());
        if (n != 0) {
            Notices.queue("syswrite-logger: syncing " + path + " before switching files failed with " + Errno.of((int) -n)
                    + "; what was written to it may not be on the device");
        }
    }

    /** Says the first failure of a run on stderr; the old file stays in use. Under the lock. */
    private void failed(String what, Exception e) {
        if (!failing) {
            failing = true;
            Notices.queue("syswrite-logger: " + what + " of " + path + " failed (" + e + "); writing on to the file open before,"
                    + " trying again later, and saying nothing more until it works");
        }
    }

    /** Stops the watcher thread, if any; the file stays open and writable. */
    public void stopWatching() {
        OutputWatcher w = watcher;
        watcher = null;
        if (w != null) {
            w.stop();
        }
    }

    /**
     * The watcher thread, or null: for tests.
     *
     * @return the thread, or null if none runs
     */
    public Thread watcherThread() {
        OutputWatcher w = watcher;
        return w == null ? null : w.thread();
    }
}
