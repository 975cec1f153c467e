package dev.syswrite.logging.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.Errno;
import dev.syswrite.slf4j.testkit.CapturedStderr;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sink's bookkeeping against a scripted kernel: which write fails, with which errno, after
 * taking how many bytes. The real kernel's failures are in SinkFailureTest.
 */
class LogSinkTest {
    /** Answers each write with the next scripted result: a byte count (-1 for all), or -errno. */
    private static final class ScriptedSink extends LogSink {
        final Deque<Long> script = new ArrayDeque<>();
        final List<String> written = new ArrayList<>();
        /** The answers to syncs, 0 once it is empty; and how many syncs were asked for. */
        final Deque<Long> syncScript = new ArrayDeque<>();
        int syncs;
        final Pin holder = new Pin();

        ScriptedSink(long... results) {
            super("scripted", unused());
            register(holder);
            for (long r : results) {
                script.add(r);
            }
        }

        @Override
        public ByteBuffer allocate(int capacity) {
            return ByteBuffer.allocate(capacity);
        }

        @Override
        long writeOnce(OpenFile pinned, ByteBuffer line, int from, int to) {
            long r = script.isEmpty() ? -1 : script.poll();
            long n = r == -1 ? to - from : r;
            if (n > 0) {
                written.add(new String(line.array(), from, (int) n, StandardCharsets.UTF_8));
            }
            return n;
        }

        @Override
        long syncOnce(OpenFile pinned) {
            syncs++;
            return syncScript.isEmpty() ? 0 : syncScript.poll();
        }

        /** stderr, pinned but never written to: the script answers instead. */
        private static OutputFile unused() {
            try {
                return OutputFile.standard(FileDescriptor.err, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void line(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.allocate(bytes.length + 1).put(1, bytes);
            write(holder, buffer, 1, bytes.length + 1);
            Notices.print(); // as a logging call does at its end
        }

        void syncNow() {
            sync(holder);
            Notices.print();
        }
    }

    private static final long EAGAIN = -Errno.EAGAIN.number();
    private static final long EINTR = -Errno.EINTR.number();

    @Test
    void aRecoveryLineThatFailsIsNotALostEvent() {
        ScriptedSink sink = new ScriptedSink(EAGAIN, EAGAIN, EAGAIN, -1, EAGAIN, -1, -1);
        String stderr = CapturedStderr.of(() -> {
            for (int i = 0; i < 3; i++) {
                sink.line("lost " + i + "\n");
            }
            sink.line("back\n");  // its recovery line fails: said later, not counted
            sink.line("again\n"); // its recovery line goes out
        });
        assertEquals(3, sink.losses().total());
        assertEquals(3, sink.losses().count(Errno.EAGAIN.number()));
        assertEquals(3, sink.written.size(), sink.written::toString);
        assertEquals("back\n", sink.written.get(0));
        assertEquals("again\n", sink.written.get(1));
        assertTrue(sink.written.get(2).startsWith("syswrite-logger: 3 events lost to EAGAIN between "), sink.written.get(2));
        assertEquals(1, stderr.lines().count(), "one notice for the run of failures: " + stderr);
    }

    @Test
    void oneLostEventIsSaidInTheSingular() {
        ScriptedSink sink = new ScriptedSink(EAGAIN, -1, -1);
        CapturedStderr.of(() -> {
            sink.line("lost\n");
            sink.line("back\n");
        });
        assertTrue(sink.written.get(1).startsWith("syswrite-logger: 1 event lost to EAGAIN between "), sink.written.get(1));
    }

    /** A line the kernel took part of, then refused: the next line starts with the newline owed. */
    @Test
    void aTornLineIsEndedByTheNextWrite() {
        ScriptedSink sink = new ScriptedSink(4, -Errno.ENOSPC.number(), -1, -1);
        CapturedStderr.of(() -> {
            sink.line("torn line\n");
            sink.line("next\n");
        });
        assertEquals("torn", sink.written.get(0));
        assertEquals("\nnext\n", sink.written.get(1));
        assertTrue(sink.written.get(2).startsWith("syswrite-logger: 1 event lost to ENOSPC"), sink.written.get(2));
    }

    /** The newline owed is itself refused: it stays owed. */
    @Test
    void theNewlineOwedIsKeptUntilWritten() {
        ScriptedSink sink = new ScriptedSink(4, -Errno.ENOSPC.number(), -Errno.ENOSPC.number(), -1, -1);
        CapturedStderr.of(() -> {
            sink.line("torn line\n");
            sink.line("refused\n");
            sink.line("next\n");
        });
        assertEquals(List.of("torn", "\nnext\n"), sink.written.subList(0, 2));
    }

    @Test
    void theJdkPathKnowsWhenAFailedWriteTookNothing() {
        assertFalse(StreamSink.mayHaveTaken(Errno.EPIPE.number(), 100_000));
        assertFalse(StreamSink.mayHaveTaken(Errno.EBADF.number(), 100_000));
        assertFalse(StreamSink.mayHaveTaken(Errno.EAGAIN.number(), LogSink.PIPE_BUF));
        assertTrue(StreamSink.mayHaveTaken(Errno.EAGAIN.number(), LogSink.PIPE_BUF + 1));
        assertTrue(StreamSink.mayHaveTaken(Errno.ENOSPC.number(), 10));
    }

    /** A signal does not cancel a sync the caller asked for. */
    @Test
    void anInterruptedSyncIsRetried() {
        ScriptedSink sink = new ScriptedSink();
        sink.syncScript.addAll(List.of(EINTR, EINTR, 0L));
        sink.syncNow();
        assertEquals(3, sink.syncs);
        assertEquals(0, sink.losses().total());
    }

    /** A pipe or terminal cannot be synced: said once, then not asked again, and no event counted lost. */
    @Test
    void anOutputThatCannotBeSyncedIsSaidOnceAndLeftAlone() {
        ScriptedSink sink = new ScriptedSink();
        sink.syncScript.add(-(long) Errno.EINVAL.number());
        String stderr = CapturedStderr.of(() -> {
            for (int i = 0; i < 3; i++) {
                sink.line("event " + i + "\n");
                sink.syncNow();
            }
        });
        assertEquals(1, sink.syncs);
        assertEquals(1, stderr.lines().count(), stderr);
        assertTrue(stderr.contains("cannot be synced (EINVAL)"), stderr);
        assertEquals(0, sink.losses().total());
    }

    /** A sync that fails (writeback failed) leaves the event possibly lost: counted, and reported once writes succeed. */
    @Test
    void aFailedSyncIsALostEventReportedLater() {
        ScriptedSink sink = new ScriptedSink();
        sink.syncScript.add(-(long) Errno.EIO.number());
        CapturedStderr.of(() -> {
            sink.line("audit\n");
            sink.syncNow();
            sink.line("next\n");
        });
        assertEquals(1, sink.losses().count(Errno.EIO.number()));
        assertTrue(sink.written.get(sink.written.size() - 1).contains("1 event lost to EIO"), sink.written.toString());
    }
}
