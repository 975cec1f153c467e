package dev.syswrite;

import dev.syswrite.internal.NativeLibrary;
import dev.syswrite.internal.SegmentWritePolicy;
import java.io.FileDescriptor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Writes a {@link MemorySegment} with one {@code write(2)}, as {@link SysWrite} writes arrays and
 * buffers: for JDK 22 and later, where the Foreign Function and Memory API is final (this class
 * is in the jar's {@code META-INF/versions/22}).
 *
 * <p>A native segment is written in place, through the FFM linker, which keeps its scope alive
 * for the call, as the JDK's {@code FileChannel} does: an {@link Arena} closed by another thread
 * meanwhile cannot free the memory under the kernel (a shared arena's {@code close()} fails
 * instead). A segment whose arena is already closed throws {@link IllegalStateException}, and one
 * confined to another thread throws {@link WrongThreadException}, before any byte is read. A heap
 * segment is copied into off-heap memory first (up to the most one {@code write(2)} takes,
 * {@code 0x7ffff000} bytes), as {@code SysWrite} copies arrays.
 *
 * <p>Errors, availability and thread-safety are those of {@link SysWrite}: what the kernel refuses
 * is an {@code Err} (or {@code -errno}) with its {@link Errno}, for example {@code EBADF},
 * {@code EFAULT}, {@code ENOSPC}, {@code EPIPE}, {@code EAGAIN}, {@code EINTR}; a short write
 * takes fewer bytes than the segment's size. Native access: the FFM linker is a restricted
 * method, granted by the same {@code --enable-native-access} flag as the library itself; without
 * it, JDK 22 and 23 warn once, at the first segment written.
 */
public final class SegmentWrite {
    private SegmentWrite() {}

    /**
     * Writes a segment in one {@code write(2)}.
     *
     * @param fd an open file descriptor
     * @param src the bytes, all of them
     * @return {@code Ok} with the count the kernel took, or {@code Err} with its errno
     * @throws NullPointerException if {@code src} is null
     * @throws IllegalStateException if {@code src}'s arena is closed
     * @throws WrongThreadException if {@code src} is confined to another thread
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static WriteResult write(int fd, MemorySegment src) {
        return WriteResult.fromRaw(writeRaw(fd, src));
    }

    /**
     * Writes a segment in one {@code write(2)} to the descriptor a {@link FileDescriptor} holds,
     * read at the moment of the call.
     *
     * @param fd an open file descriptor; a closed one gives {@code Err(EBADF)}
     * @param src the bytes, all of them
     * @return {@code Ok} with the count the kernel took, or {@code Err} with its errno
     * @throws NullPointerException if {@code fd} or {@code src} is null
     * @throws IllegalStateException if {@code src}'s arena is closed
     * @throws WrongThreadException if {@code src} is confined to another thread
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static WriteResult write(FileDescriptor fd, MemorySegment src) {
        return WriteResult.fromRaw(writeRaw(fd, src));
    }

    /**
     * Writes a segment in one {@code write(2)} and returns the kernel's raw answer: the
     * allocation-free twin of {@link #write(int, MemorySegment)}.
     *
     * @param fd an open file descriptor
     * @param src the bytes, all of them
     * @return the count written, or {@code -errno}
     * @throws NullPointerException if {@code src} is null
     * @throws IllegalStateException if {@code src}'s arena is closed
     * @throws WrongThreadException if {@code src} is confined to another thread
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static long writeRaw(int fd, MemorySegment src) {
        Objects.requireNonNull(src, "src");
        NativeLibrary.ensureAvailable();
        return SegmentWritePolicy.write(null, fd, src);
    }

    /**
     * Writes a segment in one {@code write(2)} to the descriptor a {@link FileDescriptor} holds,
     * read at the moment of the call, and returns the kernel's raw answer.
     *
     * @param fd an open file descriptor; a closed one gives {@code -EBADF}
     * @param src the bytes, all of them
     * @return the count written, or {@code -errno}
     * @throws NullPointerException if {@code fd} or {@code src} is null
     * @throws IllegalStateException if {@code src}'s arena is closed
     * @throws WrongThreadException if {@code src} is confined to another thread
     * @throws UnsupportedOperationException if the native library is unavailable
     */
    public static long writeRaw(FileDescriptor fd, MemorySegment src) {
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(src, "src");
        NativeLibrary.ensureAvailable();
        return SegmentWritePolicy.write(fd, -1, src);
    }
}
