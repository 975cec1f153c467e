package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.syswrite.testkit.Emulation;
import dev.syswrite.testkit.Fds;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 random (buffer kind, offset, length, descriptor) combinations, and 10,000 random
 * vectors of them for {@code writev}, each checked against the JDK doing the same write to a
 * second file: the same bytes land, the documented exception is thrown, or the documented errno
 * comes back; never a crash. Seeded, so a failure repeats.
 */
class RandomInputTest {
    private static final long SEED = 20261127L;
    private static final boolean EMULATED = Emulation.underQemu();

    @TempDir
    Path dir;

    /** What one random trial ended in. */
    private enum Outcome { WRITTEN, EXCEPTION, ERROR }

    /** One random trial: syswrite writes to {@code fd}, the JDK the same bytes to {@code reference}. */
    @FunctionalInterface
    private interface Trial {
        Outcome run(Random random, String what, int fd, FileChannel reference) throws Exception;
    }

    @Test
    void writeAgreesWithTheJdk() throws Exception {
        compareWithTheJdk(SEED, 100_000, 1_000, RandomInputTest::write);
    }

    /**
     * Random vectors of 0 to 12 buffers of every kind (sometimes a null among them), written by
     * {@code writev} and by the JDK's gathering write: the same bytes land and the buffers end at
     * the same positions.
     */
    @Test
    void writevAgreesWithTheJdk() throws Exception {
        compareWithTheJdk(SEED + 1, 10_000, 50, RandomInputTest::writev);
    }

    /**
     * Runs {@code trials} trials, one in fifty on a bad descriptor, then compares both files;
     * each failure kind must have come up at least {@code least} times.
     */
    private void compareWithTheJdk(long seed, int trials, int least, Trial trial) throws Exception {
        Random random = new Random(seed);
        Path ours = dir.resolve("ours");
        Path reference = dir.resolve("reference");
        int[] outcomes = new int[Outcome.values().length];
        try (FileOutputStream out = new FileOutputStream(ours.toFile()); FileOutputStream ref = new FileOutputStream(reference.toFile())) {
            for (int n = 0; n < trials; n++) {
                boolean badFd = random.nextInt(50) == 0;
                outcomes[trial.run(random, "#" + n + (badFd ? " fd -1" : ""), badFd ? -1 : Fds.of(out.getFD()), ref.getChannel()).ordinal()]++;
            }
        }
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(ours));
        assertTrue(outcomes[Outcome.EXCEPTION.ordinal()] >= least && outcomes[Outcome.ERROR.ordinal()] >= least,
                "both failure kinds exercised: " + Arrays.toString(outcomes));
    }

    /** A byte[] with off and len, possibly out of bounds, or a buffer of any kind. */
    private static Outcome write(Random random, String what, int fd, FileChannel reference) throws Exception {
        byte[] bytes = randomBytes(random, 10);
        int length = bytes.length;
        int off = random.nextInt(length + 7) - 3;
        int len = random.nextInt(length + 7) - 3;
        int kind = random.nextInt(6);
        what += " kind " + kind + " length " + length + " off " + off + " len " + len;
        if (kind == 0) {
            boolean inBounds = off >= 0 && len >= 0 && off <= length - len;
            try {
                WriteResult r = SysWrite.write(fd, bytes, off, len);
                if (!inBounds) {
                    fail(what + ": no exception");
                }
                if (fd == -1) {
                    assertEquals(new WriteResult.Err(Errno.EBADF), r, what);
                    return Outcome.ERROR;
                }
                assertEquals(new WriteResult.Ok(len), r, what);
                reference.write(ByteBuffer.wrap(bytes, off, len));
                return Outcome.WRITTEN;
            } catch (IndexOutOfBoundsException e) {
                if (inBounds) {
                    throw e;
                }
                return Outcome.EXCEPTION;
            }
        }
        ByteBuffer buffer = buffer(random, kind, bytes);
        int position = buffer.position();
        int limit = buffer.limit();
        WriteResult r = SysWrite.write(fd, buffer);
        if (fd == -1) {
            assertEquals(new WriteResult.Err(Errno.EBADF), r, what);
            assertEquals(position, buffer.position(), what);
            return Outcome.ERROR;
        }
        assertEquals(new WriteResult.Ok(limit - position), r, what);
        assertEquals(limit, buffer.position(), what);
        reference.write(ByteBuffer.wrap(bytes, position, limit - position));
        return Outcome.WRITTEN;
    }

    /** A vector of buffers of every kind, one in two hundred of them null. */
    private static Outcome writev(Random random, String what, int fd, FileChannel reference) throws Exception {
        ByteBuffer[] srcs = new ByteBuffer[random.nextInt(13)];
        ByteBuffer[] twins = new ByteBuffer[srcs.length];
        boolean hasNull = false;
        for (int i = 0; i < srcs.length; i++) {
            if (random.nextInt(200) == 0) {
                hasNull = true; // srcs[i] stays null
                continue;
            }
            byte[] bytes = randomBytes(random, 8);
            srcs[i] = buffer(random, 1 + random.nextInt(5), bytes);
            twins[i] = ByteBuffer.wrap(bytes, srcs[i].position(), srcs[i].remaining());
        }
        what += ": " + srcs.length + " buffers" + (hasNull ? ", a null" : "");
        int[] before = positions(srcs);
        try {
            long raw = SysWrite.writevRaw(fd, srcs);
            if (hasNull) {
                fail(what + ": no exception");
            }
            if (fd == -1 && !(EMULATED && Arrays.stream(srcs).noneMatch(ByteBuffer::hasRemaining))) {
                assertEquals(-Errno.EBADF.number(), raw, what);
                assertArrayEquals(before, positions(srcs), what);
                return Outcome.ERROR;
            }
            if (fd == -1) { // QEMU's user mode answers writev(fd, iov, 0) with 0 without looking at fd; Linux checks it
                assertEquals(0, raw, what);
                return Outcome.WRITTEN;
            }
            assertEquals(reference.write(twins), raw, what);
            assertArrayEquals(Arrays.stream(srcs).mapToInt(ByteBuffer::limit).toArray(), positions(srcs), what);
            return Outcome.WRITTEN;
        } catch (NullPointerException e) {
            if (!hasNull) {
                throw e;
            }
            assertArrayEquals(before, positions(srcs), what);
            return Outcome.EXCEPTION;
        }
    }

    /** Random bytes: up to 63 of them, or, one time in {@code largeOneIn}, 8,000 to 9,999. */
    private static byte[] randomBytes(Random random, int largeOneIn) {
        byte[] bytes = new byte[random.nextInt(largeOneIn) == 0 ? 8_000 + random.nextInt(2_000) : random.nextInt(64)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static int[] positions(ByteBuffer[] buffers) {
        return Arrays.stream(buffers).mapToInt(b -> b == null ? 0 : b.position()).toArray();
    }

    /**
     * A buffer over {@code bytes} with a random valid window; kinds 1 to 5: heap, direct,
     * read-only heap, read-only direct, slice.
     */
    private static ByteBuffer buffer(Random random, int kind, byte[] bytes) {
        int length = bytes.length;
        int position = length == 0 ? 0 : random.nextInt(length + 1);
        int limit = position + (length == position ? 0 : random.nextInt(length - position + 1));
        ByteBuffer buffer = switch (kind) {
            case 1 -> ByteBuffer.wrap(bytes);
            case 2 -> ByteBuffer.allocateDirect(length).put(bytes).clear();
            case 3 -> ByteBuffer.wrap(bytes).asReadOnlyBuffer();
            case 4 -> ByteBuffer.allocateDirect(length).put(bytes).clear().asReadOnlyBuffer();
            default -> ByteBuffer.wrap(bytes, 0, length).slice();
        };
        return buffer.limit(limit).position(position);
    }
}
