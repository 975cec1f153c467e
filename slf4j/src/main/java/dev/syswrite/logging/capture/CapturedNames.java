package dev.syswrite.logging.capture;

/**
 * The names captured events refer to by id, one table per kind, shared by the callers that
 * capture ({@link EventCapture}) and the thread that formats ({@link EventReplay}).
 *
 * @param templates message templates
 * @param loggers logger names
 * @param threads thread names
 * @param markers marker names
 */
public record CapturedNames(NameTable templates, NameTable loggers, NameTable threads, NameTable markers) {
    /**
     * Tables bounded so that together they hold at most about 8 MiB of chars: templates built at
     * run time, or names without end, are carried in each event instead, once the tables are full.
     *
     * @return empty tables
     */
    public static CapturedNames bounded() {
        return new CapturedNames(new NameTable(16_384, 2 << 20, 4096), new NameTable(16_384, 1 << 20, 1024),
                new NameTable(16_384, 512 << 10, 256), new NameTable(4096, 256 << 10, 256));
    }
}
