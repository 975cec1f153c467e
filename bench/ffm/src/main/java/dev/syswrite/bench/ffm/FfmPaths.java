package dev.syswrite.bench.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.syswrite.bench.BenchNative;
import dev.syswrite.bench.WriteTarget;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The same write through the FFM API instead of JNI: a downcall to libc's {@code write}, and one
 * straight to syswrite's own stub, each with and without {@code Linker.Option.critical}.
 * Critical downcalls skip the thread-state transition, so a write that blocks would stall
 * every safepoint: they are fit for /dev/null and the page cache, not for pipes or sockets.
 */
public abstract class FfmPaths extends WriteTarget {
    private static final Linker LINKER = Linker.nativeLinker();
    /** {@code long write(int fd, const void *buf, unsigned long count)}, libc's and the stub's. */
    private static final FunctionDescriptor WRITE = FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    private static final MemorySegment LIBC_WRITE = LINKER.defaultLookup().find("write").orElseThrow();
    private static final MemorySegment STUB_WRITE = SymbolLookup.libraryLookup(BenchNative.LIBRARY, Arena.global())
            .find("syswrite_bench_sys_write")
            .orElseThrow();

    private static final MethodHandle LIBC = LINKER.downcallHandle(LIBC_WRITE, WRITE);
    private static final MethodHandle LIBC_CRITICAL = LINKER.downcallHandle(LIBC_WRITE, WRITE, Linker.Option.critical(false));
    private static final MethodHandle LIBC_CRITICAL_HEAP = LINKER.downcallHandle(LIBC_WRITE, WRITE, Linker.Option.critical(true));
    private static final MethodHandle STUB = LINKER.downcallHandle(STUB_WRITE, WRITE);
    private static final MethodHandle STUB_CRITICAL = LINKER.downcallHandle(STUB_WRITE, WRITE, Linker.Option.critical(false));

    private MemorySegment nativeBytes;
    private MemorySegment heapBytes;

    @Override
    protected void opened() {
        nativeBytes = MemorySegment.ofBuffer(direct);
        heapBytes = MemorySegment.ofArray(array);
    }

    @Benchmark
    public long ffmLibcWrite() throws Throwable {
        return (long) LIBC.invokeExact(fd, nativeBytes, (long) size);
    }

    @Benchmark
    public long ffmLibcWriteCritical() throws Throwable {
        return (long) LIBC_CRITICAL.invokeExact(fd, nativeBytes, (long) size);
    }

    /** Critical with heap access: the byte[] itself, no copy, GC held off for the call. */
    @Benchmark
    public long ffmLibcWriteCriticalHeap() throws Throwable {
        return (long) LIBC_CRITICAL_HEAP.invokeExact(fd, heapBytes, (long) size);
    }

    @Benchmark
    public long ffmStubWrite() throws Throwable {
        return (long) STUB.invokeExact(fd, nativeBytes, (long) size);
    }

    @Benchmark
    public long ffmStubWriteCritical() throws Throwable {
        return (long) STUB_CRITICAL.invokeExact(fd, nativeBytes, (long) size);
    }
}
