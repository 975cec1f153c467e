package dev.syswrite.logging.layout;

import dev.syswrite.logging.event.ContextMap;
import dev.syswrite.logging.event.KeyValue;
import dev.syswrite.logging.event.Level;
import dev.syswrite.logging.text.LineBuilder;
import dev.syswrite.logging.text.MessagePattern;
import dev.syswrite.logging.text.StackTrace;
import java.util.List;
import java.util.function.Supplier;

/**
 * The plain text layout:
 * {@code <time> [<thread>] <LEVEL> <logger> [<marker>]... {<mdc>} - <key>=<value>... <message>},
 * each part switchable in {@link LayoutSettings}, then the stack trace of a Throwable, if any. Its
 * head is escaped by the encoder on the way out ({@link LayoutSettings#escape()}), its stack trace
 * as it is appended.
 */
public final class TextLayout implements Layout {
    private final LayoutSettings settings;
    /** The logging thread's diagnostic context, as a copy. */
    private final Supplier<ContextMap> mdc;

    TextLayout(LayoutSettings settings, Supplier<ContextMap> mdc) {
        this.settings = settings;
        this.mdc = mdc;
    }

    @Override
    public boolean escapesOnEncode() {
        return settings.escape();
    }

    @Override
    public void head(EventBuffers.Slot slot, long epochMicros, String thread, Level level, String logger, String marker, List<String> markers) {
        LineBuilder line = slot.line;
        if (settings.time() != LayoutSettings.TimePrecision.NONE) {
            line.appendTimestamp(epochMicros, settings.time().digits()).append(' ');
        }
        if (settings.thread()) {
            line.append('[').append(thread != null ? thread : Thread.currentThread().getName()).append("] ");
        }
        line.append(level.name()).append(' ');
        LayoutSettings.LoggerNames names = settings.names(); // compared, not switched on: see AsyncWriter.whenFull
        if (names == LayoutSettings.LoggerNames.FULL) {
            line.append(logger).append(' ');
        } else if (names == LayoutSettings.LoggerNames.SHORT) {
            line.append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(' ');
        }
        if (marker != null) {
            appendMarker(line, marker);
        }
        if (markers != null) {
            for (String m : markers) {
                appendMarker(line, m);
            }
        }
    }

    @Override
    public void body(EventBuffers.Slot slot, List<KeyValue> keyValues, String pattern, int count, Object a1, Object a2, Object[] more,
            Throwable throwable) {
        LineBuilder line = slot.line;
        if (settings.mdc()) {
            appendMdc(line, slot.context(mdc));
        }
        line.append("- ");
        if (keyValues != null) {
            for (KeyValue pair : keyValues) {
                if (pair == null) {
                    continue;
                }
                line.append(pair.key()).append('=');
                MessagePattern.appendValue(line, pair.value());
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

    private static void appendMarker(LineBuilder line, String marker) {
        line.append('[').append(marker).append("] ");
    }

    private static void appendMdc(LineBuilder line, ContextMap context) {
        if (context == null || context.size() == 0) {
            return;
        }
        line.append('{');
        for (int i = 0; i < context.size(); i++) {
            line.append(i == 0 ? "" : ", ").append(context.key(i)).append('=').append(context.value(i));
        }
        line.append("} ");
    }
}
