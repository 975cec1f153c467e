package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.slf4j.testkit.CapturedStderr;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

/** Levels changed at run time: by name down the hierarchy, at once, for loggers that exist and those to come. */
class LevelsTest {
    private static final String[] BARE = {"syswrite.logger.time", "none", "syswrite.logger.thread", "false"};

    @TempDir
    Path dir;

    @Test
    void aNameCoversItsLoggersAndThoseBelowExistingAndFuture() {
        SysWriteLoggerFactory factory = new TestLoggers(dir.resolve("log"), true, BARE).factory;
        Logger existing = factory.getLogger("com.foo.Bar");
        Logger sibling = factory.getLogger("com.foobar.Baz");
        assertFalse(existing.isDebugEnabled());
        assertTrue(factory.setLevel("com.foo", "DEBUG"));
        assertTrue(existing.isDebugEnabled());
        assertTrue(factory.getLogger("com.foo.Later").isDebugEnabled());
        assertTrue(factory.getLogger("com.foo").isDebugEnabled());
        assertFalse(sibling.isDebugEnabled(), "com.foo never covers com.foobar");
        assertTrue(factory.setLevel("com.foo.Bar", "error"));
        assertTrue(factory.setLevel("", "trace"));
        assertFalse(existing.isWarnEnabled(), "a name set more specifically keeps its own level");
        assertTrue(sibling.isTraceEnabled());
        assertTrue(factory.setLevel("com.foo.Bar", null));
        assertEquals("debug", factory.levelOf("com.foo.Bar"), "inherits again");
        assertTrue(factory.setLevel("", null));
        assertEquals("info", factory.levelOf("any"), "the root's level at start");
        assertEquals(Map.of("", "info", "com.foo", "debug"), factory.levelsSet());
        assertEquals(List.of("", "com.foo"), List.copyOf(factory.levelsSet().keySet()), "the root's first");
    }

    @Test
    void whatIsNoLevelChangesNothing() {
        SysWriteLoggerFactory factory = new TestLoggers(dir.resolve("log"), true, BARE).factory;
        assertFalse(factory.setLevel("x", "verbose"));
        assertFalse(factory.setLevel("x", ""));
        assertFalse(factory.setLevel(null, "debug"));
        for (String noLogger : new String[] {".", "a..b", "a.", ".a"}) {
            assertFalse(factory.setLevel(noLogger, "warn"), noLogger);
        }
        assertNull(factory.levelOf(null));
        assertEquals(Map.of("", "info"), factory.levelsSet());
    }

    /** The next call after the change follows it, in either mode; OFF silences even ERROR. */
    @ParameterizedTest
    @ValueSource(strings = {"sync", "async"})
    void aChangeTakesEffectAtTheNextCall(String mode) throws Exception {
        Path file = dir.resolve("log");
        TestLoggers loggers = new TestLoggers(file, true, "syswrite.logger.time", "none", "syswrite.logger.thread", "false",
                "syswrite.logger.mode", mode);
        Logger log = loggers.factory.getLogger("app.Orders");
        log.debug("before");
        loggers.factory.setLevel("app", "debug");
        log.debug("after");
        loggers.factory.setLevel("", "off");
        loggers.factory.getLogger("other").error("silenced");
        log.debug("app's own level stays");
        loggers.factory.setLevel("app", "off");
        log.error("silenced too");
        assertTrue(loggers.factory.writer().flush());
        assertEquals(List.of("DEBUG app.Orders - after", "DEBUG app.Orders - app's own level stays"),
                Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** Loggers created while a level changes: none keeps the level from before the change. */
    @Test
    void noLoggerCreatedDuringAChangeMissesIt() throws Exception {
        SysWriteLoggerFactory factory = new TestLoggers(dir.resolve("log"), true, BARE).factory;
        int threads = 4;
        int each = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        try {
            List<Future<List<Logger>>> made = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                made.add(pool.submit(() -> {
                    start.await();
                    List<Logger> loggers = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        loggers.add(factory.getLogger("race.t" + thread + ".n" + i));
                    }
                    return loggers;
                }));
            }
            start.await();
            for (int flip = 0; flip < 200; flip++) {
                factory.setLevel("race", flip % 2 == 0 ? "trace" : "warn");
            }
            factory.setLevel("race", "debug");
            for (Future<List<Logger>> loggers : made) {
                for (Logger logger : loggers.get()) {
                    assertTrue(logger.isDebugEnabled() && !logger.isTraceEnabled(), logger.getName());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theMBeanReadsAndSetsLevels() throws Exception {
        SysWriteLoggerFactory factory = new TestLoggers(dir.resolve("log"), true, BARE).factory;
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(LoggerLevels.NAME);
        assertEquals(LoggerLevels.NAME, LoggerLevels.register(factory));
        ObjectName second = new ObjectName(LoggerLevels.NAME + ",instance=2");
        try {
            LoggerLevelsMXBean levels = JMX.newMXBeanProxy(server, name, LoggerLevelsMXBean.class);
            assertTrue(levels.setLevel("jmx.x", "debug"));
            assertFalse(levels.setLevel("jmx.x", "loud"));
            assertTrue(factory.getLogger("jmx.x.Y").isDebugEnabled());
            assertEquals("debug", levels.levelOf("jmx.x.Y"));
            assertEquals(Map.of("", "info", "jmx.x", "debug"), levels.getLevels());
            SysWriteLoggerFactory other = new TestLoggers(dir.resolve("other"), true, BARE).factory;
            String said = CapturedStderr.of(() -> LoggerLevels.register(other));
            assertTrue(said.contains(LoggerLevels.NAME + " is another syswrite provider's in this JVM; this one's levels are " + second), said);
            assertTrue(JMX.newMXBeanProxy(server, second, LoggerLevelsMXBean.class).setLevel("only.second", "error"));
            assertEquals("error", other.levelOf("only.second"));
            assertEquals("info", levels.levelOf("only.second"), "each provider's own");
        } finally {
            server.unregisterMBean(name);
            if (server.isRegistered(second)) {
                server.unregisterMBean(second);
            }
        }
    }

    /**
     * The settings read again apply what changed in them, and only that: a level the
     * application set for a name the settings leave alone stays. A bad value is said once.
     */
    @Test
    void aScanAppliesWhatChangedInTheSettings() throws Exception {
        SysWriteLoggerFactory factory = new TestLoggers(dir.resolve("log"), true, BARE).factory;
        String[] file = {"syswrite.logger.level.scan.a=debug\n"};
        LevelScanner scanner = new LevelScanner(factory, LoggerConfig.of("", new Properties()), "", problems -> file[0], new Properties());
        factory.setLevel("mine", "trace");
        scanner.scan();
        assertEquals("debug", factory.levelOf("scan.a.X"));
        file[0] = "syswrite.logger.level=warn\nsyswrite.logger.level.scan.b=error\n";
        scanner.scan();
        assertEquals("warn", factory.levelOf("scan.a.X"), "removed from the settings: inherits the root's");
        assertEquals("error", factory.levelOf("scan.b"));
        assertEquals("trace", factory.levelOf("mine"), "the application's own, untouched by the settings");
        file[0] = "syswrite.logger.level=warn\nsyswrite.logger.level.scan.b=loud\n";
        String said = CapturedStderr.of(() -> {
            scanner.scan();
            scanner.scan();
        });
        assertEquals(1, said.lines().filter(line -> line.contains("syswrite.logger.level.scan.b=loud")).count(), said);
        assertEquals("error", factory.levelOf("scan.b"), "a bad value keeps the level the name had");
        file[0] = "syswrite.logger.level=warn\n";
        scanner.scan();
        assertEquals("warn", factory.levelOf("scan.b"), "removed: inherits");
    }

    /** An editor that truncates then writes, a file deleted and put back: the levels stay meanwhile. */
    @Test
    void aFileGoneOrEmptyForAMomentChangesNothing() {
        SysWriteLoggerFactory factory = new TestLoggers(dir.resolve("log"), true, BARE).factory;
        String[] file = {"syswrite.logger.level=warn\nsyswrite.logger.level.p=debug\n"};
        LevelScanner scanner = new LevelScanner(factory, LoggerConfig.of("", new Properties()), "", problems -> file[0], new Properties());
        scanner.scan();
        assertEquals("debug", factory.levelOf("p"));
        StringBuilder said = new StringBuilder();
        for (String gone : new String[] {"", "  \n", null}) {
            file[0] = gone;
            said.append(CapturedStderr.of(scanner::scan));
            assertEquals("debug", factory.levelOf("p"));
            assertEquals("warn", factory.levelOf("other"));
        }
        assertTrue(said.toString().contains("(empty where it had settings: the levels stay as they are)"), said::toString);
        assertTrue(said.toString().contains("(gone or unreadable where it had settings: the levels stay as they are)"), said::toString);
        file[0] = "syswrite.logger.level.p=trace\n";
        scanner.scan();
        assertEquals("trace", factory.levelOf("p"));
        assertEquals("info", factory.levelOf("other"), "back to the root's level at start");
    }
}
