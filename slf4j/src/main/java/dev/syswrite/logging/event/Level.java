package dev.syswrite.logging.event;

import java.util.Locale;

/**
 * How severe an event is, and the threshold a logger or a setting compares it with: an event
 * passes a threshold at its own level or below it. {@link #OFF} is a threshold only, above every
 * event's level, so that nothing passes it; no event has it.
 */
public enum Level {
    /** The finest detail. */
    TRACE,
    /** What a developer needs to follow the program. */
    DEBUG,
    /** What an operator wants to know happened. */
    INFO,
    /** Something unexpected that the program got past. */
    WARN,
    /** Something that failed. */
    ERROR,
    /** The threshold that no event passes. */
    OFF;

    /** How many levels an event can have: TRACE to ERROR, each its {@code ordinal()} below this. */
    public static final int EVENT_LEVELS = OFF.ordinal();

    private final String word = name().toLowerCase(Locale.ROOT);
    private final String json = '"' + name() + '"';

    /**
     * Tells whether an event of this level passes {@code threshold}.
     *
     * @param threshold the least level that passes
     * @return whether this level is {@code threshold} or above it
     */
    public boolean passes(Level threshold) {
        return compareTo(threshold) >= 0;
    }

    /**
     * Returns the level as settings write it.
     *
     * @return the name in lower case: {@code info}
     */
    public String word() {
        return word;
    }

    /**
     * Returns the level as a JSON string, quotes included, so a layout appends it as it is.
     *
     * @return {@code "INFO"} with its quotes
     */
    public String json() {
        return json;
    }

    /**
     * Returns the level a settings word names, in any case and without the spaces around it.
     *
     * @param word {@code trace}, {@code debug}, {@code info}, {@code warn}, {@code error} or {@code off}
     * @return the level, or null if the word names none
     */
    public static Level ofWord(String word) {
        String w = word.strip().toLowerCase(Locale.ROOT);
        for (Level level : values()) {
            if (level.word.equals(w)) {
                return level;
            }
        }
        return null;
    }
}
