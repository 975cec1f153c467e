package dev.syswrite.logging.layout;

import dev.syswrite.logging.event.ContextMap;
import dev.syswrite.logging.event.KeyValue;
import dev.syswrite.logging.event.Level;
import dev.syswrite.logging.text.LineBuilder;
import dev.syswrite.logging.text.MessagePattern;
import dev.syswrite.logging.text.StackTrace;
import dev.syswrite.logging.text.Utf8;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * JSON Lines ({@link LayoutSettings.Format#JSON}): each event one JSON object on one line, in the
 * Elastic Common Schema as the ecs-logging spec lays it out, in this order: {@code @timestamp},
 * {@code log.level}, {@code message}, {@code ecs.version}, the fields every line carries
 * ({@link LayoutSettings#jsonFields()}: {@code service.name} and the other service fields,
 * {@code event.dataset}, the user's own), {@code process.thread.name}, {@code log.logger}, each
 * MDC entry, each key-value pair, {@code tags} (the markers), {@code error.type},
 * {@code error.message}, {@code error.stack_trace}; then the layout's own,
 * {@code syswrite.skipped_fields} and {@code syswrite.truncated}. The settings {@code time},
 * {@code thread}, {@code name}, {@code mdc}, {@code markers} and {@code keyvalues} switch their
 * parts as in the text layout.
 *
 * <p>Key-value pairs keep their type: integers, {@code BigInteger} and {@code BigDecimal} are JSON
 * numbers, as are finite floats and doubles (NaN and the infinities are the strings
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}), booleans are {@code true} and
 * {@code false}, null is {@code null}; anything else is the string {@code {}} renders of it.
 *
 * <p>No key appears twice, and none is lost in silence: an MDC entry or key-value pair whose key
 * is taken ({@link JsonFieldNames#clash clashes} with one of the layout's fields, a field every
 * line carries, or an earlier entry's) or names no field (an empty part between dots) is written
 * as {@code labels.<key>} instead, its {@code .}, {@code *} and {@code \} made {@code _} as ECS
 * asks of label keys; if that is taken too, it is left out and counted in
 * {@code syswrite.skipped_fields}, as are the entries past the first {@value #MOST_KEYS}.
 *
 * <p>Within the line limit ({@link JsonLine}): room is kept from the start for what every line
 * must have ({@code ecs.version} and the fields every line carries, with a Throwable
 * {@code error.type}, and the count of fields left out). A field that fits is written whole; a
 * string that does not is cut to half of the room left, so that the fields after it keep the
 * other half, except that a message keeps at least its first {@value #MESSAGE_KEPT} bytes and the
 * stack trace, the last, takes all that is left; a number or a key that does not fit is left out
 * and counted.
 */
public final class JsonLayout implements Layout {
    /** The version of ECS the lines follow, as Elastic's own Java encoders write it. */
    public static final String ECS_VERSION = "1.2.0";
    /** Every name the layout writes itself: an MDC or key-value key among them is written under {@code labels.}. */
    public static final Set<String> OWN_FIELDS = Set.of("@timestamp", "log.level", "message", "ecs.version", "process.thread.name",
            "log.logger", "tags", "error.type", "error.message", "error.stack_trace", "syswrite.skipped_fields", "syswrite.truncated");
    /** Where an MDC or key-value key that is taken goes instead. */
    public static final String LABELS = "labels.";
    /**
     * The most MDC entries and key-value pairs one line writes: each key is checked against those
     * before it, so a context of 10,000 entries costs a bounded time; the rest are counted.
     */
    public static final int MOST_KEYS = 256;

    // The own fields' keys as they are written, "key":; public where a writer copies them.
    /** {@code "@timestamp":} */
    public static final String TIMESTAMP = quoted("@timestamp");
    /** {@code "log.level":} */
    public static final String LEVEL = quoted("log.level");
    /** {@code "message":} */
    public static final String MESSAGE = quoted("message");
    /** {@code "process.thread.name":} */
    public static final String THREAD = quoted("process.thread.name");
    /** {@code "log.logger":} */
    public static final String LOGGER = quoted("log.logger");
    /** {@code "tags":} */
    public static final String TAGS = quoted("tags");
    private static final String ERROR_TYPE = quoted("error.type");
    private static final String ERROR_MESSAGE = quoted("error.message");
    private static final String STACK_TRACE = quoted("error.stack_trace");
    private static final String SKIPPED = quoted("syswrite.skipped_fields");

    /** The bytes of the message every line keeps room for (all of it if it is shorter). */
    public static final int MESSAGE_KEPT = 256;
    /** The bytes of {@code error.type} every line with a Throwable keeps room for: no real class name is longer. */
    static final int ERROR_TYPE_KEPT = 256;
    /** The bytes of {@code ,"error.type":""} without its text. */
    private static final int ERROR_TYPE_FIELD = 1 + ERROR_TYPE.length() + 2;
    /** The bytes {@code ,"syswrite.skipped_fields":} and ten digits take. */
    private static final int SKIPPED_FIELD = 1 + SKIPPED.length() + 10;
    /** The most the fields every line carries may take, {@code ecs.version} included: at a line limit of 1 KiB, what every line must have still fits beside them (a 256-byte message, a 256-byte error.type). */
    public static final int MOST_FIXED = 256;

    private final LayoutSettings settings;
    /** The logging thread's diagnostic context at the call. */
    private final Supplier<ContextMap> mdc;
    /** The fields the line may have, which no MDC or key-value key may clash with. */
    private final String[] leaves;
    /** {@code "ecs.version":"1.2.0"} and the fields every line carries, escaped once, and its bytes. */
    private final String fixed;
    private final int fixedBytes;

    JsonLayout(LayoutSettings settings, Supplier<ContextMap> mdc) {
        this.settings = settings;
        this.mdc = mdc;
        Set<String> names = new HashSet<>(OWN_FIELDS);
        for (int i = 0; i < settings.jsonFields().size(); i++) {
            names.add(settings.jsonFields().key(i));
        }
        this.leaves = names.toArray(new String[0]);
        this.fixed = fixedFields(settings.jsonFields());
        this.fixedBytes = (int) Utf8.length(fixed, 0, fixed.length(), false);
        if (1 + fixedBytes > MOST_FIXED) {
            throw new IllegalArgumentException("the fields every line carries take " + fixedBytes + " bytes, more than " + MOST_FIXED);
        }
    }

    /**
     * The bytes {@code ecs.version} and {@code fields} take on every line, for the settings to
     * check against {@link #MOST_FIXED}.
     *
     * @param fields the fields every line carries
     * @return their bytes as written, the commas included
     */
    public static int fixedBytes(ContextMap fields) {
        String text = fixedFields(fields);
        return 1 + (int) Utf8.length(text, 0, text.length(), false);
    }

    /** {@code "ecs.version":"1.2.0"} and {@code fields} as the line has them, escaped. */
    private static String fixedFields(ContextMap fields) {
        ContextMap all = ContextMap.EMPTY.with("ecs.version", ECS_VERSION);
        for (int i = 0; i < fields.size(); i++) {
            all = all.with(fields.key(i), fields.value(i));
        }
        JsonLine json = JsonLine.unlimited();
        for (int i = 0; i < all.size(); i++) {
            if (json.key(all.key(i), 2)) {
                json.string(all.value(i) == null ? "" : all.value(i));
            }
        }
        return json.written();
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
        // Written after the message, where ECS puts them; the MDC taken now, before the message's
        // arguments are rendered, whose toString() may change it.
        json.holdHead(thread, logger, marker, markers, settings.mdc() ? slot.context(mdc) : null);
    }

    @Override
    public void body(EventBuffers.Slot slot, List<KeyValue> keyValues, String pattern, int count, Object a1, Object a2, Object[] more,
            Throwable throwable) {
        JsonLine json = slot.json();
        String type = throwable != null ? throwable.getClass().getName() : null;
        int errorType = type != null ? ERROR_TYPE_FIELD + JsonLine.escapedBytes(type, 0, type.length(), ERROR_TYPE_KEPT) : 0;
        json.keep(1 + fixedBytes + errorType + SKIPPED_FIELD);
        LineBuilder message = json.scratch(settings.lineMax());
        MessagePattern.appendTo(message, pattern, count, a1, a2, more);
        if (json.ownKey(MESSAGE, 2)) {
            json.string(message.chars(), 0, message.length(), MESSAGE_KEPT);
        }
        json.keep(errorType + SKIPPED_FIELD);
        json.raw(fixed, fixedBytes);
        optionalFields(json, keyValues);
        json.keep(SKIPPED_FIELD);
        if (throwable != null) {
            error(json, throwable, type, slot.line.mayCallApplication());
        }
        json.keep(0);
        if (json.skipped() != 0 && json.ownKey(SKIPPED, 1)) {
            json.number(json.skipped());
        }
        json.end();
    }

    /** The thread, the logger, the MDC, the key-value pairs and the markers: each written if it fits, else counted. */
    private void optionalFields(JsonLine json, List<KeyValue> keyValues) {
        String thread = json.heldThread();
        if (settings.thread() && json.optionalKey(THREAD, 2)) {
            json.string(thread != null ? thread : Thread.currentThread().getName());
        }
        String logger = json.heldLogger();
        if (settings.names() != LayoutSettings.LoggerNames.NONE && json.optionalKey(LOGGER, 2)) {
            json.string(logger, settings.names() == LayoutSettings.LoggerNames.SHORT ? logger.lastIndexOf('.') + 1 : 0, logger.length(), 0);
        }
        ContextMap context = json.heldContext();
        if (context != null) {
            contextFields(json, context);
        }
        if (keyValues != null) {
            for (KeyValue pair : keyValues) {
                if (pair != null && key(json, String.valueOf(pair.key()))) {
                    value(json, pair.value());
                }
            }
        }
        String marker = json.heldMarker();
        List<String> markers = json.heldMarkers();
        if ((marker != null || markers != null && !markers.isEmpty()) && json.optionalKey(TAGS, 2)) {
            json.startArray();
            if (marker != null) {
                json.element(marker);
            }
            if (markers != null) {
                for (String m : markers) {
                    json.element(m);
                }
            }
            json.endArray();
        }
    }

    /** Each MDC entry, after the logger and before the key-value pairs. */
    private void contextFields(JsonLine json, ContextMap context) {
        for (int i = 0; i < context.size(); i++) {
            if (key(json, context.key(i))) {
                String value = context.value(i);
                if (value == null) {
                    json.literal("null");
                } else {
                    json.string(value);
                }
            }
        }
    }

    /**
     * The MDC fields of {@code context} as a line with room for them has them (each after a
     * comma, keys under {@code labels.} where they are taken), for a writer that copies them
     * whole: the same on every line, since before them the line has only the layout's own fields.
     *
     * @param context the diagnostic context
     * @return the fields' text; or null if the line would leave any out, and count it
     */
    public String contextFields(ContextMap context) {
        JsonLine json = JsonLine.unlimited();
        contextFields(json, context);
        String fields = json.written();
        return json.skipped() != 0 ? null : fields.isEmpty() ? "" : "," + fields;
    }

    /**
     * {@code "ecs.version":"1.2.0"} and the fields every line carries, escaped, as every line
     * has them (after the message and its comma).
     *
     * @return their text
     */
    public String everyLineFields() {
        return fixed;
    }

    /**
     * The longest line, its newline included, that the layout writes with nothing cut or left
     * out for its size: a line within it is written whole, every field as it is.
     *
     * @param lineMax the line limit
     * @return the bytes
     */
    public static int wholeLineMost(int lineMax) {
        return lineMax - JsonLine.TRUNCATED.length() - SKIPPED_FIELD;
    }

    /**
     * Starts an MDC entry or a key-value pair with its key, or under {@code labels.} if the key is
     * taken or names no field; false, the field counted as left out, if that is taken too, it does
     * not fit, or the line has {@link #MOST_KEYS} of them already. A key that is a label already
     * ({@code labels.x}) has its label part made fit for ECS too.
     */
    private boolean key(JsonLine json, String key) {
        if (json.keysWritten() >= MOST_KEYS) {
            json.skip();
            return false;
        }
        String name = key.startsWith(LABELS) ? label(key, LABELS.length()) : key;
        if (!taken(json, name)) {
            return json.key(name, 2);
        }
        String label = label(key, 0);
        if (taken(json, label)) {
            json.skip();
            return false;
        }
        return json.key(label, 2);
    }

    /**
     * Whether a field named {@code key} cannot go on the line: it names no field, or it clashes
     * ({@link JsonFieldNames#clash}) with a field the line has or will have.
     */
    private boolean taken(JsonLine json, String key) {
        if (!JsonFieldNames.isFieldName(key) || key.equals("labels") || json.clashesWithWritten(key)) {
            return true;
        }
        for (String leaf : leaves) {
            if (JsonFieldNames.clash(leaf, key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code labels.} and {@code key} from {@code from}, with the characters ECS forbids in a
     * label's key ({@code .}, {@code *}, {@code \}) made {@code _} ({@code _} for an empty one);
     * {@code key} itself if it is that already.
     */
    static String label(String key, int from) {
        boolean clean = from == LABELS.length() && key.length() > from;
        for (int i = from; clean && i < key.length(); i++) {
            clean = !forbiddenInLabel(key.charAt(i));
        }
        if (clean) {
            return key;
        }
        StringBuilder label = new StringBuilder(LABELS.length() + key.length() - from + 1).append(LABELS);
        for (int i = from; i < key.length(); i++) {
            char c = key.charAt(i);
            label.append(forbiddenInLabel(c) ? '_' : c);
        }
        return key.length() > from ? label.toString() : label.append('_').toString();
    }

    private static boolean forbiddenInLabel(char c) {
        return c == '.' || c == '*' || c == '\\';
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
