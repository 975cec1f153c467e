package dev.syswrite.slf4j;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** Hands out one logger per name, all writing through the provider's one {@link EventWriter}. */
final class SysWriteLoggerFactory implements ILoggerFactory {
    private final EventWriter writer;
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    SysWriteLoggerFactory(EventWriter writer) {
        this.writer = writer;
    }

    EventWriter writer() {
        return writer;
    }

    LostEvents lostEvents() {
        return writer.lostEvents();
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new SysWriteLogger(n, writer));
    }
}
