package dev.syswrite.slf4j;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.spi.MDCAdapter;

/**
 * Turns one logging event into one line and hands it to the sink in one write.
 *
 * <p>Each thread formats into its own reused StringBuilder and encodes UTF-8 straight into its
 * own reused direct buffer, which the kernel then reads in place: formatting takes no lock and,
 * for messages of Strings and primitive wrappers, allocates nothing. A line that outgrows the
 * buffers gets larger ones for that event only.
 *
 * <p>Layout: {@code <time> [<thread>] <LEVEL> <logger> [<marker>] {<mdc>} - <message>}, each
 * part switchable in {@link LoggerConfig}, then the stack trace of a Throwable, if any.
 */
final class EventWriter {
    static final String[] LEVEL_NAMES = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"};

    /** What a thread keeps between events. */
    private static final int KEPT_CHARS = 16 * 1024;

    private static final class Buffers {
        StringBuilder text = new StringBuilder(1024);
        /** Direct, so syswrite hands it to the kernel in place. */
        ByteBuffer bytes = ByteBuffer.allocateDirect(Utf8.maxBytes(1024));
    }

    private final LoggerConfig config;
    private final LogSink sink;
    private final MDCAdapter mdc;
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

    EventWriter(LoggerConfig config, LogSink sink, MDCAdapter mdc) {
        this.config = config;
        this.sink = sink;
        this.mdc = mdc;
    }

    LoggerConfig config() {
        return config;
    }

    /** Formats and writes one event; {@code count} arguments come from {@code more}, or else a1 and a2. */
    void write(String logger, int level, Marker marker, String pattern, int count, Object a1, Object a2, Object[] more,
            Throwable throwable) {
        Buffers b = buffers.get();
        StringBuilder line = b.text;
        line.setLength(0);
        if (config.timeDigits != 0) {
            UtcTimestamp.appendTo(line, epochMicros(), config.timeDigits);
            line.append(' ');
        }
        if (config.thread) {
            line.append('[').append(Thread.currentThread().getName()).append("] ");
        }
        line.append(LEVEL_NAMES[level]).append(' ');
        switch (config.name) {
            case "full" -> line.append(logger).append(' ');
            case "short" -> line.append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(' ');
            default -> { }
        }
        if (config.markers && marker != null) {
            line.append('[').append(marker.getName()).append("] ");
        }
        if (config.mdc) {
            appendMdc(line);
        }
        line.append("- ");
        MessagePattern.appendTo(line, pattern, count, a1, a2, more);
        line.append('\n');
        if (throwable != null) {
            appendStackTrace(line, throwable);
        }

        int need = Utf8.maxBytes(line.length());
        ByteBuffer bytes = need <= b.bytes.capacity() ? b.bytes : ByteBuffer.allocateDirect(need);
        sink.write(bytes, Utf8.encode(line, bytes.clear()));
        if (line.capacity() > KEPT_CHARS) {
            b.text = new StringBuilder(1024); // a huge line does not stay with the thread
        } else if (bytes != b.bytes && need <= Utf8.maxBytes(KEPT_CHARS)) {
            b.bytes = bytes;
        }
    }

    private long epochMicros() {
        if (config.timeDigits == 3) {
            return System.currentTimeMillis() * 1000;
        }
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private void appendMdc(StringBuilder line) {
        Map<String, String> context = mdc.getCopyOfContextMap();
        if (context == null || context.isEmpty()) {
            return;
        }
        line.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : context.entrySet()) {
            line.append(first ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
            first = false;
        }
        line.append("} ");
    }

    /** The JDK's own rendering: causes, suppressed exceptions, "... n more". */
    private static void appendStackTrace(StringBuilder line, Throwable throwable) {
        StringWriter trace = new StringWriter();
        try (PrintWriter out = new PrintWriter(trace)) {
            throwable.printStackTrace(out);
        }
        line.append(trace.getBuffer());
        if (line.charAt(line.length() - 1) != '\n') {
            line.append('\n');
        }
    }
}
