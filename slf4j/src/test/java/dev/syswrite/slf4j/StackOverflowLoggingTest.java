package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.syswrite.testkit.ChildJvm;
import dev.syswrite.testkit.Emulation;
import dev.syswrite.logging.EventWriter;
import dev.syswrite.logging.output.LogSink;
import dev.syswrite.slf4j.testkit.OverflowFirstChild;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;

/**
 * A thread that runs out of stack inside a logging call, at every depth of the logging path: its
 * event may be lost (and is counted), but everything it took is given back, so rotation, reopen,
 * flush and an event at {@code fsync.level} all still complete; and no other thread's event is
 * written twice.
 *
 * <p>Each dive recurses until the stack overflows, then logs on the way back up, once per frame:
 * the first calls have no stack at all, each next one a frame more, so among them they overflow
 * at every instruction of the logging path that calls anything. Dives with frames of different
 * sizes shift where each call runs out.
 */
class StackOverflowLoggingTest {
    /** Bare numbered lines; no reopen but on demand. */
    private static final String[] SETTINGS = {"syswrite.logger.time", "none", "syswrite.logger.thread", "false", "syswrite.logger.name",
        "none", "syswrite.logger.reopen.interval", "off"};
    /** How long an operation that must not hang gets; a hang is what is tested, not speed. */
    private static final long DEADLINE_SECONDS = 60;

    @TempDir
    Path dir;

    private EventWriter writer(Path file, String mode, String fsyncLevel) throws Exception {
        Properties p = LoggerConfigTest.settings(SETTINGS);
        p.putAll(LoggerConfigTest.settings("syswrite.logger.mode", mode, "syswrite.logger.output", file.toString(),
                "syswrite.logger.fsync.level", fsyncLevel));
        LoggerConfig config = LoggerConfig.of(p);
        assertTrue(config.problems.isEmpty(), config.problems::toString);
        return new EventWriter(config.settings, LogSink.open(config.settings.output(), true), new SysWriteMdcAdapter()::current);
    }

    /**
     * Sync mode with ERROR synced (pins and sync windows), async mode with ERROR drained by its
     * caller (the drain lock, the drain's pin, the release of written lines), and async mode with
     * ERROR also synced.
     */
    @ParameterizedTest(name = "{0}, fsync.level={1}")
    @CsvSource({"sync, error", "async, off", "async, error"})
    void everythingTakenIsGivenBackAndNothingIsWrittenTwice(String mode, String fsyncLevel) throws Exception {
        Path file = dir.resolve("app.log");
        EventWriter writer = writer(file, mode, fsyncLevel);
        Logger log = TestLoggers.factory(writer).getLogger("deep");
        int dives = Emulation.underQemu() ? 6 : 30;
        int others = 2;
        int mostPerOther = Emulation.underQemu() ? 50_000 : 1_000_000;
        ExecutorService pool = Executors.newCachedThreadPool();
        PrintStream realErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            AtomicBoolean diving = new AtomicBoolean(true);
            List<Future<Integer>> work = new ArrayList<>();
            for (int t = 0; t < others; t++) {
                int id = t;
                work.add(pool.submit(() -> { // others log all along the dives, so their lines sit in the ring as the diver drains
                    int i = 0;
                    for (; i < mostPerOther && (i < 1000 || diving.get()); i++) {
                        log.info("other {} {}", id, i);
                    }
                    return i;
                }));
            }
            Future<?> diver = pool.submit(() -> {
                // A small stack: each dive reaches the bottom quickly.
                Thread thread = new Thread(null, () -> {
                    for (int d = 0; d < dives; d++) {
                        Dive.start(log, d);
                    }
                }, "diver", 256 << 10);
                thread.start();
                thread.join();
                return null;
            });
            await("the dives", diver);
            diving.set(false);
            assertEquals(List.of(), Dive.escapedFromProvider(), "stack overflows thrown out of the provider, of " + Dive.escapes);
            int[] logged = new int[others];
            for (int t = 0; t < others; t++) {
                logged[t] = work.get(t).get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            }

            // Everything the diver took must be free again: each of these would wait for it.
            Path renamed = dir.resolve("app.log.1");
            Files.move(file, renamed);
            await("a reopen after the dives", pool.submit(writer::reopen));
            await("a flush after the dives", pool.submit(writer::flush));
            await("an event at ERROR after the dives", pool.submit(() -> {
                log.error("error after");
                return null;
            }));
            await("a second reopen", pool.submit(() -> {
                Files.move(file, dir.resolve("app.log.2"));
                return writer.reopen();
            }));
            log.info("last");
            assertTrue(writer.flush());

            Map<String, Integer> seen = new HashMap<>();
            for (Path p : List.of(renamed, dir.resolve("app.log.2"), file)) {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    seen.merge(line, 1, Integer::sum);
                }
            }
            List<String> twice = seen.entrySet().stream().filter(e -> e.getValue() > 1 && !e.getKey().isEmpty())
                    .map(e -> e.getValue() + "x " + e.getKey()).limit(10).toList();
            assertEquals(List.of(), twice, "lines written more than once");
            for (int t = 0; t < others; t++) {
                for (int i = 0; i < logged[t]; i++) {
                    if (!seen.containsKey("INFO - other " + t + " " + i)) {
                        fail("lost: other " + t + " " + i);
                    }
                }
            }
            assertEquals(1, seen.get("ERROR - error after"));
            assertEquals(List.of("INFO - last"), Files.readAllLines(file, StandardCharsets.UTF_8));
        } finally {
            System.setErr(realErr);
            System.err.print(stderr.toString(StandardCharsets.UTF_8)); // in the report, should anything fail
            pool.shutdownNow();
        }
        String said = stderr.toString(StandardCharsets.UTF_8);
        assertFalse(said.contains("stayed open") || said.contains("left open") || said.contains("not filled"),
                "a window, a pin or a claimed line was never given back: " + said);
    }

    /**
     * A JVM whose first logging calls overflow the stack: no class the logging path uses may be
     * left failed by an initializer cut short (the provider initializes them when it starts), so
     * the events after are written, escapes and stack trace included, and the application's own
     * {@code String.format} and {@code AtomicLongArray} still work.
     */
    @Test
    void aStackOverflowInTheFirstLoggingCallsBreaksNoClass() throws Exception {
        Path file = dir.resolve("first.log");
        Process child = new ProcessBuilder(ChildJvm.command(List.of("-Dslf4j.provider=" + SysWriteServiceProvider.class.getName(),
                "-Dsyswrite.logger.output=" + file, "-Dsyswrite.logger.time=none", "-Dsyswrite.logger.thread=false",
                "-Dsyswrite.logger.name=none"), OverflowFirstChild.class)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child hung");
        assertEquals(0, child.exitValue(), out);
        assertEquals(List.of("String.format 42", "AtomicLongArray [0]"), out.lines().toList());
        List<String> after = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.contains("dive")).toList();
        assertEquals(List.of("INFO - after: a tab\\there", "INFO - after: a \"quote\" and a newline\\nhere", "ERROR - after: an exception",
                "java.lang.IllegalStateException: boom"), after.subList(0, 4));
        assertEquals("INFO - after: plain", after.get(after.size() - 1));
    }

    private static void await(String what, Future<?> future) throws Exception {
        try {
            future.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail(what + " did not complete within " + DEADLINE_SECONDS + " s: something taken by a thread out of stack was never given back");
        }
    }

    /** Recursion to the bottom of the stack, then events from each frame near it on the way back up. */
    private static final class Dive {
        /** Frames above the bottom that log: past these a logging call has stack to spare. */
        private static final int NEAR_BOTTOM = 200;
        static long sink;
        /** The deepest frame of the dive under way (the diver's thread only). */
        static int bottom;
        /** The last stack overflows that came out of a logging call, and how many did. */
        static final StackOverflowError[] escaped = new StackOverflowError[256];
        static int escapes;

        /**
         * Where those were thrown that a logging call should have caught: anywhere in the provider
         * but on the first line of a public logging method, where the application's own call into
         * it ran out of stack (an overflow is reported in the frame being entered), which no
         * provider can catch.
         */
        static List<String> escapedFromProvider() throws IOException {
            Set<Integer> entries = new HashSet<>();
            List<String> source = Files.readAllLines(Path.of("src/main/java/dev/syswrite/slf4j/SysWriteLogger.java"));
            for (int i = 0; i < source.size(); i++) {
                if (source.get(i).matches("\\s*public void (trace|debug|info|warn|error)\\(.*\\) \\{")) {
                    entries.add(i + 2); // the method's first line, numbered from 1
                }
            }
            assertEquals(50, entries.size(), "SysWriteLogger's logging methods, as this test reads them");
            List<String> from = new ArrayList<>();
            for (StackOverflowError e : escaped) {
                StackTraceElement[] frames = e == null ? new StackTraceElement[0] : e.getStackTrace();
                boolean provider = frames.length > 0 && frames[0].getClassName().startsWith("dev.syswrite.")
                        && !frames[0].getClassName().startsWith(StackOverflowLoggingTest.class.getName());
                boolean entered = provider && frames[0].getClassName().equals(SysWriteLogger.class.getName())
                        && entries.contains(frames[0].getLineNumber());
                if (provider && !entered) {
                    from.add(frames[0].toString());
                }
            }
            return from;
        }

        /** One dive; frames of three sizes, so that each dive's calls run out at other points. */
        static void start(Logger log, int dive) {
            bottom = 0;
            dive(log, dive, 0, dive % 3);
        }

        static void dive(Logger log, int dive, int depth, int shape) {
            try {
                switch (shape) {
                    case 0 -> dive(log, dive, depth + 1, shape);
                    case 1 -> wide(log, dive, depth + 1, shape, depth, depth);
                    default -> wider(log, dive, depth + 1, shape, depth, depth, depth, depth);
                }
            } catch (StackOverflowError e) {
                if (depth > bottom) { // no call here: there is no stack for one
                    bottom = depth;
                }
            }
            if (bottom - depth < NEAR_BOTTOM) {
                try {
                    // ERROR is drained by its caller in async mode, and synced where fsync.level says so.
                    log.error("dive {} depth {} error", dive, depth);
                    log.info("dive {} depth {} info", dive, depth);
                } catch (StackOverflowError e) {
                    escaped[escapes++ & (escaped.length - 1)] = e; // stores only: there is no stack for a call
                }
            }
        }

        static void wide(Logger log, int dive, int depth, int shape, long a, long b) {
            sink += a ^ b;
            dive(log, dive, depth, shape);
        }

        static void wider(Logger log, int dive, int depth, int shape, long a, long b, long c, long d) {
            sink += a ^ b ^ c ^ d;
            dive(log, dive, depth, shape);
        }
    }
}
