package dev.syswrite.slf4j;

import dev.syswrite.logging.event.ContextMap;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.Map;
import org.slf4j.spi.MDCAdapter;

/**
 * syswrite's MDC: each thread's context is an immutable {@link ContextMap}, replaced whole on
 * every change, so an event's snapshot of it is the one reference the thread holds (no copy per
 * event), and reading it allocates nothing.
 *
 * <p><b>Not inherited.</b> A thread starts with an empty context, whatever the thread that
 * created it held, as in Logback. SLF4J's {@code BasicMDCAdapter} is inheritable, so a pool
 * thread created during a request keeps that request's context for its whole life and stamps it
 * on every line it logs later. To carry a context to another thread, take
 * {@link #getCopyOfContextMap()} there and {@link #setContextMap} it on the other side.
 *
 * <p>SLF4J's contract otherwise: {@link #put} refuses a null key with
 * {@link IllegalArgumentException}; a null value is kept; {@link #getCopyOfContextMap()} returns
 * a new mutable map, or null when the context is empty; {@link #setContextMap} with null clears.
 * The deques of {@link #pushByKey} are per thread too, not printed, and hold null values.
 */
public final class SysWriteMdcAdapter implements MDCAdapter {
    /** Plain {@code ThreadLocal}, not inheritable: see the class comment. */
    private final ThreadLocal<ContextMap> context = new ThreadLocal<>();
    private final ThreadLocal<Map<String, Deque<String>>> deques = new ThreadLocal<>();

    /** Creates an adapter whose every thread's context is empty. */
    public SysWriteMdcAdapter() {}

    /**
     * The calling thread's context as it is now: later changes make new contexts and leave this
     * one as it is. What the provider hands each event; not public, as the engine's type is not.
     *
     * @return the context, {@link ContextMap#EMPTY} if none
     */
    ContextMap current() {
        ContextMap now = context.get();
        return now == null ? ContextMap.EMPTY : now;
    }

    /**
     * Sets {@code key} to {@code val} in the calling thread's context.
     *
     * @throws IllegalArgumentException if {@code key} is null
     */
    @Override
    public void put(String key, String val) {
        if (key == null) {
            throw new IllegalArgumentException("key cannot be null");
        }
        context.set(current().with(key, val));
    }

    /** The value of {@code key} in the calling thread's context, or null. */
    @Override
    public String get(String key) {
        return current().get(key);
    }

    /** Removes {@code key} from the calling thread's context; a null or absent key changes nothing. */
    @Override
    public void remove(String key) {
        ContextMap now = current();
        ContextMap next = now.without(key);
        if (next != now) {
            context.set(next);
        }
    }

    /** Empties the calling thread's context, and frees its slot: a pool thread keeps nothing. */
    @Override
    public void clear() {
        context.remove();
    }

    /**
     * A copy of the calling thread's context.
     *
     * @return a new mutable map, or null if the context is empty
     */
    @Override
    public Map<String, String> getCopyOfContextMap() {
        ContextMap now = current();
        return now.size() == 0 ? null : now.toMap();
    }

    /**
     * Replaces the calling thread's context with what {@code contextMap} holds (entries with a
     * null key left out); null clears it. The map is copied: changing it later changes nothing.
     */
    @Override
    public void setContextMap(Map<String, String> contextMap) {
        ContextMap next = ContextMap.of(contextMap);
        if (next.size() == 0) {
            context.remove();
        } else {
            context.set(next);
        }
    }

    /** Pushes {@code value} onto the calling thread's deque named {@code key}; a null key does nothing. */
    @Override
    public void pushByKey(String key, String value) {
        if (key == null) {
            return;
        }
        Map<String, Deque<String>> byKey = deques.get();
        if (byKey == null) {
            byKey = new HashMap<>();
            deques.set(byKey);
        }
        byKey.computeIfAbsent(key, k -> new LinkedList<>()).push(value);
    }

    /** Pops the calling thread's deque named {@code key}: its last pushed value, or null if empty. */
    @Override
    public String popByKey(String key) {
        Deque<String> deque = deque(key);
        return deque == null || deque.isEmpty() ? null : deque.pop();
    }

    /** A copy of the calling thread's deque named {@code key}, or null if there is none. */
    @Override
    public Deque<String> getCopyOfDequeByKey(String key) {
        Deque<String> deque = deque(key);
        return deque == null ? null : new LinkedList<>(deque);
    }

    /** Empties the calling thread's deque named {@code key}. */
    @Override
    public void clearDequeByKey(String key) {
        Deque<String> deque = deque(key);
        if (deque != null) {
            deque.clear();
        }
    }

    private Deque<String> deque(String key) {
        Map<String, Deque<String>> byKey = deques.get();
        return byKey == null || key == null ? null : byKey.get(key);
    }
}
