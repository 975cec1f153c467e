package dev.syswrite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.SysWrite;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
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
    void writevAddressAnswersAsThePublicRawForm() throws Exception {
        Path file = dir.resolve("v");
        ByteBuffer line = ByteBuffer.allocateDirect(6).put(0, "hello\n".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer iov = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        iov.putLong(0, EngineAccess.bufferAddress(line)).putLong(8, 6);
        long iovAddress = EngineAccess.bufferAddress(iov);
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            int fd = EngineAccess.descriptor(out.getFD());
            assertEquals(6, EngineAccess.writevAddress(fd, iovAddress, 1));
            assertEquals(SysWrite.writevAddressRaw(fd, iovAddress, 1), EngineAccess.writevAddress(fd, iovAddress, 1));
            for (int count : new int[] {-1, 0, SysWrite.IOV_MAX + 1}) {
                assertEquals(SysWrite.writevAddressRaw(fd, iovAddress, count), EngineAccess.writevAddress(fd, iovAddress, count));
            }
            assertEquals(SysWrite.writevAddressRaw(-1, iovAddress, 1), EngineAccess.writevAddress(-1, iovAddress, 1));
            assertEquals(SysWrite.writevAddressRaw(fd, 0, 1), EngineAccess.writevAddress(fd, 0, 1));
        }
        assertEquals("hello\n".repeat(3), Files.readString(file));
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
