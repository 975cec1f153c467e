package org.slf4j;

/** Reaches LoggerFactory's package-private reset, so a test can make SLF4J start again. */
public final class LoggerFactoryFriend {
    private LoggerFactoryFriend() {}

    public static void reset() {
        LoggerFactory.reset();
    }
}
