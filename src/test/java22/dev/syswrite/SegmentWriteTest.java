package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.Errno;
import dev.syswrite.SegmentWrite;
import dev.syswrite.WriteResult;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK 22+ API: segments written without a ByteBuffer, with the scope rules of FileChannel. */
class SegmentWriteTest {
    @Test
    void writesNativeAndHeapSegments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        try (FileOutputStream out = new FileOutputStream(file.toFile()); Arena arena = Arena.ofConfined()) {
            MemorySegment nativeBytes = arena.allocateFrom("native,", StandardCharsets.US_ASCII);
            assertEquals(new WriteResult.Ok(7), SegmentWrite.write(out.getFD(), nativeBytes.asSlice(0, 7)));
            MemorySegment heapBytes = MemorySegment.ofArray("xxheap,".getBytes(StandardCharsets.US_ASCII)).asSlice(2);
            assertEquals(new WriteResult.Ok(5), SegmentWrite.write(out.getFD(), heapBytes));
            long[] longs = {0x2c676e6f6cL}; // "long," in little-endian bytes
            MemorySegment longBytes = MemorySegment.ofArray(longs).asSlice(0, 5);
            if (ValueLayout.JAVA_LONG.order() == java.nio.ByteOrder.LITTLE_ENDIAN) {
                assertEquals(5, SegmentWrite.writeRaw(out.getFD(), longBytes.asReadOnly()));
            }
            MemorySegment big = arena.allocate(3 << 20); // past the copy pool's 1 MiB, for heap twins
            big.fill((byte) 'z');
            MemorySegment heapBig = MemorySegment.ofArray(new byte[3 << 20]).fill((byte) 'y');
            assertEquals(new WriteResult.Ok(3 << 20), SegmentWrite.write(out.getFD(), big));
            assertEquals(new WriteResult.Ok(3 << 20), SegmentWrite.write(out.getFD(), heapBig));
        }
        String written = Files.readString(file, StandardCharsets.US_ASCII);
        assertTrue(written.startsWith(ValueLayout.JAVA_LONG.order() == java.nio.ByteOrder.LITTLE_ENDIAN ? "native,heap,long," : "native,heap,"), written.substring(0, 20));
        assertEquals(2 * (3 << 20), written.chars().filter(c -> c == 'z' || c == 'y').count());
    }

    @Test
    void zeroBytesAtAddressZeroAreOk() throws Exception {
        try (FileOutputStream devNull = new FileOutputStream("/dev/null")) {
            assertEquals(new WriteResult.Ok(0), SegmentWrite.write(devNull.getFD(), MemorySegment.NULL));
        }
    }

    @Test
    void closedSegmentsThrowAndForeignThreadsAreRefused() throws Exception {
        try (FileOutputStream devNull = new FileOutputStream("/dev/null")) {
            FileDescriptor fd = devNull.getFD();
            Arena arena = Arena.ofConfined();
            MemorySegment segment = arena.allocate(16);
            Throwable thrown = CompletableFuture.supplyAsync(() -> {
                try {
                    SegmentWrite.write(fd, segment);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            }).get();
            assertTrue(thrown instanceof WrongThreadException, String.valueOf(thrown));
            arena.close();
            assertThrows(IllegalStateException.class, () -> SegmentWrite.write(fd, segment));
            assertThrows(IllegalStateException.class, () -> SegmentWrite.writeRaw(fd, segment.asSlice(0, 0)));
        }
    }

    @Test
    void kernelErrorsAreResultsAndBadArgumentsThrow() throws Exception {
        FileOutputStream closed = new FileOutputStream("/dev/null");
        FileDescriptor fd = closed.getFD();
        closed.close();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(16);
            assertEquals(new WriteResult.Err(Errno.EBADF), SegmentWrite.write(fd, segment));
            assertEquals(-Errno.EBADF.number(), SegmentWrite.writeRaw(-1, segment));
            assertEquals(new WriteResult.Err(Errno.EBADF), SegmentWrite.write(fd, MemorySegment.ofArray(new byte[10])));
            assertThrows(NullPointerException.class, () -> SegmentWrite.write(1, null));
            assertThrows(NullPointerException.class, () -> SegmentWrite.write((FileDescriptor) null, segment));
        }
    }
}
