package dev.syswrite.slf4j.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM whose first logging calls overflow the stack, on a thread with a small stack: each
 * class the logging path initializes on first use would have its initializer cut short there,
 * and fail for good, in every thread. Then it logs events that need escapes and a stack trace,
 * and prints on stdout whether the application's own {@code String.format} and
 * {@code AtomicLongArray} still work.
 */
public final class OverflowFirstChild {
    private static Logger log;
    private static int bottom;

    private OverflowFirstChild() {}

    public static void main(String[] args) throws InterruptedException {
        log = LoggerFactory.getLogger("x");
        Thread diver = new Thread(null, () -> {
            for (int d = 0; d < 3; d++) {
                bottom = 0;
                dive(0);
            }
        }, "diver", 256 << 10);
        diver.start();
        diver.join();
        log.info("after: a tab\there");
        log.info("after: a \"quote\" and a newline\nhere");
        log.error("after: an exception", new IllegalStateException("boom"));
        log.info("after: plain");
        System.out.println("String.format " + String.format("%d", 42));
        System.out.println("AtomicLongArray " + new java.util.concurrent.atomic.AtomicLongArray(1));
    }

    /** To the bottom of the stack, then an event from each of the frames near it, on the way back up. */
    private static void dive(int depth) {
        try {
            dive(depth + 1);
        } catch (StackOverflowError e) {
            if (depth > bottom) { // no call: there is no stack for one
                bottom = depth;
            }
        }
        if (bottom - depth < 3000) {
            log.info("dive {} \t tab", depth);
        }
    }
}
