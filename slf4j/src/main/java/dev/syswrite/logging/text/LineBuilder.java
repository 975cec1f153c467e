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

    /**
     * Starts a new event of at most {@code maxChars} characters.
     *
     * @param maxChars the most chars it holds; what passes is cut, and the line marked as cut
     * @param escapeBody whether the stack trace's control characters are escaped as they are appended
     * @param tooDeep whether the event is logged from inside too many others' formatting on its thread, so
     *     that no {@code toString()} of the application is called
     * @return this builder
     */
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

    /**
     * Whether formatting may call the application's code ({@code toString()} and the like).
     *
     * @return whether it may
     */
    public boolean mayCallApplication() {
        return !nestedTooDeep;
    }

    /**
     * The chars the builder holds room for now.
     *
     * @return its capacity
     */
    public int capacity() {
        return text.capacity();
    }

    /**
     * Whether the text reached the most it may hold, so that what followed was cut.
     *
     * @return whether it did
     */
    public boolean isFull() {
        return full;
    }

    /**
     * The chars appended so far.
     *
     * @return the length
     */
    public int length() {
        return text.length();
    }

    /**
     * The text itself, for the encoder and for layouts that edit what they appended.
     *
     * @return the text
     */
    public StringBuilder chars() {
        return text;
    }

    /**
     * Takes the text back to {@code length} chars, undoing what was appended after: for a layout
     * that keeps its own byte budget and drops a value that did not fit, whether or not this
     * builder had to cut it, so the line is no longer counted as cut.
     *
     * @param length the length to return to, at most the length now
     */
    public void rollBack(int length) {
        text.setLength(length);
        full = false;
    }

    /** Ends the head here: what follows is the stack trace. */
    public void startBody() {
        bodyStart = text.length();
    }

    /**
     * Where the stack trace starts, or the length if there is none.
     *
     * @return the index
     */
    public int bodyStart() {
        return bodyStart < 0 ? text.length() : bodyStart;
    }

    /**
     * Appends one char.
     *
     * @param c the char
     * @return this builder
     */
    public LineBuilder append(char c) {
        if (text.length() < max) {
            text.append(c);
        } else {
            full = true;
        }
        return this;
    }

    /**
     * Appends a string, or {@code null}.
     *
     * @param s the string
     * @return this builder
     */
    public LineBuilder append(String s) {
        String v = s == null ? "null" : s;
        if (v.length() <= max - text.length()) {
            text.append(v); // the common case, and StringBuilder's fastest append
            return this;
        }
        return append(v, 0, v.length());
    }

    /**
     * Appends {@code s[start, end)}.
     *
     * @param s the text
     * @param start its first char
     * @param end the index after its last
     * @return this builder
     */
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

    /**
     * Appends {@code chars[offset, offset + length)}.
     *
     * @param chars the chars
     * @param offset the first
     * @param length how many
     * @return this builder
     */
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

    /**
     * Appends a number in decimal.
     *
     * @param i the number
     * @return this builder
     */
    public LineBuilder append(int i) {
        text.append(i);
        return trim();
    }

    /**
     * Appends a number in decimal.
     *
     * @param l the number
     * @return this builder
     */
    public LineBuilder append(long l) {
        text.append(l);
        return trim();
    }

    /**
     * Appends a number as {@link Float#toString(float)} does.
     *
     * @param f the number
     * @return this builder
     */
    public LineBuilder append(float f) {
        text.append(f);
        return trim();
    }

    /**
     * Appends a number as {@link Double#toString(double)} does.
     *
     * @param d the number
     * @return this builder
     */
    public LineBuilder append(double d) {
        text.append(d);
        return trim();
    }

    /**
     * Appends {@code true} or {@code false}.
     *
     * @param b the value
     * @return this builder
     */
    public LineBuilder append(boolean b) {
        text.append(b);
        return trim();
    }

    /**
     * Appends an ISO-8601 UTC time ({@link UtcTimestamp}).
     *
     * @param epochMicros microseconds since the epoch
     * @param fractionDigits 3 or 6
     * @return this builder
     */
    public LineBuilder appendTimestamp(long epochMicros, int fractionDigits) {
        UtcTimestamp.appendTo(text, epochMicros, fractionDigits);
        return trim();
    }

    /**
     * Appends text of the stack trace, escaping its control characters if escaping is on.
     *
     * @param s the text, or null
     * @return this builder
     */
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
