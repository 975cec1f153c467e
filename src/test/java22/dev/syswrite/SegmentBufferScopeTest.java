package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.SysWrite;
import dev.syswrite.WriteResult;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A direct buffer that views a {@code MemorySegment} may have its memory freed by its arena at any
 * time. Before, such a buffer was written after {@code close()} (reading freed, then reused,
 * memory), from a thread its confined arena does not belong to, and while a shared arena was
 * being closed. Now, as with the JDK's {@code FileChannel}: a closed one throws
 * {@code IllegalStateException}, a foreign thread gets {@code WrongThreadException}, and a shared
 * arena cannot be closed while a write reads it.
 */
class SegmentBufferScopeTest {
    @Test
    void aBufferOfAClosedArenaThrowsAndWritesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            Arena arena = Arena.ofConfined();
            ByteBuffer stale = arena.allocate(64).asByteBuffer();
            ByteBuffer empty = stale.duplicate().limit(0);
            arena.close();
            assertThrows(IllegalStateException.class, () -> SysWrite.write(out.getFD(), stale));
            assertThrows(IllegalStateException.class, () -> SysWrite.writeRaw(out.getFD(), stale));
            assertThrows(IllegalStateException.class, () -> SysWrite.write(out.getFD(), empty)); // as FileChannel: even 0 bytes
            assertEquals(0, stale.position());
        }
        assertEquals(0, Files.size(file));
    }

    /** writev checks the arena of every segment's buffer in a vector, and keeps it alive while the kernel reads it. */
    @Test
    void writevChecksEverySegmentsScope(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        try (FileOutputStream out = new FileOutputStream(file.toFile()); Arena live = Arena.ofConfined()) {
            ByteBuffer head = ByteBuffer.wrap("head,".getBytes(StandardCharsets.US_ASCII));
            ByteBuffer viewed = live.allocate(8).asByteBuffer().put("segment,".getBytes(StandardCharsets.US_ASCII)).flip();
            ByteBuffer tail = ByteBuffer.allocateDirect(4).put("tail".getBytes(StandardCharsets.US_ASCII)).flip();
            assertEquals(new WriteResult.Ok(17), SysWrite.writev(out.getFD(), head, viewed, tail));
            assertEquals(8, viewed.position());

            Arena arena = Arena.ofConfined();
            ByteBuffer stale = arena.allocate(64).asByteBuffer();
            arena.close();
            ByteBuffer first = head.clear();
            assertThrows(IllegalStateException.class, () -> SysWrite.writev(out.getFD(), first, stale));
            assertEquals(0, first.position());
            assertEquals(0, stale.position());
        }
        assertEquals("head,segment,tail", Files.readString(file));
    }

    @Test
    void aBufferWrittenOftenIsStillCheckedAfterItsArenaCloses() throws Exception {
        try (FileOutputStream devNull = new FileOutputStream("/dev/null")) {
            Arena arena = Arena.ofConfined();
            ByteBuffer often = arena.allocate(16).asByteBuffer();
            ByteBuffer plain = ByteBuffer.allocateDirect(16);
            for (int i = 0; i < 1000; i++) { // the plain one is remembered as such; the other never is
                assertEquals(new WriteResult.Ok(16), SysWrite.write(devNull.getFD(), often.clear()));
                assertEquals(new WriteResult.Ok(16), SysWrite.write(devNull.getFD(), plain.clear()));
            }
            arena.close();
            assertThrows(IllegalStateException.class, () -> SysWrite.write(devNull.getFD(), often.clear()));
            assertEquals(new WriteResult.Ok(16), SysWrite.write(devNull.getFD(), plain.clear()));
        }
    }

    @Test
    void aConfinedArenasBufferIsWrittenOnlyByItsThread(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        try (FileOutputStream out = new FileOutputStream(file.toFile()); Arena arena = Arena.ofConfined()) {
            ByteBuffer mine = arena.allocate(5).asByteBuffer().put("owner".getBytes(StandardCharsets.US_ASCII)).flip();
            FileDescriptor fd = out.getFD();
            for (Function<ByteBuffer, WriteResult> write : List.<Function<ByteBuffer, WriteResult>>of(
                    b -> SysWrite.write(fd, b), b -> SysWrite.writev(fd, ByteBuffer.allocate(1), b))) {
                Throwable thrown = CompletableFuture.supplyAsync(() -> {
                    try {
                        write.apply(mine.duplicate());
                        return null;
                    } catch (Throwable t) {
                        return t;
                    }
                }).get();
                assertTrue(thrown instanceof WrongThreadException, String.valueOf(thrown));
            }
            assertEquals(new WriteResult.Ok(5), SysWrite.write(out.getFD(), mine));
        }
        assertEquals("owner", Files.readString(file));
    }

    /**
     * writev has the linker keep one segment of each arena alive, and links a handle for each
     * power of two of them up to 64; a vector viewing more arenas is copied by the JDK instead.
     * Either way, the same bytes in one call.
     */
    @Test
    void vectorsViewingManyArenasAreWrittenWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        StringBuilder expected = new StringBuilder();
        List<Arena> arenas = new ArrayList<>();
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            for (int n : new int[] {1, 2, 3, 64, 65}) {
                ByteBuffer[] srcs = new ByteBuffer[n + 1];
                for (int i = 0; i < n; i++) {
                    arenas.add(Arena.ofShared());
                    srcs[i] = arenas.getLast().allocate(1).asByteBuffer().put(0, (byte) ('a' + i % 26));
                    expected.append((char) ('a' + i % 26));
                }
                srcs[n] = ByteBuffer.wrap("\n".getBytes(StandardCharsets.US_ASCII)); // and a heap buffer, copied
                expected.append('\n');
                assertEquals(new WriteResult.Ok(n + 1), SysWrite.writev(out.getFD(), srcs), n + " arenas");
            }
        } finally {
            arenas.forEach(Arena::close);
        }
        assertEquals(expected.toString(), Files.readString(file));
    }

    @Test
    void aSharedArenaCannotBeFreedUnderAWrite() throws Exception {
        Arena arena = Arena.ofShared();
        ByteBuffer shared = arena.allocate(4096).asByteBuffer();
        AtomicBoolean closed = new AtomicBoolean();
        AtomicLong okAfterClose = new AtomicLong();
        AtomicLong written = new AtomicLong();
        try (FileOutputStream devNull = new FileOutputStream("/dev/null")) {
            CompletableFuture<Throwable> writer = CompletableFuture.supplyAsync(() -> {
                try {
                    while (okAfterClose.get() < 1000) { // bounded: before, writes went on after close
                        boolean closedBefore = closed.get();
                        SysWrite.write(devNull.getFD(), shared.duplicate());
                        written.incrementAndGet();
                        if (closedBefore) {
                            okAfterClose.incrementAndGet();
                        }
                    }
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            while (written.get() < 1000) {
                Thread.onSpinWait();
            }
            while (true) {
                try {
                    arena.close(); // fails while a write holds the segment
                    break;
                } catch (IllegalStateException acquired) {
                    Thread.onSpinWait();
                }
            }
            closed.set(true);
            Throwable end = writer.get(1, TimeUnit.MINUTES);
            assertEquals(0, okAfterClose.get(), "writes after the arena was closed");
            assertTrue(end instanceof IllegalStateException, String.valueOf(end));
        }
    }

    @Test
    void plainDirectBuffersAreStillWrittenInPlace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            ByteBuffer plain = ByteBuffer.allocateDirect(3).put("abc".getBytes(StandardCharsets.US_ASCII)).flip();
            assertEquals(new WriteResult.Ok(3), SysWrite.write(out.getFD(), plain));
            ByteBuffer readOnlyHeap = ByteBuffer.wrap("def".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
            assertEquals(new WriteResult.Ok(3), SysWrite.write(out.getFD(), readOnlyHeap));
        }
        assertEquals("abcdef", Files.readString(file));
    }
}
