package dev.syswrite.slf4j;

import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * How one event becomes the text of one line in its slot's {@link LineBuilder}: the plain text
 * layout ({@link TextLayout}) or JSON Lines ({@link JsonLayout}), as {@code syswrite.logger.format}
 * chooses. {@link EventWriter} takes the slot, resets its line, calls {@link #head} and
 * {@link #body}, then encodes the line and writes it; a layout only appends text, calls no sink
 * and keeps no state of its own between the two calls but what the slot holds.
 */
interface Layout {
    /**
     * Whether the encoder must escape the control characters of the line's head on the way out
     * (the text layout's {@code syswrite.logger.escape}); a layout that escapes as it appends says no.
     */
    boolean escapesOnEncode();

    /**
     * Starts the line: time, thread, level, logger and markers.
     *
     * @param epochMicros the event's time, when the configuration writes one
     * @param thread the thread's name, or null for the calling thread's
     * @param marker a marker, or null
     * @param markers more markers (the fluent API's), or null
     */
    void head(EventBuffers.Slot slot, long epochMicros, String thread, int level, String logger, Marker marker, List<Marker> markers);

    /**
     * Ends the line: MDC, key-value pairs, the message of {@code pattern} with {@code count}
     * arguments (from {@code more}, or else {@code a1} and {@code a2}), the Throwable; then
     * {@link LineBuilder#startBody()} and what follows it, the newline included.
     */
    void body(EventBuffers.Slot slot, List<KeyValuePair> keyValues, String pattern, int count, Object a1, Object a2, Object[] more,
            Throwable throwable);
}
