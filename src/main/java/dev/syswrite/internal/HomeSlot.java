package dev.syswrite.internal;

/**
 * The slot of a small shared pool that a thread tries first: chosen from its id, so a thread
 * usually finds the slot it used last, warm in its cache, and sequential ids (virtual threads
 * get them in order) spread evenly, by Fibonacci hashing.
 */
public final class HomeSlot {
    private HomeSlot() {}

    /**
     * Returns the calling thread's first slot in a pool of {@code size} slots.
     *
     * @param size the pool's size, a power of two
     * @return an index in [0, size)
     */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+, and the same number
    public static int of(int size) {
        return (int) (Thread.currentThread().getId() * 0x9E3779B97F4A7C15L >>> 32) & (size - 1);
    }
}
