package dev.syswrite.internal;

import java.io.FileDescriptor;
import java.nio.ByteBuffer;

/**
 * The one place that chooses how a write's bytes reach the kernel; {@code dev.syswrite.SysWrite}
 * validates, delegates here, and decodes. Every method makes one {@code write(2)} and returns its
 * raw result (a count, or {@code -errno}); callers have checked every argument and that the
 * library is loaded.
 *
 * <ul>
 *   <li>Heap bytes up to {@link NativeWrite#STACK_COPY_MAX}: copied onto the shim's stack.
 *   <li>More heap bytes, or a read-only heap buffer: copied into pooled off-heap memory
 *       ({@link OffHeapCopy}); the collector must not move what the kernel reads.
 *   <li>A direct buffer: written in place. The shim refuses one that views a
 *       {@code MemorySegment}, whose memory must be kept alive: on JDK 22+ it goes through the
 *       FFM linker; on JDK 17 to 21 (incubator, preview) it is copied by the JDK's bulk copy.
 *   <li>A raw address: written in place; the kernel checks the range.
 *   <li>Several buffers ({@code writev(2)}): direct ones in place, heap ones copied into one
 *       pooled off-heap buffer by the shim. If one views a segment (even an empty one), on JDK 22+
 *       Java builds the iovecs and writes them through the FFM linker, which keeps each segment's
 *       arena alive for the call: direct ones still in place, so memory that is not readable is
 *       the kernel's {@code EFAULT}, as for one buffer. Below JDK 22, or for buffers of more
 *       arenas than one linker call keeps alive, all are copied, with the JDK's bulk copy, into
 *       one buffer written at once: the same bytes in one call, but a copy that faults on memory
 *       that is not readable.
 * </ul>
 */
public final class WritePolicy {
    /** Whether the shim refuses buffers that view a segment, so that the others are written in place. */
    private static final boolean SHIM_TELLS_SEGMENTS = NativeWrite.watchSegments();

    /** Segment-backed buffers' path on JDK 22+ (the FFM linker); null below, where they are copied. */
    private static final SegmentBufferWrite SEGMENTS = Jdk22.instance("ScopedBufferWrite", SegmentBufferWrite.class);

    /** Set on a JDK 22+ whose buffers do not tell the shim what they view: no direct buffer is written in place. */
    private static final boolean ALL_DIRECT_SCOPED = SEGMENTS != null && !SHIM_TELLS_SEGMENTS;

    private WritePolicy() {}

    /**
     * Writes {@code b[off, off + len)}.
     *
     * @param fdObject the descriptor to read at call time, or null to write to {@code fd}
     * @param fd the descriptor, when {@code fdObject} is null
     * @param b the array
     * @param off where the bytes start
     * @param len how many
     * @return the count written, or {@code -errno}
     */
    public static long array(FileDescriptor fdObject, int fd, byte[] b, int off, int len) {
        return len <= NativeWrite.STACK_COPY_MAX
                ? NativeWrite.array(fdObject, fd, b, off, len)
                : OffHeapCopy.write(fdObject, fd, b, off, len);
    }

    /**
     * Writes {@code len} bytes of a buffer from {@code position}, leaving the buffer untouched.
     *
     * @param fdObject the descriptor to read at call time, or null to write to {@code fd}
     * @param fd the descriptor, when {@code fdObject} is null
     * @param src any buffer
     * @param position where the bytes start, within the capacity
     * @param len how many, within the capacity
     * @return the count written, or {@code -errno}
     * @throws IllegalStateException if {@code src} views a segment whose arena is closed (and,
     *     below JDK 19, one confined to another thread)
     * @throws RuntimeException {@code WrongThreadException} (JDK 19+) if it views a segment
     *     confined to another thread
     */
    public static long buffer(FileDescriptor fdObject, int fd, ByteBuffer src, int position, int len) {
        if (src.isDirect()) {
            boolean plain = PlainBuffers.contains(src);
            long raw = ALL_DIRECT_SCOPED ? NativeWrite.SEGMENT_BACKED : NativeWrite.direct(fdObject, fd, src, position, len, plain);
            if (raw != NativeWrite.SEGMENT_BACKED) {
                if (!plain && SHIM_TELLS_SEGMENTS) {
                    PlainBuffers.add(src);
                }
                return raw;
            }
            // It views a segment, whose memory its arena may free meanwhile. Below JDK 22 the JDK's
            // own bulk copy checks the segment's scope and keeps it alive while it copies.
            return SEGMENTS != null ? SEGMENTS.write(fdObject, fd, src, position, len) : copied(fdObject, fd, src, position, len);
        }
        if (src.hasArray()) {
            return array(fdObject, fd, src.array(), src.arrayOffset() + position, len);
        }
        return copied(fdObject, fd, src, position, len); // read-only: no array to hand the shim
    }

    /** Copies the bytes into pooled off-heap memory with the JDK's bulk copy, then writes that. */
    private static long copied(FileDescriptor fdObject, int fd, ByteBuffer src, int position, int len) {
        OffHeapBuffer copy = OffHeapCopy.take(len);
        try {
            copy.bytes.put(0, src, position, len);
            return buffer(fdObject, fd, copy.bytes, 0, len);
        } finally {
            OffHeapCopy.give(copy);
        }
    }

    /**
     * Writes {@code len} bytes at {@code address}.
     *
     * @param fd the descriptor
     * @param address where the bytes start
     * @param len how many, not negative
     * @return the count written, or {@code -errno} ({@code EFAULT} for unreadable memory)
     */
    public static long address(int fd, long address, long len) {
        return NativeWrite.address(fd, address, len);
    }

    /**
     * Writes the remaining bytes of {@code srcs[0, count)} in one {@code writev(2)}, leaving
     * the buffers untouched: at most {@link NativeWrite#IOV_MAX} non-empty buffers and
     * {@link NativeWrite#MAX_RW_COUNT} bytes are offered, as the kernel takes no more.
     *
     * @param fdObject the descriptor to read at call time, or null to write to {@code fd}
     * @param fd the descriptor, when {@code fdObject} is null
     * @param srcs the buffers, none null
     * @param count how many of them, from the first
     * @return the count written, or {@code -errno}
     * @throws IllegalStateException if a buffer views a segment whose arena is closed (on JDK 22+
     *     even an empty one, as {@code FileChannel})
     * @throws RuntimeException {@code WrongThreadException} (JDK 19+) if one views a segment
     *     confined to another thread
     */
    public static long vector(FileDescriptor fdObject, int fd, ByteBuffer[] srcs, int count) {
        long offered = 0;
        long heap = 0;
        for (int i = 0, taken = 0; i < count && taken < NativeWrite.IOV_MAX && offered < NativeWrite.MAX_RW_COUNT; i++) {
            long len = Math.min(srcs[i].remaining(), NativeWrite.MAX_RW_COUNT - offered);
            if (len > 0) {
                taken++;
                offered += len;
                heap += srcs[i].isDirect() ? 0 : len;
            }
        }
        long raw;
        if (ALL_DIRECT_SCOPED && heap < offered) {
            raw = NativeWrite.SEGMENT_BACKED; // the shim cannot tell which direct buffers view a segment
        } else if (heap == 0) {
            raw = NativeWrite.gather(fdObject, fd, srcs, count, NativeWrite.MAX_RW_COUNT, null);
        } else {
            OffHeapBuffer scratch = OffHeapCopy.take((int) heap);
            try {
                raw = NativeWrite.gather(fdObject, fd, srcs, count, NativeWrite.MAX_RW_COUNT, scratch.bytes);
            } finally {
                OffHeapCopy.give(scratch);
            }
        }
        if (raw == NativeWrite.SEGMENT_BACKED && SEGMENTS != null) {
            raw = SEGMENTS.writev(fdObject, fd, srcs, count, (int) heap); // a copy would read the segments itself
        }
        return raw != NativeWrite.SEGMENT_BACKED ? raw : concatenated(fdObject, fd, srcs, count, (int) offered);
    }

    /** Copies the first {@code len} remaining bytes of the buffers, in order, into one buffer and writes it. */
    private static long concatenated(FileDescriptor fdObject, int fd, ByteBuffer[] srcs, int count, int len) {
        OffHeapBuffer copy = OffHeapCopy.take(len);
        try {
            int at = 0;
            for (int i = 0; i < count && at < len; i++) {
                int n = Math.min(srcs[i].remaining(), len - at);
                copy.bytes.put(at, srcs[i], srcs[i].position(), n); // checks a segment's scope, keeps it alive
                at += n;
            }
            return NativeWrite.direct(fdObject, fd, copy.bytes, 0, at, true);
        } finally {
            OffHeapCopy.give(copy);
        }
    }

    /**
     * One {@code writev(2)} of an iovec array at {@code iov}.
     *
     * @param fd the descriptor
     * @param iov where the array starts
     * @param iovcnt how many iovecs
     * @return the count written, or {@code -errno}
     */
    public static long addressVector(int fd, long iov, int iovcnt) {
        return NativeWrite.addressVector(fd, iov, iovcnt);
    }

    /**
     * One {@code fdatasync(2)}.
     *
     * @param fdObject the descriptor to read at call time, or null to sync {@code fd}
     * @param fd the descriptor, when {@code fdObject} is null
     * @return 0, or {@code -errno}
     */
    public static long datasync(FileDescriptor fdObject, int fd) {
        return NativeWrite.datasync(fdObject, fd);
    }
}
