package dev.syswrite.slf4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A named pipe nobody reads until {@link #release()}: a write to it blocks once the kernel's pipe
 * buffer (64 KiB) is full, as a log shipper that fell behind would make it.
 */
public final class StalledPipe implements AutoCloseable {
    public final Path path;
    /** Opened for reading and writing, so that neither this open nor the logger's blocks. */
    private final RandomAccessFile end;
    private final ByteArrayOutputStream read = new ByteArrayOutputStream();
    private Thread reader;

    public StalledPipe(Path dir) throws IOException, InterruptedException {
        path = Files.createDirectories(dir).resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo failed");
        }
        end = new RandomAccessFile(path.toFile(), "rw");
    }

    /** Starts reading everything, from now on. */
    public void release() {
        reader = new Thread(() -> {
            byte[] chunk = new byte[65536];
            try {
                for (int n; (n = end.read(chunk)) > 0; ) {
                    synchronized (read) {
                        read.write(chunk, 0, n);
                    }
                }
            } catch (IOException closed) {
                // close() ended it
            }
        }, "stalled-pipe-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits until {@code lines} whole lines were read; returns what was read. */
    public String awaitLines(int lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            String text;
            synchronized (read) {
                text = read.toString(StandardCharsets.UTF_8);
            }
            if (text.chars().filter(c -> c == '\n').count() >= lines || System.nanoTime() > deadline) {
                return text;
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws IOException {
        end.close();
    }
}
