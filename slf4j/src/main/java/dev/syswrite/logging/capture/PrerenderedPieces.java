package dev.syswrite.logging.capture;

import dev.syswrite.logging.event.ContextMap;
import dev.syswrite.logging.event.Level;
import dev.syswrite.logging.layout.JsonLayout;
import dev.syswrite.logging.layout.JsonLine;
import dev.syswrite.logging.layout.Layout;
import dev.syswrite.logging.layout.LayoutSettings;
import dev.syswrite.logging.text.CapturedValue;
import dev.syswrite.logging.text.LineBuilder;
import dev.syswrite.logging.text.MessagePattern;
import dev.syswrite.logging.text.Utf8;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * The pieces {@link PrerenderedLine} writes lines from, encoded once for every thread that
 * formats: each level, each thread's, logger's and marker's name as the layout writes it (for
 * text bracketed, short, followed by its space; for JSON each a whole field after its comma),
 * and each template's literal parts between its substitutions, all escaped as the layout escapes
 * them (JSON's escapes made by {@link JsonLine} itself). One per provider, shared by the async
 * writer and the synchronous callers; bounded as the name tables are, since it holds at most one
 * entry per id (and a few argument counts per template).
 *
 * <p>Each entry is immutable and published by one store: two threads that need a new entry at
 * once both make it, and either's is right; a thread stopped or out of stack between making and
 * storing leaves no entry, never half of one.
 */
public final class PrerenderedPieces {
    private static final Level[] LEVELS = Level.values();
    /** Stands for a substitution while a template is compiled: a noncharacter, never expected in one. */
    private static final char SUBSTITUTION = '\uFFFF';
    /** A template that is not compiled: laid out the general way every time. */
    static final byte[][] DECLINED = new byte[0][];
    /** The most argument counts one template's parts are kept for at once. */
    private static final int COUNTS_KEPT = 4;

    /** A template's literal parts for one argument count, and its parts for other counts. */
    private record Template(int count, byte[][] parts, Template next, int kept) {}

    private final LayoutSettings settings;
    private final CapturedNames names;
    /** Under JSON, the layout whose fields it copies; null under text. */
    private final JsonLayout json;
    private final boolean escape;
    private final int maxBytesPerChar;
    private final byte[][] levels = new byte[LEVELS.length][];
    /** What is written for a logger the record does not name (the layout writes no logger). */
    private final byte[] noLogger;
    private final Cache threads;
    private final Cache loggers;
    private final Cache markers;
    private final AtomicReferenceArray<Template> templates;

    /**
     * @param settings the layout's settings, text or JSON
     * @param names the tables the events are captured with
     */
    public PrerenderedPieces(LayoutSettings settings, CapturedNames names) {
        this.settings = settings;
        this.names = names;
        this.json = settings.format() == LayoutSettings.Format.JSON ? (JsonLayout) Layout.of(settings, () -> ContextMap.EMPTY) : null;
        this.escape = json == null && settings.escape(); // JSON's escapes are in the text before it is encoded
        this.maxBytesPerChar = Utf8.maxBytesPerChar(escape);
        for (Level level : LEVELS) {
            levels[level.ordinal()] = encode(json != null ? JsonLayout.LEVEL + level.json() : level.name() + " ");
        }
        this.noLogger = pieceOfLogger("");
        this.threads = new Cache(names.threads().capacity(), id -> pieceOfThread(names.threads().nameOf(id)));
        this.loggers = new Cache(names.loggers().capacity(), id -> pieceOfLogger(names.loggers().nameOf(id)));
        this.markers = new Cache(names.markers().capacity(), id -> pieceOfMarker(names.markers().nameOf(id)));
        this.templates = new AtomicReferenceArray<>(names.templates().capacity());
    }

    /** Each id's piece of one kind of name, made on first use. */
    private static final class Cache {
        private final AtomicReferenceArray<byte[]> pieces;
        private final IntFunction<byte[]> make;

        Cache(int ids, IntFunction<byte[]> make) {
            this.pieces = new AtomicReferenceArray<>(ids);
            this.make = make;
        }

        byte[] of(int id) {
            byte[] piece = pieces.get(id);
            if (piece == null) {
                piece = make.apply(id);
                pieces.set(id, piece);
            }
            return piece;
        }
    }

    boolean escape() {
        return escape;
    }

    /** Under JSON, the layout whose fields the pieces are; null under text. */
    JsonLayout json() {
        return json;
    }

    int maxBytesPerChar() {
        return maxBytesPerChar;
    }

    byte[] level(int ordinal) {
        return levels[ordinal];
    }

    byte[] thread(int id) {
        return threads.of(id);
    }

    /** The logger's piece; {@code id} may be {@link CapturedEvent#ABSENT}. */
    byte[] logger(int id) {
        return id == CapturedEvent.ABSENT ? noLogger : loggers.of(id);
    }

    byte[] marker(int id) {
        return markers.of(id);
    }

    /**
     * The literal parts of template {@code id} substituted with {@code count} arguments, one more
     * than its substitutions, or {@link #DECLINED}; compiled on first use.
     */
    byte[][] template(int id, int count) {
        Template first = templates.get(id);
        for (Template t = first; t != null; t = t.next) {
            if (t.count == count) {
                return t.parts;
            }
        }
        byte[][] parts = compile(names.templates().nameOf(id), count);
        // A template logged with ever new counts keeps its last few: bounded, and recompiled past them.
        templates.set(id, first == null || first.kept >= COUNTS_KEPT ? new Template(count, parts, null, 1)
                : new Template(count, parts, first, first.kept + 1));
        return parts;
    }

    /** What the layout writes of a thread's name, as it writes it. */
    private byte[] pieceOfThread(String thread) {
        return encode(json != null ? "," + JsonLayout.THREAD + JsonLine.quoted(thread) : "[" + thread + "] ");
    }

    /** What the layout writes of a marker, as it writes it: under JSON the whole {@code tags} field. */
    private byte[] pieceOfMarker(String marker) {
        return encode(json != null ? "," + JsonLayout.TAGS + "[" + JsonLine.quoted(marker) + "]" : "[" + marker + "] ");
    }

    /** What the layout writes of a logger's name, as it writes it. */
    private byte[] pieceOfLogger(String logger) {
        LayoutSettings.LoggerNames shown = settings.names();
        if (shown == LayoutSettings.LoggerNames.NONE) {
            return new byte[0];
        }
        String name = shown == LayoutSettings.LoggerNames.SHORT ? logger.substring(logger.lastIndexOf('.') + 1) : logger;
        return encode(json != null ? "," + JsonLayout.LOGGER + JsonLine.quoted(name) : name + " ");
    }

    /**
     * Splits {@code pattern} at its substitutions as {@link MessagePattern} makes them with
     * {@code count} arguments (escapes resolved), by formatting it with a stand-in for each; or
     * {@link #DECLINED} where the parts would not give the general layout's bytes.
     */
    private byte[][] compile(String pattern, int count) {
        if (pattern.indexOf(SUBSTITUTION) >= 0) {
            return DECLINED;
        }
        CapturedValue[] standIns = new CapturedValue[count];
        for (int i = 0; i < count; i++) {
            standIns[i] = new CapturedValue();
            standIns[i].setChar(SUBSTITUTION);
        }
        LineBuilder text = new LineBuilder();
        text.reset(Integer.MAX_VALUE, false, true);
        MessagePattern.appendTo(text, pattern, count, null, null, standIns);
        String[] literals = text.chars().toString().split(String.valueOf(SUBSTITUTION), -1);
        byte[][] parts = new byte[literals.length][];
        for (int i = 0; i < literals.length; i++) {
            String literal = literals[i];
            if (!literal.isEmpty() && (Character.isLowSurrogate(literal.charAt(0)) || Character.isHighSurrogate(literal.charAt(literal.length() - 1)))) {
                return DECLINED; // a pair the general layout would join across an argument
            }
            parts[i] = encode(json != null ? withoutQuotes(JsonLine.quoted(literal)) : literal);
        }
        return parts;
    }

    private static String withoutQuotes(String quoted) {
        return quoted.substring(1, quoted.length() - 1);
    }

    /** A piece's bytes: UTF-8, escaped as the text layout escapes its head (a JSON piece comes escaped). */
    byte[] encode(String piece) {
        char[] text = piece.toCharArray();
        byte[] bytes = new byte[text.length * maxBytesPerChar];
        return Arrays.copyOf(bytes, Utf8.encode(text, 0, text.length, escape, bytes, 0));
    }
}
