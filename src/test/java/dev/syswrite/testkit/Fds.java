package dev.syswrite.testkit;

import java.io.FileDescriptor;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;

/**
 * Reads what the JDK keeps private and the tests need: the int behind a {@link FileDescriptor}
 * or an NIO pipe, and a direct buffer's address, which one test also sets. Surefire opens the
 * packages (see pom.xml).
 */
public final class Fds {
    private Fds() {}

    public static int of(FileDescriptor fd) {
        return (int) read(FileDescriptor.class, "fd", fd);
    }

    public static int of(Pipe.SinkChannel sink) {
        return (int) read(sink.getClass(), "fdVal", sink);
    }

    public static long addressOf(ByteBuffer direct) {
        return (long) read(Buffer.class, "address", direct);
    }

    /** Points a direct buffer at other memory, which every read and write of it then reaches. */
    public static ByteBuffer pointedAt(ByteBuffer direct, long address) {
        try {
            field(Buffer.class, "address").setLong(direct, address);
            return direct;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot set " + Buffer.class.getName() + ".address", e);
        }
    }

    private static Object read(Class<?> owner, String name, Object target) {
        try {
            return field(owner, name).get(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read " + owner.getName() + "." + name, e);
        }
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
