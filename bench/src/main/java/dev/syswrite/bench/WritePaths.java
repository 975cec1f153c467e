package dev.syswrite.bench;

import dev.syswrite.SysWrite;
import dev.syswrite.WriteResult;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * One {@code write(2)} of {@code size} bytes, by every path a JVM program has: syswrite's, and
 * the JDK's own. Concrete subclasses choose the target. Each method returns what the call
 * returned, so nothing is dead code; a {@link WriteResult} is first looked at the way a caller
 * would, so the measurement includes what escape analysis makes of it.
 */
public abstract class WritePaths extends WriteTarget {
    @Benchmark
    public long syswriteArray() {
        return bytesWritten(SysWrite.write(fd, array, 0, size));
    }

    @Benchmark
    public long syswriteArrayRaw() {
        return SysWrite.writeRaw(fd, array, 0, size);
    }

    @Benchmark
    public long syswriteHeapBuffer() {
        return bytesWritten(SysWrite.write(fd, heap.clear()));
    }

    @Benchmark
    public long syswriteDirectBuffer() {
        return bytesWritten(SysWrite.write(fd, direct.clear()));
    }

    @Benchmark
    public long syswriteAddress() {
        return bytesWritten(SysWrite.writeAddress(fd, address, size));
    }

    @Benchmark
    public long syswriteFileDescriptor() {
        return bytesWritten(SysWrite.write(fdObject, array, 0, size));
    }

    /** What a caller does with a result: take the count, or note the failure. */
    private static long bytesWritten(WriteResult result) {
        return result instanceof WriteResult.Ok ok ? ok.bytesWritten() : -1;
    }

    @Benchmark
    public void jdkFileOutputStream() throws IOException {
        out.write(array, 0, size);
    }

    @Benchmark
    public int jdkFileChannelHeap() throws IOException {
        return channel.write(heap.clear());
    }

    @Benchmark
    public int jdkFileChannelDirect() throws IOException {
        return channel.write(direct.clear());
    }

    @Benchmark
    public void jdkRandomAccessFile() throws IOException {
        randomAccess.write(array, 0, size);
    }
}
