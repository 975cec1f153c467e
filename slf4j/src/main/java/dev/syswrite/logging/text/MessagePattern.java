package dev.syswrite.logging.text;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * SLF4J's {@code {}} substitution, byte for byte as {@code org.slf4j.helpers.MessageFormatter}
 * produces it, appended to a reused StringBuilder instead of a new String.
 *
 * <p>What it keeps from MessageFormatter: a message without arguments is left exactly as it is;
 * {@code \{}} is a literal {@code {}} and {@code \\{}} a backslash before a substitution; extra
 * {@code {}} stay as they are and extra arguments are ignored; {@code null} is {@code "null"};
 * arrays are printed element by element, a self-containing array as {@code [...]}; a
 * {@code toString()} that throws gives {@code [FAILED toString()]}.
 *
 * <p>What it guards against: an event logged from inside the formatting of too many others on
 * one thread (a {@code toString()} that logs, recursively) prints its objects as
 * {@code ClassName@hash} without calling them, so the recursion ends.
 *
 * <p>What it adds: Strings and primitive wrappers are appended as their values, with
 * StringBuilder's own allocation-free conversions (the same digits as their {@code toString()}),
 * so a message of that kind allocates nothing; and the text stops growing at the line limit
 * ({@link LineBuilder}).
 */
public final class MessagePattern {
    private static final String DELIMITER = "{}";
    private static final char ESCAPE = '\\';

    private MessagePattern() {}

    /**
     * Appends {@code pattern} with its first {@code count} arguments substituted. The arguments
     * come from {@code more} if it is not null, else from {@code a1} and {@code a2}, so a call
     * with one or two arguments needs no array.
     *
     * @param out where the message goes
     * @param pattern the message, with {@code {}} where an argument goes; null prints {@code null}
     * @param count how many arguments there are
     * @param a1 the first argument, where {@code more} is null
     * @param a2 the second argument, where {@code more} is null
     * @param more all the arguments, or null
     */
    public static void appendTo(LineBuilder out, String pattern, int count, Object a1, Object a2, Object[] more) {
        if (pattern == null) {
            out.append((String) null);
            return;
        }
        int i = 0;
        for (int arg = 0; arg < count; arg++) {
            int j = pattern.indexOf(DELIMITER, i);
            if (j == -1) {
                break;
            }
            boolean escaped = j > 0 && pattern.charAt(j - 1) == ESCAPE;
            if (escaped && !(j > 1 && pattern.charAt(j - 2) == ESCAPE)) {
                out.append(pattern, i, j - 1).append('{'); // \{} is a literal {}; the argument waits
                arg--;
                i = j + 1;
            } else {
                out.append(pattern, i, escaped ? j - 1 : j); // \\{} keeps one backslash
                appendArgument(out, more != null ? more[arg] : arg == 0 ? a1 : a2, null);
                i = j + 2;
            }
        }
        out.append(pattern, i, pattern.length());
    }

    /**
     * How many of {@code count} arguments {@link #appendTo} substitutes into {@code pattern}: the
     * rest it never looks at, so a caller that captures arguments need not render them.
     *
     * @param pattern the message; null takes none
     * @param count how many arguments there are
     * @return how many, from the first, it takes
     */
    public static int argumentsTaken(String pattern, int count) {
        if (pattern == null) {
            return 0;
        }
        int taken = 0;
        for (int i = 0, j; taken < count && (j = pattern.indexOf(DELIMITER, i)) != -1; i = j + 2) {
            boolean escaped = j > 0 && pattern.charAt(j - 1) == ESCAPE;
            if (escaped && !(j > 1 && pattern.charAt(j - 2) == ESCAPE)) {
                j--; // \{} is a literal {}: the argument waits; go on after its '{'
            } else {
                taken++;
            }
        }
        return taken;
    }

    /**
     * Appends one value as {@code {}} would print it: key-value pairs' values use it too.
     *
     * @param out where the value goes
     * @param o the value: an array prints its elements, a {@code toString()} that throws prints {@code
     *     [FAILED toString()]}
     */
    public static void appendValue(LineBuilder out, Object o) {
        appendArgument(out, o, null);
    }

    private static void appendArgument(LineBuilder out, Object o, Map<Object[], Object> seen) {
        if (o == null) {
            out.append("null");
        } else if (o instanceof String s) {
            out.append(s);
        } else if (o instanceof CapturedValue captured) {
            captured.appendTo(out); // an argument of a call captured earlier, as it was then
        } else if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
            out.append(((Number) o).intValue());
        } else if (o instanceof Long l) {
            out.append(l.longValue());
        } else if (o instanceof Double d) {
            out.append(d.doubleValue());
        } else if (o instanceof Float f) {
            out.append(f.floatValue());
        } else if (o instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (o instanceof Character c) {
            out.append(c.charValue());
        } else if (o.getClass().isArray()) {
            appendArray(out, o, seen == null ? new IdentityHashMap<>() : seen);
        } else if (!out.mayCallApplication()) {
            out.append(o.getClass().getName()).append('@').append(Integer.toHexString(System.identityHashCode(o)));
        } else {
            try {
                out.append(o.toString());
            } catch (Throwable t) {
                if (t instanceof ThreadDeath stop) {
                    throw stop; // Thread.stop ends the thread; see EventWriter
                }
                out.append("[FAILED toString()]");
            }
        }
    }

    private static void appendArray(LineBuilder out, Object array, Map<Object[], Object> seen) {
        out.append('[');
        if (array instanceof Object[] objects) {
            if (seen.containsKey(objects)) {
                out.append("...");
            } else {
                seen.put(objects, null);
                for (int i = 0; i < objects.length && !out.isFull(); i++) {
                    appendArgument(out, objects[i], seen);
                    separate(out, i, objects.length);
                }
                seen.remove(objects); // the same array may repeat among siblings
            }
        } else {
            int length = java.lang.reflect.Array.getLength(array);
            for (int i = 0; i < length && !out.isFull(); i++) {
                appendPrimitive(out, array, i);
                separate(out, i, length);
            }
        }
        out.append(']');
    }

    private static void appendPrimitive(LineBuilder out, Object array, int i) {
        if (array instanceof boolean[] a) {
            out.append(a[i]);
        } else if (array instanceof byte[] a) {
            out.append(a[i]);
        } else if (array instanceof char[] a) {
            out.append(a[i]);
        } else if (array instanceof short[] a) {
            out.append(a[i]);
        } else if (array instanceof int[] a) {
            out.append(a[i]);
        } else if (array instanceof long[] a) {
            out.append(a[i]);
        } else if (array instanceof float[] a) {
            out.append(a[i]);
        } else {
            out.append(((double[]) array)[i]);
        }
    }

    private static void separate(LineBuilder out, int i, int length) {
        if (i != length - 1) {
            out.append(", ");
        }
    }
}
