package dev.syswrite.slf4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.HashMap;

/**
 * The provider's settings, in the manner of slf4j-simple: each key is read from the system
 * properties first, then from {@code syswrite-logger.properties} on the class path.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>values</th><th>default</th></tr>
 *   <tr><td>{@code syswrite.logger.level}</td><td>trace, debug, info, warn, error, off</td><td>info</td></tr>
 *   <tr><td>{@code syswrite.logger.level.<name>}</td><td>a level for the logger {@code <name>} and the
 *       loggers below it ({@code <name>.*}, {@code <name>$*}); the most specific one wins; an empty
 *       name is a bad setting</td><td></td></tr>
 *   <tr><td>{@code syswrite.logger.output}</td><td>stderr, stdout, or a file path, opened for append and
 *       created if missing</td><td>stderr</td></tr>
 *   <tr><td>{@code syswrite.logger.format}</td><td>text, json (JSON Lines: one object a line, with the
 *       Elastic Common Schema's field names; see {@link JsonLayout})</td><td>text</td></tr>
 *   <tr><td>{@code syswrite.logger.time}</td><td>millis, micros (ISO-8601 UTC), none</td><td>millis</td></tr>
 *   <tr><td>{@code syswrite.logger.thread}</td><td>true, false</td><td>true</td></tr>
 *   <tr><td>{@code syswrite.logger.name}</td><td>full, short (the part after the last dot), none</td><td>full</td></tr>
 *   <tr><td>{@code syswrite.logger.mdc}</td><td>true, false</td><td>true</td></tr>
 *   <tr><td>{@code syswrite.logger.markers}</td><td>true, false</td><td>true</td></tr>
 *   <tr><td>{@code syswrite.logger.keyvalues}</td><td>true, false</td><td>true</td></tr>
 *   <tr><td>{@code syswrite.logger.escape}</td><td>true (control characters of every field but the
 *       stack trace's line breaks are escaped, so no input can forge a line), false</td><td>true</td></tr>
 *   <tr><td>{@code syswrite.logger.line.max}</td><td>the most bytes one event may take, as a number
 *       with an optional {@code k} or {@code m} (KiB, MiB), from 1k to 256m; a longer event is cut
 *       and ends with a truncation mark</td><td>1m</td></tr>
 *   <tr><td>{@code syswrite.logger.mode}</td><td>sync (each event is in the kernel when the call
 *       returns), async (the caller queues the event in a ring that a writer thread drains, one
 *       {@code writev(2)} per batch; needs syswrite's native library)</td><td>sync</td></tr>
 *   <tr><td>{@code syswrite.logger.sync.level}</td><td>in async mode, the level from which an event
 *       is in the kernel, after everything queued before it, when the call returns: trace, debug,
 *       info, warn, error, off</td><td>error</td></tr>
 *   <tr><td>{@code syswrite.logger.fsync.level}</td><td>the level from which an event is on stable
 *       storage, synced with {@code fdatasync(2)}, when the call returns (in async mode after
 *       everything queued before it): trace, debug, info, warn, error, off</td><td>off</td></tr>
 *   <tr><td>{@code syswrite.logger.async.full}</td><td>what an event does when the ring is full:
 *       block (wait for room), drop (counted by level in {@code AsyncCounters}; never an event at
 *       {@code sync.level} or {@code fsync.level}, which its caller writes), sync (its caller
 *       writes it, after everything queued)</td><td>block</td></tr>
 *   <tr><td>{@code syswrite.logger.async.ring}</td><td>the ring's size, rounded up to a power of two,
 *       from 64k to 1024m, off the heap; a line longer than half of it is written by its caller,
 *       in order</td><td>4m</td></tr>
 *   <tr><td>{@code syswrite.logger.async.wait}</td><td>how the writer waits for events: park (up
 *       to 1 ms while events come, indefinitely after a second without), spin (never parks, for a
 *       core of its own)</td><td>park</td></tr>
 *   <tr><td>{@code syswrite.logger.reopen.interval}</td><td>for a file output, how often to check
 *       that the path still names the open file, and open it again if not (renamed or deleted by
 *       {@code logrotate}): milliseconds, or a number with {@code ms} or {@code s}, from 10ms to
 *       1h; {@code off} (or 0, with any unit) checks only when the application calls
 *       {@code SysWriteLogging.reopen()}</td><td>1s</td></tr>
 *   <tr><td>{@code syswrite.logger.rollover.size}</td><td>for a file output, the size from which it
 *       is rolled ({@code app.log} to {@code app.log.1}, and so on): a number with an optional
 *       {@code k}, {@code m} or {@code g}, from 1k; or {@code off} (or 0, with any unit)</td><td>off</td></tr>
 *   <tr><td>{@code syswrite.logger.rollover.keep}</td><td>how many rolled files to keep, from 1 to
 *       1000; older ones are deleted if this provider created them</td><td>7</td></tr>
 * </table>
 *
 * <p>Each value is read without the spaces around it, and the words and units above in any case
 * ({@code STDOUT} is {@code stdout}); only a file path keeps its case ({@code ./STDOUT} for a
 * file of that name). A bad value never throws: it is reported in one line on stderr and its
 * default is used. A line of the file that the properties format cannot read is reported there
 * too, by its number, and ignored alone: every other line is applied.
 */
final class LoggerConfig {
    static final String PREFIX = "syswrite.logger.";
    static final String RESOURCE = "syswrite-logger.properties";

    /** SLF4J's levels in order; OFF silences a logger. */
    static final String[] LEVELS = {"trace", "debug", "info", "warn", "error", "off"};
    static final int OFF = 5;

    /** The bounds of {@code line.max}: room for a stack frame or two, and far below the int range. */
    static final int LINE_MAX_LEAST = 1 << 10;
    static final int LINE_MAX_MOST = 256 << 20;
    static final int LINE_MAX_DEFAULT = 1 << 20;

    /** The bounds of {@code async.ring}. */
    static final int RING_LEAST = 64 << 10;
    static final int RING_MOST = 1 << 30;
    static final int RING_DEFAULT = 4 << 20;

    private static final List<String> KEYS = List.of("level", "output", "format", "time", "thread", "name", "mdc", "markers", "keyvalues",
            "escape", "line.max", "mode", "sync.level", "async.full", "async.ring", "async.wait", "reopen.interval", "rollover.size",
            "rollover.keep", "fsync.level");

    /** The bounds of {@code reopen.interval}, in milliseconds. */
    static final long REOPEN_LEAST_MILLIS = 10;
    static final long REOPEN_MOST_MILLIS = 3_600_000;
    static final long REOPEN_DEFAULT_MILLIS = 1000;
    /** The bounds of {@code rollover.keep}. */
    static final int KEEP_MOST = 1000;
    static final int KEEP_DEFAULT = 7;

    final int defaultLevel;
    /** Logger name to level, for it and the loggers below it. */
    final Map<String, Integer> prefixLevels;
    final String output;
    /** Whether lines are JSON objects ({@link JsonLayout}) rather than text ({@link TextLayout}). */
    final boolean json;
    /** 0 (no time), 3 (millis) or 6 (micros). */
    final int timeDigits;
    final boolean thread;
    /** "full", "short" or "none". */
    final String name;
    final boolean mdc;
    final boolean markers;
    final boolean keyValues;
    final boolean escape;
    /** The most bytes one event's line may take, its newline included. */
    final int lineMax;
    /** Whether events go through the ring of {@link AsyncWriter}. */
    final boolean async;
    /** In async mode, the level from which a call returns once its event is in the kernel; {@link #OFF} for none. */
    final int syncLevel;
    /** The level from which a call returns once its event is synced to stable storage; {@link #OFF} for none. */
    final int fsyncLevel;
    final AsyncWriter.FullRing asyncFull;
    /** The ring's size in bytes, a power of two. */
    final int asyncRing;
    final boolean asyncSpin;
    /** How often a file output's path is checked; 0 for only on demand. */
    final long reopenNanos;
    /** The size from which a file output rolls; 0 for never. */
    final long rolloverSize;
    /** How many rolled files are kept. */
    final int rolloverKeep;
    /** What was wrong with the settings, each as "key=value (why)"; empty if nothing. */
    final List<String> problems;

    private LoggerConfig(Properties settings, List<String> earlierProblems) {
        List<String> problems = new ArrayList<>(earlierProblems);
        Map<String, Integer> prefixLevels = new HashMap<>();
        for (String key : settings.stringPropertyNames()) {
            if (key.equals(PREFIX + "level.")) {
                // Most likely a name left out: it would only ever apply to a logger named "".
                problems.add(key + "=" + settings.getProperty(key) + " (no logger name: the level of all loggers is " + PREFIX + "level)");
            } else if (key.startsWith(PREFIX + "level.")) {
                Integer level = level(settings.getProperty(key), key, problems);
                if (level != null) {
                    prefixLevels.put(key.substring((PREFIX + "level.").length()), level);
                }
            } else if (key.startsWith(PREFIX) && !KEYS
                    .contains(key.substring(PREFIX.length()))) {
                problems.add(key + " (unknown key)");
            }
        }
        Integer level = level(settings.getProperty(PREFIX + "level", "info"), PREFIX + "level", problems);
        this.defaultLevel = level == null ? 2 : level;
        this.prefixLevels = Map.copyOf(prefixLevels);
        this.output = output(settings, problems);
        this.json = choice(settings, "format", "text", problems, "text", "json").equals("json");
        this.timeDigits = switch (choice(settings, "time", "millis", problems, "millis", "micros", "none")) {
            case "micros" -> 6;
            case "none" -> 0;
            default -> 3;
        };
        this.thread = Boolean.parseBoolean(choice(settings, "thread", "true", problems, "true", "false"));
        this.name = choice(settings, "name", "full", problems, "full", "short", "none");
        this.mdc = Boolean.parseBoolean(choice(settings, "mdc", "true", problems, "true", "false"));
        this.markers = Boolean.parseBoolean(choice(settings, "markers", "true", problems, "true", "false"));
        this.keyValues = Boolean.parseBoolean(choice(settings, "keyvalues", "true", problems, "true", "false"));
        this.escape = Boolean.parseBoolean(choice(settings, "escape", "true", problems, "true", "false"));
        this.lineMax = size(settings, "line.max", LINE_MAX_DEFAULT, LINE_MAX_LEAST, LINE_MAX_MOST, problems);
        this.async = choice(settings, "mode", "sync", problems, "sync", "async").equals("async");
        Integer syncLevel = level(settings.getProperty(PREFIX + "sync.level", "error"), PREFIX + "sync.level", problems);
        this.syncLevel = syncLevel == null ? 4 : syncLevel;
        Integer fsyncLevel = level(settings.getProperty(PREFIX + "fsync.level", "off"), PREFIX + "fsync.level", problems);
        this.fsyncLevel = fsyncLevel == null ? OFF : fsyncLevel;
        this.asyncFull = AsyncWriter.FullRing.valueOf(choice(settings, "async.full", "block", problems, "block", "drop", "sync").toUpperCase(Locale.ROOT));
        int ring = size(settings, "async.ring", RING_DEFAULT, RING_LEAST, RING_MOST, problems);
        this.asyncRing = Integer.bitCount(ring) == 1 ? ring : Integer.highestOneBit(ring) << 1;
        this.asyncSpin = choice(settings, "async.wait", "park", problems, "park", "spin").equals("spin");
        this.reopenNanos = reopenInterval(settings, problems) * 1_000_000;
        this.rolloverSize = rolloverSize(settings, problems);
        this.rolloverKeep = rolloverKeep(settings, problems);
        this.problems = List.copyOf(problems);
    }

    /** The settings now in force: system properties over the class-path file. */
    static LoggerConfig load() {
        String file;
        List<String> problems = new ArrayList<>();
        ClassLoader loader = LoggerConfig.class.getClassLoader();
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(RESOURCE) : loader.getResourceAsStream(RESOURCE)) {
            // As Properties.load(InputStream) decodes it; read whole first, so it is used whole or not at all.
            file = in == null ? null : new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            file = null;
            problems.add(RESOURCE + " (unreadable, so none of its settings are used: " + e + ")");
        }
        return of(file, System.getProperties(), problems);
    }

    /**
     * Parses settings as {@link #load()} would from a {@code syswrite-logger.properties} with the
     * text {@code file} (null for none) and these system properties, for tests.
     */
    static LoggerConfig of(String file, Properties system) {
        return of(file, system, List.of());
    }

    private static LoggerConfig of(String file, Properties system, List<String> earlierProblems) {
        List<String> problems = new ArrayList<>(earlierProblems);
        Properties settings = file == null ? new Properties() : fileSettings(file, problems);
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                settings.setProperty(key, system.getProperty(key));
            }
        }
        return new LoggerConfig(settings, problems);
    }

    /** Parses settings as {@link #load()} would, for tests and for callers with their own source. */
    static LoggerConfig of(Properties settings) {
        return new LoggerConfig(settings, List.of());
    }

    /**
     * The settings in the file's text, read one logical line at a time: {@link Properties#load}
     * stops at the first line it cannot parse (a backslash and a u that start no Unicode escape, as
     * in a Windows path), keeping only the lines before it. So that line costs its own setting,
     * named with its number, as a bad value does, and every other line is applied.
     */
    static Properties fileSettings(String file, List<String> problems) {
        Properties settings = new Properties();
        List<String> lines = file.lines().toList(); // the format's line ends: \n, \r and \r\n
        for (int first = 0, end; first < lines.size(); first = end) {
            end = first + 1;
            if (!isComment(lines.get(first))) {
                while (end < lines.size() && continues(lines.get(end - 1))) {
                    end++;
                }
            }
            try {
                settings.load(new StringReader(String.join("\n", lines.subList(first, end))));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(RESOURCE + " line " + (first + 1) + ": " + lines.get(first).strip() + " (" + e.getMessage() + "; the line is ignored)");
            }
        }
        return settings;
    }

    /** Whether a line that starts a logical line is a comment, which the format never continues. */
    private static boolean isComment(String line) {
        int i = 0;
        while (i < line.length() && " \t\f".indexOf(line.charAt(i)) >= 0) { // the format's blanks, no others
            i++;
        }
        return i < line.length() && (line.charAt(i) == '#' || line.charAt(i) == '!');
    }

    /** Whether the next line continues this one: it ends with an odd number of backslashes. */
    private static boolean continues(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /**
     * The level of the logger {@code loggerName}: that of the most specific setting naming it or
     * one of its ancestors, as slf4j-simple and Logback read the dotted hierarchy ({@code com.foo}
     * covers {@code com.foo} and {@code com.foo.Bar}, never {@code com.foobar}; Logback's {@code $}
     * separates nested classes), or the default.
     */
    int levelOf(String loggerName) {
        for (String name = loggerName; ; ) {
            Integer level = prefixLevels.get(name);
            if (level != null) {
                return level;
            }
            int parent = Math.max(name.lastIndexOf('.'), name.lastIndexOf('$'));
            if (parent < 0) {
                return defaultLevel;
            }
            name = name.substring(0, parent);
        }
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

    /**
     * {@code output}: {@code stderr} or {@code stdout} in any case, as every other enumerated value
     * is read, lower-cased for {@link LogSink}; anything else a path, as written, but never an
     * empty one, which names no file.
     */
    private static String output(Properties settings, List<String> problems) {
        String value = settings.getProperty(PREFIX + "output", "stderr").trim();
        if (value.isEmpty()) {
            problems.add(PREFIX + "output=" + settings.getProperty(PREFIX + "output") + " (empty: not stderr, stdout nor a file path)");
            return "stderr";
        }
        String standard = value.toLowerCase(Locale.ROOT);
        return standard.equals("stderr") || standard.equals("stdout") ? standard : value;
    }

    /** A byte count such as {@code 65536}, {@code 64k} or {@code 1m}, within [least, most]. */
    private static int size(Properties settings, String key, int fallback, int least, int most, List<String> problems) {
        String value = settings.getProperty(PREFIX + key);
        if (value == null) {
            return fallback;
        }
        long n = bytes(value);
        if (n >= least && n <= most) {
            return (int) n;
        }
        problems.add(PREFIX + key + "=" + value + " (not a size from " + (least >> 10) + "k to " + (most >> 20) + "m)");
        return fallback;
    }

    /** A byte count such as {@code 65536}, {@code 64k}, {@code 1m} or {@code 2g}; -1 if it is none. */
    private static long bytes(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        int shift = v.endsWith("k") ? 10 : v.endsWith("m") ? 20 : v.endsWith("g") ? 30 : 0;
        try {
            long n = Long.parseLong(shift == 0 ? v : v.substring(0, v.length() - 1));
            return n >= 0 && n <= Long.MAX_VALUE >> (shift + 1) ? n << shift : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code reopen.interval} in milliseconds ({@code 500}, {@code 250ms}, {@code 2s}); 0 for {@code off} or 0 in any unit. */
    private static long reopenInterval(Properties settings, List<String> problems) {
        String value = settings.getProperty(PREFIX + "reopen.interval", "1s");
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("off")) {
            return 0;
        }
        boolean seconds = v.endsWith("s") && !v.endsWith("ms");
        try {
            long n = Long.parseLong(v.substring(0, v.length() - (seconds ? 1 : v.endsWith("ms") ? 2 : 0)));
            long millis = seconds && n <= REOPEN_MOST_MILLIS ? n * 1000 : n;
            if (millis == 0 || millis >= REOPEN_LEAST_MILLIS && millis <= REOPEN_MOST_MILLIS) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(PREFIX + "reopen.interval=" + value + " (not off or 0, nor a time from 10ms to 1h such as 500ms or 2s)");
        return REOPEN_DEFAULT_MILLIS;
    }

    /** {@code rollover.size}: a byte count with an optional k, m or g, at least 1k; 0 for {@code off} or 0 in any unit. */
    private static long rolloverSize(Properties settings, List<String> problems) {
        String value = settings.getProperty(PREFIX + "rollover.size", "off");
        if (value.trim().equalsIgnoreCase("off")) {
            return 0;
        }
        long n = bytes(value);
        if (n == 0 || n >= 1024) {
            return n;
        }
        problems.add(PREFIX + "rollover.size=" + value + " (not off or 0, nor a size of at least 1k such as 64m or 1g)");
        return 0;
    }

    private static int rolloverKeep(Properties settings, List<String> problems) {
        String value = settings.getProperty(PREFIX + "rollover.keep", String.valueOf(KEEP_DEFAULT));
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= KEEP_MOST) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(PREFIX + "rollover.keep=" + value + " (not a count from 1 to " + KEEP_MOST + ")");
        return KEEP_DEFAULT;
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
