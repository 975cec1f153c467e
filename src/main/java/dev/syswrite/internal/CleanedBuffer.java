package dev.syswrite.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * An {@link OffHeapBuffer} for JDK 17 to 21: a plain direct buffer, freed at once by running its
 * cleaner through {@code sun.misc.Unsafe.invokeCleaner}, the one public way there.
 */
final class CleanedBuffer extends OffHeapBuffer {
    /** {@code Unsafe.invokeCleaner(ByteBuffer)}, or null where the JDK lacks it. */
    private static final MethodHandle INVOKE_CLEANER = findInvokeCleaner();

    CleanedBuffer(int capacity) {
        this(ByteBuffer.allocateDirect(capacity));
    }

    private CleanedBuffer(ByteBuffer bytes) {
        super(bytes, () -> invokeCleaner(bytes));
    }

    private static void invokeCleaner(ByteBuffer bytes) {
        if (INVOKE_CLEANER == null) {
            return; // the garbage collector frees it instead
        }
        try {
            INVOKE_CLEANER.invokeExact(bytes);
        } catch (Throwable ignored) {
            // The garbage collector frees it instead.
        }
    }

    /**
     * From JDK 24 every sun.misc.Unsafe call warns on stderr (JEP 498): there, and on a JDK with
     * no Unsafe, this class is only the fallback of a jar without its JDK 22 classes.
     */
    private static MethodHandle findInvokeCleaner() {
        if (Runtime.version().feature() >= 24) {
            return null;
        }
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(theUnsafe.get(null));
        } catch (Throwable unavailable) {
            return null;
        }
    }
}
