package dev.syswrite.slf4j;

import dev.syswrite.Errno;
import java.io.FileDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The file the provider writes to, which a rotation replaces while threads write: the current
 * {@link OpenFile}, swapped without a lock on the write path.
 *
 * <p>A writer {@linkplain #pin() pins} the current file for its whole call (every part of a line
 * goes to one file), and unpins it after. A swap publishes the new file, then waits until the old
 * one is unpinned, then closes it. A writer never waits for a swap: it pins the file it read, reads
 * the current file again, and if a swap came in between, unpins and takes the new one. Whoever
 * swaps (the {@link OutputWatcher} thread, or an application calling
 * {@link SysWriteLogging#reopen()}) holds a lock that only swappers take.
 *
 * <p>Events at {@code syswrite.logger.fsync.level} are written and synced inside a sync window
 * (a read lock, which only such events take): a swap waits for the windows open and syncs the
 * file it switches out before closing it, so an event's sync always reaches the file it went to,
 * and everything written to an earlier file is on the device too.
 *
 * <p>Two reasons to swap: the path no longer names the open file (an external tool renamed or
 * deleted it), or the file reached {@code syswrite.logger.rollover.size} ({@link RolledFiles}).
 * A swap that fails (the directory is gone, permission denied, the path is now a directory) keeps
 * the file open before, says so once on stderr, and is tried again on the next check.
 */
final class OutputFile {
    /** The path as configured; null for stderr and stdout. */
    private final Path path;
    /** Whether the path was a symbolic link at start: only then is a link at it followed when switching files. */
    private final boolean linked;
    private final boolean nativeWrites;
    /** Bytes from which the file rolls; 0 for never. */
    private final long rollSize;
    private final RolledFiles rolled;
    /** How long a swap waits for the sync windows open. */
    static final long SYNC_WINDOW_WAIT_SECONDS = 10;

    private final ReentrantLock swapLock = new ReentrantLock();
    /** Shared by events written and synced; exclusive for a swap. See {@link #enterSyncWindow()}. */
    private final ReentrantReadWriteLock syncWindow = new ReentrantReadWriteLock();
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

    /**
     * Pins the current file for one call on its descriptor; the caller must {@link #unpin} it
     * after, in a {@code finally}, on the same thread. Never waits.
     */
    OpenFile pin() {
        while (true) {
            OpenFile file = current;
            file.pin();
            if (current == file) { // else a swap published another meanwhile, and may be closing this one
                return file;
            }
            file.unpin();
        }
    }

    void unpin(OpenFile file) {
        file.unpin();
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

    /**
     * Has {@code owe} run when the file open does not end in a newline (its last line torn by a
     * crash), so the first line written to it starts on a line of its own: now, before any line,
     * and at a swap whose own newline failed ({@link #endTornLine}). Under the lock: a swap the
     * watcher thread began before this call ends first, and is then seen in {@link #current}.
     */
    void onUnterminated(Runnable owe) {
        swapLock.lock();
        try {
            oweNewline = owe;
            if (current.unterminated) {
                owe.run();
            }
        } finally {
            swapLock.unlock();
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
        swapLock.lock();
        try {
            Object at = OpenFile.keyAt(path);
            if (at != null && at.equals(current.key)) {
                return false;
            }
            return swap("reopen");
        } catch (IOException | RuntimeException e) {
            failed("reopen", e);
            return false;
        } finally {
            swapLock.unlock();
        }
    }

    /**
     * Rolls the file if it reached the roll size, or reopens it if something else moved it; never throws.
     *
     * @return whether the output was swapped
     */
    boolean rollIfDue() {
        if (rolled == null || current.size() < rollSize) {
            return false;
        }
        swapLock.lock();
        try {
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
            swapLock.unlock();
        }
    }

    /**
     * Opens the window in which an event is written and synced: no swap completes until it is
     * left, on the same thread. Reentrant; it waits only for a swap under way.
     */
    void enterSyncWindow() {
        syncWindow.readLock().lock();
    }

    void leaveSyncWindow() {
        syncWindow.readLock().unlock();
    }

    /**
     * Opens the path and makes it current, then closes the old file once no call uses it, synced
     * first if events are synced; under the lock. Waits for the sync windows open, up to
     * {@link #SYNC_WINDOW_WAIT_SECONDS}: a window left open longer was lost with its thread (a
     * stack overflow in its unlock), and the swap goes on rather than stop rotation for good.
     */
    private boolean swap(String what) throws IOException {
        OpenFile next = OpenFile.reopen(path, nativeWrites, linked);
        if (next.unterminated) {
            endTornLine(next);
        }
        boolean exclusive = awaitSyncWindows();
        try {
            OpenFile old = current;
            current = next;
            old.awaitUnpinned();
            if (syncSwitchedOut) {
                syncSwitchedOut(old);
            }
            old.close();
        } finally {
            if (exclusive) {
                syncWindow.writeLock().unlock();
            }
        }
        if (failing) {
            failing = false;
            System.err.println("syswrite-logger: " + what + " of " + path + " succeeded again");
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

    /** Takes the sync windows for a swap; false if one stayed open too long. An interrupt does not end the wait and is kept. */
    private boolean awaitSyncWindows() {
        boolean interrupted = Thread.interrupted();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SYNC_WINDOW_WAIT_SECONDS);
            while (true) {
                try {
                    if (syncWindow.writeLock().tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        return true;
                    }
                    System.err.println("syswrite-logger: a synced event's window on " + path + " stayed open for "
                            + SYNC_WINDOW_WAIT_SECONDS + " s; switching files without waiting for it");
                    return false;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Syncs a file being switched out, so what was written to it is on the device; a failure is said on stderr. */
    private void syncSwitchedOut(OpenFile old) {
        long n;
        do {
            n = old.sync();
        } while (n == -Errno.EINTR.number());
        if (n != 0) {
            System.err.println("syswrite-logger: syncing " + path + " before switching files failed with " + Errno.of((int) -n)
                    + "; what was written to it may not be on the device");
        }
    }

    /** Says the first failure of a run on stderr; the old file stays in use. Under the lock. */
    private void failed(String what, Exception e) {
        if (!failing) {
            failing = true;
            System.err.println("syswrite-logger: " + what + " of " + path + " failed (" + e + "); writing on to the file open before,"
                    + " trying again later, and saying nothing more until it works");
        }
    }

    /** Stops the watcher thread, if any; the file stays open and writable. */
    void stopWatching() {
        OutputWatcher w = watcher;
        watcher = null;
        if (w != null) {
            w.stop();
        }
    }

    /** The watcher thread, or null: for tests. */
    Thread watcherThread() {
        OutputWatcher w = watcher;
        return w == null ? null : w.thread();
    }
}
