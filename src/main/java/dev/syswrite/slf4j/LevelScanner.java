package dev.syswrite.slf4j;

import dev.syswrite.logging.event.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the settings again every {@code syswrite.logger.levels.scan} and applies the levels that
 * changed there since the last read, on a daemon thread of its own. Only what changed in the
 * settings is applied, so a level an application set at run time for a name the settings leave
 * alone stays as it was. A bad value is said once on stderr, until the settings change again.
 */
final class LevelScanner {
    private final SysWriteLoggerFactory factory;
    private final Supplier<LoggerConfig> settings;
    /** The levels the settings gave at the last read. */
    private LevelTable last;
    private List<String> lastProblems;

    LevelScanner(SysWriteLoggerFactory factory, LoggerConfig start, Supplier<LoggerConfig> settings) {
        this.factory = factory;
        this.settings = settings;
        this.last = start.levels;
        this.lastProblems = start.problems;
    }

    /** Starts scanning {@link LoggerConfig#load()} every {@code intervalMillis}, for the life of the JVM. */
    static void start(SysWriteLoggerFactory factory, LoggerConfig start, long intervalMillis) {
        LevelScanner scanner = new LevelScanner(factory, start, LoggerConfig::load);
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
            LoggerConfig now = settings.get();
            if (!now.problems.isEmpty() && !now.problems.equals(lastProblems)) {
                System.err.println("syswrite-logger: ignoring bad settings read again: " + String.join("; ", now.problems));
            }
            lastProblems = now.problems;
            LevelTable next = now.levels;
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
        } catch (RuntimeException e) {
            System.err.println("syswrite-logger: cannot read the settings again for levels (" + e + ")");
        }
    }
}
