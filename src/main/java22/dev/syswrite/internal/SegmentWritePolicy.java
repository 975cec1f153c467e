package dev.syswrite.internal;

import java.io.FileDescriptor;
import java.lang.foreign.MemorySegment;

/**
 * How a {@link MemorySegment} reaches the kernel (JDK 22+), beside {@link WritePolicy}: native
 * memory in place through the FFM linker, which keeps it alive for the call; heap memory, which
 * the linker does not pass and the collector may move, copied into pooled off-heap memory first.
 */
public final class SegmentWritePolicy {
    private SegmentWritePolicy() {}

    /**
     * Writes {@code src} in one system call; the library is loaded.
     *
     * @param fdObject the descriptor to read at call time, or null to write to {@code fd}
     * @param fd the descriptor, when {@code fdObject} is null
     * @param src any segment
     * @return the count written, or {@code -errno}
     * @throws IllegalStateException if the segment's scope is not alive
     * @throws WrongThreadException if it is confined to another thread
     */
    public static long write(FileDescriptor fdObject, int fd, MemorySegment src) {
        if (src.isNative()) {
            return ForeignWrite.write(fdObject, fd, src);
        }
        int len = (int) Math.min(src.byteSize(), NativeWrite.MAX_RW_COUNT); // more could only be a short write
        OffHeapBuffer copy = OffHeapCopy.take(len);
        try {
            MemorySegment.copy(src, 0, MemorySegment.ofBuffer(copy.bytes), 0, len);
            return WritePolicy.buffer(fdObject, fd, copy.bytes, 0, len);
        } finally {
            OffHeapCopy.give(copy);
        }
    }
}
