package dev.syswrite.slf4j.testkit;

import dev.syswrite.logging.output.Notices;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM, logging asynchronously to stderr, that exits with events queued while stderr
 * takes no more bytes and the writer thread is not draining: it fills the stalled pipe, then
 * holds the writer thread in a notice printed to it (as a failure report to a stalled stderr
 * would), then logs and returns. The shutdown drain finds the drain lock free; a drain on the
 * exiting thread itself would block in its {@code writev} for good.
 *
 * <p>usage: {@code IdleWriterExitChild EVENTS}, with nothing else printed to stderr before it
 * fills the pipe ({@code -Dslf4j.internal.verbosity=WARN}); exits with 3 if the writer never
 * began printing.
 */
public final class IdleWriterExitChild {
    /** A pipe's default capacity: a write of this much to the empty pipe returns, the next blocks. */
    private static final int PIPE_CAPACITY = 65_536;

    private IdleWriterExitChild() {}

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(args[0]);
        Logger log = LoggerFactory.getLogger("idle"); // starts the provider and its writer thread
        Thread writer = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("syswrite-logger-writer")).findFirst().orElseThrow();
        System.err.write(new byte[PIPE_CAPACITY]);
        System.err.flush();
        Notices.queue("held: the writer thread prints this to a full pipe");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!printing(writer)) {
            if (System.nanoTime() > deadline) {
                System.out.println("the writer never began printing");
                System.exit(3);
            }
            LockSupport.unpark(writer); // it may sleep until a producer wakes it
            Thread.sleep(10);
        }
        for (int i = 0; i < events; i++) {
            log.info("queued {}", i);
        }
    }

    /** Whether the writer thread is in the write(2) of a notice. */
    private static boolean printing(Thread writer) {
        StackTraceElement[] stack = writer.getStackTrace();
        return Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(Notices.class.getName()))
                && Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals("java.io.FileOutputStream"));
    }
}
