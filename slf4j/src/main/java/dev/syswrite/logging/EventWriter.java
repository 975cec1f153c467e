package dev.syswrite.logging;

import dev.syswrite.logging.async.AsyncCounts;
import dev.syswrite.logging.async.AsyncSettings;
import dev.syswrite.logging.async.AsyncWriter;
import dev.syswrite.logging.async.EventFormatter;
import dev.syswrite.logging.capture.CapturedNames;
import dev.syswrite.logging.capture.EventCapture;
import dev.syswrite.logging.capture.EventReplay;
import dev.syswrite.logging.capture.PrerenderedLine;
import dev.syswrite.logging.capture.PrerenderedPieces;
import dev.syswrite.logging.capture.ReplayFormatter;
import dev.syswrite.logging.concurrent.StoreReleasedLock;
import dev.syswrite.logging.event.ContextMap;
import dev.syswrite.logging.event.KeyValue;
import dev.syswrite.logging.event.Level;
import dev.syswrite.logging.layout.EventBuffers;
import dev.syswrite.logging.layout.JsonLayout;
import dev.syswrite.logging.layout.JsonLine;
import dev.syswrite.logging.layout.Layout;
import dev.syswrite.logging.layout.LayoutSettings;
import dev.syswrite.logging.layout.LineBytes;
import dev.syswrite.logging.layout.TextLayout;
import dev.syswrite.logging.output.LogSink;
import dev.syswrite.logging.output.LossCounts;
import dev.syswrite.logging.output.Notices;
import dev.syswrite.logging.output.OutputFile;
import dev.syswrite.logging.output.Pin;
import dev.syswrite.logging.text.LineBuilder;
import dev.syswrite.logging.text.Utf8;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns one logging event into one line and hands it to the sink in one write.
 *
 * <p>The event is formatted into a slot of {@link EventBuffers}, shared by all threads, and
 * encoded as UTF-8 straight into the slot's buffer, which the kernel then reads in place:
 * formatting takes no lock and, for messages of Strings and primitive wrappers, allocates
 * nothing. A line longer than a slot keeps ({@link EventBuffers#SLOT_BYTES_MAX}) is encoded into
 * one buffer shared for large lines, under a lock that only such lines take; a line longer than
 * {@link LayoutSettings#lineMax()} is cut there and ends with {@code [truncated to N bytes]}
 * (a JSON object never gets there: {@link JsonLine} keeps it within the limit, and whole).
 *
 * <p>What the line says is the {@link Layout}'s: plain text ({@link TextLayout}) or one JSON
 * object ({@link JsonLayout}), as {@link LayoutSettings#format()} chooses.
 *
 * <p>This is the engine's front door: a front end (the SLF4J binding, {@code dev.syswrite.slf4j})
 * hands it events in the engine's own terms ({@link Level}, marker names, {@link KeyValue}s,
 * {@link DetailedEvent}) and its {@link Settings}; nothing here knows SLF4J. The common event
 * comes as arguments rather than as an object: an object would escape into the layout, and be
 * allocated on every call.
 *
 * <p>Nothing here throws into the application: an event that cannot be formatted at all (an
 * {@code OutOfMemoryError}, a {@code StackOverflowError}) is counted as lost. The one exception
 * is {@code ThreadDeath}, which {@code Thread.stop} throws to end its thread, and which a logger
 * must not swallow.
 *
 * <p>A thread may run out of stack at any instruction of a logging call (a {@code toString()}
 * that logs, recursing). So everything it takes here is given back by a store in the frame that
 * took it, never by a call that could itself overflow: its slot, the large-line lock
 * ({@link StoreReleasedLock}), its {@link Pin} on the output and its sync window.
 */
public final class EventWriter {
    /** The year 9999: later times are not an event's own, and in micros would overflow. */
    private static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;

    private final Settings settings;
    /** {@code settings.layout()}, read on every event. */
    private final LayoutSettings layoutSettings;
    /** {@code settings.output().fsyncLevel()}, read on every event. */
    private final Level fsyncLevel;
    private final LogSink sink;
    private final Layout layout;
    /** Whether the encoder escapes the line's head: the text layout's choice; JSON is escaped as it is appended. */
    private final boolean escapesOnEncode;
    private final EventBuffers buffers;
    /** How a line's text becomes its bytes, on this side and on the async writer's. */
    private final LineBytes lineBytes;

    /** The asynchronous mode's queue and writer; null in the synchronous mode. */
    private final AsyncWriter async;
    /** Captures events: for the async writer to format, and for the sync callers' pieces. */
    private final EventCapture capture;
    /** The names captured events refer to. */
    private final CapturedNames names;
    /** Lays a captured event out, for a caller whose event the ring did not take. */
    private final EventReplay replay;
    /** The pieces lines are written from, shared by every thread. */
    private final PrerenderedPieces pieces;
    /**
     * Each pooled slot's pre-rendered line, made by the slot's first owner to need it (the owner
     * hand-over orders it for the next).
     */
    private final PrerenderedLine[] prerendered;

    private final StoreReleasedLock largeLock = new StoreReleasedLock();
    /** The hold on the output of whoever holds {@link #largeLock}. */
    private final Pin largeHolder = new Pin();
    /** The shared buffer for lines over a slot's size, grown up to the line limit and kept. */
    private ByteBuffer large;

    /**
     * An engine writing to {@code sink}, with as many slots as {@link EventBuffers#defaultCount()}.
     *
     * @param settings the layout, the output and, for the asynchronous mode, the ring
     * @param sink where the lines go
     * @param mdc the logging thread's diagnostic context as it is at the call (null or empty for none)
     */
    public EventWriter(Settings settings, LogSink sink, Supplier<ContextMap> mdc) {
        this(settings, sink, mdc, EventBuffers.defaultCount());
    }

    /**
     * An engine writing to {@code sink}, with {@code slots} pooled slots.
     *
     * @param settings the layout, the output and, for the asynchronous mode, the ring
     * @param sink where the lines go
     * @param mdc the logging thread's diagnostic context as it is at the call (null or empty for none)
     * @param slots how many slots events are formatted in before threads take temporary ones
     */
    public EventWriter(Settings settings, LogSink sink, Supplier<ContextMap> mdc, int slots) {
        this.settings = settings;
        this.layoutSettings = settings.layout();
        this.fsyncLevel = settings.output().fsyncLevel();
        this.sink = sink;
        this.layout = Layout.of(layoutSettings, mdc);
        this.escapesOnEncode = layout.escapesOnEncode();
        this.buffers = new EventBuffers(slots, sink::allocate);
        for (Pin holder : buffers.holders()) {
            sink.register(holder);
        }
        sink.register(largeHolder);
        this.names = CapturedNames.bounded();
        this.pieces = new PrerenderedPieces(layoutSettings, names);
        this.replay = new EventReplay(layoutSettings, layout, names);
        this.lineBytes = new LineBytes(layoutSettings, escapesOnEncode);
        this.async = settings.async() != null && sink.gathers()
                ? startAsync(settings.async(), fsyncLevel, sink, new ReplayFormatter(layoutSettings, pieces, replay, lineBytes, sink))
                : null;
        this.capture = new EventCapture(layoutSettings, mdc, buffers, names);
        this.prerendered = new PrerenderedLine[buffers.size()];
        initializeFormatting();
    }

    /**
     * Formats and encodes one event, never written, before any logging call: so every class the
     * formatting path uses, the JDK's among them (the escapes' table is made with a Formatter),
     * is initialized here. An initializer a logging call runs can be cut short there by a stack
     * overflow or {@code Thread.stop}, and a class whose initializer failed fails every later
     * use, in every thread: later events would be lost, uncounted.
     */
    private void initializeFormatting() {
        EventBuffers.Slot slot = buffers.acquire();
        try {
            head(slot, 0, "start", Level.ERROR, "start", null, null);
            layout.body(slot, null, "start {} {}\t\"\u2028", 2, 1, 'x', null, new IllegalStateException("start\t", new Error()));
            ByteBuffer out = buffers.bytes(slot, EventBuffers.SLOT_BYTES_MIN);
            LineBuilder line = slot.line;
            slot.encoder.encode(line.chars(), 0, line.bodyStart(), escapesOnEncode, out, 1, out.capacity());
            slot.encoder.encode(line.chars(), line.bodyStart(), line.length(), false, out, 1, out.capacity());
            line.shrink();
            // capture, replay and pre-rendered lines, which a logging call's drain runs too
            capture.capture(slot, 0, Level.ERROR, "start", "start", "start {} {} {} {} {} {} {} {} {} {}", 10, null, null,
                    new Object[] {1, 2L, 3.0, 4f, true, 'x', "start", null, new int[] {1}, new Object()});
            replay.layOut(slot, slot.record, 0);
            prerenderedOf(slot).layOut(slot.record, 0);
        } catch (RuntimeException unexpected) {
            // a warm-up only: the first event initializes what is left
        } finally {
            slot.owner = null;
        }
    }

    /**
     * The asynchronous mode; or null (synchronous) if the JVM is already shutting down, where no
     * hook could drain it, or if it cannot start at all. A ring that direct memory cannot hold is
     * tried at the default size, then at the least, before falling back; either way it is said on
     * stderr, never thrown.
     */
    private static AsyncWriter startAsync(AsyncSettings async, Level fsyncLevel, LogSink sink, EventFormatter formatter) {
        Throwable failure = null;
        int tried = Integer.MAX_VALUE;
        for (int ring : new int[] {async.ringBytes(), AsyncSettings.RING_DEFAULT_BYTES, AsyncSettings.RING_LEAST_BYTES}) {
            if (ring >= tried) {
                continue; // only ever smaller than asked, and than what failed
            }
            tried = ring;
            try {
                AsyncWriter writer = AsyncWriter.start(async, fsyncLevel, sink, ring, formatter);
                if (ring != async.ringBytes()) {
                    System.err.println("syswrite-logger: an async ring of " + async.ringBytes() + " bytes cannot be allocated ("
                            + failure + "); using a ring of " + ring + " bytes");
                }
                return writer;
            } catch (IllegalStateException shuttingDown) {
                return null;
            } catch (OutOfMemoryError | RuntimeException e) {
                failure = e;
            }
        }
        System.err.println("syswrite-logger: the async mode cannot start (" + failure + "); writing synchronously");
        return null;
    }

    /**
     * The settings it was made with.
     *
     * @return the settings
     */
    public Settings settings() {
        return settings;
    }

    /**
     * The events it could not write, by errno.
     *
     * @return the counts, updated live
     */
    public LossCounts losses() {
        return sink.losses();
    }

    /**
     * The sink, for tests.
     *
     * @return the sink
     */
    public LogSink sink() {
        return sink;
    }

    /**
     * The slots events are formatted in, for tests.
     *
     * @return the slots
     */
    public EventBuffers buffers() {
        return buffers;
    }

    /**
     * The asynchronous mode's counters, or null in the synchronous mode.
     *
     * @return the counters, updated live, or null
     */
    public AsyncCounts asyncCounts() {
        return async == null ? null : async.counters();
    }

    /**
     * Ends this writer's own work, for a writer replaced at run time: the asynchronous mode's
     * queue is drained and its thread ended ({@link AsyncWriter#retire()}), and a file output is
     * no longer watched for rotation. The output itself stays open and writable: a call that
     * reached this writer just before it was replaced still writes its event, synchronously.
     */
    public void retire() {
        if (async != null) {
            async.retire();
        }
        OutputFile file = sink.outputFile();
        if (file != null) {
            file.stopWatching();
        }
    }

    /**
     * Writes every queued event to the kernel (in the synchronous mode there is none).
     *
     * @return whether everything queued before the call is now in the kernel
     */
    public boolean flush() {
        boolean flushed = async == null || async.flush();
        Notices.printAll();
        return flushed;
    }

    /**
     * Opens the output file again if its path no longer names it (renamed or deleted by
     * {@code logrotate}), waiting for writes under way on the old one; never throws.
     *
     * @return whether it opened the path again
     */
    public boolean reopen() {
        boolean reopened = sink.reopen();
        Notices.printAll();
        return reopened;
    }

    /*
     * Both write methods end alike, each in its own frame on purpose: the guard that keeps a
     * failure (a StackOverflowError included) from reaching the caller, and the store that frees
     * the slot, must sit in the outermost frame, where a helper call could itself overflow.
     */

    /**
     * Formats and writes one event of the calling thread, now. Never throws, but for
     * {@code ThreadDeath}: what cannot be written is counted in {@link #losses()}.
     *
     * @param logger the logger's name
     * @param level the event's level
     * @param marker a marker's name, or null
     * @param pattern the message, with {@code {}} where an argument goes
     * @param count how many arguments there are: from {@code more}, or else {@code a1} and {@code a2}
     * @param a1 the first argument, where {@code more} is null
     * @param a2 the second argument, where {@code more} is null
     * @param more all the arguments, or null
     * @param throwable printed after the message with its stack trace, or null
     */
    public void write(String logger, Level level, String marker, String pattern, int count, Object a1, Object a2, Object[] more,
            Throwable throwable) {
        EventBuffers.Slot slot = null;
        try {
            slot = buffers.acquire();
            String shown = layoutSettings.markers() ? marker : null;
            if (async != null && throwable == null && !level.passes(fsyncLevel)) {
                captureOrWrite(slot, level, logger, shown, pattern, count, a1, a2, more);
            } else if (throwable != null || !slot.pooled
                    || !writePrerendered(slot, level, logger, shown, pattern, count, a1, a2, more)) {
                head(slot, 0, null, level, logger, shown, null);
                layout.body(slot, null, pattern, count, a1, a2, more, throwable);
                emit(slot, slot.line, level);
            }
        } catch (Throwable failure) {
            if (failure instanceof ThreadDeath stop) {
                throw stop; // Thread.stop: the thread must end, not log on
            }
            try {
                sink.formatFailed(failure);
            } catch (Throwable again) {
                if (again instanceof ThreadDeath stop) {
                    throw stop; // a stop that lands while the failure is counted ends the thread all the same
                }
                // no stack left to count it with: lost, but never thrown
            }
        } finally {
            if (slot != null && slot.pooled) {
                slot.owner = null; // a store, not a call: frees the slot even with no stack left
            } else if (slot != null) {
                releaseTemporary(slot);
            }
        }
        try {
            Notices.print(); // here, at the end of the call, the thread holds nothing of the provider's
        } catch (Throwable noStack) {
            if (noStack instanceof ThreadDeath stop) {
                throw stop;
            }
            // else printed by a later call
        }
    }

    /**
     * Formats and writes an event with details of its own: its time and thread, when it has them,
     * its markers and key-value pairs. Never throws, but for {@code ThreadDeath}.
     *
     * @param logger the logger's name
     * @param event the event, in the engine's own terms
     */
    public void write(String logger, DetailedEvent event) {
        EventBuffers.Slot slot = null;
        try {
            slot = buffers.acquire();
            head(slot, event.epochMillis(), event.thread(), event.level(), logger, null, layoutSettings.markers() ? event.markers() : null);
            layout.body(slot, layoutSettings.keyValues() ? event.keyValues() : null, event.pattern(), event.count(), null, null,
                    event.arguments(), event.throwable());
            emit(slot, slot.line, event.level());
        } catch (Throwable failure) {
            if (failure instanceof ThreadDeath stop) {
                throw stop; // Thread.stop: the thread must end, not log on
            }
            try {
                sink.formatFailed(failure);
            } catch (Throwable again) {
                if (again instanceof ThreadDeath stop) {
                    throw stop; // a stop that lands while the failure is counted ends the thread all the same
                }
                // no stack left to count it with: lost, but never thrown
            }
        } finally {
            if (slot != null && slot.pooled) {
                slot.owner = null; // a store, not a call: frees the slot even with no stack left
            } else if (slot != null) {
                releaseTemporary(slot);
            }
        }
        try {
            Notices.print(); // here, at the end of the call, the thread holds nothing of the provider's
        } catch (Throwable noStack) {
            if (noStack instanceof ThreadDeath stop) {
                throw stop;
            }
            // else printed by a later call
        }
    }

    /**
     * Counts an event its front end could not hand over (taking it apart failed) as lost, and
     * says the first such failure on stderr. Never throws, but for {@code ThreadDeath}.
     *
     * @param failure what taking it apart threw
     */
    public void formatFailed(Throwable failure) {
        try {
            sink.formatFailed(failure);
        } catch (Throwable noStack) {
            if (noStack instanceof ThreadDeath stop) {
                throw stop;
            }
        }
    }

    /**
     * The asynchronous mode's common path: captures the event for the writer thread to format.
     * Where the ring does not take it (stuck, closed, full under the {@code sync} policy, ...), the
     * caller lays its captured event out itself and writes the line: its arguments were rendered
     * once, at the capture, and are not rendered again.
     */
    private void captureOrWrite(EventBuffers.Slot slot, Level level, String logger, String marker, String pattern, int count, Object a1,
            Object a2, Object[] more) {
        int length = capture.capture(slot, time(0), level, logger, marker, pattern, count, a1, a2, more);
        ByteBuffer record = slot.record;
        if (!async.capture(level, record, 0, length)) {
            replay.layOut(slot, record, 0);
            emit(slot, slot.line, level);
        }
    }

    /**
     * The synchronous mode's common path: the event captured as the async mode captures it, then
     * written from its pre-rendered pieces; what those decline is laid out from the record by the
     * general layout, so the arguments are rendered once either way.
     *
     * @return false, having captured nothing, if a name of the event has no id in its table: the
     *     caller then lays the event out from its objects
     */
    private boolean writePrerendered(EventBuffers.Slot slot, Level level, String logger, String marker, String pattern, int count,
            Object a1, Object a2, Object[] more) {
        if (capture.captureByIds(slot, time(0), level, logger, marker, pattern, count, a1, a2, more) < 0) {
            return false;
        }
        PrerenderedLine rendered = prerenderedOf(slot);
        int length = rendered.layOut(slot.record, 0);
        ByteBuffer out = length < 0 ? null : buffers.bytes(slot, 1 + length);
        if (out == null) {
            replay.layOut(slot, slot.record, 0);
            emit(slot, slot.line, level);
            return true;
        }
        out.clear(); // the sink moved position and limit last time; puts below are absolute
        out.put(1, rendered.line(), 0, length);
        write(slot.pin, out, 1 + length, level);
        return true;
    }

    /** The pooled slot's pre-rendered line, made on first use. */
    private PrerenderedLine prerenderedOf(EventBuffers.Slot slot) {
        PrerenderedLine line = prerendered[slot.index];
        if (line == null) {
            line = prerendered[slot.index] = PrerenderedLine.of(layoutSettings, pieces);
        }
        return line;
    }

    private void releaseTemporary(EventBuffers.Slot slot) {
        try {
            buffers.releaseTemporary(slot);
        } catch (Throwable noStack) {
            if (noStack instanceof ThreadDeath stop) {
                throw stop; // the thread must end, not log on
            }
            // only the count of this thread's temporary slots is left behind
        }
    }

    /** Resets the slot's line and has the layout start it: time, thread, level, logger and markers. */
    private void head(EventBuffers.Slot slot, long epochMillis, String thread, Level level, String logger, String marker, List<String> markers) {
        slot.line.reset(layoutSettings.lineMax(), escapesOnEncode, slot.nested >= EventBuffers.MAX_NESTED);
        layout.head(slot, time(epochMillis), thread, level, logger, marker, markers);
    }

    /** The time the line shows, in microseconds: the event's own if it has a sane one, else now; 0 if the layout shows none. */
    private long time(long epochMillis) {
        if (layoutSettings.time() == LayoutSettings.TimePrecision.NONE) {
            return 0;
        }
        boolean own = epochMillis > 0 && epochMillis <= MAX_EPOCH_MILLIS; // a replayed event's own time, if sane
        return own ? epochMillis * 1000 : epochMicros();
    }

    /**
     * Encodes the line (escaping its head if asked) and writes it: from the slot's buffer if it
     * fits there, else from the shared large buffer; cut at the line limit with a mark.
     */
    private void emit(EventBuffers.Slot slot, LineBuilder line, Level level) {
        long bytes = lineBytes.bytes(line);
        boolean cut = lineBytes.cut(line, bytes);
        int capacity = 1 + lineBytes.room(bytes); // index 0 is the sink's
        ByteBuffer target = buffers.bytes(slot, capacity);
        if (target != null) {
            write(slot.pin, slot.encoder, target, line, cut, level);
        } else {
            Thread me = Thread.currentThread();
            try {
                largeLock.lock();
                if (large == null || large.capacity() < capacity) {
                    large = sink.allocate((int) Math.min(Integer.highestOneBit(capacity - 1) * 2L, 1 + layoutSettings.lineMax()));
                }
                write(largeHolder, slot.encoder, large, line, cut, level);
            } finally {
                if (largeLock.owner == me) {
                    largeLock.owner = null; // a store: released even with no stack left, or stopped on the way out of lock()
                }
                largeLock.wake();
            }
        }
        line.shrink(); // a huge event's text does not stay with the pool
    }

    /** Encodes the line into {@code out} from index 1 and writes it through {@code holder}. */
    private void write(Pin holder, Utf8 encoder, ByteBuffer out, LineBuilder line, boolean cut, Level level) {
        out.clear(); // the sink moved position and limit last time; puts below are absolute
        write(holder, out, lineBytes.encode(encoder, line, out, 1, cut), level);
    }

    /** Writes {@code out[1, end)} through {@code holder}; an event at {@code fsync.level} then syncs it, inside its window. */
    private void write(Pin holder, ByteBuffer out, int end, Level level) {
        if (!level.passes(fsyncLevel)) {
            send(holder, out, end, level);
            return;
        }
        try {
            sink.enterSyncWindow(holder); // no switch of file between the write and its sync
            send(holder, out, end, level);
            sink.sync(holder); // the line is in the kernel, or counted lost
        } finally {
            holder.inSyncWindow = false;
        }
    }

    private void send(Pin holder, ByteBuffer out, int end, Level level) {
        if (async != null) {
            async.write(holder, level, out, 1, end);
        } else {
            sink.write(holder, out, 1, end);
        }
    }

    private long epochMicros() {
        if (layoutSettings.time() == LayoutSettings.TimePrecision.MILLIS) {
            return System.currentTimeMillis() * 1000;
        }
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
