package dev.syswrite.internal;

import java.io.FileDescriptor;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The write(2) and writev(2) stubs called through the FFM linker (JDK 22+), for memory that a
 * {@link MemorySegment} owns. The linker keeps each segment argument's scope alive until the
 * call returns, so an arena closed by another thread waits (or fails to close) instead of
 * freeing the memory under the kernel; and it refuses, before the call, a segment already closed
 * ({@link IllegalStateException}) or confined to another thread ({@link WrongThreadException}).
 */
public final class ForeignWrite {
    /**
     * The most scopes one {@link #writev} keeps alive. Each segment argument takes two of a method
     * handle's 255 parameter slots in the linker, so about 120 would fit; a handle is linked for
     * each power of two up to this, when first needed.
     */
    public static final int KEEPS_MAX = 64;

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
        try {
            return (long) Stub.WRITE.invokeExact(descriptor(fdObject, fd), src, src.byteSize());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            throw new IllegalStateException(checked); // the stub throws nothing
        }
    }

    /**
     * One {@code writev(2)} of {@code iovcnt} iovecs at {@code iov}, while the scopes of
     * {@code keeps[0, kept)} are kept alive; the library is loaded.
     *
     * @param fdObject the descriptor to read at call time, or null to write to {@code fd}
     * @param fd the descriptor, when {@code fdObject} is null
     * @param iov native memory holding the iovecs
     * @param iovcnt how many
     * @param keeps native segments whose memory the iovecs name, one of each scope
     * @param kept how many, at most {@link #KEEPS_MAX}
     * @return the count written, or {@code -errno}
     * @throws IllegalStateException if a segment's scope is not alive
     * @throws WrongThreadException if one is confined to another thread
     */
    public static long writev(FileDescriptor fdObject, int fd, MemorySegment iov, int iovcnt, MemorySegment[] keeps, int kept) {
        int rung = kept <= 1 ? 0 : Integer.SIZE - Integer.numberOfLeadingZeros(kept - 1); // kept rounded up to 2^rung
        MemorySegment[] arguments = Arrays.copyOf(keeps, 1 << rung);
        Arrays.fill(arguments, kept, arguments.length, MemorySegment.NULL); // global: nothing to keep
        try {
            return (long) Stub.writev(rung).invokeExact(descriptor(fdObject, fd), iov, iovcnt, arguments);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            throw new IllegalStateException(checked); // the stub throws nothing
        }
    }

    /** The linker passes ints, not objects: the descriptor is read here, just before the call. */
    private static int descriptor(FileDescriptor fdObject, int fd) {
        return fdObject == null ? fd : NativeWrite.descriptor(fdObject);
    }

    /** Made on first use: a segment write on JDK 22 or 23 without native access warns once, then. */
    private static final class Stub {
        /** {@code long syswrite_write(int fd, const void *buf, unsigned long count)}, exported by the shim. */
        static final MethodHandle WRITE = link("syswrite_write",
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));

        /** {@code long syswrite_writev(int fd, const struct iovec *iov, int iovcnt, ...)} with 2^i segments after: i's handle. */
        private static final AtomicReferenceArray<MethodHandle> WRITEV =
                new AtomicReferenceArray<>(Integer.numberOfTrailingZeros(KEEPS_MAX) + 1);

        /** The writev handle taking {@code 1 << rung} segments, as one array after {@code (fd, iov, iovcnt)}. */
        static MethodHandle writev(int rung) {
            MethodHandle handle = WRITEV.get(rung);
            if (handle == null) {
                MemoryLayout[] parameters = new MemoryLayout[3 + (1 << rung)];
                Arrays.fill(parameters, ValueLayout.ADDRESS);
                parameters[0] = ValueLayout.JAVA_INT;
                parameters[2] = ValueLayout.JAVA_INT;
                // The segments are variadic, as the stub declares them: only there to be kept alive.
                MethodHandle linked = link("syswrite_writev", FunctionDescriptor.of(ValueLayout.JAVA_LONG, parameters),
                        Linker.Option.firstVariadicArg(3));
                WRITEV.compareAndSet(rung, null, linked.asSpreader(MemorySegment[].class, 1 << rung)); // a race links twice, keeps one
                handle = WRITEV.get(rung);
            }
            return handle;
        }

        @SuppressWarnings("restricted") // the stubs read no memory: the kernel reads what they name, and checks it
        private static MethodHandle link(String name, FunctionDescriptor descriptor, Linker.Option... options) {
            NativeLibrary.ensureAvailable(); // System.load by this class loader: what loaderLookup searches
            MemorySegment symbol = SymbolLookup.loaderLookup().find(name)
                    .orElseThrow(() -> new IllegalStateException(name + " is not exported by " + NativeLibrary.source()));
            return Linker.nativeLinker().downcallHandle(symbol, descriptor, options);
        }
    }
}
