package dev.syswrite.slf4j;

import dev.syswrite.logging.Settings;
import dev.syswrite.logging.async.AsyncSettings;
import dev.syswrite.logging.event.ContextMap;
import dev.syswrite.logging.event.Level;
import dev.syswrite.logging.layout.JsonFieldNames;
import dev.syswrite.logging.layout.JsonLayout;
import dev.syswrite.logging.layout.LayoutSettings;
import dev.syswrite.logging.output.OutputSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The provider's settings, in the manner of slf4j-simple: each key of {@link LoggerSetting} is read
 * from the system properties first, then from {@code syswrite-logger.properties} on the class
 * path; what they mean is said there, and in the manual's table ({@code docs/logging.md}). They
 * become the levels of loggers by name, which are the binding's, and the engine's {@link Settings}.
 *
 * <p>Each value is read without the spaces around it, and the words and units in any case
 * ({@code STDOUT} is {@code stdout}); only a file path keeps its case ({@code ./STDOUT} for a
 * file of that name). A bad value never throws: it is reported in one line on stderr and its
 * default is used. A line of the file that the properties format cannot read is reported there
 * too, by its number, and ignored alone: every other line is applied.
 */
final class LoggerConfig {
    static final String PREFIX = LoggerSetting.PREFIX;
    static final String RESOURCE = "syswrite-logger.properties";

    static final int LINE_MAX_LEAST = 1 << 10;
    static final int LINE_MAX_MOST = 256 << 20;

    static final long REOPEN_LEAST_MILLIS = 10;
    static final long REOPEN_MOST_MILLIS = 3_600_000;

    static final int KEEP_MOST = 1000;

    /** The loggers' levels at start: {@code level}, and {@code level.<name>} by name. */
    final LevelTable levels;
    /** The names whose level setting was bad ({@link LevelTable#ROOT} for {@code level}): they have none here. */
    final Set<String> badLevels;
    /** Whether to register the JMX MBean over the loggers' levels. */
    final boolean jmx;
    /** How often to read the settings again for changed levels, in milliseconds; 0 for never. */
    final long levelsScanMillis;
    /** Whether the asynchronous mode was asked for: the engine has it only where it can run. */
    final boolean async;
    /** The asynchronous mode's settings, read whether or not the mode is asked for. */
    final AsyncSettings asyncSettings;
    /** What the engine is told. */
    final Settings settings;

    /** What was wrong with the settings, each as "key=value (why)"; empty if nothing. */
    final List<String> problems;

    private LoggerConfig(Properties settings, List<String> earlierProblems) {
        List<String> problems = new ArrayList<>(earlierProblems);
        Map<String, Level> prefixLevels = new HashMap<>();
        Set<String> badLevels = new HashSet<>();
        String levelOf = LoggerSetting.LEVEL_OF.key.substring(0, LoggerSetting.LEVEL_OF.key.indexOf('<'));
        for (String key : settings.stringPropertyNames()) {
            if (key.equals(levelOf)) {
                // Most likely a name left out: it would only ever apply to a logger named "".
                problems.add(key + "=" + settings.getProperty(key) + " (no logger name: the level of all loggers is " + LoggerSetting.LEVEL.key + ")");
            } else if (key.startsWith(levelOf)) {
                Level level = level(settings.getProperty(key), key, problems);
                if (level != null) {
                    prefixLevels.put(key.substring(levelOf.length()), level);
                } else {
                    badLevels.add(key.substring(levelOf.length()));
                }
            } else if (key.startsWith(PREFIX) && !isDeclared(key)) {
                problems.add(key + " (unknown key)");
            }
        }
        if (Level.ofWord(settings.getProperty(LoggerSetting.LEVEL.key, LoggerSetting.LEVEL.defaultValue)) == null) {
            badLevels.add(LevelTable.ROOT);
        }
        this.levels = new LevelTable(level(settings, LoggerSetting.LEVEL, problems), prefixLevels);
        this.badLevels = Set.copyOf(badLevels);
        this.jmx = bool(settings, LoggerSetting.JMX, problems);
        this.levelsScanMillis = interval(settings, LoggerSetting.LEVELS_SCAN, problems);
        this.async = choice(settings, LoggerSetting.MODE, problems, "sync", "async").equals("async");
        Level fsyncLevel = level(settings, LoggerSetting.FSYNC_LEVEL, problems);
        LayoutSettings layout = new LayoutSettings(
                choice(settings, LoggerSetting.FORMAT, LayoutSettings.Format.class, problems),
                choice(settings, LoggerSetting.TIME, LayoutSettings.TimePrecision.class, problems),
                bool(settings, LoggerSetting.THREAD, problems),
                choice(settings, LoggerSetting.NAME, LayoutSettings.LoggerNames.class, problems),
                bool(settings, LoggerSetting.MDC, problems),
                bool(settings, LoggerSetting.MARKERS, problems),
                bool(settings, LoggerSetting.KEY_VALUES, problems),
                bool(settings, LoggerSetting.ESCAPE, problems),
                size(settings, LoggerSetting.LINE_MAX, LINE_MAX_LEAST, LINE_MAX_MOST, problems),
                jsonFields(settings, problems));
        OutputSettings output = new OutputSettings(output(settings, problems), interval(settings, LoggerSetting.REOPEN_INTERVAL, problems) * 1_000_000,
                rolloverSize(settings, problems), rolloverKeep(settings, problems), fsyncLevel);
        int ring = size(settings, LoggerSetting.ASYNC_RING, AsyncSettings.RING_LEAST_BYTES, AsyncSettings.RING_MOST_BYTES, problems);
        this.asyncSettings = new AsyncSettings(Integer.bitCount(ring) == 1 ? ring : Integer.highestOneBit(ring) << 1,
                choice(settings, LoggerSetting.ASYNC_FULL, AsyncSettings.WhenFull.class, problems),
                choice(settings, LoggerSetting.ASYNC_WAIT, AsyncSettings.Waiting.class, problems),
                level(settings, LoggerSetting.SYNC_LEVEL, problems));
        this.settings = new Settings(layout, output, async ? this.asyncSettings : null);
        this.problems = List.copyOf(problems);
    }

    private static boolean isDeclared(String key) {
        for (LoggerSetting setting : LoggerSetting.values()) {
            if (setting.key.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** Says the bad settings, if any, in one line on stderr. */
    void sayProblems() {
        if (!problems.isEmpty()) {
            System.err.println("syswrite-logger: ignoring bad settings, using defaults for them: " + String.join("; ", problems));
        }
    }

    /** The settings now in force: system properties over the class-path file. */
    static LoggerConfig load() {
        return load(Map.of());
    }

    /**
     * The settings as {@link #load()} reads them, with {@code over} over the system properties:
     * a reconfiguration's. A key of {@code over} that is no {@code syswrite.logger.*} setting is
     * named among the problems.
     */
    static LoggerConfig load(Map<String, String> over) {
        List<String> problems = new ArrayList<>();
        Properties system = (Properties) System.getProperties().clone();
        over.forEach((key, value) -> {
            if (key == null || value == null || !key.startsWith(PREFIX)) {
                problems.add(key + "=" + value + " (no " + PREFIX + "* setting)");
            } else {
                system.setProperty(key, value);
            }
        });
        return of(readFile(problems), system, problems);
    }

    /**
     * The text of {@code syswrite-logger.properties} on the class path, whole (so it is used whole
     * or not at all), decoded as {@link Properties#load(InputStream)} decodes it.
     *
     * @param problems where an unreadable file is said
     * @return the text, or null if there is none or it cannot be read
     */
    static String readFile(List<String> problems) {
        ClassLoader loader = LoggerConfig.class.getClassLoader();
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(RESOURCE) : loader.getResourceAsStream(RESOURCE)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            problems.add(RESOURCE + " (unreadable, so none of its settings are used: " + e + ")");
            return null;
        }
    }

    /**
     * Parses settings as {@link #load()} would from a {@code syswrite-logger.properties} with the
     * text {@code file} (null for none) and these system properties, for tests.
     */
    static LoggerConfig of(String file, Properties system) {
        return of(file, system, List.of());
    }

    static LoggerConfig of(String file, Properties system, List<String> earlierProblems) {
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

    /** The level at start of the logger {@code loggerName}; see {@link LevelTable#levelOf}. */
    Level levelOf(String loggerName) {
        return levels.levelOf(loggerName);
    }

    /**
     * The fields every JSON line carries, in ECS's order: the service fields, {@code event.dataset}
     * (the service name by default, as ecs-logging asks), then {@code json.fields}. A key the layout
     * writes itself, or one given twice, is a bad setting; so are fields that take more than
     * {@link JsonLayout#MOST_FIXED} bytes a line, and then {@code json.fields} are left out.
     */
    private static ContextMap jsonFields(Properties settings, List<String> problems) {
        ContextMap fields = ContextMap.EMPTY;
        LoggerSetting[] service = {LoggerSetting.SERVICE_NAME, LoggerSetting.SERVICE_VERSION, LoggerSetting.SERVICE_ENVIRONMENT,
            LoggerSetting.SERVICE_NODE_NAME};
        for (LoggerSetting setting : service) {
            String value = settings.getProperty(setting.key, "").trim();
            if (!value.isEmpty()) {
                fields = fields.with(setting.key.substring(LoggerSetting.PREFIX.length()), value);
            }
        }
        String dataset = settings.getProperty(LoggerSetting.EVENT_DATASET.key, "").trim();
        String name = fields.get("service.name");
        if (!dataset.isEmpty() || name != null) {
            fields = fields.with("event.dataset", dataset.isEmpty() ? name : dataset);
        }
        ContextMap fixed = fields;
        String own = settings.getProperty(LoggerSetting.JSON_FIELDS.key, "").trim();
        for (String pair : own.isEmpty() ? new String[0] : own.split(",")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? "" : pair.substring(0, equals).trim();
            if (key.isEmpty()) {
                problems.add(LoggerSetting.JSON_FIELDS.key + ": " + pair.trim() + " (not key=value)");
            } else if (!JsonFieldNames.isFieldName(key)) {
                problems.add(LoggerSetting.JSON_FIELDS.key + ": " + key + " (an empty part between its dots names no field)");
            } else if (clashes(key, fields)) {
                problems.add(LoggerSetting.JSON_FIELDS.key + ": " + key + " (the same as a field every line has, or its object or inside it)");
            } else {
                fields = fields.with(key, pair.substring(equals + 1).trim());
            }
        }
        int bytes = JsonLayout.fixedBytes(fields);
        if (bytes > JsonLayout.MOST_FIXED) {
            problems.add(LoggerSetting.JSON_FIELDS.key + " with the service fields (" + bytes + " bytes a line, more than "
                    + JsonLayout.MOST_FIXED + ": only the service fields are written)");
            fields = fixed;
            if (JsonLayout.fixedBytes(fields) > JsonLayout.MOST_FIXED) {
                problems.add("the service fields (more than " + JsonLayout.MOST_FIXED + " bytes a line: none is written)");
                fields = ContextMap.EMPTY;
            }
        }
        return fields;
    }

    /** Whether {@code key} clashes with one of the layout's own fields or one of {@code fields}. */
    private static boolean clashes(String key, ContextMap fields) {
        for (String own : JsonLayout.OWN_FIELDS) {
            if (JsonFieldNames.clash(own, key)) {
                return true;
            }
        }
        for (int i = 0; i < fields.size(); i++) {
            if (JsonFieldNames.clash(fields.key(i), key)) {
                return true;
            }
        }
        return key.equals("labels");
    }

    /** A level setting's value; its default if it is bad. */
    private static Level level(Properties settings, LoggerSetting setting, List<String> problems) {
        Level level = level(settings.getProperty(setting.key, setting.defaultValue), setting.key, problems);
        return level != null ? level : Level.ofWord(setting.defaultValue);
    }

    private static Level level(String value, String key, List<String> problems) {
        Level level = Level.ofWord(value);
        if (level == null) {
            problems.add(key + "=" + value + " (not one of " + String.join(", ", words(Level.class)) + ")");
        }
        return level;
    }

    /**
     * {@code output}: {@code stderr} or {@code stdout} in any case, as every other enumerated value
     * is read, lower-cased for the engine; anything else a path, as written, but never an empty
     * one, which names no file.
     */
    private static String output(Properties settings, List<String> problems) {
        LoggerSetting setting = LoggerSetting.OUTPUT;
        String value = settings.getProperty(setting.key, setting.defaultValue).trim();
        if (value.isEmpty()) {
            problems.add(setting.key + "=" + settings.getProperty(setting.key) + " (empty: not stderr, stdout nor a file path)");
            return setting.defaultValue;
        }
        String standard = value.toLowerCase(Locale.ROOT);
        return standard.equals("stderr") || standard.equals("stdout") ? standard : value;
    }

    /** A byte count such as {@code 65536}, {@code 64k} or {@code 1m}, within [least, most]. */
    private static int size(Properties settings, LoggerSetting setting, int least, int most, List<String> problems) {
        String value = settings.getProperty(setting.key);
        if (value != null) {
            long n = bytes(value);
            if (n >= least && n <= most) {
                return (int) n;
            }
            problems.add(setting.key + "=" + value + " (not a size from " + (least >> 10) + "k to " + (most >> 20) + "m)");
        }
        return (int) bytes(setting.defaultValue);
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

    /** An interval setting in milliseconds ({@code 500}, {@code 250ms}, {@code 2s}); 0 for {@code off} or 0 in any unit. */
    private static long interval(Properties settings, LoggerSetting setting, List<String> problems) {
        String value = settings.getProperty(setting.key, setting.defaultValue);
        long millis = millis(value);
        if (millis >= 0) {
            return millis;
        }
        problems.add(setting.key + "=" + value + " (not off or 0, nor a time from 10ms to 1h such as 500ms or 2s)");
        return millis(setting.defaultValue);
    }

    /** A time such as {@code 500}, {@code 250ms} or {@code 2s} in milliseconds, from 10 ms to an hour; 0 for off; -1 if it is none. */
    private static long millis(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("off")) {
            return 0;
        }
        boolean seconds = v.endsWith("s") && !v.endsWith("ms");
        try {
            long n = Long.parseLong(v.substring(0, v.length() - (seconds ? 1 : v.endsWith("ms") ? 2 : 0)));
            long millis = seconds && n <= REOPEN_MOST_MILLIS ? n * 1000 : n;
            return millis == 0 || millis >= REOPEN_LEAST_MILLIS && millis <= REOPEN_MOST_MILLIS ? millis : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code rollover.size}: a byte count with an optional k, m or g, at least 1k; 0 for {@code off} or 0 in any unit. */
    private static long rolloverSize(Properties settings, List<String> problems) {
        LoggerSetting setting = LoggerSetting.ROLLOVER_SIZE;
        String value = settings.getProperty(setting.key, setting.defaultValue);
        if (value.trim().equalsIgnoreCase("off")) {
            return 0;
        }
        long n = bytes(value);
        if (n == 0 || n >= 1024) {
            return n;
        }
        problems.add(setting.key + "=" + value + " (not off or 0, nor a size of at least 1k such as 64m or 1g)");
        return 0;
    }

    private static int rolloverKeep(Properties settings, List<String> problems) {
        LoggerSetting setting = LoggerSetting.ROLLOVER_KEEP;
        String value = settings.getProperty(setting.key, setting.defaultValue);
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= KEEP_MOST) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(setting.key + "=" + value + " (not a count from 1 to " + KEEP_MOST + ")");
        return Integer.parseInt(setting.defaultValue);
    }

    private static boolean bool(Properties settings, LoggerSetting setting, List<String> problems) {
        return Boolean.parseBoolean(choice(settings, setting, problems, "true", "false"));
    }

    /** A choice among an enum's constants, by their names in lower case. */
    private static <E extends Enum<E>> E choice(Properties settings, LoggerSetting setting, Class<E> choices, List<String> problems) {
        return Enum.valueOf(choices, choice(settings, setting, problems, words(choices)).toUpperCase(Locale.ROOT));
    }

    private static String choice(Properties settings, LoggerSetting setting, List<String> problems, String... allowed) {
        String value = settings.getProperty(setting.key, setting.defaultValue).trim().toLowerCase(Locale.ROOT);
        if (List.of(allowed).contains(value)) {
            return value;
        }
        problems.add(setting.key + "=" + settings.getProperty(setting.key) + " (not one of " + String.join(", ", allowed) + ")");
        return setting.defaultValue;
    }

    /** An enum's constants as settings write them: their names in lower case. */
    private static <E extends Enum<E>> String[] words(Class<E> choices) {
        E[] constants = choices.getEnumConstants();
        String[] words = new String[constants.length];
        for (int i = 0; i < constants.length; i++) {
            words[i] = constants[i].name().toLowerCase(Locale.ROOT);
        }
        return words;
    }
}
