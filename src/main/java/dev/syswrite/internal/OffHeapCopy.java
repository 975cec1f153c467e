package dev.syswrite.internal;

import java.io.FileDescriptor;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Writes heap bytes the shim cannot copy to its stack (arrays above
 * {@link NativeWrite#STACK_COPY_MAX}) by copying them into pooled off-heap memory first, then
 * writing that in one system call; and lends that memory to other copies ({@link #take}).
 *
 * <p>Why: the shim has no libc to allocate with, must not pin a heap array across a write that
 * may block, and must hand the kernel the caller's bytes in one system call (splitting a write
 * breaks O_APPEND and pipe atomicity). So Java owns the memory, and the shim copies just the
 * requested range into it with {@code GetByteArrayRegion}, the same copy FileOutputStream makes,
 * without its {@code malloc}. (Measured against the alternatives by the benchmark
 * {@code LargeArrayCopy}: {@code GetByteArrayElements} copies the whole array, however small the
 * range; a Java-side {@code ByteBuffer.put} pays a VM call for its copy.)
 *
 * <p>Buffers of up to {@link #RETAINED_MAX} bytes are kept for reuse in a small pool shared by
 * every thread ({@link #SLOTS} of them), not one per thread: what syswrite holds does not grow with
 * the number of threads (100,000 virtual threads share the same few buffers as 8 platform
 * threads), and steady-state writes still allocate nothing. A write takes a buffer with one
 * atomic swap, starting at the slot its thread's id chooses ({@link HomeSlot}), and puts it back
 * with one compare-and-set; when no slot holds a buffer (all in use, or not yet made) it gets one
 * of its own, kept afterwards only if a slot is free, and a pooled buffer too small for the write
 * is freed and replaced by a larger one, which the pool then keeps. A write over
 * {@code RETAINED_MAX} gets a buffer of its own, so one huge write never ties that much memory to
 * the pool. Every buffer let go of, for any of these reasons, is freed at once
 * ({@link OffHeapBuffer}), never left to the garbage collector.
 */
public final class OffHeapCopy {
    /** The largest buffer the pool keeps between writes; a larger one is freed when its write returns. */
    static final int RETAINED_MAX = 1 << 20;

    /** The smallest buffer the pool allocates: twice what the shim's stack copy takes. */
    private static final int MIN_CAPACITY = 2 * NativeWrite.STACK_COPY_MAX;

    /** The pool's size: twice the processors, at least 4, a power of two. */
    public static final int SLOTS = Integer.highestOneBit(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()) - 1) << 1;

    /** Buffers at rest; a slot is null while its buffer is in use (or before it was first needed). */
    private static final AtomicReferenceArray<OffHeapBuffer> POOL = new AtomicReferenceArray<>(SLOTS);

    private OffHeapCopy() {}

    /**
     * Writes {@code b[off, off + len)} in one system call; the arguments are already checked.
     *
     * @param fdObject the descriptor to read at call time, or null to write to {@code fd}
     * @param fd the descriptor, when {@code fdObject} is null
     * @param b the array
     * @param off where the bytes start
     * @param len how many
     * @return the count written, or {@code -errno}
     */
    static long write(FileDescriptor fdObject, int fd, byte[] b, int off, int len) {
        OffHeapBuffer copy = take(len);
        try {
            return NativeWrite.arrayVia(fdObject, fd, b, off, len, copy.bytes);
        } finally {
            give(copy);
        }
    }

    /**
     * Returns what syswrite holds off the heap for copies: the pool, and buffers in use.
     *
     * @return bytes allocated and not yet freed
     */
    public static long heldBytes() {
        return OffHeapBuffer.held();
    }

    /**
     * Takes a buffer of at least {@code len} bytes, its content undefined, for the caller alone
     * until it gives it back with {@link #give}: one at rest in the pool, looked for from the
     * thread's home slot on; else a new one, a power of two (a pooled one found too small is freed
     * first); above {@link #RETAINED_MAX}, one of exactly {@code len} bytes that is never pooled.
     */
    static OffHeapBuffer take(int len) {
        if (len > RETAINED_MAX) {
            return OffHeapBuffer.allocate(len); // never pooled: freed when the write returns
        }
        int home = HomeSlot.of(SLOTS);
        for (int i = 0; i < SLOTS; i++) {
            OffHeapBuffer buffer = POOL.getAndSet((home + i) & (SLOTS - 1), null);
            if (buffer != null) {
                if (buffer.bytes.capacity() >= len) {
                    return buffer;
                }
                buffer.free(); // too small: replaced below by a larger one, which the pool keeps
                break;
            }
        }
        // Grow to a power of two, so a series of rising lengths reallocates only a few times.
        return OffHeapBuffer.allocate(Math.max(MIN_CAPACITY, Integer.highestOneBit(len - 1) << 1));
    }

    /** Gives a buffer back: to the pool if it is of the kept size and a slot is free, else frees it. */
    static void give(OffHeapBuffer buffer) {
        if (buffer.bytes.capacity() <= RETAINED_MAX) {
            int home = HomeSlot.of(SLOTS);
            for (int i = 0; i < SLOTS; i++) {
                if (POOL.compareAndSet((home + i) & (SLOTS - 1), null, buffer)) {
                    return;
                }
            }
        }
        buffer.free();
    }
}
