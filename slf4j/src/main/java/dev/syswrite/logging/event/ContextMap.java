package dev.syswrite.logging.event;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A thread's diagnostic context (SLF4J's MDC) as an immutable value: a change makes a new one, so
 * an event takes the context as one reference, which no later change can alter, and a layout
 * reads it by index with no copy and no allocation. Keys keep the order they were first put in;
 * a key is never null, a value may be.
 *
 * <p>Lookups and changes scan the entries: a context holds a handful of keys (a request id, a
 * user, a trace id), where a scan beats hashing and a change copies a few references.
 */
public final class ContextMap {
    /** The context with no entry. */
    public static final ContextMap EMPTY = new ContextMap(new String[0]);

    /** Key 0, value 0, key 1, value 1, ...: never changed once this map is published. */
    private final String[] entries;

    private ContextMap(String[] entries) {
        this.entries = entries;
    }

    /**
     * The context holding what {@code map} holds, in its iteration order; entries with a null key
     * are left out.
     *
     * @param map the entries, or null for none
     * @return the context
     */
    public static ContextMap of(Map<String, String> map) {
        ContextMap context = EMPTY;
        if (map != null) {
            for (Map.Entry<String, String> e : map.entrySet()) {
                if (e.getKey() != null) {
                    context = context.with(e.getKey(), e.getValue());
                }
            }
        }
        return context;
    }

    /**
     * How many entries.
     *
     * @return the number of keys
     */
    public int size() {
        return entries.length >> 1;
    }

    /**
     * The key of entry {@code i}.
     *
     * @param i from 0 to {@link #size()} - 1
     * @return the key, never null
     */
    public String key(int i) {
        return entries[i << 1];
    }

    /**
     * The value of entry {@code i}.
     *
     * @param i from 0 to {@link #size()} - 1
     * @return the value, which may be null
     */
    public String value(int i) {
        return entries[(i << 1) + 1];
    }

    /**
     * The value of {@code key}.
     *
     * @param key any key, null included
     * @return its value, or null if the key is absent (or its value is null)
     */
    public String get(String key) {
        int at = indexOf(key);
        return at < 0 ? null : entries[at + 1];
    }

    /**
     * Whether {@code key} has an entry.
     *
     * @param key any key, null included
     * @return whether it is present
     */
    public boolean containsKey(String key) {
        return indexOf(key) >= 0;
    }

    /**
     * This context with {@code key} set to {@code value}: in its place if present, else last.
     *
     * @param key the key, not null
     * @param value the value, null allowed
     * @return the new context (this one is unchanged)
     * @throws NullPointerException if {@code key} is null
     */
    public ContextMap with(String key, String value) {
        if (key == null) {
            throw new NullPointerException("key");
        }
        int at = indexOf(key);
        String[] next;
        if (at >= 0) {
            if (Objects.equals(entries[at + 1], value)) {
                return this;
            }
            next = entries.clone();
        } else {
            next = Arrays.copyOf(entries, entries.length + 2);
            at = entries.length;
            next[at] = key;
        }
        next[at + 1] = value;
        return new ContextMap(next);
    }

    /**
     * This context without {@code key}.
     *
     * @param key any key, null included
     * @return the new context, or this one if the key is absent
     */
    public ContextMap without(String key) {
        int at = indexOf(key);
        if (at < 0) {
            return this;
        }
        if (entries.length == 2) {
            return EMPTY;
        }
        String[] next = new String[entries.length - 2];
        System.arraycopy(entries, 0, next, 0, at);
        System.arraycopy(entries, at + 2, next, at, entries.length - at - 2);
        return new ContextMap(next);
    }

    /**
     * A mutable copy, for callers that want a {@link Map}.
     *
     * @return a new map with every entry
     */
    public Map<String, String> toMap() {
        Map<String, String> map = new HashMap<>(Math.max(4, size() * 2));
        for (int i = 0; i < entries.length; i += 2) {
            map.put(entries[i], entries[i + 1]);
        }
        return map;
    }

    private int indexOf(String key) {
        if (key == null) {
            return -1;
        }
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < entries.length; i += 2) {
            text.append(i == 0 ? "" : ", ").append(entries[i]).append('=').append(entries[i + 1]);
        }
        return text.append('}').toString();
    }

    /**
     * Whether {@code other} is a context map with the same entries in the same order.
     *
     * @param other any object
     * @return true for equal entries
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ContextMap map && Arrays.equals(entries, map.entries);
    }

    /**
     * A hash of the entries, consistent with {@link #equals}.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Arrays.hashCode(entries);
    }
}
