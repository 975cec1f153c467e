package dev.syswrite.logging.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syswrite.testkit.PureJava;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** java.time is the oracle for the calendar arithmetic. */
@PureJava
class UtcTimestampTest {
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void matchesJavaTimeAcrossCenturies() {
        Random random = new Random(7);
        long[] fixed = {0, -1, 951_782_400_000_000L /* 2000-02-29 */, 4_107_542_399_999_999L /* 2100-02-28T23:59:59.999999 */,
            -62_135_596_800_000_000L /* 0001-01-01 */, 253_402_300_799_999_999L /* 9999-12-31T23:59:59.999999 */};
        for (long micros : fixed) {
            check(micros);
        }
        for (int i = 0; i < 100_000; i++) {
            check(Math.floorMod(random.nextLong(), 253_402_300_800_000_000L + 62_135_596_800_000_000L) - 62_135_596_800_000_000L);
        }
    }

    private static void check(long micros) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
        StringBuilder out = new StringBuilder();
        UtcTimestamp.appendTo(out, micros, 3);
        assertEquals(MILLIS.format(instant), out.toString(), () -> "micros " + micros);
        out.setLength(0);
        UtcTimestamp.appendTo(out, micros, 6);
        assertEquals(MICROS.format(instant), out.toString(), () -> "micros " + micros);
    }
}
