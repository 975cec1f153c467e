package dev.syswrite.logging.text;

/**
 * ISO-8601 UTC timestamps ({@code 2026-11-27T06:20:00.123Z}, or with microseconds), written into
 * a StringBuilder without java.time's allocations. The date and time of day come from the
 * proleptic Gregorian calendar by Howard Hinnant's days-to-civil algorithm, worked out once a
 * second: the text up to the seconds is kept, shared by every thread, and each event appends
 * its fraction to it.
 */
public final class UtcTimestamp {
    /** The text of one second, {@code 2026-11-27T06:20:00.}: immutable, replaced once a second. */
    private record Second(long epochSecond, String text) {}

    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private UtcTimestamp() {}

    /**
     * Appends the instant {@code epochMicros} with {@code fractionDigits} of 3 (millis) or 6 (micros).
     *
     * @param out where the time goes
     * @param epochMicros microseconds since the epoch
     * @param fractionDigits 3 or 6
     */
    public static void appendTo(StringBuilder out, long epochMicros, int fractionDigits) {
        int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
        out.append(secondOf(Math.floorDiv(epochMicros, 1_000_000L)));
        int fraction = fractionDigits == 3 ? micros / 1000 : micros;
        for (int unit = fractionDigits == 3 ? 100 : 100_000; unit > 0; unit /= 10) {
            out.append((char) ('0' + fraction / unit % 10));
        }
        out.append('Z');
    }

    /**
     * The text of one second up to its fraction, {@code 2026-11-27T06:20:00.}, which
     * {@link #appendTo} writes first: for a layout that keeps its own bytes of it.
     *
     * @param epochSecond seconds since the epoch
     * @return its text
     */
    public static String secondOf(long epochSecond) {
        Second second = last;
        if (second.epochSecond != epochSecond) {
            second = new Second(epochSecond, secondText(epochSecond)); // once a second; a race only computes it twice
            last = second;
        }
        return second.text;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.} of the second {@code seconds} after the epoch. */
    private static String secondText(long seconds) {
        long days = Math.floorDiv(seconds, 86_400L);
        long secondOfDay = Math.floorMod(seconds, 86_400L);

        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

        StringBuilder out = new StringBuilder(20);
        pad(out, year, 4).append('-');
        pad(out, month, 2).append('-');
        pad(out, day, 2).append('T');
        pad(out, secondOfDay / 3600, 2).append(':');
        pad(out, secondOfDay / 60 % 60, 2).append(':');
        pad(out, secondOfDay % 60, 2).append('.');
        return out.toString();
    }

    private static StringBuilder pad(StringBuilder out, long value, int digits) {
        for (long limit = 10; digits > 1; digits--, limit *= 10) {
            if (value < limit) {
                out.append('0');
            }
        }
        return out.append(value);
    }
}
