package dev.syswrite.slf4j;

import dev.syswrite.logging.event.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The levels of loggers by name, as an immutable value: a change makes a new table, which the
 * factory publishes whole. A level set for a name covers that logger and the loggers below it in
 * the dotted hierarchy, as slf4j-simple and Logback read it ({@code com.foo} covers
 * {@code com.foo} and {@code com.foo.Bar}, never {@code com.foobar}; Logback's {@code $}
 * separates nested classes); the name {@code ""} stands for every logger (the root).
 */
final class LevelTable {
    /** The name that stands for every logger. */
    static final String ROOT = "";

    /** The root's level when no setting names it: {@code syswrite.logger.level}, as read at start. */
    private final Level startRoot;
    /** Levels by name, the root's included once it was set. */
    private final Map<String, Level> byName;

    LevelTable(Level startRoot, Map<String, Level> byName) {
        this.startRoot = startRoot;
        this.byName = Map.copyOf(byName);
    }

    /**
     * The level in effect for the logger {@code loggerName}: that of the most specific name set
     * that covers it, or the root's.
     */
    Level levelOf(String loggerName) {
        for (String name = loggerName; ; ) {
            Level level = byName.get(name);
            if (level != null) {
                return level;
            }
            int parent = Math.max(name.lastIndexOf('.'), name.lastIndexOf('$'));
            if (parent < 0) {
                return root();
            }
            name = name.substring(0, parent);
        }
    }

    /** The level of loggers no other name covers. */
    Level root() {
        return byName.getOrDefault(ROOT, startRoot);
    }

    /** The level set for exactly {@code name}, or null if it inherits one. */
    Level levelSetFor(String name) {
        return byName.get(name);
    }

    /**
     * This table with {@code name} at {@code level}; a null level removes the name's own level
     * (the root's goes back to the one read at start).
     */
    LevelTable with(String name, Level level) {
        Map<String, Level> next = new HashMap<>(byName);
        if (level == null) {
            next.remove(name);
        } else {
            next.put(name, level);
        }
        return new LevelTable(startRoot, next);
    }

    /** The names set and their levels, sorted by name, the root's first as {@code ""}. */
    Map<String, Level> names() {
        Map<String, Level> sorted = new TreeMap<>(byName);
        sorted.putIfAbsent(ROOT, startRoot);
        return sorted;
    }
}
