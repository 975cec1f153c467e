package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.Fds;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code writevAddressRaw}, {@code fdatasyncRaw} and {@code IOV_MAX}: the raw forms the logging
 * engine writes and syncs through answer exactly as their {@code Ok}/{@code Err} twins do, on
 * every kind of descriptor and every hostile argument, and allocate nothing.
 */
class RawFormsTest {
    private static final int IOVEC = 16;

    @TempDir
    Path dir;

    /** Direct memory holding {@code text}, and an iovec array of {@code slots} entries. */
    private static final class Vector {
        final ByteBuffer text;
        final ByteBuffer iov;

        Vector(String text, int slots) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            this.text = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
            this.iov = ByteBuffer.allocateDirect(IOVEC * slots).order(ByteOrder.nativeOrder());
        }

        /** Sets iovec {@code i} to {@code len} bytes at {@code base}. */
        Vector set(int i, long base, long len) {
            iov.putLong(IOVEC * i, base).putLong(IOVEC * i + 8, len);
            return this;
        }

        /** Sets iovec {@code i} to the text's bytes [from, from + len). */
        Vector text(int i, int from, int len) {
            return set(i, Fds.addressOf(text) + from, len);
        }

        long address() {
            return Fds.addressOf(iov);
        }
    }

    /** Both forms on the same arguments (so the bytes go out twice): the raw one must decode to the other. */
    private static long same(int fd, long iov, int iovcnt) {
        long raw = SysWrite.writevAddressRaw(fd, iov, iovcnt);
        assertEquals(SysWrite.writevAddress(fd, iov, iovcnt), WriteResult.fromRaw(raw), "fd " + fd + ", iov " + iov + ", iovcnt " + iovcnt);
        return raw;
    }

    private static long err(Errno errno) {
        return -errno.number();
    }

    @Test
    void aFileGetsTheSameAnswersAndBytes() throws IOException {
        Path file = dir.resolve("out");
        Vector v = new Vector("hello, kernel\n", 4).text(0, 0, 7).text(1, 7, 7);
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            int fd = Fds.of(out.getFD());
            assertEquals(14, same(fd, v.address(), 2));
            assertEquals(0, same(fd, v.address(), 0), "no iovec: nothing read");
            assertEquals(0, same(fd, 0, 0), "no iovec at address 0: nothing read");
            v.set(2, 0, 0).text(3, 0, 1); // an empty iovec at address 0 is not read
            assertEquals(8, same(fd, v.address() + IOVEC, 3));
        }
        assertEquals("hello, kernel\nhello, kernel\n" + "kernel\nhkernel\nh", Files.readString(file));
    }

    /** What the kernel refuses, the raw form returns as {@code -errno}: never a crash, never an exception. */
    @Test
    void hostileArgumentsAreTheKernelsErrors() throws IOException {
        Path file = dir.resolve("out");
        Vector v = new Vector("hello, kernel\n", 2).text(0, 0, 7).text(1, 7, 7);
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            int fd = Fds.of(out.getFD());
            long array = v.address();
            assertEquals(err(Errno.EFAULT), same(fd, 0, 1), "the array at address 0");
            assertEquals(err(Errno.EFAULT), same(fd, 8, 2), "an unmapped array");
            assertEquals(err(Errno.EFAULT), same(fd, -IOVEC, 1), "an array at the top of the address space");
            for (int iovcnt : new int[] {-1, Integer.MIN_VALUE, SysWrite.IOV_MAX + 1, Integer.MAX_VALUE}) {
                assertEquals(err(Errno.EINVAL), same(fd, array, iovcnt), "iovcnt " + iovcnt);
                assertEquals(err(Errno.EINVAL), same(fd, 0, iovcnt), "iovcnt " + iovcnt + " at address 0");
            }
            v.set(1, 16, 7); // an unmapped range in the second iovec: the first is taken
            assertEquals(7, same(fd, array, 2));
            v.set(0, 16, 7); // and in the first: nothing is
            assertEquals(err(Errno.EFAULT), same(fd, array, 2));
            v.set(0, -4096, 7); // kernel memory
            assertEquals(err(Errno.EFAULT), same(fd, array, 1));
            v.set(0, Fds.addressOf(v.text), -1L); // a length past SSIZE_MAX
            assertEquals(err(Errno.EINVAL), same(fd, array, 1));
        }
        assertEquals("hello, hello, ", Files.readString(file));
    }

    @Test
    void badDescriptorsAreEbadf() throws IOException {
        Vector v = new Vector("x", 1).text(0, 0, 1);
        for (int bad : new int[] {-1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertEquals(err(Errno.EBADF), same(bad, v.address(), 1), "fd " + bad);
            same(bad, v.address(), 0); // QEMU's user mode answers an empty vector with 0 without looking at fd
            same(bad, 0, SysWrite.IOV_MAX + 1); // Linux looks at fd first, QEMU at iovcnt: the two forms agree
        }
        Path file = Files.writeString(dir.resolve("read-only"), "r");
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            assertEquals(err(Errno.EBADF), same(Fds.of(in.getFD()), v.address(), 1), "a descriptor open for reading");
        }
        FileOutputStream out = new FileOutputStream(dir.resolve("closed").toFile());
        int closed = Fds.of(out.getFD());
        out.close();
        assertEquals(err(Errno.EBADF), same(closed, v.address(), 1), "a closed descriptor");
    }

    @Test
    void aPipeDevNullAndDevFull() throws IOException {
        Vector v = new Vector("piped\n", 2).text(0, 0, 3).text(1, 3, 3);
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
            assertEquals(6, same(Fds.of(sink), v.address(), 2));
            ByteBuffer read = ByteBuffer.allocate(12);
            while (read.hasRemaining()) {
                source.read(read);
            }
            assertEquals("piped\npiped\n", new String(read.array(), StandardCharsets.US_ASCII));
        }
        try (FileOutputStream devNull = new FileOutputStream("/dev/null"); FileOutputStream devFull = new FileOutputStream("/dev/full")) {
            assertEquals(6, same(Fds.of(devNull.getFD()), v.address(), 2));
            assertEquals(err(Errno.ENOSPC), same(Fds.of(devFull.getFD()), v.address(), 2));
        }
    }

    /** {@code IOV_MAX} is what the kernel takes: 1024 iovecs in one call, and not one more. */
    @Test
    void iovMaxIsWhatTheKernelTakes() throws IOException {
        assertEquals(1024, SysWrite.IOV_MAX);
        Path file = dir.resolve("out");
        Vector v = new Vector("0123456789abcdef", SysWrite.IOV_MAX + 1);
        for (int i = 0; i <= SysWrite.IOV_MAX; i++) {
            v.text(i, i & 15, 1);
        }
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            int fd = Fds.of(out.getFD());
            assertEquals(SysWrite.IOV_MAX, SysWrite.writevAddressRaw(fd, v.address(), SysWrite.IOV_MAX));
            assertEquals(err(Errno.EINVAL), SysWrite.writevAddressRaw(fd, v.address(), SysWrite.IOV_MAX + 1));
            assertEquals(new WriteResult.Err(Errno.EINVAL), SysWrite.writevAddress(fd, v.address(), SysWrite.IOV_MAX + 1));
        }
        assertEquals("0123456789abcdef".repeat(SysWrite.IOV_MAX / 16), Files.readString(file));
    }

    /** Both sync forms on the same descriptor: the raw one must decode to the other. */
    private static long synced(int fd) {
        long raw = SysWrite.fdatasyncRaw(fd);
        assertEquals(SysWrite.fdatasync(fd), WriteResult.fromRaw(raw), "fd " + fd);
        return raw;
    }

    @Test
    void fdatasyncRawAnswersAsFdatasync() throws IOException {
        Path file = dir.resolve("synced");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            assertEquals(6, SysWrite.writeRaw(out.getFD(), "synced".getBytes(StandardCharsets.US_ASCII), 0, 6));
            assertEquals(0, synced(Fds.of(out.getFD())), "a file");
        }
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            assertEquals(0, synced(Fds.of(in.getFD())), "a file open for reading");
        }
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink()) {
            assertEquals(err(Errno.EINVAL), synced(Fds.of(sink)), "a pipe");
        } finally {
            pipe.source().close();
        }
        try (FileOutputStream devNull = new FileOutputStream("/dev/null"); FileOutputStream devFull = new FileOutputStream("/dev/full")) {
            assertEquals(err(Errno.EINVAL), synced(Fds.of(devNull.getFD())), "/dev/null");
            assertEquals(err(Errno.EINVAL), synced(Fds.of(devFull.getFD())), "/dev/full");
        }
        FileOutputStream out = new FileOutputStream(dir.resolve("closed").toFile());
        FileDescriptor closing = out.getFD();
        int closed = Fds.of(closing);
        out.close();
        for (int bad : new int[] {closed, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertEquals(err(Errno.EBADF), synced(bad), "fd " + bad);
        }
    }

    /** The point of the raw forms: a hot path that calls them allocates nothing on the heap. */
    @Test
    void theRawFormsAllocateNothing() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        Vector v = new Vector("x", 1).text(0, 0, 1);
        long iov = v.address();
        int calls = 10_000;
        try (FileOutputStream devNull = new FileOutputStream("/dev/null")) {
            int fd = Fds.of(devNull.getFD());
            long sum = 0;
            for (int round = 0; round < 3; round++) { // the first rounds warm up; the last is measured
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < calls; i++) {
                    sum += SysWrite.writevAddressRaw(fd, iov, 1) + SysWrite.fdatasyncRaw(fd);
                }
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                if (round == 2) {
                    // One object per call would be 16 bytes or more each: allow less than a byte.
                    assertTrue(allocated < calls, allocated + " bytes allocated by " + calls + " calls of each");
                }
            }
            assertEquals(3L * calls * (1 - Errno.EINVAL.number()), sum);
        }
    }
}
