package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.syswrite.testkit.Fds;
import dev.syswrite.internal.NativeWrite;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shim's entry points are public Java methods, so anyone can call them with anything: they
 * must refuse what would make them read memory they were not handed (a null array or buffer, a
 * range outside it), never write after a JNI call left an exception pending, and never crash.
 * Each case checks that nothing reached the file.
 */
class ShimRefusalTest {
    private static final long EINVAL = -Errno.EINVAL.number();

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void load() {
        SysWrite.ensureAvailable();
        file = dir.resolve("out");
    }

    private interface Call {
        long with(int fd) throws Exception;
    }

    /** Runs {@code call} on a fresh file's descriptor; returns its result, the file must stay empty. */
    private long onAFile(Call call) throws Exception {
        long result;
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            result = call.with(Fds.of(out.getFD()));
        }
        assertEquals(0, Files.size(file), "bytes reached the file");
        return result;
    }

    @Test
    void nullArraysAndBuffersAreRefused() throws Exception {
        assertEquals(EINVAL, onAFile(fd -> NativeWrite.array(null, fd, null, 0, 10)));
        assertEquals(EINVAL, onAFile(fd -> NativeWrite.arrayVia(null, fd, null, 0, 10, ByteBuffer.allocateDirect(16))));
        assertEquals(EINVAL, onAFile(fd -> NativeWrite.arrayVia(null, fd, new byte[16], 0, 10, null)));
        assertEquals(EINVAL, onAFile(fd -> NativeWrite.direct(null, fd, null, 0, 10, false)));
    }

    @Test
    void rangesOutsideAnArrayThrowAndWriteNothing() throws Exception {
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> onAFile(fd -> NativeWrite.array(null, fd, new byte[10], 5, 4000)));
        assertEquals(0, Files.size(file), "uninitialised stack reached the file");
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> onAFile(fd -> NativeWrite.array(null, fd, new byte[10], -1, 5)));
        ByteBuffer scratch = ByteBuffer.allocateDirect(8192);
        scratch.put(0, new byte[8192]);
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> onAFile(fd -> NativeWrite.arrayVia(null, fd, new byte[10], 0, 4000, scratch)));
        assertEquals(0, Files.size(file), "the scratch buffer reached the file");
        assertEquals(EINVAL, onAFile(fd -> NativeWrite.arrayVia(null, fd, new byte[100_000], 0, 100_000, scratch)));
    }

    @Test
    void rangesOutsideADirectBufferAreRefused() throws Exception {
        ByteBuffer small = ByteBuffer.allocateDirect(16);
        assertEquals(EINVAL, onAFile(fd -> NativeWrite.direct(null, fd, small, 8, 100, false)));
        assertEquals(EINVAL, onAFile(fd -> NativeWrite.direct(null, fd, small, -1, 4, false)));
        assertEquals(EINVAL, onAFile(fd -> NativeWrite.direct(null, fd, small, 0, -1, false)));
        assertEquals(EINVAL, onAFile(fd -> NativeWrite.direct(null, fd, small, Integer.MAX_VALUE, 16, false)));
        assertEquals(EINVAL, onAFile(fd -> NativeWrite.array(null, fd, new byte[10], 0, -1)));
    }

    /** MemorySegment.NULL's buffer: no memory at all, so only a zero-length write, which is Ok(0) as FileChannel's is. */
    @Test
    void aZeroLengthWriteAtAddressZeroIsOk() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 22, "MemorySegment is final from JDK 22; the JDK 25 run has it");
        Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
        ByteBuffer empty = (ByteBuffer) segment.getMethod("asByteBuffer").invoke(segment.getField("NULL").get(null));
        assertEquals(0, Fds.addressOf(empty));
        onAFile(fd -> {
            assertEquals(new WriteResult.Ok(0), SysWrite.write(fd, empty));
            return 0;
        });
    }
}
