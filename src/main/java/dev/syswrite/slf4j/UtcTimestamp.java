package dev.syswrite.slf4j;

/**
 * ISO-8601 UTC timestamps ({@code 2026-11-27T06:20:00.123Z}, or with microseconds), written into
 * a StringBuilder without java.time's allocations. The date and time of day come from the
 * proleptic Gregorian calendar by Howard Hinnant's days-to-civil algorithm.
 */
final class UtcTimestamp {
    private UtcTimestamp() {}

    /** Appends the instant {@code epochMicros} with {@code fractionDigits} of 3 (millis) or 6 (micros). */
    static void appendTo(StringBuilder out, long epochMicros, int fractionDigits) {
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        long micros = Math.floorMod(epochMicros, 1_000_000L);
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

        pad(out, year, 4).append('-');
        pad(out, month, 2).append('-');
        pad(out, day, 2).append('T');
        pad(out, secondOfDay / 3600, 2).append(':');
        pad(out, secondOfDay / 60 % 60, 2).append(':');
        pad(out, secondOfDay % 60, 2).append('.');
        pad(out, fractionDigits == 3 ? micros / 1000 : micros, fractionDigits).append('Z');
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
