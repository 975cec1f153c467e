package dev.syswrite.slf4j.testkit;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM that logs long lines from several threads at once, through the provider chosen by
 * {@code -Dslf4j.provider}: event {@code i} of thread {@code t} is {@code "t i"} and then
 * {@link #padding(int, int)} x's, 5 to 60 KB.
 *
 * <p>usage: {@code LongLineChild THREADS EVENTS}
 */
public final class LongLineChild {
    private LongLineChild() {}

    /** The length of event {@code i}'s padding on thread {@code t}: spread over 5 to 60 KB. */
    public static int padding(int t, int i) {
        return 5_000 + (int) (((t * 7919L + i) * 104_729L) % 55_000);
    }

    public static void main(String[] args) throws InterruptedException {
        int threads = Integer.parseInt(args[0]);
        int events = Integer.parseInt(args[1]);
        Logger log = LoggerFactory.getLogger("long");
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < events; i++) {
                    log.info("{} {} {}", id, i, "x".repeat(padding(id, i)));
                }
            });
            thread.start();
            running.add(thread);
        }
        for (Thread thread : running) {
            thread.join();
        }
    }
}
