package dev.syswrite.slf4j;

import dev.syswrite.logging.event.Level;
import java.util.Objects;

/**
 * SLF4J's levels in the engine's terms: the same five, by name. Comparisons, not a
 * {@code switch}: javac compiles a switch on an enum into a class of its own, first initialized
 * by the first call, which a caller out of stack would leave failed for good.
 */
final class Slf4jLevels {
    private Slf4jLevels() {}

    /** The engine's level; a malformed event with none throws NullPointerException, which its caller counts as lost. */
    static Level toEngine(org.slf4j.event.Level level) {
        Objects.requireNonNull(level, "the event has no level");
        if (level == org.slf4j.event.Level.TRACE) {
            return Level.TRACE;
        } else if (level == org.slf4j.event.Level.DEBUG) {
            return Level.DEBUG;
        } else if (level == org.slf4j.event.Level.INFO) {
            return Level.INFO;
        } else if (level == org.slf4j.event.Level.WARN) {
            return Level.WARN;
        }
        return Level.ERROR;
    }
}
