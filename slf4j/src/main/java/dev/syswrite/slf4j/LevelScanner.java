package dev.syswrite.slf4j;

import dev.syswrite.logging.event.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the settings again every {@code syswrite.logger.levels.scan} and applies the levels that
 * changed there since the last read, on a daemon thread of its own. Only what changed in the
 * settings is applied, so a level an application set at run time for a name the settings leave
 * alone stays as it was. A name whose new value is bad keeps the level it had. A file that is
 * gone, unreadable or empty where it had text (an editor's save in two steps) changes nothing:
 * the levels stay until it can be read again. What is wrong is said once on stderr, until it
 * changes.
 */
final class LevelScanner {
    private final SysWriteLoggerFactory factory;
    /** Reads the file's text, null if there is none or it cannot be read, saying why in the list. */
    private final Function<List<String>, String> file;
    private final Properties system;
    /** The levels the settings gave at the last read, and the file's text then. */
    private LevelTable last;
    private String lastText;
    private List<String> lastProblems;

    LevelScanner(SysWriteLoggerFactory factory, LoggerConfig start, String startText, Function<List<String>, String> file, Properties system) {
        this.factory = factory;
        this.file = file;
        this.system = system;
        this.last = start.levels;
        this.lastText = startText;
        this.lastProblems = start.problems;
    }

    /** Starts scanning the class path's settings file every {@code intervalMillis}, for the life of the JVM. */
    static void start(SysWriteLoggerFactory factory, LoggerConfig start, long intervalMillis) {
        LevelScanner scanner = new LevelScanner(factory, start, LoggerConfig.readFile(new ArrayList<>()), LoggerConfig::readFile,
                System.getProperties());
        Thread thread = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException ignored) {
                    // not a request to stop: logging goes on, and its settings with it
                }
                scanner.scan();
            }
        }, "syswrite-logger-levels");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads the settings once and applies what changed. Never throws. */
    void scan() {
        try {
            List<String> problems = new ArrayList<>();
            String text = file.apply(problems);
            if (lastText != null && !lastText.isBlank() && (text == null || text.isBlank())) {
                problems.add(LoggerConfig.RESOURCE + " (" + (text == null ? "gone or unreadable" : "empty")
                        + " where it had settings: the levels stay as they are)");
                say(problems);
                return;
            }
            LoggerConfig now = LoggerConfig.of(text, system, problems);
            say(now.problems);
            LevelTable next = now.levels;
            for (String bad : now.badLevels) { // keeps what it had
                next = next.with(bad, bad.equals(LevelTable.ROOT) ? last.root() : last.levelSetFor(bad));
            }
            if (next.root() != last.root()) {
                factory.applyLevel(LevelTable.ROOT, next.root());
            }
            Set<String> names = new HashSet<>(last.names().keySet());
            names.addAll(next.names().keySet());
            names.remove(LevelTable.ROOT);
            for (String name : names) {
                Level level = next.levelSetFor(name);
                if (!Objects.equals(level, last.levelSetFor(name))) {
                    factory.applyLevel(name, level);
                }
            }
            last = next;
            lastText = text;
        } catch (RuntimeException e) {
            System.err.println("syswrite-logger: cannot read the settings again for levels (" + e + ")");
        }
    }

    /** Says {@code problems} on stderr, unless they are those said last. */
    private void say(List<String> problems) {
        if (!problems.isEmpty() && !problems.equals(lastProblems)) {
            System.err.println("syswrite-logger: ignoring bad settings read again: " + String.join("; ", problems));
        }
        lastProblems = problems;
    }
}
