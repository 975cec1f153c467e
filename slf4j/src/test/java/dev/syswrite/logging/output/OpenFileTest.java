package dev.syswrite.logging.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.PureJava;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether a file opened for output ends inside a line a crash tore, told apart from a line
 * another process is appending right now (the kernel shows the file's size growing page by page
 * during a write). On the JDK path: the check reads the file alone, the same on every arch.
 */
@PureJava
class OpenFileTest {
    /** A line of 60 bytes, a batch of 100: most batches cross a page boundary mid-line. */
    private static final byte[] LINE = ("INFO - " + "x".repeat(52) + "\n").getBytes(StandardCharsets.US_ASCII);
    private static final int BATCH = 100;
    /** Bounds the appender's output, whatever the opens' pace. */
    private static final long MOST_BYTES = 64L << 20;

    @TempDir
    Path dir;

    /**
     * Opens while another writer appends batches of whole lines: none owes a newline (each would
     * put an empty line in the file). Before the check waited for a still size, more than half did.
     */
    @Test
    void appendsInFlightAreNotTornLines() throws Exception {
        Path file = dir.resolve("app.log");
        ByteBuffer batch = ByteBuffer.allocateDirect(LINE.length * BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.put(LINE);
        }
        AtomicBoolean stop = new AtomicBoolean();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(ByteBuffer.wrap(LINE));
            CompletableFuture<Void> appender = CompletableFuture.runAsync(() -> {
                try {
                    for (long written = 0; !stop.get() && written < MOST_BYTES; written += batch.capacity()) {
                        batch.clear();
                        assertEquals(batch.capacity(), out.write(batch), "a regular file takes a write whole");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            int opens = 0;
            int owed = 0;
            try {
                for (; opens < 300 && !appender.isDone(); opens++) {
                    OpenFile open = OpenFile.open(file, false);
                    owed += open.unterminated ? 1 : 0;
                    open.close();
                }
            } finally {
                stop.set(true);
            }
            appender.join();
            assertTrue(opens > 0, "the appender ended before any open");
            assertEquals(0, owed, "opens that owed a newline, of " + opens);
        }
    }

    /** An append that stalls between its pages for a moment, as one under dirty-page throttling does, is waited for. */
    @Test
    void anAppendThatStallsMidLineIsWaitedFor() throws Exception {
        Path file = dir.resolve("app.log");
        Files.writeString(file, "INFO - whole\nINFO - half", StandardCharsets.US_ASCII);
        CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(10);
                Files.writeString(file, " and the rest\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        OpenFile open = OpenFile.open(file, false);
        open.close();
        rest.join();
        assertFalse(open.unterminated);
    }

    /** A fragment that stays as it is was torn by a crash: the next line must start with a newline. A whole file owes none. */
    @Test
    void aStillFragmentIsATornLine() throws Exception {
        Path torn = dir.resolve("torn.log");
        Files.writeString(torn, "INFO - whole\nINFO - to", StandardCharsets.US_ASCII);
        OpenFile open = OpenFile.open(torn, false);
        open.close();
        assertTrue(open.unterminated);
        Path whole = dir.resolve("whole.log");
        Files.writeString(whole, "INFO - whole\n", StandardCharsets.US_ASCII);
        open = OpenFile.open(whole, false);
        open.close();
        assertFalse(open.unterminated);
    }
}
