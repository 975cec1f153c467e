package dev.syswrite.logging.event;

import java.nio.ByteBuffer;

/**
 * What a thread last made of diagnostic contexts from their encoded bytes (the {@link ContextMap}
 * itself, or the text a layout writes of it), by those bytes: an encoding seen again gives the
 * same value, with no allocation. Events of one request carry one context, and a writer formats
 * a few threads' events in turn, so a handful of entries, replaced in turn, are found again and
 * again. A context of more than {@link #MOST_BYTES} is not kept, so the cache holds a bounded
 * amount of memory whatever is logged.
 *
 * <p>For one thread at a time, as the slot or the layout it lives in.
 *
 * @param <V> what is made of a context
 */
public final class ContextCache<V> {
    /** The most bytes of one encoded context it keeps. */
    public static final int MOST_BYTES = 4096;
    private static final int ENTRIES = 8;

    /** Each entry's encoded bytes, at the start of its buffer; grown as needed, up to {@link #MOST_BYTES}. */
    private final ByteBuffer[] encodings = new ByteBuffer[ENTRIES];
    private final int[] lengths = new int[ENTRIES];
    private final Object[] values = new Object[ENTRIES];
    /** The entry the next {@link #put} replaces. */
    private int next;

    /**
     * The value kept for the encoding {@code in[from, to)}, if any.
     *
     * @param in where the encoding is
     * @param from its first byte
     * @param to the index after its last
     * @return the value, or null if none is kept for it
     */
    @SuppressWarnings("unchecked") // put() stores only V
    public V find(ByteBuffer in, int from, int to) {
        for (int i = 0; i < ENTRIES; i++) {
            if (values[i] != null && lengths[i] == to - from && same(encodings[i], in, from, to - from)) {
                return (V) values[i];
            }
        }
        return null;
    }

    /**
     * Keeps {@code value} for the encoding {@code in[from, to)}, in place of the entry kept
     * longest; nothing if the encoding is longer than {@link #MOST_BYTES}.
     *
     * @param in where the encoding is
     * @param from its first byte
     * @param to the index after its last
     * @param value what was made of it, not null
     */
    public void put(ByteBuffer in, int from, int to, V value) {
        int length = to - from;
        if (length > MOST_BYTES) {
            return;
        }
        int i = next;
        next = (next + 1) % ENTRIES;
        values[i] = null; // no entry matches while its bytes change
        if (encodings[i] == null || encodings[i].capacity() < length) {
            encodings[i] = ByteBuffer.allocate(Math.min(MOST_BYTES, Math.max(length, 64)));
        }
        encodings[i].put(0, in, from, length);
        lengths[i] = length;
        values[i] = value;
    }

    private static boolean same(ByteBuffer kept, ByteBuffer in, int from, int length) {
        int i = 0;
        for (kept.order(in.order()); i + Long.BYTES <= length; i += Long.BYTES) {
            if (kept.getLong(i) != in.getLong(from + i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (kept.get(i) != in.get(from + i)) {
                return false;
            }
        }
        return true;
    }
}
