package dev.syswrite.logging.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.syswrite.testkit.Emulation;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Many producers against one consumer, the ring alone: every committed line is read exactly once,
 * in its producer's order, byte for byte, while the ring wraps, pads, fills and holds orphans.
 *
 * <p>A plain JUnit test, not a harness. jcstress ({@code org.openjdk.jcstress:jcstress-core},
 * 0.14 to 0.17) does not resolve from the package registry this build reaches (the core or its
 * {@code jcstress-result-gen} is missing), and it runs from its own main over generated actors,
 * not under Surefire, so it would not run in the build's three test runs. Lincheck
 * ({@code org.jetbrains.lincheck:lincheck} 3.7 resolves) checks operations against a sequential
 * specification, and the ring has none it meets: the consumer cannot pass a record claimed and
 * not yet committed, so a poll can find nothing while a later offer has already returned, which
 * no sequential FIFO allows; and its model checker switches threads at field and array accesses
 * it instruments, not at the off-heap stores through a byte-buffer view handle that publish a
 * record. What this test checks instead is the ring's contract as the writer relies on it, with
 * real threads preempted anywhere (more producers than this machine's cores), on the host, under
 * QEMU (aarch64) and on JDK 25.
 *
 * <p>It ends without timing anything: the consumer stops once every producer has returned from
 * its last offer and a pass then finds nothing to read; by then every claim was committed or left
 * as an orphan, so a ring that still holds unread room at that point fails the test.
 */
class EventRingStressTest {
    private static final boolean EMULATED = Emulation.underQemu();
    private static final int PRODUCERS = EMULATED ? 3 : 4;
    private static final int RECORDS = EMULATED ? 1_500 : 30_000;
    /** One claim in this many fails after claiming: an orphan. */
    private static final int ORPHAN_EVERY = 97;
    /** The smallest ring, so that it wraps, pads and fills all the time. */
    private static final int CAPACITY = 4096;
    /** A line is its producer, its number, then bytes computed from both. */
    private static final int ID = 5;

    /** Set when the test ends, however: producers waiting for room give up. */
    private volatile boolean stop;

    @Test
    void everyLineIsReadOnceInItsProducersOrderAndIntact() throws Exception {
        EventRing ring = new EventRing(ByteBuffer.allocateDirect(CAPACITY));
        AtomicIntegerArray failed = new AtomicIntegerArray(PRODUCERS * RECORDS); // 1 where an offer was made to fail
        AtomicInteger finished = new AtomicInteger();
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            Thread thread = new Thread(() -> {
                try {
                    produce(ring, producer, failed);
                } catch (Throwable t) {
                    producerFailure.compareAndSet(null, t);
                } finally {
                    finished.incrementAndGet(); // after its last offer returned: its claims are all committed or orphans
                }
            }, "ring-producer-" + p);
            thread.setDaemon(true);
            producers.add(thread);
        }
        producers.forEach(Thread::start);
        try {
            consume(ring, producers, failed, finished, producerFailure);
        } finally {
            stop = true;
        }
    }

    private void consume(EventRing ring, List<Thread> producers, AtomicIntegerArray failed, AtomicInteger finished,
            AtomicReference<Throwable> producerFailure) throws InterruptedException {

        int[] last = new int[PRODUCERS];
        Arrays.fill(last, -1);
        int[] received = new int[PRODUCERS];
        long orphans = 0;
        long paddings = 0;
        long fullPasses = 0;
        while (true) {
            boolean allReturned = finished.get() == PRODUCERS; // before the pass, see the class comment
            long head = ring.head();
            if (ring.tail() - head == CAPACITY) {
                fullPasses++;
            }
            EventRingTest.Reader read = EventRingTest.Reader.read(ring, true);
            assertFalse(read.malformed, "a record not well formed at " + read.stoppedAt);
            orphans += read.orphans;
            paddings += read.paddings;
            for (byte[] line : read.lines) {
                check(line, last, received, failed);
            }
            if (read.stoppedAt == head) {
                if (allReturned) {
                    assertEquals(ring.tail(), head, "every producer returned, and the ring holds room nobody will commit");
                    break;
                }
                Thread.yield(); // a producer between claim and commit
            }
        }
        for (Thread thread : producers) {
            thread.join();
        }
        if (producerFailure.get() != null) {
            throw new AssertionError("a producer failed", producerFailure.get());
        }
        int failedTotal = 0;
        for (int p = 0; p < PRODUCERS; p++) {
            int failedHere = 0;
            for (int seq = 0; seq < RECORDS; seq++) {
                failedHere += failed.get(p * RECORDS + seq);
            }
            failedTotal += failedHere;
            assertEquals(RECORDS - failedHere, received[p], "lines read from producer " + p);
        }
        assertEquals(failedTotal, orphans, "orphans skipped");
        // What makes the run a test of the wrap and of a full ring, not of an idle queue.
        assertTrue(paddings > 0 && failedTotal > 0, paddings + " paddings, " + failedTotal + " orphans");
        System.out.printf("EventRingStressTest: %d producers x %d lines, %d orphans, %d paddings, %d passes over a full ring%n",
                PRODUCERS, RECORDS, orphans, paddings, fullPasses);
    }

    private void produce(EventRing ring, int producer, AtomicIntegerArray failed) {
        SplittableRandom random = new SplittableRandom(producer * 7919L + 1);
        ByteBuffer line = ByteBuffer.allocate(ring.lineMax());
        for (int seq = 0; seq < RECORDS && !stop; seq++) {
            // Mostly short lines, some up to the longest the ring takes.
            int length = random.nextInt(16) == 0 ? random.nextInt(ID, ring.lineMax() + 1) : random.nextInt(ID, 200);
            fill(line, producer, seq, length);
            boolean orphan = random.nextInt(ORPHAN_EVERY) == 0;
            for (int round = 0; !stop; round++) {
                if (orphan) {
                    failed.set(producer * RECORDS + seq, 1); // before the claim: see check()
                    try {
                        if (ring.offer(line.slice(0, length - 1), 0, length) < 0) {
                            Thread.yield(); // full
                            continue;
                        }
                        throw new AssertionError("the line was copied from a source too short for it");
                    } catch (IndexOutOfBoundsException expected) {
                        break; // claimed, not committed: the orphan
                    }
                }
                if (ring.offer(line, 0, length) >= 0) {
                    break;
                }
                if (round > 0) {
                    Thread.yield(); // full: the consumer frees room
                }
            }
        }
    }

    private static void fill(ByteBuffer line, int producer, int seq, int length) {
        line.put(0, (byte) producer).putInt(1, seq);
        for (int i = ID; i < length; i++) {
            line.put(i, content(producer, seq, i));
        }
    }

    private static byte content(int producer, int seq, int i) {
        return (byte) (seq * 31 + i * 7 + producer);
    }

    /**
     * A line must come from a known producer, after its previous line, with only failed offers
     * between (their marks are set before the claim of a later line is committed, which the
     * consumer acquired), and hold the bytes it was given.
     */
    private static void check(byte[] bytes, int[] last, int[] received, AtomicIntegerArray failed) {
        assertTrue(bytes.length >= ID, "a line of " + bytes.length + " bytes");
        ByteBuffer line = ByteBuffer.wrap(bytes);
        int producer = line.get(0);
        int seq = line.getInt(1);
        assertTrue(producer >= 0 && producer < PRODUCERS && seq >= 0 && seq < RECORDS, "line " + producer + "/" + seq);
        assertTrue(seq > last[producer], "producer " + producer + ": line " + seq + " after line " + last[producer]);
        for (int skipped = last[producer] + 1; skipped < seq; skipped++) {
            if (failed.get(producer * RECORDS + skipped) == 0) {
                fail("producer " + producer + ": line " + skipped + " missing before line " + seq);
            }
        }
        assertEquals(0, failed.get(producer * RECORDS + seq), "producer " + producer + ": a failed line " + seq + " read");
        for (int i = ID; i < bytes.length; i++) {
            if (bytes[i] != content(producer, seq, i)) {
                fail("producer " + producer + ", line " + seq + ": byte " + i + " of " + bytes.length + " is " + bytes[i]);
            }
        }
        last[producer] = seq;
        received[producer]++;
    }
}
