package dev.syswrite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.SysWrite;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logging engine's one door into {@code internal}: each member answers as what it stands for.
 * The SLF4J backend's {@code EngineDoorTest} checks that it names nothing else of this package.
 */
class EngineAccessTest {
    /** The door's members call the library: as the engine does, load it first (run alone, no other test has). */
    @BeforeAll
    static void loadTheLibrary() {
        SysWrite.ensureAvailable();
    }

    @TempDir
    Path dir;

    private static Object field(Class<?> owner, String name, Object target) throws ReflectiveOperationException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }

    @Test
    void descriptorIsTheNumberAFileDescriptorHoldsNow() throws Exception {
        assertEquals(1, EngineAccess.descriptor(FileDescriptor.out));
        assertEquals(2, EngineAccess.descriptor(FileDescriptor.err));
        assertEquals(-1, EngineAccess.descriptor(null));
        FileOutputStream out = new FileOutputStream(dir.resolve("out").toFile());
        FileDescriptor fd = out.getFD();
        int number = EngineAccess.descriptor(fd);
        assertEquals(field(FileDescriptor.class, "fd", fd), number);
        assertTrue(number > 2, "fd " + number);
        out.close();
        assertEquals(-1, EngineAccess.descriptor(fd), "closed");
    }

    @Test
    void bufferAddressIsADirectBuffersBase() throws Exception {
        ByteBuffer direct = ByteBuffer.allocateDirect(64);
        long address = EngineAccess.bufferAddress(direct);
        assertNotEquals(0, address);
        assertEquals(field(Buffer.class, "address", direct), address);
        assertEquals(address + 8, EngineAccess.bufferAddress(direct.position(8).slice()), "a slice starts where it views");
        assertEquals(0, EngineAccess.bufferAddress(null));
    }

    @Test
    void writevAddressAnswersAsThePublicRawFormAndNotesIt() throws Exception {
        Path file = dir.resolve("v");
        OneIovec vector = OneIovec.of("hello\n");
        long iovAddress = vector.address();
        ByteBuffer note = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            int fd = EngineAccess.descriptor(out.getFD());
            assertNoted(6, note, EngineAccess.writevAddress(fd, iovAddress, 1, note));
            assertNoted(SysWrite.writevAddressRaw(fd, iovAddress, 1), note, EngineAccess.writevAddress(fd, iovAddress, 1, note));
            for (int count : new int[] {-1, 0, SysWrite.IOV_MAX + 1}) {
                assertNoted(SysWrite.writevAddressRaw(fd, iovAddress, count), note, EngineAccess.writevAddress(fd, iovAddress, count, note));
            }
            assertNoted(SysWrite.writevAddressRaw(-1, iovAddress, 1), note, EngineAccess.writevAddress(-1, iovAddress, 1, note));
            assertNoted(SysWrite.writevAddressRaw(fd, 0, 1), note, EngineAccess.writevAddress(fd, 0, 1, note));
        }
        Reference.reachabilityFence(vector); // its memory, until the calls above are done
        assertEquals("hello\n".repeat(3), Files.readString(file));
    }

    /** One {@code struct iovec} over a direct copy of a text; both buffers stay reachable from it. */
    private record OneIovec(ByteBuffer line, ByteBuffer iov) {
        static OneIovec of(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            ByteBuffer line = ByteBuffer.allocateDirect(bytes.length).put(0, bytes);
            ByteBuffer iov = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
            iov.putLong(0, EngineAccess.bufferAddress(line)).putLong(8, bytes.length);
            return new OneIovec(line, iov);
        }

        long address() {
            return EngineAccess.bufferAddress(iov);
        }
    }

    /** The result returned, and the same in the note, which held something else before the call. */
    private static void assertNoted(long expected, ByteBuffer note, long result) {
        assertEquals(expected, result);
        assertEquals(expected, note.getLong(0), "the note");
        note.putLong(0, Long.MIN_VALUE); // for the next call to overwrite
    }

    /** A note the shim could not store into safely refuses the call before the kernel sees it. */
    @Test
    void writevAddressRefusesANoteItCannotStoreInto() throws Exception {
        Path file = dir.resolve("refused");
        OneIovec vector = OneIovec.of("x\n");
        long iovAddress = vector.address();
        ByteBuffer direct = ByteBuffer.allocateDirect(16);
        ByteBuffer[] refused = {
            null,
            ByteBuffer.allocate(8), // a heap buffer: its address field is an array offset
            ByteBuffer.allocate(16).slice(8, 8),
            direct.slice(0, 7), // too small
            direct.slice(1, 8), // misaligned
            ByteBuffer.allocateDirect(0),
        };
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            int fd = EngineAccess.descriptor(out.getFD());
            for (ByteBuffer note : refused) {
                assertEquals(-22, EngineAccess.writevAddress(fd, iovAddress, 1, note), String.valueOf(note));
            }
            assertEquals(0, direct.getLong(0) | direct.getLong(8), "stored into a refused note");
            assertEquals(2, EngineAccess.writevAddress(fd, iovAddress, 1, direct.slice(8, 8)));
        }
        Reference.reachabilityFence(vector);
        assertEquals("x\n", Files.readString(file), "written for a refused note");
    }

    @Test
    void homeSlotIsHomeSlots() {
        for (int size = 1; size <= 1024; size <<= 1) {
            int slot = EngineAccess.homeSlot(size);
            assertEquals(HomeSlot.of(size), slot);
            assertTrue(slot >= 0 && slot < size, slot + " of " + size);
        }
    }

    @Test
    void initializeWritePathCanBeCalledAgain() {
        EngineAccess.initializeWritePath();
        EngineAccess.initializeWritePath();
    }
}
