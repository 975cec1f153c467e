package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.Fds;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every write path against the real kernel: files, pipes, /dev/full, bad descriptors. */
class SysWriteTest {
    @TempDir
    Path dir;

    /** Sizes around the shim's 8 KiB stack copy and the 1 MiB the copy buffer keeps. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, 8191, 8192, 8193, 65_536, (1 << 20) + 1})
    void arrayBytesReachAFileExactly(int size) throws IOException {
        byte[] data = randomBytes(size, size);
        Path file = dir.resolve("out");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            assertEquals(new WriteResult.Ok(size), SysWrite.write(Fds.of(out.getFD()), data));
        }
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @Test
    void offsetAndLengthSelectTheRange() throws IOException {
        byte[] data = randomBytes(20_000, 1);
        Path file = dir.resolve("out");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            int fd = Fds.of(out.getFD());
            assertEquals(new WriteResult.Ok(10), SysWrite.write(fd, data, 5, 10));
            assertEquals(10_000, SysWrite.writeRaw(fd, data, 7_000, 10_000));
        }
        byte[] expected = new byte[10_010];
        System.arraycopy(data, 5, expected, 0, 10);
        System.arraycopy(data, 7_000, expected, 10, 10_000);
        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    @Test
    void bytesReachAPipeExactly() throws Exception {
        byte[] data = randomBytes(3 * 65_536 + 17, 2);
        Pipe pipe = Pipe.open();
        CompletableFuture<byte[]> read = readAllAsync(pipe);
        try (Pipe.SinkChannel sink = pipe.sink()) {
            assertEquals(new WriteResult.Ok(data.length), SysWrite.writeAll(Fds.of(sink), data, 0, data.length));
        }
        assertArrayEquals(data, read.get());
    }

    @Test
    void writeAllRoundTripsSixteenMegabytes() throws IOException {
        byte[] data = randomBytes(16 << 20, 3);
        Path file = dir.resolve("big");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            int fd = Fds.of(out.getFD());
            assertEquals(new WriteResult.Ok(data.length - 1), SysWrite.writeAll(fd, data, 1, data.length - 1));
        }
        byte[] back = Files.readAllBytes(file);
        assertEquals(data.length - 1, back.length);
        assertEquals(ByteBuffer.wrap(data, 1, data.length - 1), ByteBuffer.wrap(back));
    }

    @Test
    void zeroLengthWritesNothingAndSucceeds() throws IOException {
        Path file = dir.resolve("out");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            int fd = Fds.of(out.getFD());
            assertEquals(new WriteResult.Ok(0), SysWrite.write(fd, new byte[0]));
            assertEquals(new WriteResult.Ok(0), SysWrite.write(fd, new byte[5], 5, 0));
            assertEquals(new WriteResult.Ok(0), SysWrite.writeAll(fd, new byte[5], 2, 0));
            assertEquals(new WriteResult.Ok(0), SysWrite.write(fd, ByteBuffer.allocateDirect(0)));
            assertEquals(new WriteResult.Ok(0), SysWrite.writeAddress(fd, 0, 0));
        }
        assertEquals(0, Files.size(file));
    }

    @Test
    void invalidDescriptorIsEbadf() {
        byte[] data = {1, 2, 3};
        assertEquals(new WriteResult.Err(Errno.EBADF), SysWrite.write(-1, data));
        assertEquals(new WriteResult.Err(Errno.EBADF), SysWrite.write(Integer.MAX_VALUE, data));
        assertEquals(-Errno.EBADF.number(), SysWrite.writeRaw(-1, data, 0, 3));
        assertEquals(new WriteResult.Err(Errno.EBADF), SysWrite.writeAll(-1, data, 0, 3));
        assertEquals(new WriteResult.Err(Errno.EBADF), SysWrite.write(-1, ByteBuffer.allocateDirect(3)));
        assertEquals(new WriteResult.Err(Errno.EBADF), SysWrite.write(-1, new byte[100_000]));
    }

    @Test
    void readOnlyDescriptorIsEbadf() throws IOException {
        Path file = Files.write(dir.resolve("in"), new byte[] {42});
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            assertEquals(new WriteResult.Err(Errno.EBADF), SysWrite.write(Fds.of(in.getFD()), new byte[] {1}));
        }
    }

    @Test
    void closedFileDescriptorIsEbadf() throws IOException {
        FileOutputStream out = new FileOutputStream(dir.resolve("out").toFile());
        byte[] data = {1, 2, 3};
        assertEquals(new WriteResult.Ok(3), SysWrite.write(out.getFD(), data, 0, 3));
        assertEquals(2, SysWrite.writeRaw(out.getFD(), data, 1, 2));
        ByteBuffer direct = ByteBuffer.allocateDirect(4).put(data).flip();
        assertEquals(3, SysWrite.writeRaw(out.getFD(), direct));
        assertEquals(3, direct.position());
        out.close(); // the FileDescriptor now holds -1, read again at every call
        assertEquals(new WriteResult.Err(Errno.EBADF), SysWrite.write(out.getFD(), data, 0, 3));
        assertEquals(new WriteResult.Err(Errno.EBADF), SysWrite.write(out.getFD(), ByteBuffer.wrap(data)));
        assertEquals(-Errno.EBADF.number(), SysWrite.writeRaw(out.getFD(), data, 0, 3));
        assertEquals(-Errno.EBADF.number(), SysWrite.writeRaw(out.getFD(), ByteBuffer.allocateDirect(3)));
        assertEquals(8, Files.size(dir.resolve("out")));
    }

    @Test
    void unreadableAddressIsEfaultNotACrash() throws IOException {
        try (FileOutputStream out = new FileOutputStream(dir.resolve("out").toFile())) {
            int fd = Fds.of(out.getFD());
            assertEquals(new WriteResult.Err(Errno.EFAULT), SysWrite.writeAddress(fd, 0, 16));
            assertEquals(new WriteResult.Err(Errno.EFAULT), SysWrite.writeAddress(fd, 1, 1));
            assertEquals(new WriteResult.Err(Errno.EFAULT), SysWrite.writeAddress(fd, -4096, 16)); // kernel half
        }
        assertEquals(0, Files.size(dir.resolve("out")));
    }

    @Test
    void addressWritesNativeMemoryInPlace() throws IOException {
        ByteBuffer direct = ByteBuffer.allocateDirect(4096);
        byte[] data = randomBytes(4096, 4);
        direct.put(data);
        Path file = dir.resolve("out");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            assertEquals(new WriteResult.Ok(1000), SysWrite.writeAddress(Fds.of(out.getFD()), Fds.addressOf(direct) + 10, 1000));
        }
        assertEquals(ByteBuffer.wrap(data, 10, 1000), ByteBuffer.wrap(Files.readAllBytes(file)));
    }

    @Test
    void fullDeviceIsEnospc() throws IOException {
        try (FileOutputStream full = new FileOutputStream("/dev/full")) {
            int fd = Fds.of(full.getFD());
            assertEquals(new WriteResult.Err(Errno.ENOSPC), SysWrite.write(fd, new byte[10]));
            assertEquals(new WriteResult.Err(Errno.ENOSPC), SysWrite.writeAll(fd, new byte[10], 0, 10));
            ErrnoException thrown = assertThrows(ErrnoException.class, () -> SysWrite.write(fd, new byte[1]).orElseThrow());
            assertEquals(Errno.ENOSPC, thrown.errno());
        }
    }

    @Test
    void pipeWithoutReaderIsEpipeAndTheJvmLivesOn() throws IOException {
        // The JVM catches or ignores SIGPIPE, which would otherwise kill the process.
        assertTrue(catchesOrIgnores(13), "SIGPIPE is neither caught nor ignored: " + signalMasks());
        Pipe pipe = Pipe.open();
        pipe.source().close();
        try (Pipe.SinkChannel sink = pipe.sink()) {
            int fd = Fds.of(sink);
            for (int i = 0; i < 3; i++) {
                assertEquals(new WriteResult.Err(Errno.EPIPE), SysWrite.write(fd, new byte[] {1}));
            }
            assertEquals(new WriteResult.Err(Errno.EPIPE), SysWrite.write(fd, ByteBuffer.allocateDirect(8)));
        }
    }

    @Test
    void fullNonBlockingPipeIsEagain() throws IOException {
        Pipe pipe = Pipe.open(); // the source stays open, unread, so the pipe fills up
        try (Pipe.SinkChannel sink = pipe.sink()) {
            sink.configureBlocking(false);
            int fd = Fds.of(sink);
            byte[] chunk = new byte[4096];
            long filled = 0;
            WriteResult result;
            while ((result = SysWrite.write(fd, chunk)).isOk()) {
                filled += ((WriteResult.Ok) result).bytesWritten();
            }
            assertEquals(new WriteResult.Err(Errno.EAGAIN), result);
            assertEquals(Errno.EWOULDBLOCK, ((WriteResult.Err) result).errno());
            assertTrue(filled >= 4096, "a pipe holds at least a page: " + filled);
        } finally {
            pipe.source().close();
        }
    }

    @Test
    void badArgumentsThrowBeforeAnyNativeCall() {
        byte[] b = new byte[10];
        assertThrows(NullPointerException.class, () -> SysWrite.write(1, (byte[]) null));
        assertThrows(NullPointerException.class, () -> SysWrite.write(1, null, 0, 0));
        assertThrows(NullPointerException.class, () -> SysWrite.writeRaw(1, null, 0, 0));
        assertThrows(NullPointerException.class, () -> SysWrite.writeAll(1, null, 0, 0));
        assertThrows(NullPointerException.class, () -> SysWrite.write(1, (ByteBuffer) null));
        assertThrows(NullPointerException.class, () -> SysWrite.write((FileDescriptor) null, b, 0, 1));
        assertThrows(NullPointerException.class, () -> SysWrite.write((FileDescriptor) null, ByteBuffer.wrap(b)));
        assertThrows(NullPointerException.class, () -> SysWrite.writeRaw((FileDescriptor) null, b, 0, 1));
        assertThrows(NullPointerException.class, () -> SysWrite.writeRaw((FileDescriptor) null, ByteBuffer.wrap(b)));
        assertThrows(NullPointerException.class, () -> SysWrite.writeRaw(FileDescriptor.out, (ByteBuffer) null));
        assertThrows(IndexOutOfBoundsException.class, () -> SysWrite.writeRaw(FileDescriptor.out, b, 4, 7));
        assertThrows(IndexOutOfBoundsException.class, () -> SysWrite.write(1, b, -1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> SysWrite.write(1, b, 0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> SysWrite.write(1, b, 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> SysWrite.write(1, b, 11, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> SysWrite.write(1, b, Integer.MAX_VALUE, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> SysWrite.writeRaw(1, b, 9, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> SysWrite.writeAll(1, b, 0, 11));
        assertThrows(IndexOutOfBoundsException.class, () -> SysWrite.write(FileDescriptor.out, b, 3, 8));
        assertThrows(IllegalArgumentException.class, () -> SysWrite.writeAddress(1, 0, -1));
    }

    private static boolean catchesOrIgnores(int signal) throws IOException {
        long bit = 1L << (signal - 1);
        return (mask("SigCgt") & bit) != 0 || (mask("SigIgn") & bit) != 0;
    }

    private static long mask(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseUnsignedLong(line.substring(field.length() + 1).trim(), 16);
            }
        }
        throw new AssertionError(field + " missing from /proc/self/status");
    }

    private static String signalMasks() throws IOException {
        return "SigCgt=" + Long.toHexString(mask("SigCgt")) + " SigIgn=" + Long.toHexString(mask("SigIgn"));
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static CompletableFuture<byte[]> readAllAsync(Pipe pipe) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Channels.newInputStream(pipe.source())) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
