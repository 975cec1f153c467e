package dev.syswrite;

import java.io.IOException;
import java.util.Objects;

/**
 * A failed system call as an exception, for code that prefers {@code throws IOException} to
 * matching on {@link WriteResult}. Thrown by {@link WriteResult#orElseThrow()}.
 */
public class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The error the kernel reported. Errno is not serializable, so only the number travels. */
    private final int number;

    /**
     * Creates the exception for an error.
     *
     * @param errno the error the kernel reported
     * @throws NullPointerException if {@code errno} is null
     */
    public ErrnoException(Errno errno) {
        super(Objects.requireNonNull(errno, "errno").toString());
        this.number = errno.number();
    }

    /**
     * Returns the error the kernel reported.
     *
     * @return the errno, for example {@link Errno#ENOSPC}
     */
    public Errno errno() {
        return Errno.of(number);
    }
}
