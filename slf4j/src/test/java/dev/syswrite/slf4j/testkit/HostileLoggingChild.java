package dev.syswrite.slf4j.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM for what cannot be tried inside the test's own: the provider chosen by
 * {@code -Dslf4j.provider}, under the JVM options the parent gives. Says on stdout what it got
 * through, so the parent can tell a logging call that returned from one that threw.
 *
 * <p>usage: {@code HostileLoggingChild interrupted|huge}
 */
public final class HostileLoggingChild {
    private HostileLoggingChild() {}

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("child");
        switch (args[0]) {
            case "interrupted" -> {
                Thread.currentThread().interrupt();
                log.info("logged while interrupted");
                System.out.println("interrupted still " + Thread.currentThread().isInterrupted());
                System.err.println("stderr still open");
                log.info("logged after");
            }
            case "huge" -> {
                log.info("ascii {}", "x".repeat(50_000_000));
                System.out.println("returned");
                log.info("two-byte {}", "\u00e9".repeat(20_000_000));
                System.out.println("returned");
                log.info("after");
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
