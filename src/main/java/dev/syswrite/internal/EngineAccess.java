package dev.syswrite.internal;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;

/**
 * The logging engine's one door into this package ({@code dev.syswrite.logging.*}): it writes
 * through the public {@code dev.syswrite.SysWrite} like any caller, and reaches here only for the
 * five things below, which it may use safely but a public API could not promise. Nothing else in
 * the engine imports {@code dev.syswrite.internal}; a new need is a member here, with its reason.
 *
 * <p>Each member is a static call straight to what it names, with no state and no check of its
 * own, so that it costs no more than the call it stands for. The class has no static
 * initializer: its own first use, on any thread, cannot fail.
 */
public final class EngineAccess {
    private EngineAccess() {}

    /**
     * Reads the descriptor a {@code FileDescriptor} holds now, for a caller that keeps the number
     * while it uses it. Internal because the number is safe only while its stream is open: once
     * closed the kernel hands it to the next file opened, so a write through a kept number lands
     * in another file. The public API therefore reads it at each call
     * ({@code SysWrite.write(FileDescriptor, ...)}); the engine owns its streams and closes one
     * only when no write can still use its number ({@code dev.syswrite.logging.output.Pin}).
     * It also reads a field the JDK keeps private.
     *
     * @param fd a descriptor object, or null
     * @return its number: -1 if it was closed, or for null
     */
    public static int descriptor(FileDescriptor fd) {
        return NativeWrite.descriptor(fd);
    }

    /**
     * Reads a direct buffer's base address, for iovecs built over its memory. Internal because
     * the address outlives nothing: it dangles once the buffer is collected (its cleaner frees
     * the memory), and at any time for a buffer that views a {@code MemorySegment}, whose arena
     * may free it. The engine takes it only of buffers it allocated itself and keeps in final
     * fields for as long as it writes them. (On JDK 22 and later the public way is the FFM
     * API's {@code MemorySegment.ofBuffer(buffer).address()}.)
     *
     * @param direct a direct buffer (for a heap buffer the JDK keeps the array's base offset
     *     there, which is no address)
     * @return its base address; 0 for null
     */
    public static long bufferAddress(ByteBuffer direct) {
        return NativeWrite.bufferAddress(direct);
    }

    /**
     * One {@code writev(2)} of {@code iovcnt} iovecs at {@code iov}, as
     * {@code SysWrite.writevAddressRaw}, with the result also stored in {@code note} before the
     * call returns to Java. The async writer relies on it: a {@code Thread.stop} or a stack
     * overflow can end its thread at any bytecode, before the system call or after it, and the
     * next drain reads the note to tell which, so a batch is neither written twice nor taken for
     * written when it was not. Internal because only a caller that owns {@code note} for as long
     * as it may read it could rely on this, and because the public raw forms check that the
     * library loaded, which this leaves to the engine (it loads the library before it writes).
     *
     * @param fd the descriptor
     * @param iov the address of the first {@code struct iovec}; the library must be loaded
     * @param iovcnt how many, at most {@code SysWrite.IOV_MAX}
     * @param note a direct buffer of at least 8 bytes, 8-byte aligned, viewing no segment; its
     *     first 8 bytes receive the result, in native byte order
     * @return the count written, or {@code -errno}; {@code -EINVAL}, with nothing written or
     *     stored, for a {@code note} that is not such a buffer
     */
    public static long writevAddress(int fd, long iov, int iovcnt, ByteBuffer note) {
        return NativeWrite.addressVectorNoted(fd, iov, iovcnt, note);
    }

    /**
     * Returns the calling thread's first slot in a pool of {@code size} slots, chosen as syswrite's
     * own off-heap copy pool chooses it ({@link HomeSlot}), so the engine's per-thread buffers
     * spread over threads the same way. Internal because it is not about writing at all, and its
     * hash may change with the pools it serves.
     *
     * @param size the pool's size, a power of two
     * @return an index in [0, size)
     */
    public static int homeSlot(int size) {
        return HomeSlot.of(size);
    }

    /**
     * Initializes the write path's classes now, on the calling thread, instead of in the first
     * write. A class initializer that a logging thread runs can be cut short (a stack overflow
     * deep in an application's recursion, a {@code Thread.stop}), and a class whose initializer
     * failed fails every later use, in every thread: one unlucky first event would end native
     * logging for good. Internal because which classes that takes ({@link WritePolicy}, which
     * loads the JDK 22 paths and asks the shim which buffers view segments) changes with the
     * implementation; a public API could only promise a set of classes it cannot name.
     */
    public static void initializeWritePath() {
        try {
            MethodHandles.lookup().ensureInitialized(WritePolicy.class);
        } catch (IllegalAccessException impossible) {
            throw new IllegalStateException(impossible); // a public class of this very package
        }
    }
}
