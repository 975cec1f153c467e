package dev.syswrite.logging.output;

import dev.syswrite.Errno;
import dev.syswrite.SysWrite;
import dev.syswrite.logging.event.Level;
import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Where encoded lines go: one {@code write(2)} per line, through syswrite's own stub
 * ({@link NativeSink}), or through the JDK's {@code FileOutputStream} where the native library is
 * unavailable ({@link StreamSink}). Either way no lock is taken for a line the kernel writes
 * whole: any line to a regular file (opened with {@code O_APPEND}), and a line of at most
 * {@link #PIPE_BUF} bytes to a pipe. A longer line to a pipe, which the kernel would split
 * wherever the pipe fills and let other writers in between, is written alone
 * ({@link OutputFile#pinAlone}). Neither path is interruptible: a thread whose interrupt flag is
 * set writes as any other, and keeps its flag.
 *
 * <p>A write that fails is not retried (logging never waits on a full disk): the event is counted
 * and said by the sink's {@link LossReport}. A line the kernel took only part of is not left for
 * the next event to be glued onto: the next line written starts with a newline. (A thread whose
 * write was already under way when the disk filled can still land after the fragment: only a lock
 * could prevent it. The JDK path cannot tell whether a failed write took part of its line, and so
 * may leave an empty line.)
 *
 * <p>A file output may be swapped for a new one while threads write ({@link OutputFile}: reopened
 * after an external rename or deletion, or rolled by size): each write pins the file it uses for
 * all of its system calls, through the caller's {@link Pin}, so a line lands whole in one file,
 * and a descriptor is closed only when no write can still use its number.
 *
 * <p>What this class says on stderr goes through {@link Notices}, never straight to
 * {@code System.err}: its callers may hold locks.
 */
public abstract class LogSink {
    private static final VarHandle TORN;

    static {
        try {
            TORN = MethodHandles.lookup().findVarHandle(LogSink.class, "torn", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final long EINTR = -Errno.EINTR.number();
    private static final long EINVAL = -Errno.EINVAL.number();

    /** Linux's PIPE_BUF: a pipe write of at most this many bytes is atomic. */
    static final int PIPE_BUF = 4096;

    private final String output;
    private final OutputFile file;
    private final LossReport losses;

    /** Whether the last line written stopped part-way, so the next must start on a line of its own. */
    @SuppressWarnings("unused") // through TORN
    private volatile boolean torn;

    /** Set once the output proved it cannot be synced (a pipe, a terminal): {@link #sync()} then does nothing. */
    private volatile boolean unsyncable;

    LogSink(String output, OutputFile file) {
        this.output = output;
        this.file = file;
        this.losses = new LossReport(output);
        file.register(losses.holder);
        initialize(Notices.class);
        initialize(java.util.concurrent.atomic.AtomicLongArray.class); // LossCounts makes one at the first loss
        file.onUnterminated(this::markTorn); // a file whose last line a crash tore
    }

    /**
     * Initializes a class the write paths use, at start: an initializer that a logging thread
     * runs can be cut short there (a {@code Thread.stop}, a stack overflow), and a class whose
     * initializer failed fails every later use, in every thread.
     */
    static void initialize(Class<?> type) {
        try {
            MethodHandles.lookup().ensureInitialized(type);
        } catch (IllegalAccessException impossible) {
            throw new IllegalStateException(impossible); // the provider's own classes, in its own module
        }
    }

    /**
     * Opens {@code output}: {@code stderr}, {@code stdout}, or a file path opened for append and
     * reopened only on demand ({@link #reopen()}), never rolled.
     *
     * @param output {@code stderr}, {@code stdout} or a path
     * @param nativeWrites whether to write through syswrite's library (else through the JDK's streams)
     * @return the sink
     * @throws IOException if the file cannot be opened
     */
    public static LogSink open(String output, boolean nativeWrites) throws IOException {
        return open(output, nativeWrites, 0, 0, 0, false);
    }

    /**
     * Opens {@code settings.target()}: if a file, checked every {@code reopenNanos} and rolled at
     * {@code rolloverSize}, and synced before it is switched out if {@code fsyncLevel} is on.
     *
     * @param settings where to write, and how to reopen, roll and sync a file
     * @param nativeWrites whether to write through syswrite's library (else through the JDK's streams)
     * @return the sink
     * @throws IOException if the file cannot be opened
     */
    public static LogSink open(OutputSettings settings, boolean nativeWrites) throws IOException {
        return open(settings.target(), nativeWrites, settings.reopenNanos(), settings.rolloverSize(), settings.rolloverKeep(),
                settings.fsyncLevel() != Level.OFF);
    }

    private static LogSink open(String output, boolean nativeWrites, long checkNanos, long rollSize, int keep, boolean syncs)
            throws IOException {
        if (nativeWrites) {
            SysWrite.ensureAvailable(); // loads the library, which reads the descriptors' numbers
        }
        OutputFile file = switch (output) {
            case "stderr" -> OutputFile.standard(FileDescriptor.err, nativeWrites);
            case "stdout" -> OutputFile.standard(FileDescriptor.out, nativeWrites);
            default -> OutputFile.open(Path.of(output), nativeWrites, checkNanos, rollSize, keep, syncs);
        };
        return nativeWrites ? new NativeSink(output, file) : new StreamSink(output, file);
    }

    /**
     * Opens the output path again if it no longer names the file open (renamed or deleted by
     * {@code logrotate}); never throws.
     *
     * @return whether it reopened
     */
    public final boolean reopen() {
        return file.reopen();
    }

    /**
     * Registers a holder that will pin the output: a switch of files waits for it.
     *
     * @param holder the hold, one per thread that writes through it
     */
    public final void register(Pin holder) {
        file.register(holder);
    }

    /**
     * Pins the file written to now for {@code holder}'s write of {@code bytes}: it stays open, and
     * its descriptor's number stays its own, until the caller stores null in {@code holder.file},
     * in a {@code finally} of its own frame ({@link OutputFile#pin}). Alone
     * ({@link OutputFile#pinAlone}) if the bytes are more than a pipe takes whole and the output
     * is not a regular file: the caller then also gives back {@link OutputFile#alone} if it is
     * {@code holder}, by a store in the same {@code finally}.
     *
     * @param holder the calling thread's hold
     * @param bytes how many bytes it writes
     * @return the file, pinned
     */
    public final OpenFile pin(Pin holder, long bytes) {
        return bytes > PIPE_BUF && file.splitsLongWrites() ? file.pinAlone(holder) : file.pin(holder);
    }

    /**
     * Counts {@code bytes} that reached {@code pinned}: the roll size is measured so.
     *
     * @param pinned the file written to
     * @param bytes how many bytes the kernel took
     */
    public final void wrote(OpenFile pinned, long bytes) {
        file.wrote(pinned, bytes);
    }

    /**
     * The output's file: where a holder that wrote alone gives that back ({@link OutputFile#alone}); and for tests.
     *
     * @return the file
     */
    public final OutputFile outputFile() {
        return file;
    }

    /**
     * The events this sink could not write, counted by errno.
     *
     * @return the counts, updated live
     */
    public final LossCounts losses() {
        return losses.losses();
    }

    /**
     * The output as configured: {@code stderr}, {@code stdout} or a path.
     *
     * @return the output
     */
    public final String output() {
        return output;
    }

    /**
     * A buffer this sink can write from, of {@code capacity} bytes.
     *
     * @param capacity the bytes it holds
     * @return the buffer: direct where this sink writes through syswrite's library
     */
    public abstract ByteBuffer allocate(int capacity);

    /**
     * One {@code write(2)} of {@code line[from, to)} to {@code pinned}.
     *
     * @return the count written, or {@code -errno}
     */
    abstract long writeOnce(OpenFile pinned, ByteBuffer line, int from, int to);

    /**
     * One sync of {@code pinned}'s data to stable storage.
     *
     * @return 0, or {@code -errno}: {@code EINVAL} for an output that cannot be synced
     */
    long syncOnce(OpenFile pinned) {
        return pinned.sync();
    }

    /**
     * Opens {@code holder}'s window in which an event at {@code fsync.level} is written and then
     * synced: no switch of the output file completes inside it, so the sync reaches the file the
     * event went to, and a file switched out before it was synced by the switch. Always:
     * {@code try { enterSyncWindow(h); write; sync(h); } finally { h.inSyncWindow = false; }}.
     *
     * @param holder the calling thread's hold
     */
    public final void enterSyncWindow(Pin holder) {
        file.enterSyncWindow(holder);
    }

    /**
     * Syncs what was written so far to stable storage, for an event at {@code fsync.level}. Never
     * throws. A sync that fails ({@code EIO}, {@code ENOSPC}: writeback failed) means the event
     * may not survive a power cut: it is counted as lost and reported as a failed write is. An
     * output that cannot be synced at all ({@code EINVAL}: a pipe, a terminal) is said once on
     * stderr and not synced again.
     *
     * @param holder the calling thread's hold, whose window is open
     */
    public final void sync(Pin holder) {
        if (unsyncable) {
            return;
        }
        long n;
        try {
            OpenFile pinned = file.pin(holder); // the file written to now, kept open through the sync
            do {
                n = syncOnce(pinned);
            } while (n == EINTR); // the caller asked for the sync: a signal does not cancel it
        } finally {
            holder.file = null;
        }
        if (n == EINVAL) {
            unsyncable = true;
            Notices.queue("syswrite-logger: " + output + " cannot be synced (" + Errno.EINVAL.name()
                    + "): fsync.level has no effect on it");
        } else if (n != 0) {
            failed((int) -n);
        }
    }

    /**
     * Whether {@link #writev} works: only through syswrite's library.
     *
     * @return whether it does
     */
    public boolean gathers() {
        return false;
    }

    /**
     * One {@code writev(2)} of {@code count} iovecs in native memory at {@code iov} to
     * {@code pinned}, where {@link #gathers()}; the result is also stored in {@code note} before
     * the call returns to Java, for a caller stopped before it reads the return value.
     *
     * @param pinned the file, pinned by the caller
     * @param iov the address of the first {@code struct iovec}
     * @param count how many there are, at most 1024
     * @param note a direct buffer of 8 bytes or more, 8-byte aligned, that views no segment: its
     *     first 8, in native order, receive the result
     * @return the count written, or {@code -errno}
     */
    public long writev(OpenFile pinned, long iov, int count, ByteBuffer note) {
        throw new UnsupportedOperationException("no writev without syswrite's library");
    }

    /**
     * The base address of a direct buffer this sink made, for iovecs over it, where {@link #gathers()}.
     *
     * @param direct a buffer from {@link #allocate}
     * @return its address
     */
    public long addressOf(ByteBuffer direct) {
        throw new UnsupportedOperationException("no addresses without syswrite's library");
    }

    /**
     * Writes {@code line[from, to)}, a buffer from {@link #allocate}, pinning the output through
     * {@code holder}, which the calling thread owns; {@code line[from - 1]} is the sink's, to start
     * the line with a newline after a torn one. Never throws.
     *
     * @param holder the calling thread's hold
     * @param line the encoded line
     * @param from its first byte
     * @param to the index after its newline
     * @return whether the whole line was written
     */
    public final boolean write(Pin holder, ByteBuffer line, int from, int to) {
        return write(holder, line, from, to, true);
    }

    /** Writes a line; one that fails is counted as a lost event if {@code event}, else only reported by the result. */
    private boolean write(Pin holder, ByteBuffer line, int from, int to, boolean event) {
        int start = from;
        boolean newline = takeTorn();
        if (newline) {
            line.put(--start, (byte) '\n');
        }
        int at = start;
        OpenFile pinned = null;
        try {
            // The whole line, continuations included, goes to one file; to a pipe, a long one alone.
            pinned = pin(holder, to - start);
            while (at < to) {
                long n = writeOnce(pinned, line, at, to);
                if (n > 0) {
                    at += (int) n;
                } else if (n != EINTR) {
                    if (at > from || newline && at == start) {
                        torn = true; // part of the line is out, or the newline owed is still owed
                    }
                    if (event) {
                        failed(n == 0 ? 0 : (int) -n);
                    }
                    return false;
                }
            }
        } finally {
            holder.file = null; // stores, before any call: they hold even with no stack left
            if (file.alone == holder) {
                file.alone = null;
            }
            if (pinned != null) {
                file.wrote(pinned, at - start);
            }
        }
        succeeded();
        return true;
    }

    /**
     * Counts an event that could not be formatted, and says so once on stderr.
     *
     * @param failure what formatting threw
     */
    public final void formatFailed(Throwable failure) {
        losses.formatFailed(failure);
    }

    /**
     * Marks the line as torn: for a write path that cannot tell how much it wrote, and for a file
     * opened with a torn last line (a crash's).
     */
    public final void markTorn() {
        torn = true;
    }

    /**
     * Takes the debt of a newline a torn line left: true if the next line written must start with one.
     *
     * @return whether it must
     */
    public final boolean takeTorn() {
        return torn && TORN.compareAndSet(this, true, false);
    }

    /** After a write that took every byte: says how many events were lost before it, if any were. */
    public final void succeeded() {
        if (losses.failing()) {
            losses.recovered(this::writeReport);
        }
    }

    private void failed(int errno) {
        losses.failed(errno, 1);
    }

    /**
     * Counts {@code events} lost to {@code errno} (0: a write that took no byte); says the first of a run on stderr.
     *
     * @param errno the write's errno, or 0
     * @param events how many events it held
     */
    public final void failed(int errno, long events) {
        losses.failed(errno, events);
    }

    /** Writes the report of a run of failures: a line of its own, which is no event if it fails. */
    private boolean writeReport(Pin holder, byte[] text) {
        return write(holder, allocate(text.length + 1).put(1, text), 1, text.length + 1, false);
    }
}
