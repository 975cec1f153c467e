package dev.syswrite.bench;

import dev.syswrite.SysWrite;
import dev.syswrite.WriteResult;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How to hand the kernel a heap array too large for the shim's 8 KiB stack copy, in one
 * syscall, with no libc: the strategies side by side, writing to /dev/null so only their own
 * cost differs. {@code array=slice} writes {@code size} bytes from the middle of a 16 MiB array,
 * where copying the whole array would be the mistake.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LargeArrayCopy {
    @Param({"8193", "65536", "1048576"})
    public int size;

    @Param({"exact", "slice"})
    public String array;

    private byte[] bytes;
    private int off;
    private ByteBuffer direct;
    private FileOutputStream out;
    private int fd;

    @Setup(Level.Trial)
    public void open() throws IOException {
        bytes = new byte[array.equals("slice") ? 16 << 20 : size];
        Arrays.fill(bytes, (byte) 'x');
        off = (bytes.length - size) / 2;
        direct = ByteBuffer.allocateDirect(size);
        out = new FileOutputStream("/dev/null");
        fd = BenchNative.fd(out.getFD());
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        out.close();
    }

    /** syswrite's choice: the shim copies just the range into a per-thread direct buffer. */
    @Benchmark
    public long syswrite() {
        return SysWrite.writeRaw(fd, bytes, off, size);
    }

    /** The same buffer, filled by Java's own ByteBuffer.put, then written in place. */
    @Benchmark
    public WriteResult javaPutThenDirectWrite() {
        return SysWrite.write(fd, direct.clear().put(bytes, off, size).flip());
    }

    /** GetByteArrayElements: HotSpot mallocs and copies the whole array, then frees it. */
    @Benchmark
    public long jniArrayElements() {
        return BenchNative.arrayElements(fd, bytes, off, size);
    }

    /** No copy, array pinned across the syscall: the floor, and what syswrite must not do. */
    @Benchmark
    public long jniCriticalPinned() {
        return BenchNative.criticalPinned(fd, bytes, off, size);
    }

    /** The JDK's way: malloc(len), GetByteArrayRegion, write, free. */
    @Benchmark
    public void jdkFileOutputStream() throws IOException {
        out.write(bytes, off, size);
    }
}
