package dev.syswrite.logging.text;

/**
 * The text of one event as it is formatted: a reused StringBuilder that stops growing at the
 * line limit, so no message, argument or stack trace can make one event take more memory than
 * {@code syswrite.logger.line.max} allows. What does not fit is dropped and {@link #isFull()}
 * turns true; the writer then ends the line with a truncation mark.
 *
 * <p>The line has two parts: the head (time to message), whose control characters the encoder
 * escapes on the way out, and from {@link #bodyStart()} the stack trace, whose line breaks are
 * its own and whose other text was escaped as it was appended ({@link #appendEscaped}).
 */
public final class LineBuilder {
    /** Capacity kept between events; a larger builder is dropped once its event is written. */
    public static final int KEPT_CHARS = 32 * 1024;

    private StringBuilder text = new StringBuilder(512);
    private int max;
    private boolean full;
    private int bodyStart;
    private boolean escape;
    /** Set for an event logged from inside too many other events' formatting on its thread. */
    private boolean nestedTooDeep;

    /** Starts a new event of at most {@code maxChars} characters. */
    public LineBuilder reset(int maxChars, boolean escapeBody, boolean tooDeep) {
        shrink(); // in case the last event failed before it was written
        text.setLength(0);
        max = maxChars;
        full = false;
        bodyStart = -1;
        escape = escapeBody;
        nestedTooDeep = tooDeep;
        return this;
    }

    /** Once an event is written: a builder a huge event grew is let go, so the pool keeps at most {@link #KEPT_CHARS}. */
    public void shrink() {
        if (text.capacity() > KEPT_CHARS) {
            text = new StringBuilder(512);
        }
    }

    /** Whether formatting may call the application's code ({@code toString()} and the like). */
    public boolean mayCallApplication() {
        return !nestedTooDeep;
    }

    public int capacity() {
        return text.capacity();
    }

    public boolean isFull() {
        return full;
    }

    public int length() {
        return text.length();
    }

    public StringBuilder chars() {
        return text;
    }

    /**
     * Takes the text back to {@code length} chars, undoing what was appended after: for a layout
     * that keeps its own byte budget and drops a value that did not fit, whether or not this
     * builder had to cut it, so the line is no longer counted as cut.
     */
    public void rollBack(int length) {
        text.setLength(length);
        full = false;
    }

    /** Ends the head here: what follows is the stack trace. */
    public void startBody() {
        bodyStart = text.length();
    }

    /** Where the stack trace starts, or the length if there is none. */
    public int bodyStart() {
        return bodyStart < 0 ? text.length() : bodyStart;
    }

    public LineBuilder append(char c) {
        if (text.length() < max) {
            text.append(c);
        } else {
            full = true;
        }
        return this;
    }

    public LineBuilder append(String s) {
        String v = s == null ? "null" : s;
        if (v.length() <= max - text.length()) {
            text.append(v); // the common case, and StringBuilder's fastest append
            return this;
        }
        return append(v, 0, v.length());
    }

    public LineBuilder append(CharSequence s, int start, int end) {
        int room = max - text.length();
        if (end - start <= room) {
            text.append(s, start, end);
        } else {
            text.append(s, start, start + Math.max(room, 0));
            full = true;
        }
        return this;
    }

    public LineBuilder append(char[] chars, int offset, int length) {
        int room = max - text.length();
        if (length <= room) {
            text.append(chars, offset, length);
        } else {
            text.append(chars, offset, Math.max(room, 0));
            full = true;
        }
        return this;
    }

    public LineBuilder append(int i) {
        text.append(i);
        return trim();
    }

    public LineBuilder append(long l) {
        text.append(l);
        return trim();
    }

    public LineBuilder append(float f) {
        text.append(f);
        return trim();
    }

    public LineBuilder append(double d) {
        text.append(d);
        return trim();
    }

    public LineBuilder append(boolean b) {
        text.append(b);
        return trim();
    }

    /** Appends an ISO-8601 UTC time ({@link UtcTimestamp}). */
    public LineBuilder appendTimestamp(long epochMicros, int fractionDigits) {
        UtcTimestamp.appendTo(text, epochMicros, fractionDigits);
        return trim();
    }

    /** Appends text of the stack trace, escaping its control characters if escaping is on. */
    public LineBuilder appendEscaped(String s) {
        String v = s == null ? "null" : s;
        if (!escape) {
            return append(v);
        }
        for (int i = 0; i < v.length() && !full; i++) {
            char c = v.charAt(i);
            String escaped = ControlEscapes.of(c);
            if (escaped == null) {
                append(c);
            } else {
                append(escaped);
            }
        }
        return this;
    }

    private LineBuilder trim() {
        if (text.length() > max) {
            text.setLength(max);
            full = true;
        }
        return this;
    }
}
