package dev.syswrite.slf4j;

import dev.syswrite.logging.EventWriter;
import dev.syswrite.logging.event.Level;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.LoggingEvent;
import org.slf4j.spi.LoggingEventAware;

/**
 * A logger of the syswrite provider. Every method is implemented directly, rather than through
 * SLF4J's AbstractLogger, whose one- and two-argument calls allocate an argument array: here a
 * disabled level costs one comparison, and an enabled call goes to {@link EventWriter} with its
 * arguments as they are.
 *
 * <p>As with every SLF4J backend, a Throwable as the last argument is not substituted but
 * printed with its stack trace after the message.
 *
 * <p>The class is public only because SLF4J replays the events logged while it was starting
 * through reflection on {@link #log(LoggingEvent)}; instances come from the provider's factory.
 */
public final class SysWriteLogger implements Logger, LoggingEventAware {
    private static final int TRACE = Level.TRACE.ordinal();
    private static final int DEBUG = Level.DEBUG.ordinal();
    private static final int INFO = Level.INFO.ordinal();
    private static final int WARN = Level.WARN.ordinal();
    private static final int ERROR = Level.ERROR.ordinal();

    private final String name;
    /**
     * The ordinal of the least level this logger writes: what a logging call reads first, one
     * volatile int, so a level changed at run time ({@link SysWriteLoggerFactory#applyLevel}) takes
     * effect at the next call, and a call sees the old level or the new one, never a mix.
     */
    private volatile int threshold;
    /**
     * Where events go: the factory's writer, replaced whole when the settings change at run time
     * ({@link SysWriteLoggerFactory#reconfigure}). A call reads it once, after its level passed, and
     * writes the whole event through the writer it read.
     */
    private volatile EventWriter writer;

    SysWriteLogger(String name, Level threshold, EventWriter writer) {
        this.name = name;
        this.threshold = threshold.ordinal();
        this.writer = writer;
    }

    /** Sends the events of calls from now on to {@code next}; see {@link #writer}. */
    void setWriter(EventWriter next) {
        writer = next;
    }

    /** Sets the least level this logger writes; see {@link #threshold}. */
    void setLevel(Level level) {
        threshold = level.ordinal();
    }

    /** The least level this logger writes. */
    Level level() {
        return Level.values()[threshold];
    }

    @Override
    public String getName() {
        return name;
    }

    /**
     * Writes an event of the fluent API ({@code logger.atInfo()...log()}), or one SLF4J recorded
     * while it was starting, with its own time and thread: every marker and key-value pair is
     * printed. A trailing Throwable among the arguments is the event's exception, if it has none.
     *
     * @param event the event; one below this logger's level is ignored
     */
    @Override
    public void log(LoggingEvent event) {
        try {
            Level at = Slf4jLevels.toEngine(event.getLevel());
            if (at.ordinal() >= threshold) {
                EventWriter to = writer;
                to.write(name, Slf4jEvents.detailed(event, at, to.settings().layout()));
            }
        } catch (Throwable failure) {
            if (failure instanceof ThreadDeath stop) {
                throw stop; // Thread.stop's, which must end the thread; nothing else may reach the caller
            }
            countLost(failure); // the event could not be taken apart: an OutOfMemoryError, a list that throws
        }
    }

    private void countLost(Throwable failure) {
        try {
            writer.formatFailed(failure);
        } catch (Throwable noStack) {
            if (noStack instanceof ThreadDeath stop) {
                throw stop;
            }
        }
    }

    /**
     * Has the writer format and write an event. EventWriter contains every failure of its own
     * work, but a thread may run out of stack on the very entry to it, where this frame alone can
     * catch it: the event is lost, uncounted, as there is no stack left to count it with. A
     * stack overflow is thrown in the frame that makes the call, so every public logging method
     * catches one on its call in here too, and only the application's own call into it can fail.
     */
    private void write(Level at, Marker marker, String pattern, int count, Object a1, Object a2, Object[] more, Throwable t) {
        try {
            EventWriter to = writer;
            // A marker's getName() is called only where lines show markers.
            String markerName = marker != null && to.settings().layout().markers() ? Slf4jEvents.markerName(marker) : null;
            to.write(name, at, markerName, pattern, count, a1, a2, more, t);
        } catch (Throwable noStack) {
            if (noStack instanceof ThreadDeath stop) {
                throw stop; // Thread.stop's, which must end the thread; nothing else may reach the caller
            }
        }
    }


    private void log1(Level at, Marker marker, String format, Object arg) {
        if (arg instanceof Throwable t) {
            write(at, marker, format, 0, null, null, null, t);
        } else {
            write(at, marker, format, 1, arg, null, null, null);
        }
    }

    private void log2(Level at, Marker marker, String format, Object arg1, Object arg2) {
        if (arg2 instanceof Throwable t) {
            write(at, marker, format, 1, arg1, null, null, t);
        } else {
            write(at, marker, format, 2, arg1, arg2, null, null);
        }
    }

    private void logN(Level at, Marker marker, String format, Object[] args) {
        int count = args == null ? 0 : args.length;
        if (count > 0 && args[count - 1] instanceof Throwable t) {
            write(at, marker, format, count - 1, null, null, args, t);
        } else {
            write(at, marker, format, count, null, null, count == 0 ? null : args, null);
        }
    }

    // TRACE

    @Override
    public boolean isTraceEnabled() {
        return threshold <= TRACE;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return threshold <= TRACE;
    }

    @Override
    public void trace(String msg) {
        if (threshold <= TRACE) {
            try {
                write(Level.TRACE, null, msg, 0, null, null, null, null);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void trace(String format, Object arg) {
        if (threshold <= TRACE) {
            try {
                log1(Level.TRACE, null, format, arg);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void trace(String format, Object arg1, Object arg2) {
        if (threshold <= TRACE) {
            try {
                log2(Level.TRACE, null, format, arg1, arg2);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void trace(String format, Object... arguments) {
        if (threshold <= TRACE) {
            try {
                logN(Level.TRACE, null, format, arguments);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void trace(String msg, Throwable t) {
        if (threshold <= TRACE) {
            try {
                write(Level.TRACE, null, msg, 0, null, null, null, t);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void trace(Marker marker, String msg) {
        if (threshold <= TRACE) {
            try {
                write(Level.TRACE, marker, msg, 0, null, null, null, null);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void trace(Marker marker, String format, Object arg) {
        if (threshold <= TRACE) {
            try {
                log1(Level.TRACE, marker, format, arg);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void trace(Marker marker, String format, Object arg1, Object arg2) {
        if (threshold <= TRACE) {
            try {
                log2(Level.TRACE, marker, format, arg1, arg2);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void trace(Marker marker, String format, Object... arguments) {
        if (threshold <= TRACE) {
            try {
                logN(Level.TRACE, marker, format, arguments);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void trace(Marker marker, String msg, Throwable t) {
        if (threshold <= TRACE) {
            try {
                write(Level.TRACE, marker, msg, 0, null, null, null, t);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    // DEBUG

    @Override
    public boolean isDebugEnabled() {
        return threshold <= DEBUG;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return threshold <= DEBUG;
    }

    @Override
    public void debug(String msg) {
        if (threshold <= DEBUG) {
            try {
                write(Level.DEBUG, null, msg, 0, null, null, null, null);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void debug(String format, Object arg) {
        if (threshold <= DEBUG) {
            try {
                log1(Level.DEBUG, null, format, arg);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void debug(String format, Object arg1, Object arg2) {
        if (threshold <= DEBUG) {
            try {
                log2(Level.DEBUG, null, format, arg1, arg2);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void debug(String format, Object... arguments) {
        if (threshold <= DEBUG) {
            try {
                logN(Level.DEBUG, null, format, arguments);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void debug(String msg, Throwable t) {
        if (threshold <= DEBUG) {
            try {
                write(Level.DEBUG, null, msg, 0, null, null, null, t);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void debug(Marker marker, String msg) {
        if (threshold <= DEBUG) {
            try {
                write(Level.DEBUG, marker, msg, 0, null, null, null, null);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void debug(Marker marker, String format, Object arg) {
        if (threshold <= DEBUG) {
            try {
                log1(Level.DEBUG, marker, format, arg);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void debug(Marker marker, String format, Object arg1, Object arg2) {
        if (threshold <= DEBUG) {
            try {
                log2(Level.DEBUG, marker, format, arg1, arg2);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void debug(Marker marker, String format, Object... arguments) {
        if (threshold <= DEBUG) {
            try {
                logN(Level.DEBUG, marker, format, arguments);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void debug(Marker marker, String msg, Throwable t) {
        if (threshold <= DEBUG) {
            try {
                write(Level.DEBUG, marker, msg, 0, null, null, null, t);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    // INFO

    @Override
    public boolean isInfoEnabled() {
        return threshold <= INFO;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return threshold <= INFO;
    }

    @Override
    public void info(String msg) {
        if (threshold <= INFO) {
            try {
                write(Level.INFO, null, msg, 0, null, null, null, null);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void info(String format, Object arg) {
        if (threshold <= INFO) {
            try {
                log1(Level.INFO, null, format, arg);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void info(String format, Object arg1, Object arg2) {
        if (threshold <= INFO) {
            try {
                log2(Level.INFO, null, format, arg1, arg2);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void info(String format, Object... arguments) {
        if (threshold <= INFO) {
            try {
                logN(Level.INFO, null, format, arguments);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void info(String msg, Throwable t) {
        if (threshold <= INFO) {
            try {
                write(Level.INFO, null, msg, 0, null, null, null, t);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void info(Marker marker, String msg) {
        if (threshold <= INFO) {
            try {
                write(Level.INFO, marker, msg, 0, null, null, null, null);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void info(Marker marker, String format, Object arg) {
        if (threshold <= INFO) {
            try {
                log1(Level.INFO, marker, format, arg);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void info(Marker marker, String format, Object arg1, Object arg2) {
        if (threshold <= INFO) {
            try {
                log2(Level.INFO, marker, format, arg1, arg2);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void info(Marker marker, String format, Object... arguments) {
        if (threshold <= INFO) {
            try {
                logN(Level.INFO, marker, format, arguments);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void info(Marker marker, String msg, Throwable t) {
        if (threshold <= INFO) {
            try {
                write(Level.INFO, marker, msg, 0, null, null, null, t);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    // WARN

    @Override
    public boolean isWarnEnabled() {
        return threshold <= WARN;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return threshold <= WARN;
    }

    @Override
    public void warn(String msg) {
        if (threshold <= WARN) {
            try {
                write(Level.WARN, null, msg, 0, null, null, null, null);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void warn(String format, Object arg) {
        if (threshold <= WARN) {
            try {
                log1(Level.WARN, null, format, arg);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void warn(String format, Object arg1, Object arg2) {
        if (threshold <= WARN) {
            try {
                log2(Level.WARN, null, format, arg1, arg2);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void warn(String format, Object... arguments) {
        if (threshold <= WARN) {
            try {
                logN(Level.WARN, null, format, arguments);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void warn(String msg, Throwable t) {
        if (threshold <= WARN) {
            try {
                write(Level.WARN, null, msg, 0, null, null, null, t);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void warn(Marker marker, String msg) {
        if (threshold <= WARN) {
            try {
                write(Level.WARN, marker, msg, 0, null, null, null, null);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void warn(Marker marker, String format, Object arg) {
        if (threshold <= WARN) {
            try {
                log1(Level.WARN, marker, format, arg);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void warn(Marker marker, String format, Object arg1, Object arg2) {
        if (threshold <= WARN) {
            try {
                log2(Level.WARN, marker, format, arg1, arg2);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void warn(Marker marker, String format, Object... arguments) {
        if (threshold <= WARN) {
            try {
                logN(Level.WARN, marker, format, arguments);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void warn(Marker marker, String msg, Throwable t) {
        if (threshold <= WARN) {
            try {
                write(Level.WARN, marker, msg, 0, null, null, null, t);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    // ERROR

    @Override
    public boolean isErrorEnabled() {
        return threshold <= ERROR;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return threshold <= ERROR;
    }

    @Override
    public void error(String msg) {
        if (threshold <= ERROR) {
            try {
                write(Level.ERROR, null, msg, 0, null, null, null, null);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void error(String format, Object arg) {
        if (threshold <= ERROR) {
            try {
                log1(Level.ERROR, null, format, arg);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void error(String format, Object arg1, Object arg2) {
        if (threshold <= ERROR) {
            try {
                log2(Level.ERROR, null, format, arg1, arg2);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void error(String format, Object... arguments) {
        if (threshold <= ERROR) {
            try {
                logN(Level.ERROR, null, format, arguments);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void error(String msg, Throwable t) {
        if (threshold <= ERROR) {
            try {
                write(Level.ERROR, null, msg, 0, null, null, null, t);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void error(Marker marker, String msg) {
        if (threshold <= ERROR) {
            try {
                write(Level.ERROR, marker, msg, 0, null, null, null, null);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void error(Marker marker, String format, Object arg) {
        if (threshold <= ERROR) {
            try {
                log1(Level.ERROR, marker, format, arg);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void error(Marker marker, String format, Object arg1, Object arg2) {
        if (threshold <= ERROR) {
            try {
                log2(Level.ERROR, marker, format, arg1, arg2);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void error(Marker marker, String format, Object... arguments) {
        if (threshold <= ERROR) {
            try {
                logN(Level.ERROR, marker, format, arguments);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }

    @Override
    public void error(Marker marker, String msg, Throwable t) {
        if (threshold <= ERROR) {
            try {
                write(Level.ERROR, marker, msg, 0, null, null, null, t);
            } catch (StackOverflowError noStack) {
                // no stack left to enter the engine with: lost, uncounted, never thrown (see write)
            }
        }
    }
}
