package dev.syswrite.logging;

import dev.syswrite.logging.event.KeyValue;
import dev.syswrite.logging.event.Level;
import java.util.List;

/**
 * An event with details of its own, as a fluent API builds it or a front end replays it: its own
 * time and thread, any number of markers, key-value pairs. Rarer than the common event, which
 * {@link EventWriter} takes as arguments, and allowed to cost an object.
 *
 * @param level the event's level, never {@link Level#OFF}
 * @param epochMillis its time, or 0 for now
 * @param thread its thread's name, or null for the calling thread's
 * @param markers its markers' names, or null
 * @param keyValues its key-value pairs, or null
 * @param pattern its message, with {@code {}} where an argument goes
 * @param arguments the arguments, or null
 * @param count how many of {@code arguments} the message takes, from the first
 * @param throwable printed after the message with its stack trace, or null
 */
public record DetailedEvent(Level level, long epochMillis, String thread, List<String> markers, List<KeyValue> keyValues, String pattern,
        Object[] arguments, int count, Throwable throwable) {}
