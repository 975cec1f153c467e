package dev.syswrite;

import dev.syswrite.internal.NativeLibrary;
import dev.syswrite.internal.NativeWrite;
import dev.syswrite.internal.WritePolicy;
import java.io.FileDescriptor;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Hands bytes to the Linux kernel with {@code write(2)}, issued by syswrite's own assembly stub
 * (no libc), and returns the kernel's answer as a {@link WriteResult}.
 *
 * <p>Every method but {@link #writeAll} makes exactly one system call ({@code write(2)}, or
 * {@code writev(2)} for the {@code writev} methods, {@code fdatasync(2)} for {@code fdatasync}):
 * the caller's bytes are never split, so a write to an {@code O_APPEND} file, or of at most
 * 4096 bytes to a pipe, lands whole. A single call may still take fewer bytes than offered (a
 * short write, for example more than the kernel's per-call cap of about 2 GiB, or a
 * non-blocking pipe with little room); {@link WriteResult.Ok#bytesWritten()} says how many it
 * took.
 *
 * <p><b>Errors.</b> What the kernel refuses comes back as {@link WriteResult.Err} with its
 * {@link Errno}, never as an exception: for example {@code EBADF} (the descriptor is not open
 * for writing, or a {@link FileDescriptor} was closed), {@code EFAULT} (an address is not
 * readable), {@code ENOSPC} (the device is full), {@code EPIPE} (a pipe or socket has no reader;
 * the JVM ignores {@code SIGPIPE}, so the process goes on), {@code EAGAIN} (a non-blocking
 * descriptor would block), {@code EINTR} (a signal arrived before any byte was written;
 * {@link #writeAll} retries it). Bad arguments are the caller's error and throw before any native
 * call: {@link NullPointerException} for a null array, buffer or descriptor,
 * {@link IndexOutOfBoundsException} for an {@code off}/{@code len} outside the array, and
 * {@link IllegalArgumentException} for a negative {@code writeAddress} length.
 *
 * <p><b>Availability.</b> syswrite bundles its library for Linux on x86_64 and AArch64. Elsewhere,
 * or if the library cannot be loaded, {@link #isAvailable()} is false, {@link #unavailabilityCause()}
 * says why, and every write method throws {@link UnsupportedOperationException} with that cause.
 *
 * <p><b>Memory.</b> Direct buffers and raw addresses are written without a copy. Heap bytes are
 * copied first, since the kernel must not read a heap array the garbage collector may move: up to
 * 8 KiB onto the native stack, more into an off-heap buffer from a small pool shared by all
 * threads, each kept for reuse up to 1 MiB.
 * No method allocates on the Java heap in steady state, except {@code Ok} results that escape the
 * caller.
 *
 * <p>All methods are thread-safe; concurrent writes to one descriptor are ordered by the kernel.
 */
public final class SysWrite {
    /**
     * The most iovecs one {@code writev(2)} takes: Linux's {@code UIO_MAXIOV}
     * ({@code include/uapi/linux/uio.h}), 1024 on every architecture. {@link #writevAddress} and
     * {@link #writevAddressRaw} give {@code EINVAL} for an {@code iovcnt} above it, and
     * {@link #writev(int, ByteBuffer...)} offers only the first {@code IOV_MAX} non-empty buffers.
     * Size an iovec array by it: {@code IOV_MAX * 16} bytes hold the most one call can take.
     */
    public static final int IOV_MAX = NativeWrite.IOV_MAX; // 1024: the shim sizes its own iovecs by it too

    private static final long EINTR = -Errno.EINTR.number();

    private SysWrite() {}

    /**
     * Writes a whole array in one {@code write(2)}.
     *
     * @param fd an open file descriptor
     * @param b the bytes to write
     * @return {@code Ok} with the count the kernel took, or {@code Err} with its errno
     * @throws NullPointerException if {@code b} is null
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static WriteResult write(int fd, byte[] b) {
        Objects.requireNonNull(b, "b");
        return write(fd, b, 0, b.length);
    }

    /**
     * Writes {@code b[off, off + len)} in one {@code write(2)}.
     *
     * @param fd an open file descriptor
     * @param b the array holding the bytes
     * @param off where the bytes start
     * @param len how many bytes to write
     * @return {@code Ok} with the count the kernel took, or {@code Err} with its errno
     * @throws NullPointerException if {@code b} is null
     * @throws IndexOutOfBoundsException if {@code off} or {@code len} is negative or the range
     *     passes the end of {@code b}
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static WriteResult write(int fd, byte[] b, int off, int len) {
        return WriteResult.fromRaw(writeRaw(fd, b, off, len));
    }

    /**
     * Writes {@code b[off, off + len)} in one {@code write(2)} to the descriptor a
     * {@link FileDescriptor} holds. The descriptor is read at the moment of the call, so a
     * {@code FileDescriptor} whose stream was closed gives {@code Err(EBADF)}.
     *
     * @param fd an open file descriptor, for example {@code FileOutputStream.getFD()}
     * @param b the array holding the bytes
     * @param off where the bytes start
     * @param len how many bytes to write
     * @return {@code Ok} with the count the kernel took, or {@code Err} with its errno
     * @throws NullPointerException if {@code fd} or {@code b} is null
     * @throws IndexOutOfBoundsException if {@code off} or {@code len} is negative or the range
     *     passes the end of {@code b}
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static WriteResult write(FileDescriptor fd, byte[] b, int off, int len) {
        return WriteResult.fromRaw(writeRaw(fd, b, off, len));
    }

    /**
     * Writes a buffer's remaining bytes in one {@code write(2)} and advances its position by the
     * count written. Any buffer works: direct (written in place), heap, or read-only.
     *
     * @param fd an open file descriptor
     * @param src the bytes from {@code position()} to {@code limit()}
     * @return {@code Ok} with the count the kernel took, or {@code Err} with its errno (the
     *     position is then unchanged)
     * @throws NullPointerException if {@code src} is null
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static WriteResult write(int fd, ByteBuffer src) {
        return WriteResult.fromRaw(buffer(null, fd, src));
    }

    /**
     * Writes a buffer's remaining bytes in one {@code write(2)} to the descriptor a
     * {@link FileDescriptor} holds, read at the moment of the call, and advances the buffer's
     * position by the count written.
     *
     * @param fd an open file descriptor; a closed one gives {@code Err(EBADF)}
     * @param src the bytes from {@code position()} to {@code limit()}
     * @return {@code Ok} with the count the kernel took, or {@code Err} with its errno
     * @throws NullPointerException if {@code fd} or {@code src} is null
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static WriteResult write(FileDescriptor fd, ByteBuffer src) {
        return WriteResult.fromRaw(writeRaw(fd, src));
    }

    /**
     * Writes a buffer's remaining bytes in one {@code write(2)} to the descriptor a
     * {@link FileDescriptor} holds, advances the buffer's position by the count, and returns the
     * kernel's raw answer: the allocation-free twin of {@link #write(FileDescriptor, ByteBuffer)}.
     *
     * @param fd an open file descriptor; a closed one gives {@code -EBADF}
     * @param src the bytes from {@code position()} to {@code limit()}
     * @return the count written, or {@code -errno} (the position is then unchanged)
     * @throws NullPointerException if {@code fd} or {@code src} is null
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static long writeRaw(FileDescriptor fd, ByteBuffer src) {
        return buffer(Objects.requireNonNull(fd, "fd"), -1, src);
    }

    /**
     * Writes {@code length} bytes of native memory in one {@code write(2)}, without a copy.
     * The kernel checks the range: memory that is not mapped readable gives {@code Err(EFAULT)},
     * never a crash.
     *
     * @param fd an open file descriptor
     * @param address where the bytes start
     * @param length how many bytes to write
     * @return {@code Ok} with the count the kernel took, or {@code Err} with its errno
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static WriteResult writeAddress(int fd, long address, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length < 0: " + length);
        }
        NativeLibrary.ensureAvailable();
        return WriteResult.fromRaw(WritePolicy.address(fd, address, length));
    }

    /**
     * Writes all of {@code b[off, off + len)}, calling {@code write(2)} again after a short
     * write and after {@code EINTR}. Use it where the whole range must land and atomicity
     * across calls does not matter (a large file, a socket); each call still writes the rest of
     * the range in one piece.
     *
     * @param fd an open file descriptor
     * @param b the array holding the bytes
     * @param off where the bytes start
     * @param len how many bytes to write
     * @return {@code Ok} with the total, which is {@code len} unless the kernel took no byte at
     *     all (it then returns what was written so far); or {@code Err} with the first errno other
     *     than {@code EINTR}, in which case an unknown part of the range may have been written
     * @throws NullPointerException if {@code b} is null
     * @throws IndexOutOfBoundsException if {@code off} or {@code len} is negative or the range
     *     passes the end of {@code b}
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static WriteResult writeAll(int fd, byte[] b, int off, int len) {
        checkArray(b, off, len);
        int done = 0;
        while (done < len) {
            long raw = WritePolicy.array(null, fd, b, off + done, len - done);
            if (raw > 0) {
                done += (int) raw;
            } else if (raw == 0) {
                break;
            } else if (raw != EINTR) {
                return WriteResult.fromRaw(raw);
            }
        }
        return new WriteResult.Ok(done);
    }

    /**
     * Writes {@code b[off, off + len)} in one {@code write(2)} and returns the kernel's raw
     * answer, for hot paths that want no result object at all. Decode it with
     * {@link WriteResult#fromRaw(long)} or by hand: a value {@code >= 0} is the count written,
     * a value in [-4095, -1] is {@code -errno}.
     *
     * @param fd an open file descriptor
     * @param b the array holding the bytes
     * @param off where the bytes start
     * @param len how many bytes to write
     * @return the count written, or {@code -errno}
     * @throws NullPointerException if {@code b} is null
     * @throws IndexOutOfBoundsException if {@code off} or {@code len} is negative or the range
     *     passes the end of {@code b}
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static long writeRaw(int fd, byte[] b, int off, int len) {
        checkArray(b, off, len);
        return WritePolicy.array(null, fd, b, off, len);
    }

    /**
     * Writes {@code b[off, off + len)} in one {@code write(2)} to the descriptor a
     * {@link FileDescriptor} holds, read at the moment of the call, and returns the kernel's raw
     * answer: the allocation-free twin of {@link #write(FileDescriptor, byte[], int, int)}.
     *
     * @param fd an open file descriptor; a closed one gives {@code -EBADF}
     * @param b the array holding the bytes
     * @param off where the bytes start
     * @param len how many bytes to write
     * @return the count written, or {@code -errno}
     * @throws NullPointerException if {@code fd} or {@code b} is null
     * @throws IndexOutOfBoundsException if {@code off} or {@code len} is negative or the range
     *     passes the end of {@code b}
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static long writeRaw(FileDescriptor fd, byte[] b, int off, int len) {
        Objects.requireNonNull(fd, "fd");
        checkArray(b, off, len);
        return WritePolicy.array(fd, -1, b, off, len);
    }

    /**
     * Writes the remaining bytes of several buffers, in order, in one {@code writev(2)}, and
     * advances each buffer's position by what the kernel took of it (the first buffers are
     * emptied before any byte of a later one is taken). Like {@link #write(int, ByteBuffer)},
     * one call: to an {@code O_APPEND} file the bytes of all buffers land together, never
     * interleaved with another writer's. Any buffer works: direct (written in place), heap, or
     * read-only (copied off the heap first, into one pooled buffer).
     *
     * <p>The kernel takes at most {@link #IOV_MAX} (1024) buffers and about 2 GiB
     * ({@code 0x7ffff000} bytes) per call: only the first 1024 non-empty buffers, and no bytes
     * past that total, are offered, and the result is then a short write. Empty buffers are
     * skipped. An empty vector makes a {@code writev(2)} of no iovec: {@code Ok(0)}, the kernel
     * having checked the descriptor.
     *
     * <p>The kernel reads each direct buffer in place and checks it, as for
     * {@link #write(int, ByteBuffer)}: memory that is not readable gives {@code Err(EFAULT)} if no
     * byte before it was taken, else a short write of the buffers before it; an empty buffer is not
     * read. The JVM never reads such memory, so it never faults. On JDK 22 and later this holds for
     * a buffer that views a {@code MemorySegment} too, whose arena is kept alive for the call (a
     * shared one cannot be closed meanwhile); such a buffer, even an empty one, throws before
     * anything is written if its arena is closed, or confined to another thread, as the JDK's
     * {@code FileChannel.write(ByteBuffer[])} does. (Below JDK 22, and in a vector viewing more
     * than 64 arenas, the segments' buffers are copied first by the JDK, which checks the arenas
     * but not that the memory is readable.)
     *
     * @param fd an open file descriptor
     * @param srcs the buffers, each from {@code position()} to {@code limit()}
     * @return {@code Ok} with the total the kernel took, or {@code Err} with its errno (the
     *     positions are then unchanged): {@code EBADF}, {@code EFAULT}, {@code ENOSPC},
     *     {@code EPIPE}, {@code EAGAIN}, {@code EINTR} as for {@link #write(int, ByteBuffer)}
     * @throws NullPointerException if {@code srcs} or any of its elements is null
     * @throws IllegalStateException if a buffer views a segment whose arena is closed
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static WriteResult writev(int fd, ByteBuffer... srcs) {
        return WriteResult.fromRaw(vector(null, fd, srcs));
    }

    /**
     * Writes the remaining bytes of several buffers in one {@code writev(2)} to the descriptor a
     * {@link FileDescriptor} holds, read at the moment of the call, as
     * {@link #writev(int, ByteBuffer...)} does.
     *
     * @param fd an open file descriptor; a closed one gives {@code Err(EBADF)}
     * @param srcs the buffers, each from {@code position()} to {@code limit()}
     * @return {@code Ok} with the total the kernel took, or {@code Err} with its errno
     * @throws NullPointerException if {@code fd}, {@code srcs} or any of its elements is null
     * @throws IllegalStateException if a buffer views a segment whose arena is closed
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static WriteResult writev(FileDescriptor fd, ByteBuffer... srcs) {
        return WriteResult.fromRaw(writevRaw(fd, srcs));
    }

    /**
     * The allocation-free twin of {@link #writev(int, ByteBuffer...)}: one {@code writev(2)},
     * positions advanced by what was taken, and the kernel's raw answer.
     *
     * @param fd an open file descriptor
     * @param srcs the buffers, each from {@code position()} to {@code limit()}
     * @return the total written, or {@code -errno} (the positions are then unchanged)
     * @throws NullPointerException if {@code srcs} or any of its elements is null
     * @throws IllegalStateException if a buffer views a segment whose arena is closed
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static long writevRaw(int fd, ByteBuffer... srcs) {
        return vector(null, fd, srcs);
    }

    /**
     * The allocation-free twin of {@link #writev(FileDescriptor, ByteBuffer...)}.
     *
     * @param fd an open file descriptor; a closed one gives {@code -EBADF}
     * @param srcs the buffers, each from {@code position()} to {@code limit()}
     * @return the total written, or {@code -errno} (the positions are then unchanged)
     * @throws NullPointerException if {@code fd}, {@code srcs} or any of its elements is null
     * @throws IllegalStateException if a buffer views a segment whose arena is closed
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static long writevRaw(FileDescriptor fd, ByteBuffer... srcs) {
        return vector(Objects.requireNonNull(fd, "fd"), -1, srcs);
    }

    /**
     * One {@code writev(2)} of an array of {@code struct iovec} ({@code {void *base; size_t len;}},
     * 16 bytes each) in native memory, without a copy. The kernel checks everything: an
     * unreadable array or range gives {@code Err(EFAULT)}, never a crash; an {@code iovcnt}
     * below 0 or above {@link #IOV_MAX} (1024) gives {@code Err(EINVAL)}, as does an iovec length
     * above {@code Long.MAX_VALUE} (negative as a {@code ssize_t}).
     *
     * @param fd an open file descriptor
     * @param iov the address of the first iovec
     * @param iovcnt how many iovecs
     * @return {@code Ok} with the total the kernel took, or {@code Err} with its errno
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static WriteResult writevAddress(int fd, long iov, int iovcnt) {
        NativeLibrary.ensureAvailable();
        return WriteResult.fromRaw(WritePolicy.addressVector(fd, iov, iovcnt));
    }

    /**
     * One {@code writev(2)} of an array of {@code struct iovec} in native memory, without a copy,
     * as {@link #writevAddress} makes, and returns the kernel's raw answer: the allocation-free
     * twin, for hot paths that build their iovecs once and want no result object. Decode it with
     * {@link WriteResult#fromRaw(long)} or by hand: a value {@code >= 0} is the total written, a
     * value in [-4095, -1] is {@code -errno}.
     *
     * <p>The kernel checks everything, and nothing can crash: an unreadable array gives
     * {@code -EFAULT}, and so does an unreadable range if no byte before it was taken (else the
     * result is a short write of the ranges before it); an {@code iovcnt} below 0 or above
     * {@link #IOV_MAX} gives {@code -EINVAL}, as does an iovec length above
     * {@code Long.MAX_VALUE} (negative as a {@code ssize_t}); a descriptor not open for writing
     * gives {@code -EBADF}. An
     * {@code iovcnt} of 0 reads nothing and gives 0 once the kernel has checked the descriptor.
     * Other errnos are those of {@link #writev(int, ByteBuffer...)}: {@code ENOSPC},
     * {@code EPIPE}, {@code EAGAIN}, {@code EINTR}.
     *
     * @param fd an open file descriptor
     * @param iov the address of the first iovec ({@code {void *base; size_t len;}}, 16 bytes each)
     * @param iovcnt how many iovecs, at most {@link #IOV_MAX}
     * @return the total written, or {@code -errno}
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static long writevAddressRaw(int fd, long iov, int iovcnt) {
        NativeLibrary.ensureAvailable();
        return WritePolicy.addressVector(fd, iov, iovcnt);
    }

    /**
     * Asks the kernel, with one {@code fdatasync(2)}, to put the file's data on stable storage,
     * and returns once the device says it is there: what earlier writes handed to the page cache
     * then survives a power cut or a kernel crash, not only the death of the process. The
     * metadata needed to read the data back (the file's size) is synced with it; its times are
     * not.
     *
     * @param fd an open file descriptor
     * @return {@code Ok(0)} once the data is stable, or {@code Err} with the kernel's errno:
     *     {@code EBADF} (the descriptor is not open), {@code EINVAL} (it cannot be synced: a pipe,
     *     a socket, a terminal or {@code /dev/null}), {@code EIO} or {@code ENOSPC} (writing back
     *     earlier data failed, and it may be lost), {@code EINTR} (a signal arrived first; nothing
     *     is lost by calling again)
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static WriteResult fdatasync(int fd) {
        NativeLibrary.ensureAvailable();
        return WriteResult.fromRaw(WritePolicy.datasync(null, fd));
    }

    /**
     * One {@code fdatasync(2)}, as {@link #fdatasync(int)} makes, returning the kernel's raw
     * answer: the allocation-free twin, for a caller that syncs on a hot path and wants no result
     * object. Like it, it returns once the device says the file's data (and the size needed to
     * read it back) is on stable storage.
     *
     * @param fd an open file descriptor
     * @return 0 once the data is stable, or {@code -errno}: {@code -EBADF} (the descriptor is not
     *     open), {@code -EINVAL} (it cannot be synced: a pipe, a socket, a terminal or
     *     {@code /dev/null}), {@code -EIO} or {@code -ENOSPC} (writing back earlier data failed,
     *     and it may be lost), {@code -EINTR} (a signal arrived first; nothing is lost by calling
     *     again)
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static long fdatasyncRaw(int fd) {
        NativeLibrary.ensureAvailable();
        return WritePolicy.datasync(null, fd);
    }

    /**
     * Syncs the file a {@link FileDescriptor} holds, read at the moment of the call, with one
     * {@code fdatasync(2)}, as {@link #fdatasync(int)} does.
     *
     * @param fd an open file descriptor; a closed one gives {@code Err(EBADF)}
     * @return {@code Ok(0)} once the data is stable, or {@code Err} with the kernel's errno, as
     *     for {@link #fdatasync(int)}
     * @throws NullPointerException if {@code fd} is null
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static WriteResult fdatasync(FileDescriptor fd) {
        Objects.requireNonNull(fd, "fd");
        NativeLibrary.ensureAvailable();
        return WriteResult.fromRaw(WritePolicy.datasync(fd, -1));
    }

    /**
     * Tells whether the native library is loaded, so the write methods work.
     *
     * @return {@code true} on Linux x86_64 and AArch64 once the bundled library has loaded
     */
    public static boolean isAvailable() {
        return NativeLibrary.isAvailable();
    }

    /**
     * Returns why the native library is unavailable.
     *
     * @return {@code null} if it is available; otherwise an error naming the os, the architecture,
     *     what was tried and why it failed, with the underlying failure as its cause
     */
    public static Throwable unavailabilityCause() {
        return NativeLibrary.unavailabilityCause();
    }

    /**
     * Throws unless the native library is available: call it at start-up to fail early.
     *
     * @throws UnsupportedOperationException with {@link #unavailabilityCause()} as its cause
     */
    public static void ensureAvailable() {
        NativeLibrary.ensureAvailable();
    }

    private static void checkArray(byte[] b, int off, int len) {
        Objects.requireNonNull(b, "b");
        Objects.checkFromIndexSize(off, len, b.length);
        NativeLibrary.ensureAvailable();
    }

    /** One write of a buffer's remaining bytes; advances its position by the count. */
    private static long buffer(FileDescriptor fdObject, int fd, ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        int position = src.position();
        int limit = src.limit();
        Objects.checkFromToIndex(position, limit, src.capacity()); // fails only on a racing writer
        int len = limit - position;
        NativeLibrary.ensureAvailable();
        long raw = WritePolicy.buffer(fdObject, fd, src, position, len);
        if (raw > 0) {
            src.position(position + (int) raw);
        }
        return raw;
    }

    /** One writev of the buffers' remaining bytes; advances their positions by what was taken, in order. */
    private static long vector(FileDescriptor fdObject, int fd, ByteBuffer[] srcs) {
        Objects.requireNonNull(srcs, "srcs");
        for (int i = 0; i < srcs.length; i++) {
            Objects.requireNonNull(srcs[i], "srcs[i]");
        }
        NativeLibrary.ensureAvailable();
        long raw = WritePolicy.vector(fdObject, fd, srcs, srcs.length);
        long left = raw;
        for (int i = 0; i < srcs.length && left > 0; i++) {
            int n = (int) Math.min(srcs[i].remaining(), left);
            srcs[i].position(srcs[i].position() + n);
            left -= n;
        }
        return raw;
    }
}
