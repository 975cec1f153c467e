package dev.syswrite.logging.layout;

import dev.syswrite.logging.event.ContextMap;
import dev.syswrite.logging.event.KeyValue;
import dev.syswrite.logging.event.Level;
import dev.syswrite.logging.text.LineBuilder;
import java.util.List;
import java.util.function.Supplier;

/**
 * How one event becomes the text of one line in its slot's {@link LineBuilder}: the plain text
 * layout ({@link TextLayout}) or JSON Lines ({@link JsonLayout}), as {@link LayoutSettings#format()}
 * chooses ({@link #of}). The engine's writer ({@code dev.syswrite.logging.EventWriter}, above this
 * package) takes the slot, resets its line, calls {@link #head} and {@link #body}, then encodes the
 * line and writes it; a layout only appends text, calls no sink and keeps no state of its own
 * between the two calls but what the slot holds.
 */
public interface Layout {
    /**
     * Whether the encoder must escape the control characters of the line's head on the way out
     * (the text layout's {@link LayoutSettings#escape()}); a layout that escapes as it appends says no.
     *
     * @return whether the encoder escapes
     */
    boolean escapesOnEncode();

    /**
     * The layout the settings choose.
     *
     * @param settings the format and what the line holds
     * @param mdc the logging thread's diagnostic context as it is at the call (null or empty for none)
     * @return a text or a JSON layout
     */
    static Layout of(LayoutSettings settings, Supplier<ContextMap> mdc) {
        return settings.format() == LayoutSettings.Format.JSON ? new JsonLayout(settings, mdc) : new TextLayout(settings, mdc);
    }

    /**
     * Starts the line: time, thread, level, logger and markers.
     *
     * @param slot the event's working memory, taken by the caller
     * @param epochMicros the event's time, when the configuration writes one
     * @param thread the thread's name, or null for the calling thread's
     * @param level the event's level
     * @param logger the logger's name
     * @param marker a marker's name, or null
     * @param markers more markers' names (the fluent API's), or null
     */
    void head(EventBuffers.Slot slot, long epochMicros, String thread, Level level, String logger, String marker, List<String> markers);

    /**
     * Ends the line: MDC, key-value pairs, the message of {@code pattern} with {@code count}
     * arguments (from {@code more}, or else {@code a1} and {@code a2}), the Throwable; then
     * {@link LineBuilder#startBody()} and what follows it, the newline included.
     *
     * @param slot the event's working memory, whose line {@link #head} started
     * @param keyValues the event's key-value pairs, or null
     * @param pattern the message, with {@code {}} where an argument goes
     * @param count how many arguments there are
     * @param a1 the first argument, where {@code more} is null
     * @param a2 the second argument, where {@code more} is null
     * @param more all the arguments, or null
     * @param throwable printed after the message with its stack trace, or null
     */
    void body(EventBuffers.Slot slot, List<KeyValue> keyValues, String pattern, int count, Object a1, Object a2, Object[] more,
            Throwable throwable);
}
