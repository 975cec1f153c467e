package dev.syswrite.logging.output;

import dev.syswrite.Errno;
import dev.syswrite.SysWrite;
import dev.syswrite.internal.EngineAccess;
import dev.syswrite.logging.concurrent.Backoff;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open descriptor of the output. A holder ({@link Pin}) names it while a system call of its
 * own uses the descriptor (a write, or another such as {@code fdatasync}); the descriptor is
 * closed only once no holder names it, so a closed descriptor's number, which the kernel hands to
 * the next file anyone opens, never receives a line meant for this one.
 */
public final class OpenFile {
    final FileOutputStream stream;
    final FileDescriptor descriptor;
    /** The descriptor's number, for the calls that take one; -1 on the JDK path, which has no way to read it. */
    final int fd;
    /** The file's identity (device and inode), or null for stderr and stdout. */
    final Object key;
    /** Whether this provider created the file: only such a file may ever be deleted. */
    final boolean created;
    /**
     * Whether it is a regular file, where {@code O_APPEND} makes every write land whole; on a pipe
     * only a write of at most {@code PIPE_BUF} bytes does, and a longer one is written alone.
     */
    final boolean regular;
    /**
     * Whether the file did not end in a newline when opened: its last line was torn by a crash (a
     * SIGKILL stops a long write between two pages; a power cut), and the first line written here
     * must start with a newline, or two events become one line. Regular files only.
     */
    final boolean unterminated;

    /**
     * How long a file's size must stay still, ending in no newline, to be taken for a line torn by
     * a crash rather than one another process is appending: longer than an append can stall
     * between two pages (the kernel's dirty-page throttling pauses a writer for up to 200 ms there,
     * with the file's lock held, so no other append moves it either); paid once, at the first
     * open after a crash.
     */
    private static final long STILL_NANOS = 250_000_000;
    /** How long a file may grow, never seen ending in a newline, before it is left to its writers. */
    private static final long GROWING_NANOS = 2_000_000_000;

    /** Whether a sync of this file ever succeeded: the JDK's SyncFailedException carries no errno to tell EINVAL by. */
    private volatile boolean synced;
    /** Bytes in the file: its size when opened, plus what was written through this descriptor. */
    private final AtomicLong size;

    private OpenFile(FileOutputStream stream, int fd, Object key, boolean created, boolean regular, long size, boolean unterminated)
            throws IOException {
        this.stream = stream;
        this.descriptor = stream.getFD();
        this.fd = fd;
        this.key = key;
        this.created = created;
        this.regular = regular;
        this.size = new AtomicLong(size);
        this.unterminated = unterminated;
    }

    /** stderr or stdout, which are never reopened nor closed. */
    static OpenFile standard(FileDescriptor standard, boolean nativeWrites) throws IOException {
        int number = standard == FileDescriptor.out ? 1 : 2; // the JDK path cannot read it, but these two are fixed
        boolean regular;
        try {
            regular = Files.readAttributes(Path.of("/proc/self/fd/" + number), BasicFileAttributes.class).isRegularFile();
        } catch (IOException | RuntimeException unknown) {
            regular = false; // taken for a pipe: long lines are written alone, which is always safe
        }
        return new OpenFile(new FileOutputStream(standard), nativeWrites ? EngineAccess.descriptor(standard) : -1, null, false, regular, 0, false);
    }

    /**
     * Opens {@code path} for append, creating it if missing; symbolic links are followed.
     *
     * @param nativeWrites whether syswrite's library is there, to read the descriptor's number
     * @throws IOException if it cannot be opened (the path is a directory, its directory is gone,
     *     permission is denied)
     */
    static OpenFile open(Path path, boolean nativeWrites) throws IOException {
        return open(path, nativeWrites, true, false);
    }

    /**
     * Opens {@code path} again for a switch of files, more warily than at start: only a regular
     * file (a FIFO would block the open, and the thread switching, until a reader came), and
     * through a symbolic link only if {@code followLinks} (the output was one at start; else a
     * link planted in a shared directory would lead the writes, and the rolls, to another file).
     * The open must reach the very file that was checked, or it is closed again.
     *
     * @throws IOException if it cannot be opened, or the path names something else
     */
    static OpenFile reopen(Path path, boolean nativeWrites, boolean followLinks) throws IOException {
        return open(path, nativeWrites, followLinks, true);
    }

    private static OpenFile open(Path path, boolean nativeWrites, boolean followLinks, boolean wary) throws IOException {
        Path target = followLinks ? linkTarget(path) : path;
        Object createdKey = null;
        try {
            Files.createFile(target); // fails if anything is there, a link included: so a file made here is known as ours
            createdKey = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (FileAlreadyExistsException existing) {
            // appended to as it is, and never deleted
        }
        Object checked = null;
        if (wary) {
            BasicFileAttributes at = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!at.isRegularFile()) {
                throw new IOException(target + " is not a regular file" + (at.isSymbolicLink() ? " but a symbolic link" : ""));
            }
            checked = at.fileKey();
        }
        FileOutputStream stream = new FileOutputStream(path.toFile(), true);
        try {
            int fd = nativeWrites ? EngineAccess.descriptor(stream.getFD()) : -1;
            // /proc/self/fd/N leads to the open file itself, even once renamed or unlinked; the JDK
            // path, without the number, reads the path just after opening it.
            Path opened = fd >= 0 ? Path.of("/proc/self/fd/" + fd) : path;
            BasicFileAttributes open = Files.readAttributes(opened, BasicFileAttributes.class);
            Object key = open.fileKey();
            if (wary && !java.util.Objects.equals(key, checked)) {
                throw new IOException(path + " was replaced while it was being opened");
            }
            // A FIFO or a terminal is never read: that would take bytes meant for its reader.
            boolean unterminated = open.isRegularFile() && open.size() > 0 && !endsInNewline(opened);
            return new OpenFile(stream, fd, key, key != null && key.equals(createdKey), open.isRegularFile(), open.size(), unterminated);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * Whether the regular file {@code opened} is empty or ends in a newline. Through a
     * {@code RandomAccessFile}, which an interrupt of the thread opening (one calling
     * {@link LogSink#reopen()}) does not close, as it would a {@code FileChannel}. True if the
     * file cannot be read (write permission only): a newline owed there cannot be known.
     *
     * <p>A last byte that is no newline is not yet a torn line: the kernel publishes the size of
     * an append page by page as it copies, so while another process appends to the file (another
     * instance, one still exiting), its size often ends inside that process's line, which a
     * moment later is whole. Only a size that stays still for {@link #STILL_NANOS}, ending in no
     * newline, is taken for a line a crash tore; a file that keeps growing is being written by a
     * live process, whose writes end its own lines.
     */
    private static boolean endsInNewline(Path opened) {
        try (RandomAccessFile file = new RandomAccessFile(opened.toFile(), "r")) {
            long length = file.length(); // now, not at the open: another process may have appended since
            long start = System.nanoTime();
            long stillSince = start;
            for (int round = 0; ; round++) {
                if (length == 0) {
                    return true;
                }
                file.seek(length - 1);
                if (file.read() == '\n') {
                    return true;
                }
                long now = System.nanoTime();
                if (now - stillSince >= STILL_NANOS) {
                    return false;
                }
                if (now - start >= GROWING_NANOS) {
                    return true; // never still: live writers, which end their lines
                }
                Backoff.pause(round);
                long later = file.length();
                if (later != length) {
                    length = later;
                    stillSince = System.nanoTime();
                }
            }
        } catch (IOException unreadable) {
            return true;
        }
    }

    /**
     * Where {@code path} leads through symbolic links, even to a missing file, so that a file
     * created through a link is known as created here (the open that follows is checked to reach
     * that very file).
     */
    private static Path linkTarget(Path path) throws IOException {
        Path at = path;
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(at); hops++) { // 40: the kernel's own limit
            at = at.resolveSibling(Files.readSymbolicLink(at));
        }
        return at;
    }

    /** The identity of what {@code path} names now (following links), or null if nothing. */
    static Object keyAt(Path path, LinkOption... options) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, options).fileKey();
        } catch (java.nio.file.NoSuchFileException gone) {
            return null;
        }
    }

    /**
     * One sync of the file's data to the device, pinned or not yet published: {@code fdatasync(2)}
     * through syswrite's stub, or the JDK's {@code fsync(2)} without the library.
     *
     * @return 0, or {@code -errno}: {@code EINVAL} for a file that cannot be synced (a pipe, a
     *     terminal), which the JDK path reports as a sync that never worked
     */
    long sync() {
        if (fd >= 0) {
            return SysWrite.fdatasyncRaw(fd);
        }
        try {
            descriptor.sync();
            synced = true;
            return 0;
        } catch (IOException e) {
            return -(synced ? Errno.EIO : Errno.EINVAL).number();
        }
    }

    /**
     * Adds {@code bytes} written through this descriptor.
     *
     * @return the file's size after them
     */
    long wrote(long bytes) {
        return size.addAndGet(bytes);
    }

    long size() {
        return size.get();
    }

    /**
     * Waits until none of {@code holders} uses this file, once it is no longer the current one: a
     * holder seen elsewhere stays elsewhere, since one that pins afterwards sees the new current
     * file and lets this one go at once. Gives up at {@code deadline} ({@link System#nanoTime()}),
     * so a holder that never lets go cannot stop rotation for good. An interrupt does not end the
     * wait and is kept.
     *
     * @return whether no holder uses it; if false, the file must stay open
     */
    boolean awaitUnpinned(Pin[] holders, long deadline) {
        for (Pin holder : holders) {
            for (int round = 0; holder.file == this; round++) {
                if (Backoff.parks(round) && System.nanoTime() - deadline > 0) {
                    return false;
                }
                Backoff.pause(round);
            }
        }
        return true;
    }

    /** Closes the descriptor, once {@link #awaitUnpinned} said no holder uses it; stderr and stdout stay open. */
    void close() {
        if (key == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException ignored) {
            // the descriptor is released whatever close(2) said
        }
    }
}
