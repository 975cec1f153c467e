package dev.syswrite.slf4j;

/**
 * Every setting of the provider, declared once: its key, its default, and the values it takes as
 * the manual's table says them ({@code docs/logging.md}, which a test holds to these). Each is
 * read from the system properties first, then from {@code syswrite-logger.properties} on the
 * class path ({@link LoggerConfig}).
 */
enum LoggerSetting {
    LEVEL("level", "info", "`trace`, `debug`, `info`, `warn`, `error`, `off`"),
    LEVEL_OF("level.<name>", "", "a level for the logger `<name>` and the loggers below it in the dotted hierarchy (`<name>.*`, and "
            + "`<name>$*` for nested classes); the most specific setting wins, and `com.foo` never covers `com.foobar`; an empty `<name>` "
            + "is a bad setting"),
    LEVELS_SCAN("levels.scan", "off", "how often to read the settings again and apply changed `level` and `level.<name>` settings "
            + "(see Levels at run time): milliseconds, or a number with `ms` or `s`, from `10ms` to `1h`; `off` (or `0`) never"),
    JMX("jmx", "false", "`true` registers the MBean `dev.syswrite:type=LoggerLevels`, which reads and sets levels (see Levels at run "
            + "time); `false`"),
    OUTPUT("output", "stderr", "`stderr`, `stdout`, or a file path, opened for append and created if missing"),
    FORMAT("format", "text", "`text` (the layout below), `json` (JSON Lines, see below)"),
    TIME("time", "millis", "`millis`, `micros` (ISO-8601 UTC), `none`"),
    THREAD("thread", "true", "`true`, `false`"),
    NAME("name", "full", "`full`, `short` (after the last dot), `none`"),
    MARKERS("markers", "true", "`true`, `false`"),
    MDC("mdc", "true", "`true`, `false`"),
    KEY_VALUES("keyvalues", "true", "`true`, `false`"),
    ESCAPE("escape", "true", "`true`, `false`: escape control characters (see below)"),
    SERVICE_NAME("service.name", "", "JSON: the `service.name` of every line; empty for none"),
    SERVICE_VERSION("service.version", "", "JSON: the `service.version` of every line; empty for none"),
    SERVICE_ENVIRONMENT("service.environment", "", "JSON: the `service.environment` of every line; empty for none"),
    SERVICE_NODE_NAME("service.node.name", "", "JSON: the `service.node.name` of every line; empty for none"),
    EVENT_DATASET("event.dataset", "", "JSON: the `event.dataset` of every line; empty for the service name, if it is set, as "
            + "ecs-logging asks"),
    JSON_FIELDS("json.fields", "", "JSON: more fields on every line, `key=value` pairs separated by commas (a value holds no comma); a "
            + "key the layout writes itself is a bad setting; these and the service fields take at most 256 bytes a line"),
    LINE_MAX("line.max", "1m", "the most bytes one event may take, newline included: a number with an optional `k` or `m` (KiB, MiB), "
            + "from `1k` to `256m`"),
    MODE("mode", "sync", "`sync` (each event is in the kernel when the call returns), `async` (see below)"),
    SYNC_LEVEL("sync.level", "error", "async mode: the level from which a call returns only once its event, and everything queued "
            + "before it, is in the kernel: a level, or `off`"),
    FSYNC_LEVEL("fsync.level", "off", "the level from which a call returns only once its event is on the device, synced with "
            + "`fdatasync(2)` (in async mode, after everything queued before it): a level, or `off`"),
    ASYNC_FULL("async.full", "block", "async mode, when the ring is full: `block` (wait for room), `drop` (count by level; never an "
            + "event at the sync or fsync level, which its caller writes), `sync` (the caller writes its event, after everything queued)"),
    ASYNC_RING("async.ring", "4m", "async mode: the ring's size, off the heap, rounded up to a power of two, from `64k` to `1024m`"),
    ASYNC_WAIT("async.wait", "park", "async mode: how the writer thread waits, `park` or `spin`"),
    REOPEN_INTERVAL("reopen.interval", "1s", "a file output: how often to check that the path still names the open file, and open it "
            + "again if not (see Rotation): milliseconds, or a number with `ms` or `s`, from `10ms` to `1h`; `off` (or `0`, with any "
            + "unit) checks only when asked"),
    ROLLOVER_SIZE("rollover.size", "off", "a file output: the size from which it rolls to `<file>.1`: a number with an optional `k`, "
            + "`m` or `g`, from `1k`; or `off` (or `0`, with any unit)"),
    ROLLOVER_KEEP("rollover.keep", "7", "how many rolled files to keep, from 1 to 1000; older ones are deleted if this provider created "
            + "them");

    /** What every key starts with. */
    static final String PREFIX = "syswrite.logger.";

    /** The whole key, {@code syswrite.logger.level}. */
    final String key;
    /** The value used where none is set, or where the one set is bad; empty for none. */
    final String defaultValue;
    /** The values it takes, in the manual's words (Markdown). */
    final String values;

    LoggerSetting(String name, String defaultValue, String values) {
        this.key = PREFIX + name;
        this.defaultValue = defaultValue;
        this.values = values;
    }
}
