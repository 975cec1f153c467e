package dev.syswrite.internal;

import java.io.FileDescriptor;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * Writes direct buffers that view a {@link MemorySegment} through {@link ForeignWrite}, which
 * keeps the segment alive for the call; made by {@link WritePolicy} on JDK 22+, where the shim
 * hands every such buffer here instead of writing it.
 */
final class ScopedBufferWrite implements SegmentBufferWrite {
    @Override
    public long write(FileDescriptor fdObject, int fd, ByteBuffer src, int position, int len) {
        // The buffer's whole memory, then the checked range: its position and limit may be racing.
        MemorySegment bytes = MemorySegment.ofBuffer(src.duplicate().clear()).asSlice(position, len);
        return ForeignWrite.write(fdObject, fd, bytes);
    }
}
