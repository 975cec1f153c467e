package dev.syswrite.logging.text;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;

/**
 * A Throwable's stack trace, line for line as {@code Throwable.printStackTrace()} prints it
 * (causes, suppressed exceptions, {@code ... n more}, circular references), but written so that
 * the Throwable cannot make the logging call fail: a {@code toString()}, {@code getMessage()},
 * {@code getCause()} or {@code getStackTrace()} that throws is printed as a placeholder, a chain
 * of causes that never ends is cut after {@link #MAX_THROWABLES}, and the text stops at the
 * line limit.
 */
public final class StackTrace {
    /** More causes and suppressed exceptions than any real failure has: past it, a chain is a loop. */
    public static final int MAX_THROWABLES = 1024;

    private static final String CAUSE_CAPTION = "Caused by: ";
    private static final String SUPPRESSED_CAPTION = "Suppressed: ";
    private static final StackTraceElement[] NO_FRAMES = {};

    private final LineBuilder out;
    private final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private StackTrace(LineBuilder out) {
        this.out = out;
    }

    /**
     * Appends the stack trace of {@code t}, each line ending in a newline.
     *
     * @param out where the trace goes
     * @param t the Throwable, its causes and suppressed exceptions printed after it
     */
    public static void appendTo(LineBuilder out, Throwable t) {
        if (!out.mayCallApplication()) {
            out.appendEscaped(t.getClass().getName()).append(" [stack trace not printed: logging nested too deep]\n");
            return;
        }
        new StackTrace(out).append(t, NO_FRAMES, "", "");
    }

    private void append(Throwable t, StackTraceElement[] enclosing, String caption, String prefix) {
        if (out.isFull()) {
            return;
        }
        if (seen.size() >= MAX_THROWABLES) {
            out.append(prefix).append(caption).append("[more throwables not printed]\n");
            return;
        }
        if (!seen.add(t)) {
            out.append(prefix).append(caption).append("[CIRCULAR REFERENCE: ").appendEscaped(describe(t)).append("]\n");
            return;
        }
        StackTraceElement[] frames = frames(t);
        int m = frames.length - 1;
        for (int n = enclosing.length - 1; m >= 0 && n >= 0 && Objects.equals(frames[m], enclosing[n]); m--, n--) {
            // frames in common with the enclosing trace are printed as "... n more"
        }
        int inCommon = frames.length - 1 - m;
        out.append(prefix).append(caption).appendEscaped(describe(t)).append('\n');
        for (int i = 0; i <= m && !out.isFull(); i++) {
            out.append(prefix).append("\tat ").appendEscaped(String.valueOf(frames[i])).append('\n');
        }
        if (inCommon != 0) {
            out.append(prefix).append("\t... ").append(inCommon).append(" more\n");
        }
        for (Throwable suppressed : t.getSuppressed()) { // final in Throwable: cannot throw
            append(suppressed, frames, SUPPRESSED_CAPTION, prefix + "\t");
        }
        Throwable cause = cause(t);
        if (cause != null) {
            append(cause, frames, CAUSE_CAPTION, prefix);
        }
    }

    private static String describe(Throwable t) {
        try {
            return String.valueOf(t.toString());
        } catch (Throwable failure) {
            if (failure instanceof ThreadDeath stop) {
                throw stop; // Thread.stop ends the thread; see EventWriter
            }
            return t.getClass().getName() + ": [FAILED toString()]";
        }
    }

    private static StackTraceElement[] frames(Throwable t) {
        try {
            StackTraceElement[] frames = t.getStackTrace();
            return frames == null ? NO_FRAMES : frames;
        } catch (Throwable failure) {
            if (failure instanceof ThreadDeath stop) {
                throw stop;
            }
            return NO_FRAMES;
        }
    }

    private static Throwable cause(Throwable t) {
        try {
            return t.getCause();
        } catch (Throwable failure) {
            if (failure instanceof ThreadDeath stop) {
                throw stop;
            }
            return null;
        }
    }
}
