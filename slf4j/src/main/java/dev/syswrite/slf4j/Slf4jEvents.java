package dev.syswrite.slf4j;

import dev.syswrite.logging.DetailedEvent;
import dev.syswrite.logging.event.KeyValue;
import dev.syswrite.logging.event.Level;
import dev.syswrite.logging.layout.LayoutSettings;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.LoggingEvent;

/**
 * SLF4J's events in the engine's terms: a marker becomes its name, a {@link KeyValuePair} a
 * {@link KeyValue}, a {@link LoggingEvent} a {@link DetailedEvent}. What the application's objects
 * do here (a {@code getName()} that throws, a list that changes) never reaches the engine as
 * anything but text.
 */
final class Slf4jEvents {
    private Slf4jEvents() {}

    /** A marker's name; a {@code getName()} that throws gives a placeholder. */
    static String markerName(Marker marker) {
        try {
            return marker == null ? "null" : String.valueOf(marker.getName());
        } catch (Throwable failure) {
            if (failure instanceof ThreadDeath stop) {
                throw stop;
            }
            return "[FAILED getName()]";
        }
    }

    /**
     * The event at {@code level} (SLF4J's, in the engine's terms), with only the parts the layout
     * writes. A trailing Throwable among the arguments is the event's exception, if it has none,
     * as SLF4J's own loggers read it.
     */
    static DetailedEvent detailed(LoggingEvent event, Level level, LayoutSettings layout) {
        Object[] args = event.getArgumentArray();
        int count = args == null ? 0 : args.length;
        Throwable throwable = event.getThrowable();
        if (throwable == null && count > 0 && args[count - 1] instanceof Throwable last) {
            throwable = last;
            count--;
        }
        return new DetailedEvent(level, event.getTimeStamp(), event.getThreadName(), layout.markers() ? markerNames(event.getMarkers()) : null,
                layout.keyValues() ? keyValues(event.getKeyValuePairs()) : null, event.getMessage(), args, count, throwable);
    }

    private static List<String> markerNames(List<Marker> markers) {
        if (markers == null || markers.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>(markers.size());
        for (Marker marker : markers) {
            names.add(markerName(marker));
        }
        return names;
    }

    /** The pairs, a null one left out. */
    private static List<KeyValue> keyValues(List<KeyValuePair> pairs) {
        if (pairs == null || pairs.isEmpty()) {
            return null;
        }
        List<KeyValue> converted = new ArrayList<>(pairs.size());
        for (KeyValuePair pair : pairs) {
            if (pair != null) {
                converted.add(new KeyValue(pair.key, pair.value));
            }
        }
        return converted;
    }
}
