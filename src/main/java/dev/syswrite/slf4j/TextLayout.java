package dev.syswrite.slf4j;

import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.spi.MDCAdapter;

/**
 * The plain text layout:
 * {@code <time> [<thread>] <LEVEL> <logger> [<marker>]... {<mdc>} - <key>=<value>... <message>},
 * each part switchable in {@link LoggerConfig}, then the stack trace of a Throwable, if any. Its
 * head is escaped by the encoder on the way out ({@code syswrite.logger.escape}), its stack trace
 * as it is appended.
 */
final class TextLayout implements Layout {
    private final LoggerConfig config;
    private final MDCAdapter mdc;

    TextLayout(LoggerConfig config, MDCAdapter mdc) {
        this.config = config;
        this.mdc = mdc;
    }

    @Override
    public boolean escapesOnEncode() {
        return config.escape;
    }

    @Override
    public void head(EventBuffers.Slot slot, long epochMicros, String thread, int level, String logger, Marker marker, List<Marker> markers) {
        LineBuilder line = slot.line;
        if (config.timeDigits != 0) {
            line.appendTimestamp(epochMicros, config.timeDigits).append(' ');
        }
        if (config.thread) {
            line.append('[').append(thread != null ? thread : Thread.currentThread().getName()).append("] ");
        }
        line.append(EventWriter.LEVEL_NAMES[level]).append(' ');
        switch (config.name) {
            case "full" -> line.append(logger).append(' ');
            case "short" -> line.append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(' ');
            default -> { }
        }
        if (marker != null) {
            appendMarker(line, marker);
        }
        if (markers != null) {
            for (Marker m : markers) {
                appendMarker(line, m);
            }
        }
    }

    @Override
    public void body(EventBuffers.Slot slot, List<KeyValuePair> keyValues, String pattern, int count, Object a1, Object a2, Object[] more,
            Throwable throwable) {
        LineBuilder line = slot.line;
        if (config.mdc) {
            appendMdc(line);
        }
        line.append("- ");
        if (keyValues != null) {
            for (KeyValuePair pair : keyValues) {
                if (pair == null) {
                    continue;
                }
                line.append(pair.key).append('=');
                MessagePattern.appendValue(line, pair.value);
                line.append(' ');
            }
        }
        MessagePattern.appendTo(line, pattern, count, a1, a2, more);
        line.startBody();
        line.append('\n');
        if (throwable != null) {
            StackTrace.appendTo(line, throwable);
        }
    }

    private static void appendMarker(LineBuilder line, Marker marker) {
        line.append('[').append(EventWriter.markerName(marker)).append("] ");
    }

    private void appendMdc(LineBuilder line) {
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
}
