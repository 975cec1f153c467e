package dev.syswrite.logging.output;

import dev.syswrite.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The JDK's own write path, for a JVM without syswrite's library: {@code FileOutputStream}, not
 * a {@code FileChannel}, whose write closes the channel for every thread when the writing
 * thread is interrupted.
 */
final class StreamSink extends LogSink {
    StreamSink(String output, OutputFile file) {
        super(output, file);
    }

    @Override
    public ByteBuffer allocate(int capacity) {
        return ByteBuffer.allocate(capacity);
    }

    @Override
    long writeOnce(OpenFile pinned, ByteBuffer line, int from, int to) {
        try {
            pinned.stream.write(line.array(), line.arrayOffset() + from, to - from);
            return to - from;
        } catch (IOException e) {
            int errno = errnoOf(e);
            if (mayHaveTaken(errno, to - from)) {
                markTorn(); // the stream does not say how much it wrote before failing
            }
            return -errno;
        }
    }

    /**
     * Whether a FileOutputStream write of {@code len} bytes that failed with {@code errno} may
     * have written part of them first (it loops over short writes): not for a closed descriptor
     * or a pipe without a reader, nor for a full pipe when the line fits in PIPE_BUF, which a
     * pipe takes whole or not at all.
     */
    static boolean mayHaveTaken(int errno, int len) {
        return errno != Errno.EBADF.number() && errno != Errno.EPIPE.number() && !(errno == Errno.EAGAIN.number() && len <= PIPE_BUF);
    }

    /** The errno whose text the JDK put in the exception's message, or EIO. */
    private static int errnoOf(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Stream Closed")) {
            return Errno.EBADF.number(); // the JDK's own words for a closed descriptor
        }
        for (int n = 1; n < 134; n++) {
            Errno errno = Errno.of(n);
            if (errno.isKnown() && message.contains(errno.description())) {
                return n;
            }
        }
        return Errno.EIO.number();
    }
}
