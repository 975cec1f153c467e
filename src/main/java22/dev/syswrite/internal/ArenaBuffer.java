package dev.syswrite.internal;

import java.lang.foreign.Arena;

/**
 * An {@link OffHeapBuffer} on JDK 22+: memory of its own {@link Arena}, freed by closing it, with
 * no {@code sun.misc.Unsafe} (which warns from JDK 24).
 */
final class ArenaBuffer extends OffHeapBuffer {
    private final Arena arena;

    private ArenaBuffer(Arena arena, int capacity) {
        super(arena.allocate(capacity).asByteBuffer());
        this.arena = arena;
    }

    @Override
    void free() {
        arena.close();
    }

    /** Made by {@link Jdk22#instance}: a confined arena for one thread's buffer, else a shared one. */
    static final class Arenas implements Allocator {
        @Override
        public OffHeapBuffer allocate(int capacity, boolean oneThread) {
            Arena arena = oneThread ? Arena.ofConfined() : Arena.ofShared();
            try {
                return new ArenaBuffer(arena, capacity);
            } catch (RuntimeException | Error e) {
                arena.close(); // OutOfMemoryError: nothing to keep
                throw e;
            }
        }
    }
}
