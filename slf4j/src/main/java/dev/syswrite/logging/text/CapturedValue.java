package dev.syswrite.logging.text;

/**
 * A message argument as a logging call captured it, decoded again on the thread that formats the
 * event: a number, a boolean, a char, null, or text (a String's chars, or what {@code {}} rendered
 * of any other object on the calling thread). {@link MessagePattern} appends it exactly as it
 * would have appended the original argument, so a captured event prints byte for byte as one
 * formatted by its caller. One holder is reused for event after event: decoding allocates nothing.
 */
public final class CapturedValue {
    // What the holder holds: ints, not an enum, whose switch javac would compile into a class of
    // its own, initialized on first use (EngineLayersTest says why the engine has none).
    private static final int NULL = 0;
    private static final int INT = 1;
    private static final int LONG = 2;
    private static final int FLOAT = 3;
    private static final int DOUBLE = 4;
    private static final int BOOLEAN = 5;
    private static final int CHAR = 6;
    private static final int TEXT = 7;

    private int kind = NULL;
    private long bits;
    private char[] text = new char[64];
    private int length;

    /** Holds {@code null}, printed {@code null}. */
    public void setNull() {
        kind = NULL;
    }

    /**
     * Holds an int (an Integer, Short or Byte argument).
     *
     * @param value the value
     */
    public void setInt(int value) {
        kind = INT;
        bits = value;
    }

    /**
     * Holds a long.
     *
     * @param value the value
     */
    public void setLong(long value) {
        kind = LONG;
        bits = value;
    }

    /**
     * Holds a float, by its bits.
     *
     * @param value the value
     */
    public void setFloat(float value) {
        kind = FLOAT;
        bits = Float.floatToRawIntBits(value);
    }

    /**
     * Holds a double, by its bits.
     *
     * @param value the value
     */
    public void setDouble(double value) {
        kind = DOUBLE;
        bits = Double.doubleToRawLongBits(value);
    }

    /**
     * Holds a boolean.
     *
     * @param value the value
     */
    public void setBoolean(boolean value) {
        kind = BOOLEAN;
        bits = value ? 1 : 0;
    }

    /**
     * Holds a char.
     *
     * @param value the value
     */
    public void setChar(char value) {
        kind = CHAR;
        bits = value;
    }

    /**
     * Holds text of {@code length} chars, which the caller then fills through {@link #textChars()}.
     *
     * @param length how many chars
     */
    public void setText(int length) {
        kind = TEXT;
        if (text.length < length) {
            text = new char[Math.max(length, text.length * 2)];
        }
        this.length = length;
    }

    /**
     * The text's chars, at least as many as {@link #setText} was given, for the decoder to fill.
     *
     * @return the holder's own array
     */
    public char[] textChars() {
        return text;
    }

    /**
     * Appends the value as {@code {}} prints it.
     *
     * @param out where it goes
     */
    void appendTo(LineBuilder out) {
        switch (kind) {
            case NULL -> out.append("null");
            case INT -> out.append((int) bits);
            case LONG -> out.append(bits);
            case FLOAT -> out.append(Float.intBitsToFloat((int) bits));
            case DOUBLE -> out.append(Double.longBitsToDouble(bits));
            case BOOLEAN -> out.append(bits != 0);
            case CHAR -> out.append((char) bits);
            default -> out.append(text, 0, length);
        }
    }
}
