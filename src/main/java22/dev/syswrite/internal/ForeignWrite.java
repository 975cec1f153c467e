package dev.syswrite.internal;

import java.io.FileDescriptor;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The write(2) stub called through the FFM linker (JDK 22+), for memory that a
 * {@link MemorySegment} owns. The linker keeps each segment argument's scope alive until the
 * call returns, so an arena closed by another thread waits (or fails to close) instead of
 * freeing the memory under the kernel; and it refuses, before the call, a segment already closed
 * ({@link IllegalStateException}) or confined to another thread ({@link WrongThreadException}).
 */
public final class ForeignWrite {
    private ForeignWrite() {}

    /**
     * Writes {@code src} in one system call; the library is loaded.
     *
     * @param fdObject the descriptor to read at call time, or null to write to {@code fd}
     * @param fd the descriptor, when {@code fdObject} is null
     * @param src a native segment
     * @return the count written, or {@code -errno}
     * @throws IllegalStateException if the segment's scope is not alive
     * @throws WrongThreadException if it is confined to another thread
     */
    public static long write(FileDescriptor fdObject, int fd, MemorySegment src) {
        int descriptor = fdObject == null ? fd : NativeWrite.descriptor(fdObject); // the linker passes ints, not objects
        try {
            return (long) Stub.WRITE.invokeExact(descriptor, src, src.byteSize());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            throw new IllegalStateException(checked); // the stub throws nothing
        }
    }

    /** Made on first use: a segment write on JDK 22 or 23 without native access warns once, then. */
    private static final class Stub {
        /** {@code long syswrite_write(int fd, const void *buf, unsigned long count)}, exported by the shim. */
        static final MethodHandle WRITE = link();

        @SuppressWarnings("restricted") // the stub reads count bytes at buf and no more: the segment's own size
        private static MethodHandle link() {
            NativeLibrary.ensureAvailable(); // System.load by this class loader: what loaderLookup searches
            MemorySegment symbol = SymbolLookup.loaderLookup().find("syswrite_write")
                    .orElseThrow(() -> new IllegalStateException("syswrite_write is not exported by " + NativeLibrary.source()));
            return Linker.nativeLinker().downcallHandle(symbol,
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
        }
    }
}
