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
}
