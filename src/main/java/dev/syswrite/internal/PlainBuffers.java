package dev.syswrite.internal;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;

/**
 * Direct buffers the shim found to view no {@code MemorySegment}. Telling takes the shim an
 * object-field read, which HotSpot cannot do without a VM transition (about 20 ns, a tenth of a
 * small write); a buffer's segment is final, so each buffer is asked once and then remembered,
 * weakly, in a small table shared by all threads: a buffer written again, the usual case, skips
 * the question. A collision or a racing store only forgets a buffer, which is then asked again;
 * no buffer that views a segment is ever stored.
 */
final class PlainBuffers {
    /** Slots, a power of two; a buffer's is chosen by its identity hash. */
    private static final int SIZE = 256;

    private static final WeakReference<?>[] KNOWN = new WeakReference<?>[SIZE];

    private PlainBuffers() {}

    /** Whether {@code buffer} was found to view no segment, and is still remembered. */
    static boolean contains(ByteBuffer buffer) {
        WeakReference<?> known = KNOWN[slot(buffer)];
        return known != null && known.get() == buffer;
    }

    /** Remembers a buffer the shim found to view no segment. */
    static void add(ByteBuffer buffer) {
        KNOWN[slot(buffer)] = new WeakReference<>(buffer);
    }

    private static int slot(ByteBuffer buffer) {
        return System.identityHashCode(buffer) & (SIZE - 1);
    }
}
