package dev.syswrite.logging.capture;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Strings a captured event names by a small id instead of carrying them: message templates,
 * logger names, thread names, markers. Bounded in entries and in chars, so that templates built at
 * run time (a message concatenated on every call) cannot grow it without end: a string it cannot
 * take is carried in the event itself, which costs a copy, never an event. Entries are never
 * removed, so an id read from any record stays valid for the table's life.
 *
 * <p>Any thread may add; an id reaches the thread that formats the event through the ring, whose
 * commit (a release store) comes after the entry's store here, so the reader sees the entry.
 */
public final class NameTable {
    /** Returned by {@link #idOf} for a string the table does not hold and will not take. */
    public static final int NONE = -1;

    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<String> names;
    private final int mostChars;
    private final int longest;
    /** Guarded by {@code this}. */
    private int size;
    /** Guarded by {@code this}. */
    private long chars;

    /**
     * @param mostEntries the most strings it holds
     * @param mostChars the most chars all of them hold together
     * @param longest the longest string it takes, in chars
     */
    public NameTable(int mostEntries, int mostChars, int longest) {
        this.names = new AtomicReferenceArray<>(mostEntries);
        this.mostChars = mostChars;
        this.longest = longest;
    }

    /**
     * The id of {@code s}, added if it is new and there is room.
     *
     * @param s a string, not null
     * @return its id, or {@link #NONE} if the table does not take it
     */
    public int idOf(String s) {
        Integer id = ids.get(s);
        return id != null ? id : add(s);
    }

    private synchronized int add(String s) {
        Integer id = ids.get(s);
        if (id != null) {
            return id;
        }
        if (s.length() > longest || size == names.length() || chars + s.length() > mostChars) {
            return NONE;
        }
        names.set(size, s); // before the id is published: whoever reads the id sees the name
        ids.put(s, size);
        chars += s.length();
        return size++;
    }

    /**
     * The most strings it holds: every id it gives is below this.
     *
     * @return its bound on entries
     */
    public int capacity() {
        return names.length();
    }

    /**
     * The string of an id this table gave.
     *
     * @param id the id
     * @return the string
     */
    public String nameOf(int id) {
        return names.get(id);
    }
}
