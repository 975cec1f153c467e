package dev.syswrite.slf4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Operations on the syswrite provider SLF4J is bound to, for an application that chose it.
 */
public final class SysWriteLogging {
    private SysWriteLogging() {}

    /**
     * Whether SLF4J is bound to this backend: whether the operations below act on anything.
     * Starts SLF4J if nothing has yet.
     *
     * @return true if SLF4J's logger factory is syswrite's
     */
    public static boolean isBound() {
        return LoggerFactory.getILoggerFactory() instanceof SysWriteLoggerFactory;
    }

    /**
     * Writes every event queued by the asynchronous mode to the kernel before returning, in order
     * (in the synchronous mode every event is already there). Events logged by other threads
     * meanwhile may or may not be included. A failed write is counted in {@link LostEvents}, not
     * thrown.
     *
     * @return whether everything queued before the call is now in the kernel or counted as lost;
     *     false if SLF4J is bound to another backend
     */
    public static boolean flush() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        return factory instanceof SysWriteLoggerFactory ours && ours.writer().flush();
    }

    /**
     * Opens the output file again if its path no longer names the file open: after
     * {@code logrotate} (or anyone) renamed or deleted it, the next event goes to a new file at the
     * path. The provider also checks by itself every {@code syswrite.logger.reopen.interval}; call
     * this from a {@code postrotate} signal handler or admin endpoint to switch at once. No event
     * is lost, torn or written twice across the switch: each line goes whole to the old file or
     * to the new one, and the old file is closed only once no write still uses it (the call
     * waits for writes under way on it). Does nothing for stderr and stdout. Never throws: a
     * reopen that fails (permission denied, directory gone, the path is now a directory) keeps
     * the old file, says so once on stderr and is tried again later. An interrupt does not stop
     * it and is kept.
     *
     * @return whether it opened the path again; false if the path still names the open file,
     *     the output is not a file, the reopen failed, or SLF4J is bound to another backend
     */
    public static boolean reopen() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        return factory instanceof SysWriteLoggerFactory ours && ours.writer().reopen();
    }

    /**
     * Starts the backend again with these settings over those read at start (system properties,
     * then {@code syswrite-logger.properties}), as if they had been system properties then: its
     * output, layout, mode, fsync level, rolling, and its levels. This is how a framework that
     * reads its own configuration after SLF4J started (Spring Boot's {@code logging.file.name})
     * points the backend at it. Levels changed at run time since ({@link #setLevel}) are dropped:
     * the settings' levels replace them. Settings that name the output, layout and mode in effect
     * keep the writer in effect.
     *
     * <p>Every logger switches at once and whole: an event goes entirely through the old settings
     * or entirely through the new. Events logged before the call returns go where they went: the
     * old writer's queue is drained before the call returns, and a call that began just before
     * still writes its event there, itself; the old output stays open for it. Counters from
     * {@link LostEvents#ofBoundProvider()} and {@link AsyncCounters#ofBoundProvider()} taken
     * before count the old writer's events; taken after, the new one's, from zero. Bad settings
     * are said on stderr and keep their defaults, as at start; an output that cannot be opened
     * is replaced by stderr, and said. One call at a time: concurrent calls take effect in turn.
     * Never throws.
     *
     * @param settings {@code syswrite.logger.*} keys and their values; another key is said on
     *     stderr and ignored
     * @return true once the backend writes with the settings (or their defaults, where bad);
     *     false if {@code settings} is null or SLF4J is bound to another backend
     */
    public static boolean reconfigure(Map<String, String> settings) {
        try {
            if (settings == null || !(LoggerFactory.getILoggerFactory() instanceof SysWriteLoggerFactory ours)) {
                return false;
            }
            LoggerConfig config = LoggerConfig.load(new HashMap<>(settings));
            config.sayProblems();
            ours.reconfigure(config);
            return true;
        } catch (Throwable failure) { // a caller's map that throws, an output or ring that cannot be had
            if (failure instanceof ThreadDeath stop) {
                throw stop; // Thread.stop's, which must end the thread
            }
            System.err.println("syswrite-logger: reconfiguration failed, writing on as before (" + failure + ")");
            return false;
        }
    }

    /**
     * Sets the level of the logger {@code name} and of every logger below it in the dotted
     * hierarchy ({@code com.foo} covers {@code com.foo.Bar}, never {@code com.foobar}), those that
     * exist and those created later, as a {@code syswrite.logger.level.<name>} setting would at
     * start; {@code ""} names every logger, as {@code syswrite.logger.level} does. A name set
     * more specifically keeps its own level. Each logger changes at once and whole: a call sees
     * the old level or the new one. A disabled call still costs one comparison.
     *
     * @param name a logger name, or {@code ""} for the root
     * @param level {@code trace}, {@code debug}, {@code info}, {@code warn}, {@code error} or
     *     {@code off}, in any case; or null to remove the name's own level, so that it inherits
     *     its parent's again (the root's goes back to the level it had at start)
     * @return whether the level was set; false if {@code name} is null or has an empty part
     *     between its dots ({@code .}, {@code a..b}), {@code level} is no level, or SLF4J is bound
     *     to another backend
     */
    public static boolean setLevel(String name, String level) {
        return LoggerFactory.getILoggerFactory() instanceof SysWriteLoggerFactory ours && ours.setLevel(name, level);
    }

    /**
     * The level in effect for the logger {@code name}, whether or not such a logger exists yet.
     *
     * @param name a logger name, or {@code ""} for the root
     * @return {@code trace}, {@code debug}, {@code info}, {@code warn}, {@code error} or
     *     {@code off}; null if {@code name} is null or SLF4J is bound to another backend
     */
    public static String levelOf(String name) {
        return LoggerFactory.getILoggerFactory() instanceof SysWriteLoggerFactory ours ? ours.levelOf(name) : null;
    }

    /**
     * The names of the loggers made so far, sorted: what a framework's logger listing shows
     * beside the names that have levels ({@link #levels()}).
     *
     * @return a new list of names; empty if SLF4J is bound to another backend
     */
    public static List<String> loggerNames() {
        return LoggerFactory.getILoggerFactory() instanceof SysWriteLoggerFactory ours ? ours.loggerNames() : new ArrayList<>();
    }

    /**
     * The levels set by name, at start and since, sorted by name, the root's first (as
     * {@code ""}): every other logger inherits from the nearest name above it.
     *
     * @return a new map of names to level words; empty if SLF4J is bound to another backend
     */
    public static Map<String, String> levels() {
        return LoggerFactory.getILoggerFactory() instanceof SysWriteLoggerFactory ours ? ours.levelsSet() : new LinkedHashMap<>();
    }
}
