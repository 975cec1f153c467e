package dev.syswrite.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What every write path writes to, and from: one target opened by a FileOutputStream (whose
 * descriptor and channel the syswrite and FileChannel paths share) and by a RandomAccessFile,
 * and {@code size} bytes held in an array, a heap buffer, a direct buffer and raw memory.
 *
 * <p>Two targets. {@code /dev/null} takes the bytes without reading them: the cost of getting
 * into the kernel and back, plus whatever copying the path does on its own. A page-cache file
 * (in {@code -Dsyswrite.bench.dir}, default {@code java.io.tmpdir}) is rewound before every call,
 * untimed, so the same pages are rewritten, the file never grows and writeback never gets to
 * dominate: the kernel copies the bytes, as in a real write. The C floor times its file writes
 * the same way, one call at a time.
 */
@State(Scope.Thread)
public abstract class WriteTarget {
    /** Sizes around the 8 KiB stack copy and the 64 KiB and 1 MiB points where copies start to cost. */
    @Param({"0", "16", "64", "512", "4096", "8192", "8193", "65536", "1048576"})
    public int size;

    protected FileOutputStream out;
    protected FileDescriptor fdObject;
    protected int fd;
    protected FileChannel channel;
    protected RandomAccessFile randomAccess;
    protected int randomAccessFd;
    protected byte[] array;
    protected ByteBuffer heap;
    protected ByteBuffer direct;
    protected long address;

    private Path path;

    /** {@code true} for the page-cache file, which subclasses rewind before every call. */
    protected abstract boolean pageCache();

    @Setup(Level.Trial)
    public void open() throws IOException {
        path = pageCache()
                ? Files.createTempFile(Path.of(System.getProperty("syswrite.bench.dir", System.getProperty("java.io.tmpdir"))), "pagecache", ".bin")
                : Path.of("/dev/null");
        out = new FileOutputStream(path.toFile());
        fdObject = out.getFD();
        fd = BenchNative.fd(fdObject);
        channel = out.getChannel();
        randomAccess = new RandomAccessFile(path.toFile(), "rw");
        randomAccessFd = BenchNative.fd(randomAccess.getFD());
        array = new byte[size];
        Arrays.fill(array, (byte) 'x');
        heap = ByteBuffer.wrap(array);
        direct = ByteBuffer.allocateDirect(size).put(array).flip();
        address = BenchNative.address(direct);
        opened();
    }

    /** Called once everything above is open; subclasses derive their own views here. */
    protected void opened() {}

    @TearDown(Level.Trial)
    public void close() throws IOException {
        out.close();
        randomAccess.close();
        if (pageCache()) {
            Files.delete(path);
        }
    }

    /** Puts both descriptors back at offset 0. */
    protected final void rewind() {
        BenchNative.rewind(fd);
        BenchNative.rewind(randomAccessFd);
    }
}
