package dev.syswrite.slf4j;

import dev.syswrite.Errno;
import dev.syswrite.SysWrite;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Where encoded lines go: one {@code write(2)} per line, through syswrite's own stub, or through
 * the JDK's FileChannel where the native library is unavailable. Either way no lock is taken: the
 * kernel orders concurrent writes, and with {@code O_APPEND} (files) or at most 4096 bytes
 * (pipes) it never interleaves two of them.
 */
abstract class LogSink {
    /**
     * Writes the first {@code len} bytes of {@code line}, a direct buffer whose position and
     * limit are the sink's to change; a failure is reported once on stderr, never thrown.
     */
    abstract void write(ByteBuffer line, int len);

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
        void write(ByteBuffer line, int len) {
            line.limit(len).position(0);
            while (line.hasRemaining()) {
                long written = SysWrite.writeRaw(fd, line); // raw: nothing to allocate
                if (written == 0 || written < 0 && written != -Errno.EINTR.number()) {
                    reportOnce("write failed: " + (written == 0 ? "no bytes taken" : Errno.of((int) -written)));
                    return;
                }
            }
        }
    }

    /** The JDK's own write path, for a JVM without syswrite's library: also one write(2) per line. */
    private static final class Stream extends LogSink {
        private final FileChannel channel;

        Stream(FileOutputStream stream) {
            this.channel = stream.getChannel();
        }

        @Override
        void write(ByteBuffer line, int len) {
            line.limit(len).position(0);
            try {
                while (line.hasRemaining()) {
                    channel.write(line);
                }
            } catch (IOException e) {
                reportOnce("write failed: " + e);
            }
        }
    }
}
