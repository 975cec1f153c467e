package dev.syswrite.internal;

import java.io.FileDescriptor;
import java.nio.ByteBuffer;

/**
 * The JNI entry points of {@code src/main/c/syswrite.c}. Each returns the kernel's raw result: a
 * byte count, or {@code -errno} in [-4095, -1]. They check nothing: callers validate every
 * argument first and call only after {@link NativeLibrary#ensureAvailable()}.
 *
 * <p>Where a {@code FileDescriptor} is given, the shim reads its {@code fd} field at call time
 * (a closed one holds -1, so the write fails with EBADF, as {@code FileOutputStream} does) and
 * ignores the {@code int fd}; pass {@code null} to write to {@code fd}.
 */
public final class NativeWrite {
    /**
     * The largest array the shim copies to its stack; larger ones go through {@link #arrayVia}.
     * Compiled into the shim through the header {@code javac -h} generates.
     */
    public static final int STACK_COPY_MAX = 8192;

    /**
     * The native interface's version: the shim answers {@link #abiVersion()} with the value it was
     * compiled with, so a library from a release with other entry points is refused at load.
     */
    public static final int ABI_VERSION = 6;

    /**
     * The most one {@code write(2)} or {@code writev(2)} takes on Linux ({@code MAX_RW_COUNT}
     * with 4 KiB pages; less with larger pages): heap bytes are copied up to this, since more
     * could only ever be a short write.
     */
    public static final long MAX_RW_COUNT = 0x7ffff000L;

    /**
     * Linux's {@code IOV_MAX} (uapi/linux/uio.h {@code UIO_MAXIOV}): the most iovecs one
     * {@code writev(2)} takes; {@link #gather} builds at most this many on its stack.
     */
    public static final int IOV_MAX = 1024;

    /**
     * What {@link #direct} and {@link #gather} return, once {@link #watchSegments()} was called,
     * for a buffer that views a {@code MemorySegment}: nothing was written. Below every
     * {@code -errno}.
     */
    public static final long SEGMENT_BACKED = -4096;

    private NativeWrite() {}

    /**
     * Returns the ABI version compiled into the loaded library.
     *
     * @return {@link #ABI_VERSION}, if the library belongs to this release
     */
    public static native int abiVersion();

    /**
     * Writes {@code b[off, off + len)}, copied to the native stack.
     *
     * @param fdObject the descriptor to read at call time, or null to write to {@code fd}
     * @param fd the descriptor, when {@code fdObject} is null
     * @param b the array
     * @param off where the bytes start
     * @param len how many, at most {@link #STACK_COPY_MAX}
     * @return the count written, or {@code -errno}
     */
    public static native long array(FileDescriptor fdObject, int fd, byte[] b, int off, int len);

    /**
     * Writes {@code b[off, off + len)}, copied first into {@code scratch}: one JNI call, the JVM's
     * own array copy, and no allocation.
     *
     * @param fdObject the descriptor to read at call time, or null to write to {@code fd}
     * @param fd the descriptor, when {@code fdObject} is null
     * @param b the array
     * @param off where the bytes start
     * @param len how many
     * @param scratch a direct buffer of at least {@code len} bytes, overwritten
     * @return the count written, or {@code -errno}
     */
    public static native long arrayVia(FileDescriptor fdObject, int fd, byte[] b, int off, int len, ByteBuffer scratch);

    /**
     * Writes {@code len} bytes of a direct buffer from {@code position}, without a copy.
     *
     * @param fdObject the descriptor to read at call time, or null to write to {@code fd}
     * @param fd the descriptor, when {@code fdObject} is null
     * @param buffer a direct buffer
     * @param position where the bytes start
     * @param len how many, within the buffer's capacity
     * @param plain whether the shim already found that this buffer views no segment (asking costs
     *     an object-field read, a VM transition), so it need not look again
     * @return the count written, {@code -errno}, or {@link #SEGMENT_BACKED}
     */
    public static native long direct(FileDescriptor fdObject, int fd, ByteBuffer buffer, int position, int len, boolean plain);

    /**
     * Reads the descriptor a {@code FileDescriptor} holds now.
     *
     * @param fdObject a descriptor object, or null
     * @return its {@code fd}: -1 if it was closed, or for null
     */
    public static native int descriptor(FileDescriptor fdObject);

    /**
     * Reads a direct buffer's base address, for iovecs built over its memory. The caller keeps
     * the buffer reachable for as long as it uses the address, and never uses it for a buffer
     * that views a {@code MemorySegment}, whose arena may free it.
     *
     * @param buffer a direct buffer (for a heap buffer the JDK keeps the array's base offset
     *     there, which is no address)
     * @return its base address; 0 for null
     */
    public static native long bufferAddress(ByteBuffer buffer);

    /**
     * Tells whether a direct buffer's memory is a {@code MemorySegment}'s, which its arena may
     * free: then it is written in place only while the segment is kept alive.
     *
     * @param buffer a direct buffer
     * @return whether it views a segment, or may: true as well where this JDK's buffers do not tell,
     *     or before {@link #watchSegments()} was called; false for null
     */
    public static native boolean mayViewSegment(ByteBuffer buffer);

    /**
     * Makes {@link #direct} refuse, with {@link #SEGMENT_BACKED}, every buffer that views a
     * {@code MemorySegment} (of the FFM API, or of JDK 17's incubator), from now on.
     *
     * @return whether this JDK's buffers have the field that tells (if not, no buffer is refused)
     */
    public static native boolean watchSegments();

    /**
     * Writes {@code len} bytes at a raw address, without a copy.
     *
     * @param fd the descriptor
     * @param address where the bytes start; the kernel checks that it is readable
     * @param len how many
     * @return the count written, or {@code -errno}
     */
    public static native long address(int fd, long address, long len);

    /**
     * Writes the remaining bytes of {@code srcs[0, count)} in one {@code writev(2)}, at most
     * {@code budget} bytes in all and at most {@link #IOV_MAX} non-empty buffers: direct buffers
     * in place, heap buffers copied one after another into {@code scratch}. Positions are left
     * as they are.
     *
     * @param fdObject the descriptor to read at call time, or null to write to {@code fd}
     * @param fd the descriptor, when {@code fdObject} is null
     * @param srcs the buffers, none null
     * @param count how many of them, from the first
     * @param budget the most bytes to take (the kernel's cap); later bytes are not offered
     * @param scratch a direct buffer with room for every heap buffer's bytes within the budget,
     *     overwritten; null if there are none
     * @return the count written, {@code -errno}, or {@link #SEGMENT_BACKED} if a direct buffer,
     *     even an empty one, views a segment or this JDK's buffers cannot be read (nothing was
     *     written)
     */
    public static native long gather(FileDescriptor fdObject, int fd, ByteBuffer[] srcs, int count, long budget, ByteBuffer scratch);

    /**
     * One {@code writev(2)} of an iovec array in native memory, without a copy.
     *
     * @param fd the descriptor
     * @param iov where the array of {@code struct iovec} starts; the kernel checks it and every
     *     range it names
     * @param iovcnt how many iovecs; the kernel refuses more than {@link #IOV_MAX}
     * @return the count written, or {@code -errno}
     */
    public static native long addressVector(int fd, long iov, int iovcnt);

    /**
     * {@link #addressVector}, with the result also stored in the first 8 bytes of {@code note}
     * (native byte order) before the call returns to Java: a thread stopped on its way back
     * ({@code Thread.stop} lands at any bytecode) leaves behind what the kernel did.
     *
     * @param fd the descriptor
     * @param iov where the array of {@code struct iovec} starts; the kernel checks it
     * @param iovcnt how many iovecs
     * @param note a direct buffer of at least 8 bytes, 8-byte aligned, that views no segment
     * @return the count written, or {@code -errno}; {@code -EINVAL}, with nothing written or
     *     stored, for a {@code note} that is not such a buffer
     */
    public static native long addressVectorNoted(int fd, long iov, int iovcnt, ByteBuffer note);

    /**
     * One {@code fdatasync(2)}: returns once the descriptor's data, and the metadata needed to
     * read it back, are on stable storage.
     *
     * @param fdObject the descriptor to read at call time, or null to sync {@code fd}
     * @param fd the descriptor, when {@code fdObject} is null
     * @return 0, or {@code -errno}
     */
    public static native long datasync(FileDescriptor fdObject, int fd);
}
