package dev.syswrite.slf4j;

import dev.syswrite.logging.EventWriter;
import dev.syswrite.logging.async.AsyncCounts;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/**
 * Hands out one logger per name, each at the level the settings give its name, all writing
 * through the provider's one {@link EventWriter}; and the read-only views of the engine's counters.
 */
final class SysWriteLoggerFactory implements ILoggerFactory {
    private final LoggerConfig config;
    private final EventWriter writer;
    private final LostEvents lostEvents;
    /** Null in the synchronous mode. */
    private final AsyncCounters asyncCounters;
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    SysWriteLoggerFactory(LoggerConfig config, EventWriter writer) {
        this.config = config;
        this.writer = writer;
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
        return loggers.computeIfAbsent(name, n -> new SysWriteLogger(n, config.levelOf(n), writer));
    }
}
