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
 * <p>Failures do not allocate: the {@code Err} for an error number is one shared instance, made the
 * first time the number is seen.
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
        /** The largest error number a Linux system call returns (negated: -4095). */
        static final int MAX_NUMBER = 4095;

        /** One {@code Err} per error number, made on first use: the error path then allocates nothing. */
        private static final Err[] BY_NUMBER = new Err[MAX_NUMBER + 1];

        /**
         * Checks the errno.
         *
         * @param errno why the kernel refused
         * @throws NullPointerException if {@code errno} is null
         */
        public Err {
            Objects.requireNonNull(errno, "errno");
        }

        /** The shared {@code Err} for {@code number} in [1, 4095]; a racing first use may make two, both equal. */
        static Err of(int number) {
            Err err = BY_NUMBER[number];
            if (err == null) {
                err = new Err(Errno.of(number)); // final fields: safely published through the plain array
                BY_NUMBER[number] = err;
            }
            return err;
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
        if (raw < -Err.MAX_NUMBER) {
            throw new IllegalArgumentException("not a system call result: " + raw);
        }
        return Err.of((int) -raw);
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
