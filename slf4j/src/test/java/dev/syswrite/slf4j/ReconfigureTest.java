package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

/**
 * The writer replaced at run time ({@code SysWriteLogging.reconfigure}, as the Spring Boot
 * logging system does once Spring has read {@code logging.file.name}): loggers made before and
 * after switch whole, and while threads log across several switches every event lands exactly
 * once, whole, in one of the outputs.
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
    void newOutputAndLayoutForLoggersOldAndNew() throws Exception {
        Path first = dir.resolve("first.log");
        Path second = dir.resolve("second.log");
        TestLoggers loggers = new TestLoggers(first, true, PLAIN);
        Logger before = loggers.factory.getLogger("before");
        before.info("one");
        loggers.factory.applyLevel("before", Level.WARN);
        loggers.factory.reconfigure(config(second, "syswrite.logger.format", "json"));
        before.warn("two");
        before.info("not at info: the level set before stays");
        loggers.factory.getLogger("after").info("three {}", 3);
        assertTrue(loggers.factory.writer().flush());
        assertEquals(List.of("INFO before - one"), Files.readAllLines(first, StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(second, StandardCharsets.UTF_8);
        assertEquals(2, lines.size(), lines::toString);
        ObjectMapper json = new ObjectMapper();
        JsonNode two = json.readTree(lines.get(0));
        assertEquals("two", two.get("message").asText());
        assertEquals("before", two.get("log.logger").asText());
        assertEquals("three 3", json.readTree(lines.get(1)).get("message").asText());
    }

    /** Four threads log 20,000 numbered events while the output changes five times. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sync", "async"})
    void everyEventOnceAcrossSwitches(String mode) throws Exception {
        int threads = 4;
        int perThread = 5_000;
        TestLoggers loggers = new TestLoggers(dir.resolve("out.0"), true, "syswrite.logger.time", "none", "syswrite.logger.thread", "false",
                "syswrite.logger.mode", mode);
        List<EventWriter> writers = new ArrayList<>(List.of(loggers.factory.writer()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * perThread;
                work.add(pool.submit(() -> {
                    Logger log = loggers.factory.getLogger("t" + first); // some made after a switch
                    for (int i = first; i < first + perThread; i++) {
                        log.info("{} {}", i, "x".repeat(i % 41));
                    }
                    return null;
                }));
            }
            for (int n = 1; n <= 5; n++) {
                Thread.sleep(20);
                loggers.factory.reconfigure(config(dir.resolve("out." + n), "syswrite.logger.mode", mode));
                writers.add(loggers.factory.writer());
            }
            for (Future<?> w : work) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // A call that read a writer just before its switch may have queued its event after the
        // switch's flush: as the JVM's exit does, flush every writer before reading the files.
        for (EventWriter writer : writers) {
            assertTrue(writer.flush());
        }
        Pattern event = Pattern.compile("INFO t\\d+ - (\\d+) (x*)");
        Set<Integer> seen = new HashSet<>();
        for (int n = 0; n <= 5; n++) {
            for (String line : Files.readAllLines(dir.resolve("out." + n), StandardCharsets.UTF_8)) {
                Matcher m = event.matcher(line);
                assertTrue(m.matches(), line);
                int i = Integer.parseInt(m.group(1));
                assertEquals("x".repeat(i % 41), m.group(2), line);
                assertTrue(seen.add(i), "event " + i + " twice");
            }
        }
        assertEquals(threads * perThread, seen.size(), "events lost");
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
