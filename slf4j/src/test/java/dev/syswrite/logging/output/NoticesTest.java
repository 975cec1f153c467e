package dev.syswrite.logging.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.PureJava;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notices are one queue per JVM, printed by whichever thread gets there: a logging call must
 * never wait for another thread's printing, and a flush or reopen must not return before a
 * notice another thread took from the queue is on stderr.
 */
@PureJava
class NoticesTest {
    /** stderr whose first line stops its printer until {@link #release} opens. */
    private final CountDownLatch printing = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream realErr;

    @BeforeEach
    void routeStderr() {
        Notices.printAll(); // what earlier tests left
        realErr = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (printing.getCount() > 0) {
                    printing.countDown();
                    awaitQuietly(release);
                }
                synchronized (printed) {
                    printed.write(b, off, len);
                }
            }
        }, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        release.countDown();
        System.setErr(realErr);
    }

    @Test
    void aLoggingCallDoesNotWaitForAnotherThreadsPrinting() throws Exception {
        Notices.queue("first");
        Thread printer = startPrinting();
        Notices.queue("second");
        Notices.print(); // returns although the printer is stopped: it prints "second" too
        assertEquals("", said());
        release.countDown();
        Notices.printAll(); // the printer may be another provider's thread: wait for whichever prints
        printer.join(10_000);
        assertEquals("first\nsecond\n", said().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void printAllReturnsOnceANoticeAnotherThreadTookIsPrinted() throws Exception {
        Notices.queue("taken by the printer");
        Thread printer = startPrinting();
        Thread releaser = new Thread(() -> {
            sleepQuietly(200);
            release.countDown();
        });
        releaser.start();
        Notices.printAll();
        assertEquals("taken by the printer\n", said().replace(System.lineSeparator(), "\n"));
        printer.join(10_000);
        releaser.join(10_000);
    }

    @Test
    void aNoticeQueuedWhileStderrPrintsIsPrintedByThatPrinter() throws Exception {
        Notices.queue("one");
        Thread printer = startPrinting();
        for (int i = 0; i < 100; i++) {
            Notices.queue("more " + i);
            Notices.print(); // finds the printer busy each time
        }
        release.countDown();
        Notices.printAll();
        printer.join(10_000);
        String said = said();
        assertEquals(101, said.lines().count(), said);
        assertTrue(said.lines().skip(1).allMatch(line -> line.startsWith("more ")), said);
    }

    /**
     * A thread that takes the queued notices and stops in the first line's print. Another
     * provider's thread, left by an earlier test in this JVM, may get there first: it is then
     * the one stopped, which these tests allow for.
     */
    private Thread startPrinting() throws InterruptedException {
        Thread printer = new Thread(Notices::print, "printer");
        printer.start();
        assertTrue(printing.await(10, TimeUnit.SECONDS), "the printer never printed");
        return printer;
    }

    private String said() {
        synchronized (printed) {
            return printed.toString(StandardCharsets.UTF_8);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
