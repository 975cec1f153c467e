package dev.syswrite.slf4j;

import dev.syswrite.logging.EventWriter;
import dev.syswrite.logging.async.AsyncCounts;
import dev.syswrite.logging.event.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/**
 * Hands out one logger per name, each at the level the {@link LevelTable} gives its name, all
 * writing through the provider's one {@link EventWriter}; changes levels at run time; and hands
 * out the read-only views of the engine's counters.
 */
final class SysWriteLoggerFactory implements ILoggerFactory {
    private final EventWriter writer;
    private final LostEvents lostEvents;
    /** Null in the synchronous mode. */
    private final AsyncCounters asyncCounters;
    private final ConcurrentMap<String, SysWriteLogger> loggers = new ConcurrentHashMap<>();
    /** Guards changes of {@link #levels} and the loggers' creation, so no new logger misses a change. */
    private final Object levelLock = new Object();
    /** The levels in effect: the settings' at start, then as changed. */
    private volatile LevelTable levels;

    SysWriteLoggerFactory(LoggerConfig config, EventWriter writer) {
        this.writer = writer;
        this.levels = config.levels;
        this.lostEvents = new LostEvents(writer.losses());
        AsyncCounts async = writer.asyncCounts();
        this.asyncCounters = async == null ? null : new AsyncCounters(async);
    }

    EventWriter writer() {
        return writer;
    }

    LostEvents lostEvents() {
        return lostEvents;
    }

    /** The asynchronous mode's counters, or null in the synchronous mode. */
    AsyncCounters asyncCounters() {
        return asyncCounters;
    }

    @Override
    public Logger getLogger(String name) {
        SysWriteLogger logger = loggers.get(name);
        if (logger != null) {
            return logger;
        }
        synchronized (levelLock) {
            return loggers.computeIfAbsent(name, n -> new SysWriteLogger(n, levels.levelOf(n), writer));
        }
    }

    /** The levels in effect now. */
    LevelTable levels() {
        return levels;
    }

    /**
     * Sets the level of {@code name} and the loggers below it (every logger for
     * {@link LevelTable#ROOT}), existing and future; a null level removes the name's own level,
     * so it inherits again. Each logger changes at once and whole; loggers change one after the
     * other.
     */
    void applyLevel(String name, Level level) {
        synchronized (levelLock) {
            LevelTable next = levels.with(name, level);
            levels = next;
            for (SysWriteLogger logger : loggers.values()) {
                logger.setLevel(next.levelOf(logger.getName()));
            }
        }
    }

    /**
     * {@link #applyLevel} from a level's word, for the public ways in.
     *
     * @return false, setting nothing, if {@code name} is null or names no logger (an empty part
     *     between dots: {@code .}, {@code a..b}, {@code a.}), or {@code word} is no level
     */
    boolean setLevel(String name, String word) {
        Level level = word == null ? null : Level.ofWord(word);
        if (name == null || !isLoggerName(name) || word != null && level == null) {
            return false;
        }
        applyLevel(name, level);
        return true;
    }

    /** Whether {@code name} is the root's ({@code ""}) or a dotted name with no empty part. */
    private static boolean isLoggerName(String name) {
        return name.isEmpty() || name.charAt(0) != '.' && name.charAt(name.length() - 1) != '.' && !name.contains("..");
    }

    /** The word of the level in effect for {@code name}; null for a null name. */
    String levelOf(String name) {
        return name == null ? null : levels.levelOf(name).word();
    }

    /** The levels set by name, as words, sorted by name, the root's first as {@code ""}. */
    Map<String, String> levelsSet() {
        Map<String, String> words = new LinkedHashMap<>();
        levels.names().forEach((name, level) -> words.put(name, level.word()));
        return words;
    }
}
