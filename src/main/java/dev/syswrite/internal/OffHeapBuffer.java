package dev.syswrite.internal;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A direct buffer that is freed when {@link #free()} is called, on every JDK from 17: memory
 * syswrite lets go of is never left to the garbage collector, which may not run for a long time
 * (a heap with room to spare, {@code -XX:+DisableExplicitGC}) while native memory runs out.
 *
 * <p>JDK 22 and later free an {@code Arena}'s memory (the jar's {@code META-INF/versions/22}
 * holds that subclass); earlier JDKs free a plain direct buffer through its cleaner. Should an
 * Error (a {@code StackOverflowError} mid-write) skip {@code free()}, the collector still frees
 * the buffer once it is unreachable: a buffer's release is registered with a {@link Cleaner}
 * and runs exactly once, whichever comes first.
 */
abstract class OffHeapBuffer {
    /** Makes the JDK 22+ subclass, or null where there is none. */
    private static final Allocator ARENAS = Jdk22.instance("ArenaBuffer$Arenas", Allocator.class);

    /** Runs the release of a buffer lost to an Error; its one daemon thread starts with the first buffer. */
    private static final Cleaner LOST = Cleaner.create(task -> {
        Thread thread = new Thread(task, "syswrite-off-heap-cleaner");
        thread.setDaemon(true);
        return thread;
    });

    /** The bytes of every buffer not yet freed. */
    private static final AtomicLong HELD = new AtomicLong();

    /** The memory, zeroed when allocated. */
    final ByteBuffer bytes;

    private final Cleaner.Cleanable release;

    /**
     * Takes ownership of {@code bytes}.
     *
     * @param bytes the memory
     * @param freeMemory frees it; must not refer to this object, or it would never be unreachable
     */
    OffHeapBuffer(ByteBuffer bytes, Runnable freeMemory) {
        this.bytes = bytes;
        HELD.addAndGet(bytes.capacity());
        release = LOST.register(this, new Release(freeMemory, bytes.capacity()));
    }

    /**
     * Allocates {@code capacity} bytes.
     *
     * @param capacity how many
     * @return the buffer
     * @throws OutOfMemoryError if the memory cannot be had
     */
    static OffHeapBuffer allocate(int capacity) {
        return ARENAS != null ? ARENAS.allocate(capacity) : new CleanedBuffer(capacity);
    }

    /** The bytes of all buffers allocated and not yet freed: what syswrite holds off the heap. */
    static long held() {
        return HELD.get();
    }

    /** Frees the memory now; the buffer must not be used again. Idempotent. */
    final void free() {
        release.clean();
    }

    /** How the JDK 22+ subclass is made. */
    interface Allocator {
        /**
         * Allocates {@code capacity} bytes.
         *
         * @param capacity how many
         * @return the buffer
         */
        OffHeapBuffer allocate(int capacity);
    }

    /** Frees the memory once, then stops counting it. */
    private record Release(Runnable freeMemory, int capacity) implements Runnable {
        @Override
        public void run() {
            try {
                freeMemory.run();
            } finally {
                HELD.addAndGet(-capacity);
            }
        }
    }
}
