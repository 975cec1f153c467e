package dev.syswrite.internal;

import java.lang.foreign.Arena;

/**
 * An {@link OffHeapBuffer} on JDK 22+: memory of its own {@link Arena}, freed by closing it, with
 * no {@code sun.misc.Unsafe} (which warns from JDK 24). The arena is shared: any thread may use a
 * pooled buffer, and the cleaner's thread must be able to close one lost to an Error.
 */
final class ArenaBuffer extends OffHeapBuffer {
    private ArenaBuffer(Arena arena, int capacity) {
        super(arena.allocate(capacity).asByteBuffer(), arena::close);
    }

    /** Made by {@link Jdk22#instance}. */
    static final class Arenas implements Allocator {
        @Override
        public OffHeapBuffer allocate(int capacity) {
            Arena arena = Arena.ofShared();
            try {
                return new ArenaBuffer(arena, capacity);
            } catch (RuntimeException | Error e) {
                arena.close(); // OutOfMemoryError: nothing to keep
                throw e;
            }
        }
    }
}
