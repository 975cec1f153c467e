package dev.syswrite.slf4j;

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
    private final String name;
    /** 0 (TRACE) to 4 (ERROR), or 5 (OFF). */
    private final int level;
    private final EventWriter writer;

    SysWriteLogger(String name, EventWriter writer) {
        this.name = name;
        this.level = writer.config().levelOf(name);
        this.writer = writer;
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
            writer.write(name, level, event);
        } catch (Throwable noStack) {
            if (noStack instanceof ThreadDeath stop) {
                throw stop; // Thread.stop's, which must end the thread; nothing else may reach the caller
            }
        }
    }

    /**
     * Has the writer format and write an event. EventWriter contains every failure of its own
     * work, but a thread may run out of stack on the very entry to it, where this frame alone can
     * catch it: the event is lost, uncounted, as there is no stack left to count it with.
     */
    private void write(int at, Marker marker, String pattern, int count, Object a1, Object a2, Object[] more, Throwable t) {
        try {
            writer.write(name, at, marker, pattern, count, a1, a2, more, t);
        } catch (Throwable noStack) {
            if (noStack instanceof ThreadDeath stop) {
                throw stop; // Thread.stop's, which must end the thread; nothing else may reach the caller
            }
        }
    }


    private void log1(int at, Marker marker, String format, Object arg) {
        if (arg instanceof Throwable t) {
            write(at, marker, format, 0, null, null, null, t);
        } else {
            write(at, marker, format, 1, arg, null, null, null);
        }
    }

    private void log2(int at, Marker marker, String format, Object arg1, Object arg2) {
        if (arg2 instanceof Throwable t) {
            write(at, marker, format, 1, arg1, null, null, t);
        } else {
            write(at, marker, format, 2, arg1, arg2, null, null);
        }
    }

    private void logN(int at, Marker marker, String format, Object[] args) {
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
        return level <= 0;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return level <= 0;
    }

    @Override
    public void trace(String msg) {
        if (level <= 0) {
            write(0, null, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void trace(String format, Object arg) {
        if (level <= 0) {
            log1(0, null, format, arg);
        }
    }

    @Override
    public void trace(String format, Object arg1, Object arg2) {
        if (level <= 0) {
            log2(0, null, format, arg1, arg2);
        }
    }

    @Override
    public void trace(String format, Object... arguments) {
        if (level <= 0) {
            logN(0, null, format, arguments);
        }
    }

    @Override
    public void trace(String msg, Throwable t) {
        if (level <= 0) {
            write(0, null, msg, 0, null, null, null, t);
        }
    }

    @Override
    public void trace(Marker marker, String msg) {
        if (level <= 0) {
            write(0, marker, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void trace(Marker marker, String format, Object arg) {
        if (level <= 0) {
            log1(0, marker, format, arg);
        }
    }

    @Override
    public void trace(Marker marker, String format, Object arg1, Object arg2) {
        if (level <= 0) {
            log2(0, marker, format, arg1, arg2);
        }
    }

    @Override
    public void trace(Marker marker, String format, Object... arguments) {
        if (level <= 0) {
            logN(0, marker, format, arguments);
        }
    }

    @Override
    public void trace(Marker marker, String msg, Throwable t) {
        if (level <= 0) {
            write(0, marker, msg, 0, null, null, null, t);
        }
    }

    // DEBUG

    @Override
    public boolean isDebugEnabled() {
        return level <= 1;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return level <= 1;
    }

    @Override
    public void debug(String msg) {
        if (level <= 1) {
            write(1, null, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void debug(String format, Object arg) {
        if (level <= 1) {
            log1(1, null, format, arg);
        }
    }

    @Override
    public void debug(String format, Object arg1, Object arg2) {
        if (level <= 1) {
            log2(1, null, format, arg1, arg2);
        }
    }

    @Override
    public void debug(String format, Object... arguments) {
        if (level <= 1) {
            logN(1, null, format, arguments);
        }
    }

    @Override
    public void debug(String msg, Throwable t) {
        if (level <= 1) {
            write(1, null, msg, 0, null, null, null, t);
        }
    }

    @Override
    public void debug(Marker marker, String msg) {
        if (level <= 1) {
            write(1, marker, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void debug(Marker marker, String format, Object arg) {
        if (level <= 1) {
            log1(1, marker, format, arg);
        }
    }

    @Override
    public void debug(Marker marker, String format, Object arg1, Object arg2) {
        if (level <= 1) {
            log2(1, marker, format, arg1, arg2);
        }
    }

    @Override
    public void debug(Marker marker, String format, Object... arguments) {
        if (level <= 1) {
            logN(1, marker, format, arguments);
        }
    }

    @Override
    public void debug(Marker marker, String msg, Throwable t) {
        if (level <= 1) {
            write(1, marker, msg, 0, null, null, null, t);
        }
    }

    // INFO

    @Override
    public boolean isInfoEnabled() {
        return level <= 2;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return level <= 2;
    }

    @Override
    public void info(String msg) {
        if (level <= 2) {
            write(2, null, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void info(String format, Object arg) {
        if (level <= 2) {
            log1(2, null, format, arg);
        }
    }

    @Override
    public void info(String format, Object arg1, Object arg2) {
        if (level <= 2) {
            log2(2, null, format, arg1, arg2);
        }
    }

    @Override
    public void info(String format, Object... arguments) {
        if (level <= 2) {
            logN(2, null, format, arguments);
        }
    }

    @Override
    public void info(String msg, Throwable t) {
        if (level <= 2) {
            write(2, null, msg, 0, null, null, null, t);
        }
    }

    @Override
    public void info(Marker marker, String msg) {
        if (level <= 2) {
            write(2, marker, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void info(Marker marker, String format, Object arg) {
        if (level <= 2) {
            log1(2, marker, format, arg);
        }
    }

    @Override
    public void info(Marker marker, String format, Object arg1, Object arg2) {
        if (level <= 2) {
            log2(2, marker, format, arg1, arg2);
        }
    }

    @Override
    public void info(Marker marker, String format, Object... arguments) {
        if (level <= 2) {
            logN(2, marker, format, arguments);
        }
    }

    @Override
    public void info(Marker marker, String msg, Throwable t) {
        if (level <= 2) {
            write(2, marker, msg, 0, null, null, null, t);
        }
    }

    // WARN

    @Override
    public boolean isWarnEnabled() {
        return level <= 3;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return level <= 3;
    }

    @Override
    public void warn(String msg) {
        if (level <= 3) {
            write(3, null, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void warn(String format, Object arg) {
        if (level <= 3) {
            log1(3, null, format, arg);
        }
    }

    @Override
    public void warn(String format, Object arg1, Object arg2) {
        if (level <= 3) {
            log2(3, null, format, arg1, arg2);
        }
    }

    @Override
    public void warn(String format, Object... arguments) {
        if (level <= 3) {
            logN(3, null, format, arguments);
        }
    }

    @Override
    public void warn(String msg, Throwable t) {
        if (level <= 3) {
            write(3, null, msg, 0, null, null, null, t);
        }
    }

    @Override
    public void warn(Marker marker, String msg) {
        if (level <= 3) {
            write(3, marker, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void warn(Marker marker, String format, Object arg) {
        if (level <= 3) {
            log1(3, marker, format, arg);
        }
    }

    @Override
    public void warn(Marker marker, String format, Object arg1, Object arg2) {
        if (level <= 3) {
            log2(3, marker, format, arg1, arg2);
        }
    }

    @Override
    public void warn(Marker marker, String format, Object... arguments) {
        if (level <= 3) {
            logN(3, marker, format, arguments);
        }
    }

    @Override
    public void warn(Marker marker, String msg, Throwable t) {
        if (level <= 3) {
            write(3, marker, msg, 0, null, null, null, t);
        }
    }

    // ERROR

    @Override
    public boolean isErrorEnabled() {
        return level <= 4;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return level <= 4;
    }

    @Override
    public void error(String msg) {
        if (level <= 4) {
            write(4, null, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void error(String format, Object arg) {
        if (level <= 4) {
            log1(4, null, format, arg);
        }
    }

    @Override
    public void error(String format, Object arg1, Object arg2) {
        if (level <= 4) {
            log2(4, null, format, arg1, arg2);
        }
    }

    @Override
    public void error(String format, Object... arguments) {
        if (level <= 4) {
            logN(4, null, format, arguments);
        }
    }

    @Override
    public void error(String msg, Throwable t) {
        if (level <= 4) {
            write(4, null, msg, 0, null, null, null, t);
        }
    }

    @Override
    public void error(Marker marker, String msg) {
        if (level <= 4) {
            write(4, marker, msg, 0, null, null, null, null);
        }
    }

    @Override
    public void error(Marker marker, String format, Object arg) {
        if (level <= 4) {
            log1(4, marker, format, arg);
        }
    }

    @Override
    public void error(Marker marker, String format, Object arg1, Object arg2) {
        if (level <= 4) {
            log2(4, marker, format, arg1, arg2);
        }
    }

    @Override
    public void error(Marker marker, String format, Object... arguments) {
        if (level <= 4) {
            logN(4, marker, format, arguments);
        }
    }

    @Override
    public void error(Marker marker, String msg, Throwable t) {
        if (level <= 4) {
            write(4, marker, msg, 0, null, null, null, t);
        }
    }
}
