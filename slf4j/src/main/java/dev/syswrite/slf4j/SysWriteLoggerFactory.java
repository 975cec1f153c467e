package dev.syswrite.slf4j;

import dev.syswrite.logging.EventWriter;
import dev.syswrite.logging.async.AsyncCounts;
import dev.syswrite.logging.event.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/**
 * Hands out one logger per name, each at the level the {@link LevelTable} gives its name, all
 * writing through the provider's one {@link EventWriter}; changes levels, and the writer itself,
 * at run time; and hands out the read-only views of the engine's counters.
 */
final class SysWriteLoggerFactory implements ILoggerFactory {
    /** Opens a writer for a configuration: the provider's, with its reports on stderr. */
    private final Function<LoggerConfig, EventWriter> opener;
    /** The writer in effect, and the views of its counters; replaced together under {@link #levelLock}. */
    private volatile Output output;
    private final ConcurrentMap<String, SysWriteLogger> loggers = new ConcurrentHashMap<>();
    /**
     * Guards changes of {@link #levels} and of {@link #output}, and the loggers' creation, so no
     * new logger misses a change.
     */
    private final Object levelLock = new Object();
    /** Orders reconfigurations: each opens its writer, switches to it and retires the old one, whole. */
    private final Object reconfigureLock = new Object();
    /** The levels in effect: the settings' at start, then as changed. */
    private volatile LevelTable levels;

    /** A writer and the views of its counters; the async ones null in the synchronous mode. */
    private record Output(EventWriter writer, LostEvents lostEvents, AsyncCounters asyncCounters) {
        static Output of(EventWriter writer) {
            AsyncCounts async = writer.asyncCounts();
            return new Output(writer, new LostEvents(writer.losses()), async == null ? null : new AsyncCounters(async));
        }
    }

    SysWriteLoggerFactory(LoggerConfig config, Function<LoggerConfig, EventWriter> opener) {
        this.opener = opener;
        this.levels = config.levels;
        this.output = Output.of(opener.apply(config));
    }

    EventWriter writer() {
        return output.writer();
    }

    /** The counters of the writer in effect (since the last {@link #reconfigure}, if any). */
    LostEvents lostEvents() {
        return output.lostEvents();
    }

    /** The asynchronous mode's counters, or null in the synchronous mode. */
    AsyncCounters asyncCounters() {
        return output.asyncCounters();
    }

    /**
     * Starts again with {@code config}: its levels replace those in effect (levels changed at run
     * time since are dropped), and a new writer takes its output, layout and mode, unless they
     * are the ones in effect. Each logger switches at once and whole; an event logged before goes
     * where it went. The old writer is then retired ({@link EventWriter#retire()}): its queue is
     * drained and its thread ended, but its output stays open, since a call that read it just
     * before may still be writing through it. One reconfiguration at a time, in the order called.
     */
    void reconfigure(LoggerConfig config) {
        synchronized (reconfigureLock) {
            EventWriter old = output.writer();
            EventWriter next = config.settings.equals(old.settings()) ? old : opener.apply(config);
            synchronized (levelLock) {
                if (next != old) {
                    output = Output.of(next);
                    for (SysWriteLogger logger : loggers.values()) {
                        logger.setWriter(next);
                    }
                }
                putLevels(config.levels);
            }
            if (next != old) {
                old.retire();
            }
        }
    }

    @Override
    public Logger getLogger(String name) {
        SysWriteLogger logger = loggers.get(name);
        if (logger != null) {
            return logger;
        }
        synchronized (levelLock) {
            return loggers.computeIfAbsent(name, n -> new SysWriteLogger(n, levels.levelOf(n), output.writer()));
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
            putLevels(levels.with(name, level));
        }
    }

    /** Puts {@code next} in effect for every logger, existing and future; under {@link #levelLock}. */
    private void putLevels(LevelTable next) {
        levels = next;
        for (SysWriteLogger logger : loggers.values()) {
            logger.setLevel(next.levelOf(logger.getName()));
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

    /** The names of the loggers made so far, sorted. */
    List<String> loggerNames() {
        List<String> names = new ArrayList<>(loggers.keySet());
        Collections.sort(names);
        return names;
    }

    /** The levels set by name, as words, sorted by name, the root's first as {@code ""}. */
    Map<String, String> levelsSet() {
        Map<String, String> words = new LinkedHashMap<>();
        levels.names().forEach((name, level) -> words.put(name, level.word()));
        return words;
    }
}
