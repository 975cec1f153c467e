package dev.syswrite.logging.async;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.Emulation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The ring alone, one thread: record sizes, the wrap and its padding, a full ring, orphans, and
 * headers torn or hostile. The consumer here reads the ring by the rules the writer's drain
 * follows ({@link Reader}); the many-thread test is {@link EventRingStressTest}.
 */
class EventRingTest {
    private static final int CAPACITY = 4096;
    /** Rounds of the random-header test: QEMU runs it 10 times slower. */
    private static final int RANDOM_ROUNDS = Emulation.underQemu() ? 40 : 300;

    private static EventRing ring() {
        return new EventRing(ByteBuffer.allocateDirect(CAPACITY));
    }

    /** {@code length} bytes counting from {@code seed}, so that a line shows where it was cut or moved. */
    static ByteBuffer line(int length, int seed) {
        ByteBuffer line = ByteBuffer.allocate(length);
        for (int i = 0; i < length; i++) {
            line.put(i, (byte) (seed + i));
        }
        return line;
    }

    static ByteBuffer line(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    static long offer(EventRing ring, ByteBuffer line) {
        return ring.offer(line, 0, line.capacity());
    }

    /** Offers a line the producer fails to copy after claiming its room: an orphan. */
    static void offerAndFail(EventRing ring, int length) {
        ByteBuffer tooShort = ByteBuffer.allocate(length - 1);
        assertThrows(IndexOutOfBoundsException.class, () -> ring.offer(tooShort, 0, length));
    }

    /**
     * One pass of the consumer over what is committed from the head, as AsyncWriter's drain reads
     * it: a record of size 0 is an orphan if the ring says so, else not committed yet (stop); a
     * record that is not well formed stops the pass. Checks that every line it would hand the
     * kernel lies inside its record and inside the memory.
     */
    static final class Reader {
        final List<byte[]> lines = new ArrayList<>();
        int paddings;
        int orphans;
        boolean malformed;
        /** Where the pass stopped: the tail, or a record not committed, or a malformed one. */
        long stoppedAt;

        static Reader read(EventRing ring, boolean release) {
            Reader reader = new Reader();
            long head = ring.head();
            long tail = ring.tail();
            long at = head;
            while (at < tail) {
                int size = ring.sizeAt(at);
                if (size == 0) {
                    size = ring.orphanSizeAt(at);
                    if (size == 0) {
                        break; // claimed, not committed yet
                    }
                    assertTrue(size > 0 && (size & 7) == 0 && at + size <= tail, "orphan of " + size + " at " + at);
                    reader.orphans++;
                    at += size;
                    continue;
                }
                int length = ring.lengthAt(at);
                if (!ring.wellFormed(at, size, length, tail)) {
                    reader.malformed = true;
                    break;
                }
                if (length == EventRing.PADDING) {
                    reader.paddings++;
                } else {
                    int offset = ring.lineOffset(at);
                    int recordOffset = (int) (at % ring.capacity());
                    assertTrue(offset == recordOffset + 8 && offset + length <= recordOffset + size
                            && recordOffset + size <= ring.capacity(), "line of " + length + " at offset " + offset);
                    byte[] bytes = new byte[length];
                    ring.memory().get(offset, bytes);
                    reader.lines.add(bytes);
                }
                at += size;
            }
            reader.stoppedAt = at;
            if (release && at > head) {
                ring.release(at);
            }
            return reader;
        }
    }

    /** Queues and reads records until head and tail stand at {@code position}, a multiple of 8 ahead. */
    static void advanceTo(EventRing ring, long position) {
        while (ring.tail() < position) {
            int size = (int) Math.min(position - ring.tail(), ring.lineMax() + 8);
            assertTrue(offer(ring, line(size - 8, 0)) > 0);
        }
        assertEquals(position, ring.tail());
        Reader.read(ring, true);
        assertEquals(position, ring.head());
    }

    private static byte[] bytes(ByteBuffer line) {
        return line.array().clone();
    }

    @Test
    void aRecordIsAnEightByteHeaderAndTheLineRoundedUpToEight() {
        for (int length = 0; length <= 40; length++) {
            EventRing ring = ring();
            long end = offer(ring, line(length, length));
            assertEquals((8 + length + 7) / 8 * 8, end, "record of a line of " + length);
            assertEquals(end, ring.tail());
            assertEquals(end, ring.sizeAt(0));
            assertEquals(length, ring.lengthAt(0));
            Reader read = Reader.read(ring, true);
            assertEquals(1, read.lines.size());
            assertArrayEquals(bytes(line(length, length)), read.lines.get(0));
            assertEquals(end, ring.head());
        }
    }

    @Test
    void anEmptyLineIsAHeaderAlone() {
        EventRing ring = ring();
        assertEquals(8, offer(ring, line(0, 0)));
        assertEquals(24, offer(ring, line(1, 7)));
        Reader read = Reader.read(ring, true);
        assertEquals(2, read.lines.size());
        assertEquals(0, read.lines.get(0).length);
        assertArrayEquals(new byte[] {7}, read.lines.get(1));
    }

    @Test
    void aLineIsCopiedFromItsRangeOnly() {
        EventRing ring = ring();
        ByteBuffer text = line("..hello..");
        assertEquals(16, ring.offer(text, 2, 7));
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), Reader.read(ring, true).lines.get(0));
    }

    @Test
    void aRecordThatEndsExactlyAtTheEndNeedsNoPadding() {
        EventRing ring = ring();
        long end = offer(ring, line(CAPACITY / 2 - 8, 1));
        assertEquals(CAPACITY / 2, end);
        assertEquals(1, Reader.read(ring, true).lines.size());
        assertEquals(CAPACITY, offer(ring, line(CAPACITY / 2 - 8, 2))); // to the last byte
        assertEquals(CAPACITY + 16, offer(ring, line(3, 3))); // then offset 0, no padding
        Reader read = Reader.read(ring, true);
        assertEquals(0, read.paddings);
        assertEquals(2, read.lines.size());
        assertArrayEquals(bytes(line(CAPACITY / 2 - 8, 2)), read.lines.get(0));
        assertArrayEquals(bytes(line(3, 3)), read.lines.get(1));
    }

    @Test
    void aRecordThatWouldCrossTheEndStartsAtZeroAfterAPaddingRecord() {
        EventRing ring = ring();
        advanceTo(ring, CAPACITY - 24);
        long start = ring.tail();
        assertEquals(CAPACITY - 24, start);
        long end = offer(ring, line(20, 9)); // a record of 32: does not fit in 24
        assertEquals(CAPACITY + 32, end);
        assertEquals(24, ring.sizeAt(start), "the padding fills the rest of the memory");
        assertEquals(EventRing.PADDING, ring.lengthAt(start));
        assertEquals(32, ring.sizeAt(CAPACITY));
        assertEquals("1 events (20 bytes)", ring.describeQueued());
        Reader read = Reader.read(ring, true);
        assertEquals(1, read.paddings);
        assertEquals(1, read.lines.size());
        assertArrayEquals(bytes(line(20, 9)), read.lines.get(0));
        assertEquals(end, ring.head());
    }

    @Test
    void theSmallestPaddingIsAHeaderAlone() {
        EventRing ring = ring();
        advanceTo(ring, CAPACITY - 8);
        assertEquals(CAPACITY + 16, offer(ring, line(1, 5)));
        assertEquals(8, ring.sizeAt(CAPACITY - 8));
        Reader read = Reader.read(ring, true);
        assertEquals(1, read.paddings);
        assertArrayEquals(new byte[] {5}, read.lines.get(0));
    }

    @Test
    void theLongestLineFitsAnEmptyRingWhereverItsHeadStands() {
        EventRing ring = ring();
        assertEquals(CAPACITY / 2 - 8, ring.lineMax());
        SplittableRandom random = new SplittableRandom(20);
        for (int round = 0; round < 64; round++) {
            long end = offer(ring, line(ring.lineMax(), round));
            assertTrue(end > 0, "longest line refused by an empty ring at offset " + (ring.tail() % CAPACITY));
            Reader read = Reader.read(ring, true);
            assertArrayEquals(bytes(line(ring.lineMax(), round)), read.lines.get(0));
            assertTrue(offer(ring, line(random.nextInt(200), 0)) > 0); // move the head to another offset
            Reader.read(ring, true);
        }
    }

    @Test
    void aLineLongerThanTheRingIsRefusedWithoutClaimingRoom() {
        EventRing ring = ring();
        offer(ring, line(3, 3));
        long tail = ring.tail();
        for (int length : new int[] {CAPACITY - 7, CAPACITY, CAPACITY + 1, 1 << 20}) {
            assertEquals(-1, offer(ring, line(length, 0)), "line of " + length);
            assertEquals(tail, ring.tail());
        }
        Reader read = Reader.read(ring, true);
        assertEquals(1, read.lines.size());
        assertFalse(read.malformed);
    }

    @Test
    void aLengthThatOverflowsTheRecordSizeClaimsNothing() {
        // A range no caller passes (AsyncWriter keeps lines to lineMax), yet one whose size, an
        // int, overflowed: the claim moved the tail back behind the head.
        EventRing ring = ring();
        offer(ring, line(3, 3));
        long tail = ring.tail();
        ByteBuffer small = line(16, 0);
        assertEquals(-1, ring.offer(small, 0, Integer.MAX_VALUE - 3));
        assertEquals(tail, ring.tail());
        assertThrows(IllegalArgumentException.class, () -> ring.offer(small, 8, 0));
        assertEquals(tail, ring.tail());
        assertEquals(1, Reader.read(ring, true).lines.size());
    }

    @Test
    void aFullRingRefusesUntilTheConsumerFreesRoom() {
        EventRing ring = ring();
        int count = 0;
        while (offer(ring, line(56, count)) > 0) { // records of 64
            count++;
        }
        assertEquals(CAPACITY / 64, count);
        long tail = ring.tail();
        assertEquals(CAPACITY, tail - ring.head());
        assertEquals(-1, offer(ring, line(0, 0)), "not even a header fits");
        assertEquals(tail, ring.tail(), "a refused offer claims nothing");
        assertEquals(count + " events (" + 56 * count + " bytes)", ring.describeQueued().replace(",", ""));
        Reader read = Reader.read(ring, true);
        assertEquals(count, read.lines.size());
        for (int i = 0; i < count; i++) {
            assertArrayEquals(bytes(line(56, i)), read.lines.get(i));
        }
        assertTrue(offer(ring, line(56, 0)) > 0);
    }

    @Test
    void theRoomLeftTakesARecordOfExactlyItsSizeAndNoMore() {
        EventRing ring = ring();
        advanceTo(ring, CAPACITY - 64);
        offer(ring, line(56, 2)); // fills the last 64 bytes of the memory, and stays queued
        assertTrue(offer(ring, line(2 * 1024 - 8, 3)) > 0); // at offset 0
        long before = ring.tail();
        int left = (int) (CAPACITY - (ring.tail() - ring.head()));
        assertEquals(-1, offer(ring, line(left, 4)), "one header too many");
        assertEquals(before, ring.tail());
        assertTrue(offer(ring, line(left - 8, 4)) > 0, "exactly the room left");
        assertEquals(CAPACITY, ring.tail() - ring.head());
        Reader read = Reader.read(ring, true);
        assertEquals(List.of(56, 2 * 1024 - 8, left - 8), read.lines.stream().map(b -> b.length).toList());
    }

    @Test
    void whenTheRoomIsFreeOnlyAcrossTheEndTheRecordWaitsForTheHead() {
        EventRing ring = ring();
        offer(ring, line(CAPACITY / 2 - 8, 1));
        offer(ring, line(CAPACITY / 4 - 8, 2)); // tail at 3/4 of the memory
        Reader.read(ring, false);
        ring.release(CAPACITY / 2); // head at 1/2: free are the last quarter and the first half
        // A record of 1/2 does not fit in the last quarter, so it pads there and needs the first
        // half, which holds nothing: it fits, padding included, exactly.
        assertEquals(CAPACITY + CAPACITY / 2, offer(ring, line(CAPACITY / 2 - 8, 3)));
        assertEquals(CAPACITY, ring.tail() - ring.head());
        Reader read = Reader.read(ring, true);
        assertEquals(1, read.paddings);
        assertEquals(2, read.lines.size());
        assertArrayEquals(bytes(line(CAPACITY / 2 - 8, 3)), read.lines.get(1));
    }

    @Test
    void theConsumerStopsAtAClaimNotYetCommitted() {
        EventRing ring = ring();
        offer(ring, line(5, 1));
        // A producer that claimed 32 bytes and is still copying: its size is 0, no orphan.
        ring.memory().putInt(16 + 4, 20);
        setTail(ring, ring.tail() + 32);
        offer(ring, line(5, 2));
        Reader read = Reader.read(ring, true);
        assertEquals(1, read.lines.size());
        assertEquals(16, read.stoppedAt);
        assertEquals(16, ring.head());
        assertEquals("0 events (0 bytes) and 48 bytes claimed but never filled", ring.describeQueued());
        // It commits: the consumer goes on, in order.
        ring.memory().put(24, line(20, 9), 0, 20);
        ring.memory().putInt(16, 32);
        read = Reader.read(ring, true);
        assertEquals(2, read.lines.size());
        assertArrayEquals(bytes(line(20, 9)), read.lines.get(0));
        assertArrayEquals(bytes(line(5, 2)), read.lines.get(1));
        assertEquals(ring.tail(), ring.head());
    }

    @Test
    void anOrphanIsSkippedAndTheLinesAfterItAreRead() {
        EventRing ring = ring();
        offer(ring, line(5, 1));
        offerAndFail(ring, 20); // claims [16, 48), copies nothing
        assertEquals(48, ring.tail());
        assertEquals(0, ring.sizeAt(16));
        assertEquals(32, ring.orphanSizeAt(16));
        offer(ring, line(7, 2));
        assertEquals("2 events (12 bytes)", ring.describeQueued());
        Reader read = Reader.read(ring, true);
        assertEquals(1, read.orphans);
        assertEquals(2, read.lines.size());
        assertArrayEquals(bytes(line(7, 2)), read.lines.get(1));
        assertEquals(ring.tail(), ring.head());
        // Its room is zeroed and reused like any other.
        for (int i = 0; i < 3 * CAPACITY / 64; i++) {
            assertTrue(offer(ring, line(50, i)) > 0);
            assertArrayEquals(bytes(line(50, i)), Reader.read(ring, true).lines.get(0));
        }
    }

    @Test
    void anOrphanWhosePaddingWasCommittedStartsAtZero() {
        EventRing ring = ring();
        advanceTo(ring, CAPACITY - 24);
        offerAndFail(ring, 20); // pads 24, claims [CAPACITY, CAPACITY + 32), fails
        assertEquals(CAPACITY + 32, ring.tail());
        assertEquals(24, ring.sizeAt(CAPACITY - 24));
        assertEquals(0, ring.orphanSizeAt(CAPACITY - 24));
        assertEquals(32, ring.orphanSizeAt(CAPACITY));
        offer(ring, line(9, 2));
        Reader read = Reader.read(ring, true);
        assertEquals(1, read.paddings);
        assertEquals(1, read.orphans);
        assertEquals(1, read.lines.size());
        assertArrayEquals(bytes(line(9, 2)), read.lines.get(0));
        assertEquals(ring.tail(), ring.head());
    }

    @Test
    void anOrphanWhoseStartIsSeenBeforeTheRestOfItsEntryIsNotSkippedYet() throws Exception {
        // A failing producer fills its entry of the orphan table with two plain stores (it may
        // call nothing), which another thread may see in either order. Seen start first, the
        // rest of the slot still holds what an earlier orphan there left: the consumer must not
        // skip by that, since the producer may not even have failed yet and still be copying.
        EventRing ring = ring();
        offerAndFail(ring, 24); // an orphan of 32 at 0, in slot 0
        assertEquals(1, Reader.read(ring, true).orphans);
        advanceTo(ring, 2048); // the next position of slot 0
        setTail(ring, 2048 + 64); // a producer claimed 64 bytes here and is still copying
        long[] starts = (long[]) field("orphanStarts").get(ring);
        starts[0] = 2048; // ... and this is all its entry another thread sees yet
        assertEquals(0, ring.orphanSizeAt(2048), "the size of the orphan that used the slot before");
        Reader read = Reader.read(ring, true);
        assertEquals(0, read.orphans);
        assertEquals(2048, ring.head());
        long[] ends = (long[]) field("orphanEnds").get(ring);
        ends[0] = 2048 + 64; // the rest of the entry shows: now it is skipped, whole
        assertEquals(64, ring.orphanSizeAt(2048));
        assertEquals(1, Reader.read(ring, true).orphans);
        assertEquals(ring.tail(), ring.head());
    }

    @Test
    void manyOrphansAtOnceAreEachSkippedOnce() {
        EventRing ring = new EventRing(ByteBuffer.allocateDirect(64 * 1024));
        // Orphans 4 KiB apart hash to the same slot of the ring's table: 8 fit its probes.
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            offerAndFail(ring, 2048 - 8);
            ByteBuffer line = line(2048 - 8, i);
            offer(ring, line);
            expected.add(bytes(line));
        }
        Reader read = Reader.read(ring, true);
        assertEquals(8, read.orphans);
        assertEquals(expected.size(), read.lines.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), read.lines.get(i));
        }
        assertEquals(ring.tail(), ring.head());
    }

    @Test
    void anOrphanTheTableCouldNotKeepStopsTheConsumerThere() {
        // More orphans in one probe window than it has slots: the last overwrites a slot still
        // in use. The consumer must then stop at the orphan it lost, not skip a wrong amount.
        EventRing ring = new EventRing(ByteBuffer.allocateDirect(64 * 1024));
        int orphans = 12;
        for (int i = 0; i < orphans; i++) {
            offerAndFail(ring, 2048 - 8); // positions 0, 4096, ...: all hash to slot 0
            offer(ring, line(2048 - 8, i));
        }
        Reader read = Reader.read(ring, true);
        assertFalse(read.malformed);
        assertTrue(read.orphans < orphans, "the table holds " + read.orphans);
        assertEquals(read.orphans, read.lines.size(), "each line after a skipped orphan");
        assertTrue(ring.head() < ring.tail());
        assertEquals(0, ring.sizeAt(ring.head()), "stopped at an orphan");
        for (int i = 0; i < read.lines.size(); i++) {
            assertArrayEquals(bytes(line(2048 - 8, i)), read.lines.get(i));
        }
    }

    @Test
    void tornHeadersStopTheConsumerInsideTheClaimedRoom() {
        // Each a header that no producer writes; the consumer must stop there, not read past
        // the claimed room or the memory, and not loop.
        int[][] headers = {
            {4, 0}, // smaller than a header
            {12, 0}, // not a multiple of 8
            {-8, 0}, // negative
            {Integer.MIN_VALUE, 0},
            {64, 0}, // past the tail
            {16, 9}, // a line longer than its record
            {16, -2}, // a length below padding's
            {16, Integer.MIN_VALUE},
            {16, Integer.MAX_VALUE},
        };
        for (int[] header : headers) {
            EventRing ring = ring();
            offer(ring, line(5, 1));
            offer(ring, line(5, 2)); // [16, 32)
            offer(ring, line(5, 3)); // [32, 48)
            ring.memory().putInt(16, header[0]).putInt(20, header[1]);
            String what = header[0] + "/" + header[1];
            Reader read = Reader.read(ring, true);
            assertTrue(read.malformed, what);
            assertEquals(1, read.lines.size(), what);
            assertEquals(16, read.stoppedAt, what);
            assertTrue(ring.describeQueued().startsWith("0 events (0 bytes) and 32 bytes"), what + ": " + ring.describeQueued());
        }
    }

    @Test
    void aHeaderAcrossTheEndOfTheMemoryIsRefused() {
        EventRing ring = ring();
        advanceTo(ring, CAPACITY - 24);
        offer(ring, line(20, 2)); // a padding of 24 at the end, then the line at 0
        ring.memory().putInt(CAPACITY - 24, 48); // the padding claims to run past the end
        Reader read = Reader.read(ring, true);
        assertTrue(read.malformed);
        assertEquals(CAPACITY - 24, ring.head());
    }

    @Test
    void randomHeadersNeverLeadTheConsumerOutOfTheClaimedRoom() {
        // A ring wrapped a few times, then every word of it overwritten at random: each pass
        // ends within as many steps as the room has 8-byte words, inside [head, tail).
        SplittableRandom random = new SplittableRandom(4);
        for (int round = 0; round < RANDOM_ROUNDS; round++) {
            EventRing ring = ring();
            for (int i = 0, n = random.nextInt(200); i < n; i++) {
                if (offer(ring, line(random.nextInt(300), i)) < 0) {
                    Reader.read(ring, true);
                }
            }
            long head = ring.head();
            long tail = ring.tail();
            ByteBuffer memory = ring.memory().duplicate().order(ByteOrder.nativeOrder());
            for (int word = 0; word < CAPACITY / 4; word++) {
                if (random.nextInt(4) == 0) {
                    int value = switch (random.nextInt(4)) {
                        case 0 -> random.nextInt();
                        case 1 -> random.nextInt(-16, 64);
                        case 2 -> random.nextInt(0, CAPACITY + 64) & -8;
                        default -> 0;
                    };
                    memory.putInt(word * 4, value);
                }
            }
            String queued = ring.describeQueued();
            assertTrue(queued.contains("events"), queued);
            Reader read = Reader.read(ring, false);
            assertTrue(read.stoppedAt >= head && read.stoppedAt <= tail, "stopped at " + read.stoppedAt);
            if (read.stoppedAt > head) {
                ring.release(read.stoppedAt);
            }
        }
    }

    @Test
    void releaseZeroesWhatItFreesAcrossTheEnd() {
        EventRing ring = ring();
        advanceTo(ring, CAPACITY - 64);
        offer(ring, line(100, 2)); // pads the last 64, then [0, 112)
        Reader.read(ring, true);
        for (int i = 0; i < CAPACITY; i++) {
            assertEquals(0, ring.memory().get(i), "byte " + i);
        }
        assertThrows(IllegalStateException.class, () -> ring.release(ring.head()), "a second consumer's release");
    }

    private static void setTail(EventRing ring, long tail) {
        try {
            field("tail").setLong(ring, tail);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static java.lang.reflect.Field field(String name) throws ReflectiveOperationException {
        java.lang.reflect.Field field = EventRing.class.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
