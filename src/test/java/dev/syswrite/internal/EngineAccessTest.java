package dev.syswrite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logging engine's one door into {@code internal}: each member answers as what it stands for. */
class EngineAccessTest {
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
