package dev.syswrite.bench.logging.latency;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a cell's backend wrote once its JVM had exited: lines and bytes in every file under its
 * log folder. Comparing the lines with the events logged shows whether an async backend dropped
 * any, and the bytes per line are the size the C floor should write.
 */
record WrittenLog(long lines, long bytes) {

    /** Counts the lines and bytes of every file under {@code folder}, then deletes it: a cell's log can take gigabytes. */
    static WrittenLog measureAndDelete(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return new WrittenLog(0, 0);
        }
        long lines = 0;
        long bytes = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.sorted(Comparator.reverseOrder()).toList();
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                try (FileChannel channel = FileChannel.open(file)) {
                    while (channel.read(buffer.clear()) > 0) {
                        buffer.flip();
                        bytes += buffer.remaining();
                        while (buffer.hasRemaining()) {
                            if (buffer.get() == '\n') {
                                lines++;
                            }
                        }
                    }
                }
            }
            Files.delete(file); // deepest first, so each folder is empty by the time it comes
        }
        return new WrittenLog(lines, bytes);
    }

    double bytesPerLine() {
        return lines == 0 ? Double.NaN : (double) bytes / lines;
    }
}
