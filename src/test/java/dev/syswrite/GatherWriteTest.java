package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.Emulation;
import dev.syswrite.testkit.Fds;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code SysWrite.writev}: one writev(2), buffers advanced by what it took, whatever they are. */
class GatherWriteTest {
    @TempDir
    Path dir;

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static ByteBuffer direct(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    @Test
    void everyKindOfBufferLandsInOrderAndIsAdvanced() throws Exception {
        Path file = dir.resolve("out");
        ByteBuffer slice = ascii("xxslice,yy").position(2).limit(8).slice();
        ByteBuffer[] srcs = {ascii("heap,"), direct("direct,"), ascii("read-only heap,").asReadOnlyBuffer(), ByteBuffer.allocate(0),
                direct("read-only direct,").asReadOnlyBuffer(), slice, ascii("..window..").position(2).limit(8)};
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            assertEquals(new WriteResult.Ok(56), SysWrite.writev(out.getFD(), srcs));
        }
        assertEquals("heap,direct,read-only heap,read-only direct,slice,window", Files.readString(file));
        for (ByteBuffer src : srcs) {
            assertEquals(0, src.remaining(), src.toString());
        }
    }

    @Test
    void anEmptyVectorWritesNothingButChecksTheDescriptor() throws Exception {
        try (FileOutputStream out = new FileOutputStream(dir.resolve("out").toFile())) {
            assertEquals(new WriteResult.Ok(0), SysWrite.writev(Fds.of(out.getFD())));
            assertEquals(new WriteResult.Ok(0), SysWrite.writev(Fds.of(out.getFD()), ByteBuffer.allocate(0), ByteBuffer.allocateDirect(0)));
        }
        // QEMU's user mode answers writev(fd, iov, 0) with 0 without looking at fd; Linux checks it.
        Assumptions.assumeFalse(Emulation.underQemu(), "QEMU user mode does not check fd for an empty writev");
        assertEquals(new WriteResult.Err(Errno.EBADF), SysWrite.writev(-1));
        assertEquals(-Errno.EBADF.number(), SysWrite.writevRaw(Integer.MAX_VALUE));
    }

    @Test
    void nullsThrowBeforeAnyByteIsWritten() throws Exception {
        Path file = dir.resolve("out");
        ByteBuffer first = ascii("first");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            int fd = Fds.of(out.getFD());
            assertThrows(NullPointerException.class, () -> SysWrite.writev(fd, (ByteBuffer[]) null));
            assertThrows(NullPointerException.class, () -> SysWrite.writev(fd, first, null));
            assertThrows(NullPointerException.class, () -> SysWrite.writev((FileDescriptor) null, first));
            assertThrows(NullPointerException.class, () -> SysWrite.writevRaw((FileDescriptor) null, first));
        }
        assertEquals(0, first.position());
        assertEquals(0, Files.size(file));
    }

    @Test
    void aClosedDescriptorIsEbadfAndLeavesPositions() throws Exception {
        FileOutputStream out = new FileOutputStream(dir.resolve("out").toFile());
        FileDescriptor fd = out.getFD();
        out.close();
        ByteBuffer a = direct("a");
        ByteBuffer b = ascii("b");
        assertEquals(new WriteResult.Err(Errno.EBADF), SysWrite.writev(fd, a, b));
        assertEquals(0, a.position());
        assertEquals(0, b.position());
    }

    /** The kernel takes at most IOV_MAX iovecs: the first 1024 non-empty buffers go, the rest wait. */
    @Test
    void moreThanIovMaxBuffersIsAShortWriteOfTheFirst1024() throws Exception {
        Path file = dir.resolve("out");
        ByteBuffer[] srcs = new ByteBuffer[3000];
        for (int i = 0; i < srcs.length; i++) {
            srcs[i] = i % 3 == 1 ? ByteBuffer.allocate(0) : i % 3 == 0 ? ascii(Character.toString('a' + i % 26)) : direct(Character.toString('A' + i % 26));
        }
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            assertEquals(1024, SysWrite.writevRaw(out.getFD(), srcs));
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 0; expected.length() < 1024; i++) {
            if (i % 3 != 1) {
                expected.append((char) ((i % 3 == 0 ? 'a' : 'A') + i % 26));
            }
        }
        assertEquals(expected.toString(), Files.readString(file));
        long drained = Arrays.stream(srcs).filter(b -> b.capacity() == 1 && b.position() == 1).count();
        assertEquals(1024, drained);
        assertEquals(1, srcs[1536].remaining(), "the 1025th non-empty buffer is left whole");
    }

    /** Over 2 GiB in all is a short write of the kernel's cap: whole buffers first, then part of the next. */
    @Test
    void moreThanTheCapIsAShortWriteThatAdvancesInOrder() throws Exception {
        long pageSize = Long.parseLong(new String(new ProcessBuilder("getconf", "PAGESIZE").start().getInputStream().readAllBytes(),
                StandardCharsets.US_ASCII).trim());
        long cap = Integer.MAX_VALUE & -pageSize;
        int gib = 1 << 30;
        try (RandomAccessFile sparse = new RandomAccessFile(dir.resolve("sparse").toFile(), "rw");
                FileOutputStream devNull = new FileOutputStream("/dev/null")) {
            sparse.setLength(3L * gib);
            MappedByteBuffer a = sparse.getChannel().map(FileChannel.MapMode.READ_ONLY, 0, gib);
            MappedByteBuffer b = sparse.getChannel().map(FileChannel.MapMode.READ_ONLY, gib, gib);
            MappedByteBuffer c = sparse.getChannel().map(FileChannel.MapMode.READ_ONLY, 2L * gib, gib);
            assertEquals(new WriteResult.Ok(cap), SysWrite.writev(devNull.getFD(), a, b, c));
            assertEquals(gib, a.position());
            assertEquals(cap - gib, b.position());
            assertEquals(0, c.position());
        }
    }

    @Test
    void largeHeapBuffersAreCopiedWhole() throws Exception {
        Path file = dir.resolve("out");
        byte[] big = new byte[3 << 20];
        new java.util.Random(7).nextBytes(big);
        ByteBuffer heap = ByteBuffer.wrap(big);
        ByteBuffer tail = direct("tail");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            assertEquals(new WriteResult.Ok(big.length + 4L), SysWrite.writev(out.getFD(), heap, tail));
        }
        byte[] written = Files.readAllBytes(file);
        assertArrayEquals(big, Arrays.copyOf(written, big.length));
        assertEquals("tail", new String(written, big.length, 4, StandardCharsets.US_ASCII));
    }

    /** The raw form: the kernel checks the iovec array and every range; nothing can crash. */
    @Test
    void writevAddressLeavesEveryCheckToTheKernel() throws Exception {
        Path file = dir.resolve("out");
        ByteBuffer text = direct("hello, kernel\n");
        ByteBuffer iov = ByteBuffer.allocateDirect(32).order(ByteOrder.nativeOrder());
        iov.putLong(0, Fds.addressOf(text)).putLong(8, 7).putLong(16, Fds.addressOf(text) + 7).putLong(24, 7);
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            int fd = Fds.of(out.getFD());
            long array = Fds.addressOf(iov);
            assertEquals(new WriteResult.Ok(14), SysWrite.writevAddress(fd, array, 2));
            assertEquals(new WriteResult.Err(Errno.EFAULT), SysWrite.writevAddress(fd, 8, 2), "an unmapped array");
            iov.putLong(16, 16); // an unmapped range in the second iovec: the first is taken
            assertEquals(new WriteResult.Ok(7), SysWrite.writevAddress(fd, array, 2));
            iov.putLong(0, 16); // and in the first: nothing is
            assertEquals(new WriteResult.Err(Errno.EFAULT), SysWrite.writevAddress(fd, array, 2));
            iov.putLong(0, Fds.addressOf(text) + 7);
            assertEquals(new WriteResult.Err(Errno.EINVAL), SysWrite.writevAddress(fd, array, 1025));
            assertEquals(new WriteResult.Err(Errno.EINVAL), SysWrite.writevAddress(fd, array, -1));
            iov.putLong(8, -1L); // a length past SSIZE_MAX
            assertEquals(new WriteResult.Err(Errno.EINVAL), SysWrite.writevAddress(fd, array, 1));
        }
        assertEquals("hello, kernel\nhello, ", Files.readString(file));
    }

    /**
     * The kernel blocks on a full pipe before it reads a direct buffer; meanwhile another thread
     * drops the caller's array's only other reference to it and runs the collector. The buffer's
     * memory must stay alive (the shim holds it) until the kernel has read it.
     */
    @Test
    void aBufferDroppedFromTheArrayMidCallStaysAlive() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        try (RandomAccessFile pipe = new RandomAccessFile(fifo.toFile(), "rw")) {
            byte[] fill = new byte[65536];
            assertEquals(new WriteResult.Ok(fill.length), SysWrite.write(pipe.getFD(), fill, 0, fill.length)); // the pipe is full
            ByteBuffer[] srcs = {direct("A".repeat(96))};
            Thread dropper = new Thread(() -> {
                try {
                    Thread.sleep(300); // the caller is blocked in writev by now
                    srcs[0] = ByteBuffer.allocate(0);
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(50);
                    }
                    pipe.readFully(new byte[fill.length]); // room: the kernel copies the buffer now
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            dropper.start();
            assertEquals(96, SysWrite.writevRaw(pipe.getFD(), srcs));
            dropper.join();
            byte[] got = new byte[96];
            pipe.readFully(got);
            assertEquals("A".repeat(96), new String(got, StandardCharsets.US_ASCII));
        }
    }

    /**
     * Another thread moves the buffers' positions and limits, and swaps them, during the writes:
     * each call writes what it read or refuses with EINVAL, and never touches memory outside a
     * buffer (which would crash or write stray bytes the checks below would see).
     */
    @Test
    void racingPositionsNeverCrash() throws Exception {
        ByteBuffer[] srcs = {ByteBuffer.allocate(64), ByteBuffer.allocateDirect(64), ByteBuffer.allocate(4096), ByteBuffer.allocateDirect(4096)};
        for (ByteBuffer src : srcs) {
            while (src.hasRemaining()) {
                src.put((byte) 'z');
            }
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread mover = new Thread(() -> {
            java.util.Random random = new java.util.Random(11);
            while (!stop.get()) {
                ByteBuffer b = srcs[random.nextInt(srcs.length)];
                try {
                    b.limit(random.nextInt(b.capacity() + 1)).position(random.nextInt(b.capacity() + 1));
                } catch (IllegalArgumentException e) {
                    // position past limit: the JDK refuses, try again
                }
            }
        });
        mover.start();
        long written = 0;
        int races = 0;
        Path file = dir.resolve("out");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1); System.nanoTime() < end; ) {
                try {
                    long raw = SysWrite.writevRaw(out.getFD(), srcs);
                    assertTrue(raw >= 0 || raw == -Errno.EINVAL.number(), "raw " + raw);
                    written += Math.max(raw, 0);
                } catch (IllegalArgumentException e) {
                    // advancing a position the other thread moved: the JDK's buffers are not thread-safe
                    races++;
                }
            }
        } finally {
            stop.set(true);
            mover.join();
        }
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(written > 0 && (races > 0 ? bytes.length >= written : bytes.length == written), written + " written, " + races + " races");
        for (byte b : bytes) {
            assertEquals('z', b);
        }
    }
}
