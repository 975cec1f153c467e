package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syswrite.logging.EventWriter;
import dev.syswrite.logging.event.Level;
import dev.syswrite.slf4j.testkit.ReconfigureChild;
import dev.syswrite.testkit.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

/**
 * The backend started again at run time ({@code SysWriteLogging.reconfigure}, as the Spring Boot
 * logging system does once Spring has read {@code logging.file.name}): loggers made before and
 * after switch whole to the new writer and levels, and while threads log across several switches
 * every event lands exactly once, whole, in one of the outputs.
 */
class ReconfigureTest {
    private static final String[] PLAIN = {"syswrite.logger.time", "none", "syswrite.logger.thread", "false"};

    @TempDir
    Path dir;

    private static LoggerConfig config(Path output, String... more) {
        Properties p = LoggerConfigTest.settings(PLAIN);
        p.putAll(LoggerConfigTest.settings(more));
        p.setProperty("syswrite.logger.output", output.toString());
        LoggerConfig config = LoggerConfig.of(p);
        assertTrue(config.problems.isEmpty(), config.problems::toString);
        return config;
    }

    @Test
    void newOutputLayoutAndLevelsForLoggersOldAndNew() throws Exception {
        Path first = dir.resolve("first.log");
        Path second = dir.resolve("second.log");
        TestLoggers loggers = new TestLoggers(first, true, PLAIN);
        Logger before = loggers.factory.getLogger("before");
        before.info("one");
        loggers.factory.applyLevel("before", Level.WARN);
        before.info("not at info: set to warn");
        loggers.factory.reconfigure(config(second, "syswrite.logger.format", "json", "syswrite.logger.level.after", "warn"));
        before.info("two: the settings' levels replace those set since");
        loggers.factory.getLogger("after").info("not at info: the settings say warn");
        loggers.factory.getLogger("after").warn("three {}", 3);
        assertTrue(loggers.factory.writer().flush());
        assertEquals(List.of("INFO before - one"), Files.readAllLines(first, StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(second, StandardCharsets.UTF_8);
        assertEquals(2, lines.size(), lines::toString);
        ObjectMapper json = new ObjectMapper();
        JsonNode two = json.readTree(lines.get(0));
        assertEquals("two: the settings' levels replace those set since", two.get("message").asText());
        assertEquals("before", two.get("log.logger").asText());
        assertEquals("three 3", json.readTree(lines.get(1)).get("message").asText());
    }

    /** Settings that name the output, layout and mode in effect keep the writer: nothing is reopened. */
    @Test
    void theSameSettingsKeepTheWriter() {
        Path file = dir.resolve("same.log");
        TestLoggers loggers = new TestLoggers(file, true, PLAIN);
        EventWriter writer = loggers.factory.writer();
        loggers.factory.reconfigure(config(file, "syswrite.logger.level", "warn"));
        assertSame(writer, loggers.factory.writer());
        assertEquals("warn", loggers.factory.levelOf("any"));
        loggers.factory.reconfigure(config(file, "syswrite.logger.format", "json"));
        assertNotSame(writer, loggers.factory.writer());
    }

    /**
     * Four threads log numbered events all along five switches, sync and async: every event is in
     * one of the outputs exactly once, whole. The old writers are retired at each switch, so a
     * call that reached one late writes its event itself.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sync", "async"})
    void everyEventOnceAcrossSwitches(String mode) throws Exception {
        int threads = 4;
        TestLoggers loggers = new TestLoggers(dir.resolve("out.0"), true, "syswrite.logger.time", "none", "syswrite.logger.thread", "false",
                "syswrite.logger.mode", mode);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong logged = new AtomicLong();
        List<Future<Integer>> work = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int first = t * 10_000_000;
                work.add(pool.submit(() -> {
                    Logger log = loggers.factory.getLogger("t" + first); // made while switches go on
                    int n = 0;
                    while (!stop.get()) {
                        log.info("{} {}", first + n, "x".repeat(n % 41));
                        n++;
                        logged.incrementAndGet();
                    }
                    return n;
                }));
            }
            for (int n = 1; n <= 5; n++) {
                long at = logged.get();
                while (logged.get() < at + 2_000) {
                    Thread.sleep(1); // some events through each writer
                }
                loggers.factory.reconfigure(config(dir.resolve("out." + n), "syswrite.logger.mode", mode));
            }
            Thread.sleep(20);
        } finally {
            stop.set(true);
            pool.shutdown();
        }
        Set<Integer> expected = new HashSet<>();
        for (int t = 0; t < threads; t++) {
            int count = work.get(t).get();
            for (int n = 0; n < count; n++) {
                expected.add(t * 10_000_000 + n);
            }
        }
        assertTrue(loggers.factory.writer().flush());
        Pattern event = Pattern.compile("INFO t\\d+ - (\\d+) (x*)");
        Set<Integer> seen = new HashSet<>();
        for (int n = 0; n <= 5; n++) {
            List<String> lines = Files.readAllLines(dir.resolve("out." + n), StandardCharsets.UTF_8);
            assertFalse(lines.isEmpty(), "nothing through writer " + n);
            for (String line : lines) {
                Matcher m = event.matcher(line);
                assertTrue(m.matches(), line);
                int i = Integer.parseInt(m.group(1));
                assertEquals("x".repeat(i % 10_000_000 % 41), m.group(2), line);
                assertTrue(seen.add(i), "event " + i + " twice");
            }
        }
        assertEquals(expected, seen);
    }

    /** Through the public API, in a JVM where SLF4J found the backend by itself. */
    @Test
    void throughSysWriteLogging() throws Exception {
        Path first = dir.resolve("first.log");
        Path second = dir.resolve("second.log");
        Process child = new ProcessBuilder(ChildJvm.command(List.of("-Dsyswrite.logger.output=" + first, "-Dsyswrite.logger.time=none",
                "-Dsyswrite.logger.thread=false"), ReconfigureChild.class, second.toString())).redirectErrorStream(true).start();
        String said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, child.exitValue(), said);
        assertEquals("bound true\nreconfigured true\nnull refused true\nloggers [child.after, child.before]\nflushed true\n", said);
        assertEquals(List.of("INFO child.before - one"), Files.readAllLines(first, StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(second, StandardCharsets.UTF_8);
        assertEquals(2, lines.size(), lines::toString);
        ObjectMapper json = new ObjectMapper();
        assertEquals("two", json.readTree(lines.get(0)).get("message").asText());
        assertEquals("child.after", json.readTree(lines.get(1)).get("log.logger").asText());
    }

    @Test
    void aKeyThatIsNoSettingIsNamed() {
        LoggerConfig config = LoggerConfig.load(Map.of("logging.file.name", "app.log", "syswrite.logger.format", "json"));
        assertEquals(1, config.problems.size(), config.problems::toString);
        assertTrue(config.problems.get(0).startsWith("logging.file.name=app.log"), config.problems::toString);
    }
}
