package dev.syswrite.internal;

import dev.syswrite.Errno;
import java.io.FileDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes direct buffers that view a {@link MemorySegment} through {@link ForeignWrite}, which
 * keeps the segment alive for the call; made by {@link WritePolicy} on JDK 22+, where the shim
 * hands every such buffer, and every vector holding one, here instead of writing it.
 */
final class ScopedBufferWrite implements SegmentBufferWrite {
    /** A {@code struct iovec} on 64-bit Linux: the base, then the length, 8 bytes each (the kernel wants no alignment). */
    private static final int IOVEC = 16;

    private static final long NEG_EINVAL = -Errno.EINVAL.number();

    @Override
    public long write(FileDescriptor fdObject, int fd, ByteBuffer src, int position, int len) {
        return ForeignWrite.write(fdObject, fd, bytes(src, position, len));
    }

    /**
     * Builds the iovecs the shim would, heap bytes copied into a pooled buffer, and writes them
     * with the linker, which keeps one segment of each arena alive: the kernel, not a copy, reads
     * every direct buffer, as the JDK's {@code FileChannel} has it do.
     */
    @Override
    public long writev(FileDescriptor fdObject, int fd, ByteBuffer[] srcs, int count, int heap) {
        ByteBuffer[] held = Arrays.copyOf(srcs, count); // another thread may replace an element meanwhile
        // Apart: up to 16 KiB of iovecs and up to 2 GiB of heap bytes would not fit one buffer.
        OffHeapBuffer iovecs = OffHeapCopy.take(IOVEC * Math.min(count, NativeWrite.IOV_MAX));
        OffHeapBuffer copies = null;
        try {
            copies = OffHeapCopy.take(heap);
            long raw = gathered(fdObject, fd, held, whole(iovecs), copies);
            Reference.reachabilityFence(held); // plain direct buffers, read in place, are kept by nothing else
            return raw;
        } finally {
            if (copies != null) {
                OffHeapCopy.give(copies);
            }
            OffHeapCopy.give(iovecs);
        }
    }

    /** One writev of {@code srcs}: their iovecs in {@code iov}, heap bytes copied into {@code copies}. */
    private static long gathered(FileDescriptor fdObject, int fd, ByteBuffer[] srcs, MemorySegment iov, OffHeapBuffer copies) {
        MemorySegment copyMemory = whole(copies);
        MemorySegment[] keeps = new MemorySegment[ForeignWrite.KEEPS_MAX];
        int kept = 0;
        int used = 0;
        long copied = 0;
        long budget = NativeWrite.MAX_RW_COUNT;
        for (int i = 0; i < srcs.length && used < NativeWrite.IOV_MAX && budget > 0; i++) {
            ByteBuffer src = srcs[i];
            int position = src.position();
            int limit = src.limit();
            Objects.checkFromToIndex(position, limit, src.capacity()); // fails only on a racing writer
            int len = (int) Math.min(limit - position, budget);
            long base;
            if (!src.isDirect()) {
                if (len > copyMemory.byteSize() - copied) {
                    return NEG_EINVAL; // grown by another thread since it was counted, as the shim says
                }
                copies.bytes.put((int) copied, src, position, len);
                base = copyMemory.address() + copied;
                copied += len;
            } else {
                MemorySegment bytes = bytes(src, position, len);
                if (NativeWrite.mayViewSegment(src)) {
                    kept = keep(keeps, kept, bytes); // even an empty one: its arena must be alive, as FileChannel has it
                    if (kept < 0) {
                        return NativeWrite.SEGMENT_BACKED;
                    }
                }
                base = bytes.address();
            }
            if (len > 0) {
                iov.set(ValueLayout.JAVA_LONG_UNALIGNED, (long) IOVEC * used, base);
                iov.set(ValueLayout.JAVA_LONG_UNALIGNED, (long) IOVEC * used + Long.BYTES, len);
                used++;
                budget -= len;
            }
        }
        return ForeignWrite.writev(fdObject, fd, iov, used, keeps, kept);
    }

    /** A pooled buffer's memory, all of it. */
    private static MemorySegment whole(OffHeapBuffer buffer) {
        return MemorySegment.ofBuffer(buffer.bytes.duplicate().clear());
    }

    /** The buffer's memory from {@code position}: of it whole, then sliced, as its position and limit may be racing. */
    private static MemorySegment bytes(ByteBuffer src, int position, int len) {
        return MemorySegment.ofBuffer(src.duplicate().clear()).asSlice(position, len);
    }

    /**
     * Adds {@code bytes} to {@code keeps[0, kept)} unless a segment of the same scope is there.
     *
     * @return the new count, or -1 if the array is full
     */
    private static int keep(MemorySegment[] keeps, int kept, MemorySegment bytes) {
        for (int k = 0; k < kept; k++) {
            if (keeps[k].scope().equals(bytes.scope())) {
                return kept; // equal scopes are one lifetime: one kept alive keeps both
            }
        }
        if (kept == keeps.length) {
            return -1;
        }
        keeps[kept] = bytes;
        return kept + 1;
    }
}
