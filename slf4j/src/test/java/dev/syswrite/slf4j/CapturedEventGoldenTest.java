package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.Emulation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The async mode formats on its writer thread what its callers captured; the sync mode formats on
 * the caller. One deterministic stream of events through both, with {@code time=none}, gives the
 * same file byte for byte, in every layout: every argument type, arrays, {@code toString()}s that
 * throw, log or change after the call, escapes, markers, the MDC, Throwables and key-values (which
 * the caller still formats), lines over the limit, and more templates than the name tables hold.
 */
class CapturedEventGoldenTest {
    /**
     * Templates built at run time: more than the table holds, so the last ones are carried in
     * their events; under QEMU, ten times slower, a few (the table's bound is no matter of arch).
     */
    private static final int RUNTIME_TEMPLATES = Emulation.underQemu() ? 500 : 17_000;

    @TempDir
    Path dir;

    static Stream<List<String>> layouts() {
        return Stream.of(
                List.of(),
                List.of("syswrite.logger.escape", "false", "syswrite.logger.name", "short"),
                List.of("syswrite.logger.thread", "false", "syswrite.logger.name", "none", "syswrite.logger.mdc", "false"),
                List.of("syswrite.logger.format", "json"),
                List.of("syswrite.logger.format", "json", "syswrite.logger.line.max", "1024", "syswrite.logger.name", "short"),
                List.of("syswrite.logger.line.max", "1024", "syswrite.logger.markers", "false"));
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void asyncWritesWhatSyncWrites(List<String> layout) throws Exception {
        Path sync = dir.resolve("sync");
        Path async = dir.resolve("async");
        run(sync, layout, "sync");
        run(async, layout, "async");
        List<String> syncLines = Files.readAllLines(sync, StandardCharsets.UTF_8);
        assertTrue(syncLines.size() > RUNTIME_TEMPLATES, syncLines.size() + " lines");
        assertEquals(syncLines, Files.readAllLines(async, StandardCharsets.UTF_8)); // the first difference, readably
        assertEquals(Files.mismatch(sync, async), -1L);
    }

    private static void run(Path file, List<String> layout, String mode) throws Exception {
        List<String> settings = new ArrayList<>(layout);
        settings.addAll(List.of("syswrite.logger.mode", mode, "syswrite.logger.time", "none", "syswrite.logger.level", "trace"));
        TestLoggers loggers = new TestLoggers(file, true, settings.toArray(new String[0]));
        Thread thread = new Thread(() -> stream(loggers), "golden \"thread\"\t\u00e9");
        thread.start();
        thread.join();
        assertTrue(loggers.factory.writer().flush());
    }

    private static void stream(TestLoggers loggers) {
        Logger log = loggers.factory.getLogger("dev.syswrite.golden.Stream");
        Logger other = loggers.factory.getLogger("other");
        Marker audit = MarkerFactory.getMarker("AUDIT");
        log.info("no arguments");
        log.info("null message {}", (Object) null);
        log.info(null);
        log.debug("int {} long {} double {} float {} boolean {} char {} short {} byte {}",
                new Object[] {-7, Long.MIN_VALUE, 0.1 + 0.2, 1.5e-7f, true, 'q', (short) -3, (byte) 127});
        log.debug("doubles {} {} {} {} {}", new Object[] {Double.NaN, -0.0, 1e300, Double.NEGATIVE_INFINITY, Double.MIN_VALUE});
        log.info("text {} and {}", "quotes \" backslash \\ tab \t newline \n bell \u0007 line sep \u2028 emoji \ud83d\ude00", "");
        log.info("lone surrogate {}", "\ud800x");
        log.info("arrays {} {} {} {}", new int[] {1, 2}, new double[] {0.5}, new String[] {"a", null}, new Object[] {new long[] {3}, "b"});
        Object[] self = new Object[2];
        self[0] = "me";
        self[1] = self;
        log.info("self-containing {}", (Object) self);
        log.info("escaped \\{} then {} and \\\\{} and {}", "a", "b", "c");
        log.info("more arguments {} than holes", 1, 2, 3);
        log.info("fewer {} {} {}", "one");
        log.warn("throws {}", new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no");
            }
        });
        log.info("logs {} while rendered", new Object() {
            @Override
            public String toString() {
                other.info("from inside a toString()");
                return "rendered";
            }
        });
        StringBuilder changing = new StringBuilder("as at the call");
        log.info("mutable {}", changing);
        changing.setLength(0);
        changing.append("CHANGED AFTER THE CALL");
        log.info(audit, "marked {}", 1);
        loggers.mdc.put("request", "r-1");
        loggers.mdc.put("user", "ada \"lovelace\"");
        loggers.mdc.put("empty", null);
        log.info("with context {}", 2);
        loggers.mdc.remove("user");
        log.error("an error with context {}", 3);
        for (int i = 0; i < 60; i++) { // more contexts in turn than a writer keeps rebuilt: each its own, never another's
            loggers.mdc.put("request", "r-" + i % 12);
            log.info("context in turn {}", i);
        }
        loggers.mdc.clear();
        log.error("a Throwable, formatted by its caller", new IllegalArgumentException("bad \"input\""));
        log.atInfo().addKeyValue("k", 42).addKeyValue("s", "v").log("key-values {}", 4);
        log.info("long {}", "x".repeat(5000));
        log.info("long object {}", new Object() {
            @Override
            public String toString() {
                return "y".repeat(3000) + "\u00e9".repeat(1000);
            }
        });
        log.info("many {}", (Object[]) new Integer[300]);
        other.trace("another logger {}", 5);
        for (int i = 0; i < RUNTIME_TEMPLATES; i++) {
            log.info("built at run time " + i + " {}", i);
        }
    }
}
