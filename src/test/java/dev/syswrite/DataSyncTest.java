package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.syswrite.testkit.DirtyPages;
import dev.syswrite.testkit.Fds;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fdatasync(2) through syswrite's own stub, against the real kernel. */
class DataSyncTest {
    private static final WriteResult.Ok SYNCED = new WriteResult.Ok(0);

    @TempDir
    Path dir;

    @Test
    void aFileIsSynced() throws IOException {
        Path file = dir.resolve("synced");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            assertEquals(new WriteResult.Ok(6), SysWrite.write(out.getFD(), ByteBuffer.wrap("synced".getBytes())));
            assertEquals(SYNCED, SysWrite.fdatasync(out.getFD()));
            assertEquals(SYNCED, SysWrite.fdatasync(Fds.of(out.getFD())));
        }
        assertEquals("synced", Files.readString(file));
    }

    /** The kernel syncs any open file, whatever its access mode. */
    @Test
    void aFileOpenForReadingIsSynced() throws IOException {
        Path file = Files.writeString(dir.resolve("read-only"), "x");
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            assertEquals(SYNCED, SysWrite.fdatasync(in.getFD()));
        }
    }

    /**
     * The dirty pages of a write are on the device when the call returns: the kernel's count of
     * dirty and under-writeback memory drops by what was written. (System-wide: another process
     * may dirty memory meanwhile, so the test asks for most of the drop, not all of it.)
     */
    @Test
    void theDirtyPagesAreWrittenBack() throws IOException {
        int size = 32 << 20;
        Path file = dir.resolve("dirty");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            long before = DirtyPages.kilobytes();
            ByteBuffer data = ByteBuffer.allocateDirect(size);
            while (data.hasRemaining()) {
                assertTrue(SysWrite.write(out.getFD(), data).isOk());
            }
            long dirty = DirtyPages.kilobytes();
            // The kernel may have written the pages back on its own already (its 30 s expiry, a
            // busy machine): then there is nothing left for the sync to show.
            assumeTrue(dirty - before > (size >> 10) * 3 / 4, "the write left no dirty pages to watch: " + before + " -> " + dirty + " kB");
            assertEquals(SYNCED, SysWrite.fdatasync(out.getFD()));
            long after = DirtyPages.kilobytes();
            assertTrue(dirty - after > (size >> 10) * 3 / 4, "dirty + writeback: " + before + " -> " + dirty + " -> " + after + " kB");
        }
    }

    @Test
    void aPipeCannotBeSynced() throws IOException {
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink()) {
            assertEquals(new WriteResult.Err(Errno.EINVAL), SysWrite.fdatasync(Fds.of(sink)));
        } finally {
            pipe.source().close();
        }
    }

    @Test
    void devNullCannotBeSynced() throws IOException {
        try (FileOutputStream out = new FileOutputStream("/dev/null")) {
            assertEquals(new WriteResult.Err(Errno.EINVAL), SysWrite.fdatasync(out.getFD()));
        }
    }

    @Test
    void aClosedDescriptorIsEbadf() throws IOException {
        FileOutputStream out = new FileOutputStream(dir.resolve("closed").toFile());
        FileDescriptor fd = out.getFD();
        out.close();
        assertEquals(new WriteResult.Err(Errno.EBADF), SysWrite.fdatasync(fd));
        for (int bad : new int[] {-1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertEquals(new WriteResult.Err(Errno.EBADF), SysWrite.fdatasync(bad));
        }
    }

    @Test
    void aNullDescriptorThrows() {
        assertThrows(NullPointerException.class, () -> SysWrite.fdatasync((FileDescriptor) null));
    }
}
