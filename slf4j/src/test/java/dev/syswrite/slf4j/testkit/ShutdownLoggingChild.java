package dev.syswrite.slf4j.testkit;

import org.slf4j.LoggerFactory;

/**
 * A child JVM whose first logging call is made from a shutdown hook, so the provider starts while
 * the JVM is already shutting down: in the asynchronous mode it cannot register its own hook, and
 * must write synchronously rather than throw or lose the event.
 */
public final class ShutdownLoggingChild {
    private ShutdownLoggingChild() {}

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LoggerFactory.getLogger("hook").info("logged from a shutdown hook")));
    }
}
