package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.BasicMarkerFactory;

/**
 * SLF4J 2's fluent API and the events SLF4J replays after starting: every key-value pair and
 * every marker is printed, in the documented place ({@code [m1] [m2] ... - k=v ... message}),
 * and a replayed event keeps its own time and thread.
 */
class FluentEventTest {
    private static final String[] PLAIN = {"syswrite.logger.time", "none", "syswrite.logger.thread", "false", "syswrite.logger.name", "none"};

    @TempDir
    Path dir;

    private Logger logger(String... more) {
        String[] settings = new String[PLAIN.length + more.length];
        System.arraycopy(PLAIN, 0, settings, 0, PLAIN.length);
        System.arraycopy(more, 0, settings, PLAIN.length, more.length);
        return new TestLoggers(dir.resolve("log"), true, settings).factory.getLogger("x");
    }

    private List<String> lines() throws IOException {
        return Files.readAllLines(dir.resolve("log"), StandardCharsets.UTF_8);
    }

    @Test
    void everyKeyValuePairAndEveryMarkerIsPrinted() throws IOException {
        BasicMarkerFactory markers = new BasicMarkerFactory();
        Marker audit = markers.getMarker("AUDIT");
        Marker security = markers.getMarker("SECURITY");
        Logger log = logger();
        log.atInfo().addKeyValue("user", "ada").log("x");
        log.atWarn().addMarker(audit).addMarker(security).addKeyValue("n", 42).addKeyValue("ids", new int[] {1, 2})
                .addArgument("b").log("a {}");
        log.atError().addKeyValue("k", (Object) null).setCause(new IllegalStateException("boom")).log("failed");
        List<String> lines = lines();
        assertEquals("INFO - user=ada x", lines.get(0));
        assertEquals("WARN [AUDIT] [SECURITY] - n=42 ids=[1, 2] a b", lines.get(1));
        assertEquals("ERROR - k=null failed", lines.get(2));
        assertEquals("java.lang.IllegalStateException: boom", lines.get(3));
    }

    @Test
    void switchesTurnKeyValuesAndMarkersOff() throws IOException {
        Logger log = logger("syswrite.logger.keyvalues", "false", "syswrite.logger.markers", "false");
        log.atInfo().addMarker(new BasicMarkerFactory().getMarker("M")).addKeyValue("user", "ada").log("x");
        assertEquals(List.of("INFO - x"), lines());
    }

    @Test
    void aTrailingThrowableArgumentIsTheEventsException() throws IOException {
        logger().atInfo().addArgument("a").addArgument(new RuntimeException("r")).log("{} {}");
        List<String> lines = lines();
        assertEquals("INFO - a {}", lines.get(0));
        assertEquals("java.lang.RuntimeException: r", lines.get(1));
    }

    /** A malformed event (no level, a null pair, a time past the year 9999) never throws and loses what it can. */
    @Test
    void malformedEventsNeverThrow() throws IOException {
        TestLoggers loggers = new TestLoggers(dir.resolve("log"), true, "syswrite.logger.name", "none", "syswrite.logger.thread", "false");
        Logger log = loggers.factory.getLogger("x");
        SubstituteLoggingEvent noLevel = new SubstituteLoggingEvent();
        noLevel.setMessage("no level");
        ((SysWriteLogger) log).log(noLevel);
        SubstituteLoggingEvent odd = new SubstituteLoggingEvent();
        odd.setLevel(Level.WARN);
        odd.setMessage("odd");
        odd.setTimeStamp(Long.MAX_VALUE);
        ((SysWriteLogger) log).log(odd);
        org.slf4j.event.DefaultLoggingEvent pairs = new org.slf4j.event.DefaultLoggingEvent(Level.INFO, log);
        pairs.setMessage("pairs");
        pairs.addKeyValue("a", 1);
        pairs.getKeyValuePairs().add(null);
        pairs.addKeyValue("b", 2);
        ((SysWriteLogger) log).log(pairs);
        List<String> lines = lines();
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(lines.get(0).matches("20\\d\\d-.*Z WARN - odd"), lines.get(0)); // now, not an overflowed time
        assertTrue(lines.get(1).endsWith("Z INFO - a=1 b=2 pairs"), lines.get(1));
        assertEquals(1, loggers.factory.lostEvents().total(), "the event without a level is counted, not thrown");
    }

    /** What SLF4J hands a logger when it replays an event recorded while it was starting. */
    @Test
    void replayedEventsKeepTheirTimeAndThread() throws IOException {
        Logger log = new TestLoggers(dir.resolve("log"), true, "syswrite.logger.name", "none").factory.getLogger("x");
        SubstituteLoggingEvent event = new SubstituteLoggingEvent();
        event.setLevel(Level.INFO);
        event.setMessage("recorded {}");
        event.setArgumentArray(new Object[] {7});
        event.setThreadName("starter");
        event.setTimeStamp(1_700_000_000_123L);
        ((SysWriteLogger) log).log(event);
        assertEquals(List.of("2023-11-14T22:13:20.123Z [starter] INFO - recorded 7"), lines());
    }
}
