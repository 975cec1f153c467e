package dev.syswrite.logging.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.logging.output.DyingSink;
import dev.syswrite.logging.output.DyingSink.Death;
import dev.syswrite.logging.output.Pin;
import dev.syswrite.testkit.Emulation;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A drain that dies at one of its {@code writev(2)} calls, before the kernel sees it or after the
 * kernel took its bytes, by a {@code ThreadDeath} or a stack overflow, after short writes or none,
 * after a torn line or not: the drains that follow write every line exactly once, in order, and
 * the newline a torn line owes once. The real {@code Thread.stop} is in ThreadStopTest; this one
 * puts the death at each call deterministically. The lines are in the ring in place, or
 * captured events the drain formats into its staging memory, where they lie end to end and go to
 * the kernel as one iovec per run: a short write then stops inside a run, not at an iovec's end.
 */
class RingDrainDeathTest {
    /** A torn line before, or not; QEMU, ten times slower, tries the harder case alone. */
    private static final boolean[] TORN = Emulation.underQemu() ? new boolean[] {true} : new boolean[] {false, true};
    /** Lines enough for four batches of IOV_MAX: a death at each of the first calls even with no short write. */
    private static final int LINES = 3500;

    @TempDir
    Path dir;

    static Stream<Arguments> deaths() {
        List<Arguments> cases = new ArrayList<>();
        for (Throwable death : new Throwable[] {new ThreadDeath(), new StackOverflowError()}) {
            for (Death how : new Death[] {Death.BEFORE, Death.AFTER}) {
                for (int call = 1; call <= 4; call++) {
                    for (long cut : new long[] {0, 7, 23}) { // none; inside the first line; on a line's end
                        for (boolean torn : TORN) {
                            for (boolean events : new boolean[] {false, true}) {
                                cases.add(Arguments.of(death.getClass().getSimpleName(), how, call, cut, torn, events));
                            }
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} call {2}, writes cut to {3}, torn {4}, captured events {5}")
    @MethodSource("deaths")
    void everyLineOnceWhereverTheDrainDies(String death, Death how, int call, long cut, boolean torn, boolean events) throws Exception {
        Path file = dir.resolve("log");
        DyingSink sink = new DyingSink(file, death.equals("ThreadDeath") ? new ThreadDeath() : new StackOverflowError());
        sink.dieAt(call, how);
        if (cut > 0) {
            for (int c = 1; c <= 8; c++) {
                sink.cutAt(c, cut); // each call offers the kernel only `cut` bytes: a short write every time
            }
        }
        EventRing ring = new EventRing(ByteBuffer.allocateDirect(1 << 18));
        StringBuilder expected = new StringBuilder(torn ? "\n" : "");
        for (int i = 0; i < LINES; i++) {
            String line = String.format("line %04d %s%n", i, "x".repeat(i % 7)); // line 0000 is 11 bytes
            byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
            ByteBuffer record = ByteBuffer.wrap(bytes);
            assertTrue((events ? ring.offerEvent(record, 0, bytes.length) : ring.offer(record, 0, bytes.length)) >= 0);
            expected.append(line);
        }
        Pin holder = new Pin();
        sink.register(holder);
        if (torn) {
            sink.markTorn();
        }
        RingDrain drain = new RingDrain(ring, sink, new AsyncCounts(), holder, events ? new RecordIsLine() : null);
        sink.readIovecsFrom(iovecsOf(drain));
        int died = 0;
        for (int round = 0; ring.head() < ring.tail() && round < 10_000; round++) {
            try {
                drain.batch();
            } catch (ThreadDeath | StackOverflowError expectedDeath) {
                died++;
            }
        }
        assertEquals(1, died, "the scripted death, once (" + sink.calls() + " calls)");
        assertEquals(ring.tail(), ring.head(), "the ring drained");
        assertEquals(expected.toString(), Files.readString(file, StandardCharsets.US_ASCII));
        if (events) { // a run per call, and the newline owed: never an iovec a line
            assertTrue(sink.iovecs() <= 2L * sink.calls(), sink.iovecs() + " iovecs in " + sink.calls() + " calls");
        } else {
            assertTrue(sink.iovecs() >= LINES, sink.iovecs() + " iovecs for " + LINES + " lines in place");
        }
    }

    /** Formats a captured event whose bytes are its line: the drain's staging without a layout. */
    private static final class RecordIsLine implements EventFormatter {
        private ByteBuffer memory;
        private int offset;
        private int length;

        @Override
        public int prepare(ByteBuffer memory, int offset, int length) {
            this.memory = memory;
            this.offset = offset;
            this.length = length;
            return length;
        }

        @Override
        public int encode(ByteBuffer out, int at) {
            out.put(at, memory, offset, length);
            return at + length;
        }
    }

    private static ByteBuffer iovecsOf(RingDrain drain) throws ReflectiveOperationException {
        Field iov = RingDrain.class.getDeclaredField("iov");
        iov.setAccessible(true);
        return (ByteBuffer) iov.get(drain);
    }
}
