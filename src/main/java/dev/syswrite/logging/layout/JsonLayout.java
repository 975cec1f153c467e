package dev.syswrite.logging.layout;

import dev.syswrite.logging.event.ContextMap;
import dev.syswrite.logging.event.KeyValue;
import dev.syswrite.logging.event.Level;
import dev.syswrite.logging.text.LineBuilder;
import dev.syswrite.logging.text.MessagePattern;
import dev.syswrite.logging.text.StackTrace;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * JSON Lines ({@link LayoutSettings.Format#JSON}): each event one JSON object on one line, with
 * the field names of the Elastic Common Schema, in this order: {@code @timestamp},
 * {@code log.level}, {@code log.logger}, {@code process.thread.name}, {@code tags} (the markers),
 * each MDC entry, each key-value pair, {@code message}, {@code error.type},
 * {@code error.message}, {@code error.stack_trace}; the settings {@code time}, {@code thread},
 * {@code name}, {@code mdc}, {@code markers} and {@code keyvalues} switch their parts as in the
 * text layout.
 *
 * <p>Key-value pairs keep their type: integers, {@code BigInteger} and {@code BigDecimal} are JSON
 * numbers, as are finite floats and doubles (NaN and the infinities are the strings
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}), booleans are {@code true} and
 * {@code false}, null is {@code null}; anything else is the string {@code {}} renders of it.
 *
 * <p>No key appears twice: the names above, and {@code log.truncated} and
 * {@code log.skipped_fields}, are the layout's own; an MDC entry or key-value pair with one of
 * them as its key, or with the key of an MDC entry or of an earlier pair, is left out and counted
 * in {@code log.skipped_fields}.
 *
 * <p>Within the line limit ({@link JsonLine}): a field that fits is written whole. A string that
 * does not is cut: to the room left if it is the last big field (the stack trace, or the message
 * of an event without one), else to half of it, so that a long MDC value or message never takes
 * all the room of the fields after it; a number or a key that does not fit is left out.
 *
 * <p>The optional fields, {@code log.logger}, {@code process.thread.name}, {@code tags}, the MDC
 * and the key-value pairs, never take the room of the fields that must follow them:
 * {@code message} (its first {@value #MESSAGE_KEPT} bytes, or all of it if shorter),
 * {@code error.type} with a Throwable (its first {@value #ERROR_TYPE_KEPT} bytes: all of any real
 * class name), and {@code log.skipped_fields} if a field was left out. Once they are written, the
 * last of them are taken out until those fit, and each one left out or taken out is counted in
 * {@code log.skipped_fields}. With a Throwable a cut message keeps half the room after
 * {@code error.type}, for the stack trace, but never less than its first {@value #MESSAGE_KEPT}
 * bytes; {@code error.message} and {@code error.stack_trace} get what is left.
 */
public final class JsonLayout implements Layout {
    /** Every name the layout writes itself: an MDC or key-value key among them is left out. */
    public static final Set<String> OWN_FIELDS = Set.of("@timestamp", "log.level", "log.logger", "process.thread.name", "tags", "message",
            "error.type", "error.message", "error.stack_trace", "log.truncated", "log.skipped_fields");

    /** The own fields' keys as they are written, {@code "key":}. */
    private static final String TIMESTAMP = quoted("@timestamp");
    private static final String LEVEL = quoted("log.level");
    private static final String LOGGER = quoted("log.logger");
    private static final String THREAD = quoted("process.thread.name");
    private static final String TAGS = quoted("tags");
    private static final String SKIPPED = quoted("log.skipped_fields");
    private static final String MESSAGE = quoted("message");
    private static final String ERROR_TYPE = quoted("error.type");
    private static final String ERROR_MESSAGE = quoted("error.message");
    private static final String STACK_TRACE = quoted("error.stack_trace");

    /** The bytes of the message every line keeps room for (all of it if it is shorter). */
    public static final int MESSAGE_KEPT = 256;
    /** The bytes of {@code error.type} every line with a Throwable keeps room for: no real class name is longer. */
    static final int ERROR_TYPE_KEPT = 256;
    /** The bytes of {@code ,"message":""} and {@code ,"error.type":""} without their text. */
    private static final int MESSAGE_FIELD = 1 + MESSAGE.length() + 2;
    private static final int ERROR_TYPE_FIELD = 1 + ERROR_TYPE.length() + 2;
    /** The most room the layout has {@link JsonLine#makeRoom} make: those two fields and {@code log.skipped_fields}, ten digits. */
    public static final int MOST_KEPT = MESSAGE_FIELD + MESSAGE_KEPT + ERROR_TYPE_FIELD + ERROR_TYPE_KEPT + 1 + SKIPPED.length() + 10;

    private final LayoutSettings settings;
    /** The logging thread's diagnostic context, as a copy. */
    private final Supplier<ContextMap> mdc;

    JsonLayout(LayoutSettings settings, Supplier<ContextMap> mdc) {
        this.settings = settings;
        this.mdc = mdc;
    }

    @Override
    public boolean escapesOnEncode() {
        return false; // escaped as it is appended
    }

    @Override
    public void head(EventBuffers.Slot slot, long epochMicros, String thread, Level level, String logger, String marker, List<String> markers) {
        JsonLine json = slot.json().start(slot.line, settings.lineMax());
        if (settings.time() != LayoutSettings.TimePrecision.NONE && json.ownKey(TIMESTAMP, 1)) {
            json.timestamp(epochMicros, settings.time().digits());
        }
        if (json.ownKey(LEVEL, 1)) {
            json.literal(level.json());
        }
        json.keep(MESSAGE_FIELD); // the rest of what must follow is known in body(), which makes room for it
        if (settings.names() != LayoutSettings.LoggerNames.NONE && json.optionalKey(LOGGER, 2)) {
            json.string(logger, settings.names() == LayoutSettings.LoggerNames.SHORT ? logger.lastIndexOf('.') + 1 : 0, logger.length(), 0);
        }
        if (settings.thread() && json.optionalKey(THREAD, 2)) {
            json.string(thread != null ? thread : Thread.currentThread().getName());
        }
        if ((marker != null || markers != null && !markers.isEmpty()) && json.optionalKey(TAGS, 2)) {
            json.startArray();
            boolean first = true;
            if (marker != null) {
                json.element(marker, true);
                first = false;
            }
            if (markers != null) {
                for (String m : markers) {
                    json.element(m, first);
                    first = false;
                }
            }
            json.endArray();
        }
    }

    @Override
    public void body(EventBuffers.Slot slot, List<KeyValue> keyValues, String pattern, int count, Object a1, Object a2, Object[] more,
            Throwable throwable) {
        JsonLine json = slot.json();
        String type = throwable != null ? throwable.getClass().getName() : null;
        int errorType = type != null ? ERROR_TYPE_FIELD + JsonLine.escapedBytes(type, 0, type.length(), ERROR_TYPE_KEPT) : 0;
        json.keep(MESSAGE_FIELD + errorType);
        ContextMap context = settings.mdc() ? mdc.get() : null;
        if (context != null) {
            for (int i = 0; i < context.size(); i++) {
                String key = context.key(i);
                if (OWN_FIELDS.contains(key)) {
                    json.skip();
                } else if (json.key(key, 2)) {
                    String value = context.value(i);
                    if (value == null) {
                        json.literal("null");
                    } else {
                        json.string(value);
                    }
                }
            }
        }
        if (keyValues != null) {
            for (int i = 0; i < keyValues.size(); i++) {
                KeyValue pair = keyValues.get(i);
                if (pair == null) {
                    continue;
                }
                String key = String.valueOf(pair.key());
                if (OWN_FIELDS.contains(key) || context != null && context.containsKey(key) || earlierKey(keyValues, i, key)) {
                    json.skip();
                } else if (json.key(key, 1)) {
                    value(json, pair.value());
                }
            }
        }
        LineBuilder message = json.scratch(settings.lineMax());
        MessagePattern.appendTo(message, pattern, count, a1, a2, more);
        if (json.room() < MOST_KEPT) { // else all that must follow fits whatever it is: no need to measure the message
            int messageKept = JsonLine.escapedBytes(message.chars(), 0, message.length(), MESSAGE_KEPT);
            json.makeRoom(MESSAGE_FIELD + messageKept + errorType, SKIPPED);
        }
        json.keep(errorType);
        if (json.skipped() != 0 && json.ownKey(SKIPPED, 1)) {
            json.number(json.skipped());
        }
        if (json.ownKey(MESSAGE, 2)) {
            // with a Throwable, a message cut takes half the room left (but its first bytes kept): the rest is the trace's
            json.string(message.chars(), 0, message.length(), throwable == null ? JsonLine.ALL : MESSAGE_KEPT);
        }
        if (throwable != null) {
            json.keep(0);
            error(json, throwable, type, slot.line.mayCallApplication());
        }
        json.end();
    }

    private void error(JsonLine json, Throwable throwable, String type, boolean mayCallApplication) {
        if (json.ownKey(ERROR_TYPE, 2)) {
            json.string(type, 0, type.length(), ERROR_TYPE_KEPT);
        }
        if (mayCallApplication) {
            String message;
            try {
                message = throwable.getMessage();
            } catch (Throwable failure) {
                if (failure instanceof ThreadDeath stop) {
                    throw stop;
                }
                message = "[FAILED getMessage()]";
            }
            if (message != null && json.ownKey(ERROR_MESSAGE, 2)) {
                json.string(message);
            }
        }
        LineBuilder trace = json.scratch(settings.lineMax());
        StackTrace.appendTo(trace, throwable);
        if (json.ownKey(STACK_TRACE, 2)) {
            json.string(trace.chars(), 0, trace.length(), JsonLine.ALL);
        }
    }

    private static boolean earlierKey(List<KeyValue> keyValues, int i, String key) {
        for (int j = 0; j < i; j++) {
            KeyValue pair = keyValues.get(j);
            if (pair != null && key.equals(String.valueOf(pair.key()))) {
                return true;
            }
        }
        return false;
    }

    /** A key-value pair's value, typed where JSON has the type. */
    private void value(JsonLine json, Object value) {
        if (value == null) {
            json.literal("null");
        } else if (value instanceof String s) {
            json.string(s);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            json.number(((Number) value).longValue());
        } else if (value instanceof Boolean b) {
            json.literal(b ? "true" : "false");
        } else if (value instanceof Double d) {
            if (Double.isFinite(d)) {
                json.number(d.doubleValue());
            } else {
                json.string(nonFinite(d));
            }
        } else if (value instanceof Float f) {
            if (Float.isFinite(f)) {
                json.number(f.floatValue());
            } else {
                json.string(nonFinite(f));
            }
        } else if (value.getClass() == BigInteger.class || value.getClass() == BigDecimal.class) {
            json.literal(value.toString()); // the JDK's own classes only: a subclass's toString() could be anything
        } else {
            LineBuilder text = json.scratch(settings.lineMax());
            MessagePattern.appendValue(text, value);
            json.string(text.chars(), 0, text.length(), 0);
        }
    }

    private static String quoted(String key) {
        return '"' + key + "\":";
    }

    private static String nonFinite(double d) {
        return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    }
}
