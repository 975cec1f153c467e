package dev.syswrite.internal;

import java.io.FileDescriptor;
import java.nio.ByteBuffer;

/**
 * Writes a direct buffer that views a {@code MemorySegment} (JDK 22+), the way the JDK's own
 * channels do: the segment's scope is kept alive for the whole call, so its arena cannot free
 * the memory mid-write, and a closed or foreign-thread segment throws before any byte is read.
 */
interface SegmentBufferWrite {
    /**
     * Writes {@code len} bytes of {@code src} from {@code position}; the arguments are checked.
     *
     * @param fdObject the descriptor to read at call time, or null to write to {@code fd}
     * @param fd the descriptor, when {@code fdObject} is null
     * @param src a direct buffer over a segment
     * @param position where the bytes start
     * @param len how many
     * @return the count written, or {@code -errno}
     * @throws IllegalStateException if the segment's arena is closed ("Already closed")
     * @throws WrongThreadException if it is confined to another thread (JDK 19+ type)
     */
    long write(FileDescriptor fdObject, int fd, ByteBuffer src, int position, int len);

    /**
     * Writes the remaining bytes of {@code srcs[0, count)} in one {@code writev(2)}, as
     * {@link WritePolicy#vector} does, with every direct buffer in place: the kernel reads a
     * segment's memory while its arena is kept alive, and reports memory it cannot read as
     * {@code EFAULT} (or a short write).
     *
     * @param fdObject the descriptor to read at call time, or null to write to {@code fd}
     * @param fd the descriptor, when {@code fdObject} is null
     * @param srcs the buffers, none null
     * @param count how many of them, from the first
     * @param heap how many bytes of heap buffers are offered, as counted just before: the room
     *     their copies take
     * @return the count written, {@code -errno} ({@code EINVAL} if a heap buffer grew meanwhile),
     *     or {@link NativeWrite#SEGMENT_BACKED} if the buffers view more arenas than one call can
     *     keep alive (nothing was written)
     * @throws IllegalStateException if a buffer, even an empty one, views a segment whose arena is
     *     closed
     * @throws WrongThreadException if one views a segment confined to another thread
     */
    long writev(FileDescriptor fdObject, int fd, ByteBuffer[] srcs, int count, int heap);
}
