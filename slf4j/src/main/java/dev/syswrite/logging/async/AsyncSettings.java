package dev.syswrite.logging.async;

import dev.syswrite.logging.event.Level;

/**
 * How the asynchronous mode queues and writes: its part of the engine's settings.
 *
 * @param ringBytes the ring's size off the heap, a power of two from {@link #RING_LEAST_BYTES} to
 *     {@link #RING_MOST_BYTES}
 * @param whenFull what an event does when the ring has no room for it
 * @param waiting how the writer thread waits for events
 * @param syncLevel the level from which a call returns only once its event, and everything queued
 *     before it, is in the kernel; {@link Level#OFF} for none
 */
public record AsyncSettings(int ringBytes, WhenFull whenFull, Waiting waiting, Level syncLevel) {
    /** The smallest ring. */
    public static final int RING_LEAST_BYTES = 64 << 10;
    /** The ring unless a setting says otherwise, and the first fallback of a ring that cannot be allocated. */
    public static final int RING_DEFAULT_BYTES = 4 << 20;
    /** The largest ring. */
    public static final int RING_MOST_BYTES = 1 << 30;

    /** What an event does when the ring has no room for it. */
    public enum WhenFull {
        /** Waits for room. */
        BLOCK,
        /** Is dropped and counted by level; never an event at the sync or fsync level, which its caller writes. */
        DROP,
        /** Is written by its caller, after everything queued. */
        SYNC
    }

    /** How the writer thread waits for events. */
    public enum Waiting {
        /** Parks: up to a millisecond while events come, for good after a second without. */
        PARK,
        /** Never parks, for a core of its own. */
        SPIN
    }
}
