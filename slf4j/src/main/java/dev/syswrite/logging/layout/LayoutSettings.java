package dev.syswrite.logging.layout;

import dev.syswrite.logging.event.ContextMap;

/**
 * What a line says, and how long it may be: the layouts' part of the engine's settings.
 *
 * @param format plain text or JSON Lines
 * @param time how much of the event's time each line writes
 * @param thread whether each line names the thread that logged it
 * @param names how much of the logger's name each line writes
 * @param mdc whether each line writes the logging thread's MDC
 * @param markers whether each line writes the event's markers
 * @param keyValues whether each line writes the event's key-value pairs
 * @param escape whether the text layout escapes control characters in a line's head (JSON always escapes)
 * @param lineMax the most bytes one line may take, its newline included; a longer one is cut
 * @param jsonFields the fields every JSON line carries after {@code ecs.version}, in order (the
 *     service fields, {@code event.dataset}, the user's own); none of the layout's own names
 */
public record LayoutSettings(Format format, TimePrecision time, boolean thread, LoggerNames names, boolean mdc, boolean markers,
        boolean keyValues, boolean escape, int lineMax, ContextMap jsonFields) {

    /** What a line is. */
    public enum Format {
        /** Plain text: {@link TextLayout}. */
        TEXT,
        /** One JSON object: {@link JsonLayout}. */
        JSON
    }

    /** How much of an event's time a line writes. */
    public enum TimePrecision {
        /** ISO-8601 UTC to the millisecond. */
        MILLIS(3),
        /** ISO-8601 UTC to the microsecond. */
        MICROS(6),
        /** No time at all. */
        NONE(0);

        private final int digits;

        TimePrecision(int digits) {
            this.digits = digits;
        }

        /**
         * Returns the digits after the seconds.
         *
         * @return 0, 3 or 6
         */
        public int digits() {
            return digits;
        }
    }

    /** How much of a logger's name a line writes. */
    public enum LoggerNames {
        /** The whole name: {@code com.example.Orders}. */
        FULL,
        /** The part after the last dot: {@code Orders}. */
        SHORT,
        /** None of it. */
        NONE
    }
}
