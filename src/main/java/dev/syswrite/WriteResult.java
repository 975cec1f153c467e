package dev.syswrite;

import java.util.Objects;

/**
 * What a write did: {@link Ok} with the number of bytes the kernel took, or {@link Err} with the
 * {@link Errno} it refused with.
 *
 * <p>The interface is sealed, so a pattern match over {@code Ok} and {@code Err} is exhaustive:
 *
 * <pre>{@code
 * WriteResult r = SysWrite.write(1, bytes);
 * if (r instanceof WriteResult.Ok ok) {
 *     count += ok.bytesWritten();
 * } else if (r instanceof WriteResult.Err err && err.errno() == Errno.EAGAIN) {
 *     retryLater();
 * }
 * }</pre>
 *
 * <p>Failures never allocate: the {@code Err} for a named errno is one shared instance.
 */
public sealed interface WriteResult permits WriteResult.Ok, WriteResult.Err {

    /**
     * The kernel accepted {@code bytesWritten} bytes. A single {@code write(2)} may take fewer
     * bytes than offered (a short write); {@link SysWrite#writeAll} loops until it has all.
     *
     * @param bytesWritten how many bytes the kernel took, never negative
     */
    record Ok(long bytesWritten) implements WriteResult {
        /**
         * Checks the count.
         *
         * @param bytesWritten how many bytes the kernel took
         * @throws IllegalArgumentException if {@code bytesWritten} is negative
         */
        public Ok {
            if (bytesWritten < 0) {
                throw new IllegalArgumentException("bytesWritten < 0: " + bytesWritten);
            }
        }
    }

    /**
     * The kernel refused the write; nothing was written by this call.
     *
     * @param errno why, as the kernel said
     */
    record Err(Errno errno) implements WriteResult {
        /**
         * Checks the errno.
         *
         * @param errno why the kernel refused
         * @throws NullPointerException if {@code errno} is null
         */
        public Err {
            Objects.requireNonNull(errno, "errno");
        }
    }

    /**
     * Decodes a raw kernel result, as {@link SysWrite#writeRaw} returns it.
     *
     * @param raw a byte count, or {@code -errno} in [-4095, -1]
     * @return {@code Ok(raw)} for a count, {@code Err(Errno.of(-raw))} for an error
     * @throws IllegalArgumentException if {@code raw} is below -4095, which no system call returns
     */
    static WriteResult fromRaw(long raw) {
        if (raw >= 0) {
            return new Ok(raw);
        }
        if (raw < -4095) {
            throw new IllegalArgumentException("not a system call result: " + raw);
        }
        return Errno.of((int) -raw).err;
    }

    /**
     * Tells whether the write succeeded.
     *
     * @return {@code true} for {@link Ok}
     */
    default boolean isOk() {
        return this instanceof Ok;
    }

    /**
     * Returns the byte count, or throws the error.
     *
     * @return {@link Ok#bytesWritten()}
     * @throws ErrnoException carrying {@link Err#errno()} if this is an {@code Err}
     */
    default long orElseThrow() throws ErrnoException {
        if (this instanceof Ok ok) {
            return ok.bytesWritten();
        }
        throw new ErrnoException(((Err) this).errno());
    }
}
