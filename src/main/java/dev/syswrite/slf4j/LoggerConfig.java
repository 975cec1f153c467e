package dev.syswrite.slf4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The provider's settings, in the manner of slf4j-simple: each key is read from the system
 * properties first, then from {@code syswrite-logger.properties} on the class path.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>values</th><th>default</th></tr>
 *   <tr><td>{@code syswrite.logger.level}</td><td>trace, debug, info, warn, error, off</td><td>info</td></tr>
 *   <tr><td>{@code syswrite.logger.level.<prefix>}</td><td>a level for loggers whose name starts with
 *       {@code <prefix>}; the longest matching prefix wins</td><td></td></tr>
 *   <tr><td>{@code syswrite.logger.output}</td><td>stderr, stdout, or a file path, opened for append and
 *       created if missing</td><td>stderr</td></tr>
 *   <tr><td>{@code syswrite.logger.time}</td><td>millis, micros (ISO-8601 UTC), none</td><td>millis</td></tr>
 *   <tr><td>{@code syswrite.logger.thread}</td><td>true, false</td><td>true</td></tr>
 *   <tr><td>{@code syswrite.logger.name}</td><td>full, short (the part after the last dot), none</td><td>full</td></tr>
 *   <tr><td>{@code syswrite.logger.mdc}</td><td>true, false</td><td>true</td></tr>
 *   <tr><td>{@code syswrite.logger.markers}</td><td>true, false</td><td>true</td></tr>
 * </table>
 *
 * <p>A bad value never throws: it is reported in one line on stderr and its default is used.
 */
final class LoggerConfig {
    static final String PREFIX = "syswrite.logger.";
    static final String RESOURCE = "syswrite-logger.properties";

    /** SLF4J's levels in order; OFF silences a logger. */
    static final String[] LEVELS = {"trace", "debug", "info", "warn", "error", "off"};
    static final int OFF = 5;

    final int defaultLevel;
    /** Name prefix to level. */
    final Map<String, Integer> prefixLevels;
    final String output;
    /** 0 (no time), 3 (millis) or 6 (micros). */
    final int timeDigits;
    final boolean thread;
    /** "full", "short" or "none". */
    final String name;
    final boolean mdc;
    final boolean markers;
    /** What was wrong with the settings, each as "key=value (why)"; empty if nothing. */
    final List<String> problems;

    private LoggerConfig(Properties settings, List<String> earlierProblems) {
        List<String> problems = new ArrayList<>(earlierProblems);
        Map<String, Integer> prefixLevels = new TreeMap<>();
        for (String key : settings.stringPropertyNames()) {
            if (key.startsWith(PREFIX + "level.")) {
                Integer level = level(settings.getProperty(key), key, problems);
                if (level != null) {
                    prefixLevels.put(key.substring((PREFIX + "level.").length()), level);
                }
            } else if (key.startsWith(PREFIX) && !List.of("level", "output", "time", "thread", "name", "mdc", "markers")
                    .contains(key.substring(PREFIX.length()))) {
                problems.add(key + " (unknown key)");
            }
        }
        Integer level = level(settings.getProperty(PREFIX + "level", "info"), PREFIX + "level", problems);
        this.defaultLevel = level == null ? 2 : level;
        this.prefixLevels = Map.copyOf(prefixLevels);
        this.output = settings.getProperty(PREFIX + "output", "stderr").trim();
        this.timeDigits = switch (choice(settings, "time", "millis", problems, "millis", "micros", "none")) {
            case "micros" -> 6;
            case "none" -> 0;
            default -> 3;
        };
        this.thread = Boolean.parseBoolean(choice(settings, "thread", "true", problems, "true", "false"));
        this.name = choice(settings, "name", "full", problems, "full", "short", "none");
        this.mdc = Boolean.parseBoolean(choice(settings, "mdc", "true", problems, "true", "false"));
        this.markers = Boolean.parseBoolean(choice(settings, "markers", "true", problems, "true", "false"));
        this.problems = List.copyOf(problems);
    }

    /** The settings now in force: system properties over the class-path file. */
    static LoggerConfig load() {
        Properties settings = new Properties();
        List<String> problems = new ArrayList<>();
        ClassLoader loader = LoggerConfig.class.getClassLoader();
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(RESOURCE) : loader.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                settings.load(in);
            }
        } catch (IOException | IllegalArgumentException e) {
            problems.add(RESOURCE + " (unreadable: " + e.getMessage() + ")");
        }
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                settings.setProperty(key, System.getProperty(key));
            }
        }
        return new LoggerConfig(settings, problems);
    }

    /** Parses settings as {@link #load()} would, for tests and for callers with their own source. */
    static LoggerConfig of(Properties settings) {
        return new LoggerConfig(settings, List.of());
    }

    /** The level of the logger {@code loggerName}: its longest matching prefix's, or the default. */
    int levelOf(String loggerName) {
        int level = defaultLevel;
        int longest = -1;
        for (Map.Entry<String, Integer> e : prefixLevels.entrySet()) {
            String prefix = e.getKey();
            if (prefix.length() > longest && loggerName.startsWith(prefix)) {
                level = e.getValue();
                longest = prefix.length();
            }
        }
        return level;
    }

    private static Integer level(String value, String key, List<String> problems) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < LEVELS.length; i++) {
            if (LEVELS[i].equals(v)) {
                return i;
            }
        }
        problems.add(key + "=" + value + " (not one of " + String.join(", ", LEVELS) + ")");
        return null;
    }

    private static String choice(Properties settings, String key, String fallback, List<String> problems, String... allowed) {
        String value = settings.getProperty(PREFIX + key, fallback).trim().toLowerCase(Locale.ROOT);
        if (List.of(allowed).contains(value)) {
            return value;
        }
        problems.add(PREFIX + key + "=" + settings.getProperty(PREFIX + key) + " (not one of " + String.join(", ", allowed) + ")");
        return fallback;
    }
}
