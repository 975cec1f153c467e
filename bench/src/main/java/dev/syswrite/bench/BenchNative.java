package dev.syswrite.bench;

import java.io.FileDescriptor;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The bench-only JNI library ({@code src/main/c/bench_jni.c}): baselines, helpers, and the
 * large-array strategies syswrite's shim does not use, all calling the same assembly stub.
 * Loaded from {@code -Dsyswrite.bench.native}, default {@code target/native/libsyswrite-bench.so}.
 */
public final class BenchNative {
    /** The library's file; it also exports the stub, behind one tail jump, as
     * {@code syswrite_bench_sys_write} for FFM. */
    public static final Path LIBRARY =
            Path.of(System.getProperty("syswrite.bench.native", "target/native/libsyswrite-bench.so")).toAbsolutePath();

    static {
        System.load(LIBRARY.toString());
    }

    private BenchNative() {}

    /** An empty static native call: the JNI transition alone. */
    public static native void empty();

    /** {@code lseek(fd, 0, SEEK_SET)}. */
    public static native long rewind(int fd);

    /** The raw descriptor a FileDescriptor holds. */
    public static native int fd(FileDescriptor fd);

    /** A direct buffer's base address. */
    public static native long address(ByteBuffer direct);

    /** Writes through GetByteArrayElements: the JVM copies the whole array to C heap. */
    public static native long arrayElements(int fd, byte[] b, int off, int len);

    /** Writes with the array pinned by GetPrimitiveArrayCritical across the syscall. */
    public static native long criticalPinned(int fd, byte[] b, int off, int len);
}
