package dev.syswrite.internal;

import java.nio.ByteBuffer;

/**
 * A direct buffer that is freed when {@link #free()} is called, on every JDK from 17: memory
 * syswrite lets go of is never left to the garbage collector, which may not run for a long time
 * (a heap with room to spare, {@code -XX:+DisableExplicitGC}) while direct memory runs out.
 *
 * <p>JDK 22 and later free an {@code Arena}'s memory (the jar's {@code META-INF/versions/22}
 * holds that subclass); earlier JDKs free a plain direct buffer through its cleaner.
 */
abstract class OffHeapBuffer {
    /** Makes the JDK 22+ subclass, or null where there is none. */
    private static final Allocator ARENAS = Jdk22.instance("ArenaBuffer$Arenas", Allocator.class);

    /** The memory, zeroed when allocated. */
    final ByteBuffer bytes;

    OffHeapBuffer(ByteBuffer bytes) {
        this.bytes = bytes;
    }

    /**
     * Allocates {@code capacity} bytes.
     *
     * @param capacity how many
     * @param oneThread whether only the allocating thread will use and free it (cheaper to free)
     * @return the buffer
     * @throws OutOfMemoryError if the JVM's direct memory limit is reached
     */
    static OffHeapBuffer allocate(int capacity, boolean oneThread) {
        return ARENAS != null ? ARENAS.allocate(capacity, oneThread) : new CleanedBuffer(capacity);
    }

    /** Frees the memory; the buffer must not be used again. */
    abstract void free();

    /** How the JDK 22+ subclass is made. */
    interface Allocator {
        /**
         * Allocates {@code capacity} bytes.
         *
         * @param capacity how many
         * @param oneThread whether only the allocating thread will use and free it
         * @return the buffer
         */
        OffHeapBuffer allocate(int capacity, boolean oneThread);
    }
}
