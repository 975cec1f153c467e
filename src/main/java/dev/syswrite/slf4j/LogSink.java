package dev.syswrite.slf4j;

import dev.syswrite.Errno;
import dev.syswrite.SysWrite;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * Where encoded lines go: one {@code write(2)} per line, through syswrite's own stub, or through
 * FileOutputStream where the native library is unavailable. Either way no lock is taken: the
 * kernel orders concurrent writes, and with {@code O_APPEND} (files) or at most 4096 bytes
 * (pipes) it never interleaves two of them.
 */
abstract class LogSink {
    /** Writes {@code b[0, len)}; a failure is reported once on stderr, never thrown. */
    abstract void write(byte[] b, int len);

    private volatile boolean failureReported;

    /**
     * Opens {@code output}: {@code stderr}, {@code stdout}, or a file path opened for append.
     *
     * @throws IOException if the file cannot be opened
     */
    static LogSink open(String output, boolean nativeWrites) throws IOException {
        FileOutputStream stream = switch (output) {
            case "stderr" -> new FileOutputStream(FileDescriptor.err);
            case "stdout" -> new FileOutputStream(FileDescriptor.out);
            default -> new FileOutputStream(output, true);
        };
        return nativeWrites ? new Native(stream) : new Stream(stream);
    }

    final void reportOnce(String what) {
        if (!failureReported) {
            failureReported = true;
            System.err.println("syswrite-logger: " + what + "; further failures are not reported");
        }
    }

    /** syswrite's write(2): one call, continued only if the kernel took part of the line. */
    private static final class Native extends LogSink {
        private final FileDescriptor fd;

        Native(FileOutputStream stream) throws IOException {
            this.fd = stream.getFD(); // the sink lives as long as the provider: the stream stays open
        }

        @Override
        void write(byte[] b, int len) {
            int done = 0;
            while (done < len) {
                long written = SysWrite.writeRaw(fd, b, done, len - done); // raw: nothing to allocate
                if (written > 0) {
                    done += (int) written;
                } else if (written != -Errno.EINTR.number()) {
                    reportOnce("write failed: " + (written == 0 ? "no bytes taken" : Errno.of((int) -written)));
                    return;
                }
            }
        }
    }

    /** The JDK's FileOutputStream: also one write(2) per line, looping only on short writes. */
    private static final class Stream extends LogSink {
        private final FileOutputStream stream;

        Stream(FileOutputStream stream) {
            this.stream = stream;
        }

        @Override
        void write(byte[] b, int len) {
            try {
                stream.write(b, 0, len);
            } catch (IOException e) {
                reportOnce("write failed: " + e);
            }
        }
    }
}
