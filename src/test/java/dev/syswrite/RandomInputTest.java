package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 random (buffer kind, offset, length, descriptor) combinations, each checked against
 * the JDK doing the same write to a second file: the same bytes land, the documented exception
 * is thrown, or the documented errno comes back; never a crash. Seeded, so a failure repeats.
 */
class RandomInputTest {
    private static final int COMBINATIONS = 100_000;
    private static final long SEED = 20261127L;

    @TempDir
    Path dir;

    @Test
    void syswriteAgreesWithTheJdk() throws Exception {
        Random random = new Random(SEED);
        Path ours = dir.resolve("ours");
        Path reference = dir.resolve("reference");
        int exceptions = 0;
        int errors = 0;
        try (FileOutputStream out = new FileOutputStream(ours.toFile()); FileOutputStream ref = new FileOutputStream(reference.toFile())) {
            int fd = Fds.of(out.getFD());
            FileChannel refChannel = ref.getChannel();
            for (int n = 0; n < COMBINATIONS; n++) {
                int length = random.nextInt(10) == 0 ? 8_000 + random.nextInt(2_000) : random.nextInt(64);
                byte[] bytes = new byte[length];
                random.nextBytes(bytes);
                int off = random.nextInt(length + 7) - 3;
                int len = random.nextInt(length + 7) - 3;
                boolean badFd = random.nextInt(50) == 0;
                int kind = random.nextInt(6);
                String what = "#" + n + " kind " + kind + " length " + length + " off " + off + " len " + len + (badFd ? " fd -1" : "");
                if (kind == 0) { // byte[] with off and len, possibly out of bounds
                    boolean inBounds = off >= 0 && len >= 0 && off <= length - len;
                    try {
                        WriteResult r = SysWrite.write(badFd ? -1 : fd, bytes, off, len);
                        if (!inBounds) {
                            fail(what + ": no exception");
                        }
                        if (badFd) {
                            assertEquals(new WriteResult.Err(Errno.EBADF), r, what);
                            errors++;
                        } else {
                            assertEquals(new WriteResult.Ok(len), r, what);
                            ref.write(bytes, off, len);
                        }
                    } catch (IndexOutOfBoundsException e) {
                        if (inBounds) {
                            throw e;
                        }
                        exceptions++;
                    }
                    continue;
                }
                // A buffer with a random valid window; kinds: heap, direct, read-only heap, read-only direct, slice.
                int position = length == 0 ? 0 : random.nextInt(length + 1);
                int limit = position + (length == position ? 0 : random.nextInt(length - position + 1));
                ByteBuffer buffer = switch (kind) {
                    case 1 -> ByteBuffer.wrap(bytes);
                    case 2 -> ByteBuffer.allocateDirect(length).put(bytes).clear();
                    case 3 -> ByteBuffer.wrap(bytes).asReadOnlyBuffer();
                    case 4 -> ByteBuffer.allocateDirect(length).put(bytes).clear().asReadOnlyBuffer();
                    default -> ByteBuffer.wrap(bytes, 0, length).slice();
                };
                buffer.limit(limit).position(position);
                WriteResult r = SysWrite.write(badFd ? -1 : fd, buffer);
                if (badFd) {
                    assertEquals(new WriteResult.Err(Errno.EBADF), r, what);
                    assertEquals(position, buffer.position(), what);
                    errors++;
                } else {
                    assertEquals(new WriteResult.Ok(limit - position), r, what);
                    assertEquals(limit, buffer.position(), what);
                    refChannel.write(ByteBuffer.wrap(bytes, position, limit - position));
                }
            }
        }
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(ours));
        assertTrue(exceptions > 1_000 && errors > 1_000, "both failure kinds exercised: " + exceptions + " exceptions, " + errors + " errors");
    }
}
