package dev.syswrite.logging.layout;

import dev.syswrite.internal.EngineAccess;
import dev.syswrite.logging.event.ContextCache;
import dev.syswrite.logging.event.ContextMap;
import dev.syswrite.logging.output.Pin;
import dev.syswrite.logging.text.CapturedValue;
import dev.syswrite.logging.text.LineBuilder;
import dev.syswrite.logging.text.Utf8;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The memory events are formatted and encoded in: a fixed number of slots shared by every thread,
 * so what the provider holds does not grow with the number of threads (100,000 virtual threads
 * share the same few slots as 8 platform threads).
 *
 * <p>A thread takes a slot with one compare-and-set, starting at a slot chosen by its id, so a
 * thread usually finds the same slot free and warm in its cache; it gives it back with one
 * store. An event logged while its thread is formatting another (a {@code toString()} that
 * logs) takes a second slot, so neither event sees the other's text. When every slot is taken
 * (more threads inside a logging call at once than slots, for example threads descheduled in the
 * middle of one), the event formats into a temporary slot that is dropped afterwards: it costs
 * garbage, never an event.
 */
public final class EventBuffers {
    /** Events formatted inside each other on one thread beyond which objects are no longer rendered. */
    public static final int MAX_NESTED = 8;

    /** Each slot's encoding buffer starts here and grows, in powers of two, up to {@link #SLOT_BYTES_MAX}. */
    public static final int SLOT_BYTES_MIN = 4 * 1024;
    /** The most bytes a slot's encoding buffer keeps; a longer line is encoded in one shared buffer. */
    public static final int SLOT_BYTES_MAX = 64 * 1024;

    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(Slot.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * One event's working memory. Its fields are the engine's to use directly: the slot is freed by
     * a store to {@link #owner} in the frame that took it, never by a call.
     */
    public static final class Slot {
        /** The event's text, as the layout appends it. */
        public final LineBuilder line = new LineBuilder();
        /** Encodes the text into the slot's buffer ({@link EventBuffers#bytes}). */
        public final Utf8 encoder = new Utf8();
        /** The JSON layout's state for the event, made on first use: a text-only provider never makes one. */
        private JsonLine json;
        /** The encoded line, from index 1 (index 0 is the sink's); allocated on first use, never in a temporary slot. */
        private ByteBuffer bytes;
        /** How many other events its owner was formatting when it took this slot, where known. */
        public int nested;
        /** Whether it is one of the pool's slots, or a temporary one taken when all were in use. */
        public final boolean pooled;
        /** Its place in the pool, from 0 to {@link #size()} - 1; -1 if it is not the pool's. */
        public final int index;
        /** Its owner's hold on the output, registered with the sink; null in a temporary slot, which writes under a lock. */
        public final Pin pin;
        /** The thread using it, or null when free: taken by compare-and-set, freed by a plain store. */
        public volatile Thread owner;
        /**
         * Whether the event being laid out is a captured one formatted again: its diagnostic
         * context is then {@link #replayedContext}, not the formatting thread's.
         */
        public boolean replaying;
        /** A captured event's diagnostic context, while {@link #replaying}; null for none. */
        public ContextMap replayedContext;
        /** The contexts replays in this slot rebuilt last, by their encoding; made on first use. */
        private ContextCache<ContextMap> replayedContexts;
        /**
         * Where the last capture left its record: the slot's own buffer, or one made for a record
         * too large for it (or for a temporary slot), in native byte order.
         */
        public ByteBuffer record;
        /**
         * The names a capture looked up last in this slot, by kind (template, logger, thread,
         * marker), and what it found: a thread logs from the same slot, and a call site the same
         * template, again and again, so an identity check usually saves the lookup. Ids never
         * change, and the slot's owner hand-over orders these stores before the next owner's reads.
         */
        public final String[] lastNames = new String[4];
        /** The ids of {@link #lastNames}. */
        public final int[] lastIds = new int[4];
        /** The arguments the template in {@code lastNames[0]} takes at most. */
        public int lastTemplateTakes;
        /** Holders for a captured event's arguments, made as needed and reused. */
        private CapturedValue[] captured = new CapturedValue[0];

        Slot(int index) {
            this.pooled = index >= 0;
            this.index = index;
            this.pin = index >= 0 ? new Pin() : null;
        }

        /**
         * Holders for {@code count} arguments of a captured event, the same ones event after event.
         *
         * @param count how many are needed
         * @return at least that many holders
         */
        public CapturedValue[] capturedValues(int count) {
            if (captured.length < count) {
                CapturedValue[] more = Arrays.copyOf(captured, Math.max(count, 2 * captured.length));
                for (int i = captured.length; i < more.length; i++) {
                    more[i] = new CapturedValue();
                }
                captured = more;
            }
            return captured;
        }

        /**
         * The contexts replays in this slot rebuilt last, so that one seen again is not rebuilt.
         *
         * @return the cache, made on first use
         */
        public ContextCache<ContextMap> replayedContexts() {
            if (replayedContexts == null) {
                replayedContexts = new ContextCache<>();
            }
            return replayedContexts;
        }

        /**
         * The diagnostic context the layout writes: the captured one while replaying, else {@code mdc}'s.
         *
         * @param mdc the formatting thread's context
         * @return the context, or null for none
         */
        ContextMap context(Supplier<ContextMap> mdc) {
            return replaying ? replayedContext : mdc.get();
        }

        /**
         * The JSON layout's state for the event.
         *
         * @return it, made on first use
         */
        public JsonLine json() {
            if (json == null) {
                json = new JsonLine();
            }
            return json;
        }
    }

    private final Slot[] slots;
    private final IntFunction<ByteBuffer> allocate;
    /** Temporary slots each thread holds now: only threads that found the pool full appear here. */
    private final ConcurrentMap<Thread, Integer> temporary = new ConcurrentHashMap<>();

    /**
     * @param count the number of slots, rounded up to a power of two
     * @param allocate makes an encoding buffer of a given capacity the sink can write from
     */
    public EventBuffers(int count, IntFunction<ByteBuffer> allocate) {
        int size = Integer.highestOneBit(Math.max(2, count) - 1) << 1;
        this.slots = new Slot[size];
        for (int i = 0; i < size; i++) {
            slots[i] = new Slot(i);
        }
        this.allocate = allocate;
    }

    /**
     * A slot of no pool, for a thread that formats on its own: the async writer's, which formats
     * captured events.
     *
     * @return a slot that never encodes into a buffer of its own ({@link #bytes} gives null)
     */
    public static Slot unpooled() {
        return new Slot(-1);
    }

    /**
     * The default: four slots a processor, at least eight.
     *
     * @return how many slots a pool has by default
     */
    public static int defaultCount() {
        return Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * How many pooled slots there are.
     *
     * @return the count
     */
    public int size() {
        return slots.length;
    }

    /**
     * The pooled slots' holds on the output, to register with the sink.
     *
     * @return one per pooled slot
     */
    public Pin[] holders() {
        Pin[] holders = new Pin[slots.length];
        for (int i = 0; i < slots.length; i++) {
            holders[i] = slots[i].pin;
        }
        return holders;
    }

    /**
     * How many pooled slots are taken now.
     *
     * @return the count, by a racy read
     */
    public int inUse() {
        int n = 0;
        for (Slot slot : slots) {
            n += slot.owner == null ? 0 : 1;
        }
        return n;
    }

    /**
     * The text capacity the pool keeps now, in chars: bounded by {@link #size()} times what a
     * builder keeps, twice that in JSON mode (a slot's {@link JsonLine} has a builder of its own).
     *
     * @return the chars
     */
    public long retainedChars() {
        long chars = 0;
        for (Slot slot : slots) {
            chars += slot.line.capacity() + (slot.json == null ? 0 : slot.json.capacity());
        }
        return chars;
    }

    /**
     * Takes a slot for the calling thread's event; see {@link Slot#owner} and {@link #releaseTemporary} for giving it back.
     *
     * @return a pooled slot, or a temporary one if none is free
     */
    public Slot acquire() {
        Thread me = Thread.currentThread();
        int home = EngineAccess.homeSlot(slots.length);
        Slot slot = slots[home];
        if (OWNER.compareAndSet(slot, null, me)) {
            slot.nested = 0;
            return slot;
        }
        return acquireSlowly(me, home);
    }

    /** The home slot is taken: by this thread (a nested event) or another. */
    private Slot acquireSlowly(Thread me, int home) {
        int nested = temporary.getOrDefault(me, 0);
        for (Slot slot : slots) {
            if ((Thread) OWNER.getVolatile(slot) == me) {
                nested++;
            }
        }
        for (int i = 1; i < slots.length; i++) {
            Slot slot = slots[(home + i) & (slots.length - 1)];
            if (OWNER.compareAndSet(slot, null, me)) {
                slot.nested = nested;
                return slot;
            }
        }
        Slot slot = new Slot(-1);
        slot.nested = nested;
        OWNER.setOpaque(slot, me);
        temporary.merge(me, 1, Integer::sum);
        return slot;
    }

    /**
     * Gives a temporary slot back. (A pooled one is given back by storing null in its owner, which
     * the writer does in its own frame: a store cannot overflow the stack, a call can.)
     *
     * @param slot a temporary slot from {@link #acquire()}
     */
    public void releaseTemporary(Slot slot) {
        temporary.computeIfPresent(Thread.currentThread(), (thread, n) -> n == 1 ? null : n - 1);
    }

    /**
     * The slot's encoding buffer, grown to hold {@code capacity} bytes; or null if that is more
     * than a slot keeps ({@link #SLOT_BYTES_MAX}), or the slot is temporary: the caller then
     * encodes into its one shared buffer for large lines.
     *
     * @param slot the slot, pooled or temporary
     * @param capacity the bytes the line needs, index 0 included
     * @return the buffer, or null
     */
    public ByteBuffer bytes(Slot slot, int capacity) {
        return bytes(slot, capacity, 0);
    }

    /**
     * As {@link #bytes(Slot, int)}, keeping the first {@code kept} bytes of the slot's buffer
     * where it grows: for a captured event, encoded piece by piece.
     *
     * @param slot the slot, pooled or temporary
     * @param capacity the bytes needed, index 0 included
     * @param kept how many of the buffer's bytes to keep, from index 0
     * @return the buffer, or null
     */
    public ByteBuffer bytes(Slot slot, int capacity, int kept) {
        if (capacity > SLOT_BYTES_MAX || !slot.pooled) {
            return null;
        }
        if (slot.bytes == null || slot.bytes.capacity() < capacity) {
            ByteBuffer grown = allocate.apply(Math.max(SLOT_BYTES_MIN, Integer.highestOneBit(capacity - 1) << 1));
            if (kept > 0) {
                grown.put(0, slot.bytes, 0, kept);
            }
            slot.bytes = grown;
        }
        return slot.bytes;
    }
}
