package dev.syswrite.slf4j;

import dev.syswrite.logging.event.Level;

/** SLF4J's levels in the engine's terms: the same five, by name. */
final class Slf4jLevels {
    private Slf4jLevels() {}

    static Level toEngine(org.slf4j.event.Level level) {
        return switch (level) {
            case TRACE -> Level.TRACE;
            case DEBUG -> Level.DEBUG;
            case INFO -> Level.INFO;
            case WARN -> Level.WARN;
            case ERROR -> Level.ERROR;
        };
    }
}
