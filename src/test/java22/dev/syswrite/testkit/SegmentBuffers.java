package dev.syswrite.testkit;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;

/**
 * Buffers that view a {@link MemorySegment}, for {@link UnreadableBufferChild},
 * which is compiled for JDK 17 and so reaches these by reflection, on JDK 22+ only.
 */
public final class SegmentBuffers {
    /** Never closed: a shared arena, whose segments the linker must keep alive while the kernel reads them. */
    private static final Arena SHARED = Arena.ofShared();

    private SegmentBuffers() {}

    /**
     * A buffer over a page mapped with {@code PROT_NONE}: no one can read it, and it stays
     * mapped, so nothing else the JVM maps can land there (as it could on a page unmapped after
     * use). A read by the JVM faults (SIGSEGV) as on an unmapped one; the kernel says EFAULT.
     */
    @SuppressWarnings("restricted") // the segment views memory no one may read: what the test is about
    public static ByteBuffer unreadable(int len) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle mmap = linker.downcallHandle(linker.defaultLookup().find("mmap").orElseThrow(), FunctionDescriptor.of(
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        int protNone = 0;
        int mapPrivateAnonymous = 0x22; // the same on x86_64 and AArch64
        long page = (long) mmap.invokeExact(0L, 65536L, protNone, mapPrivateAnonymous, -1, 0L); // a page of any size
        if (page == -1) {
            throw new IllegalStateException("mmap failed");
        }
        return MemorySegment.ofAddress(page).reinterpret(len).asByteBuffer();
    }

    /** A buffer over a shared arena's memory holding {@code bytes}. */
    public static ByteBuffer shared(byte[] bytes) {
        return SHARED.allocate(bytes.length).asByteBuffer().put(bytes).flip();
    }

    /** A buffer of {@code len} bytes over memory its arena has freed. */
    public static ByteBuffer closed(int len) {
        Arena arena = Arena.ofConfined();
        ByteBuffer buffer = arena.allocate(len).asByteBuffer();
        arena.close();
        return buffer;
    }
}
