package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.logging.async.AsyncSettings;
import dev.syswrite.logging.event.Level;
import dev.syswrite.logging.layout.LayoutSettings;
import dev.syswrite.testkit.PureJava;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

@PureJava
class LoggerConfigTest {
    @Test
    void defaults() {
        LoggerConfig config = LoggerConfig.of(new Properties());
        assertEquals(Level.INFO, config.levelOf("any.logger"));
        assertEquals("stderr", config.settings.output().target());
        assertEquals(3, config.settings.layout().time().digits());
        assertTrue(config.settings.layout().thread() && config.settings.layout().mdc() && config.settings.layout().markers());
        assertEquals(LayoutSettings.LoggerNames.FULL, config.settings.layout().names());
        assertTrue(config.problems.isEmpty());
        assertFalse(config.async);
        assertEquals(Level.ERROR, config.asyncSettings.syncLevel(), "ERROR");
        assertEquals(AsyncSettings.WhenFull.BLOCK, config.asyncSettings.whenFull());
        assertEquals(4 << 20, config.asyncSettings.ringBytes());
        assertFalse((config.asyncSettings.waiting() == AsyncSettings.Waiting.SPIN));
        assertEquals(Level.OFF, config.settings.output().fsyncLevel(), "nothing synced unless asked");
    }

    @Test
    void fsyncLevel() {
        assertEquals(Level.ERROR, LoggerConfig.of(settings("syswrite.logger.fsync.level", " Error ")).settings.output().fsyncLevel());
        assertEquals(Level.TRACE, LoggerConfig.of(settings("syswrite.logger.fsync.level", "trace")).settings.output().fsyncLevel());
        LoggerConfig bad = LoggerConfig.of(settings("syswrite.logger.fsync.level", "always"));
        assertEquals(Level.OFF, bad.settings.output().fsyncLevel());
        assertEquals(List.of("syswrite.logger.fsync.level=always (not one of trace, debug, info, warn, error, off)"), bad.problems);
    }

    @Test
    void formatIsTextOrJson() {
        assertEquals(LayoutSettings.Format.TEXT, LoggerConfig.of(settings()).settings.layout().format());
        assertEquals(LayoutSettings.Format.JSON, LoggerConfig.of(settings("syswrite.logger.format", " JSON ")).settings.layout().format());
        LoggerConfig bad = LoggerConfig.of(settings("syswrite.logger.format", "xml"));
        assertFalse((bad.settings.layout().format() == LayoutSettings.Format.JSON));
        assertEquals(1, bad.problems.size(), bad.problems::toString);
    }

    @Test
    void asyncSettings() {
        LoggerConfig config = LoggerConfig.of(settings("syswrite.logger.mode", "ASYNC", "syswrite.logger.sync.level", "warn",
                "syswrite.logger.async.full", "drop", "syswrite.logger.async.ring", "100k", "syswrite.logger.async.wait", "spin"));
        assertTrue(config.async && (config.asyncSettings.waiting() == AsyncSettings.Waiting.SPIN) && config.problems.isEmpty(), config.problems::toString);
        assertEquals(Level.WARN, config.asyncSettings.syncLevel());
        assertEquals(AsyncSettings.WhenFull.DROP, config.asyncSettings.whenFull());
        assertEquals(128 << 10, config.asyncSettings.ringBytes(), "rounded up to a power of two");
        assertEquals(Level.OFF, LoggerConfig.of(settings("syswrite.logger.sync.level", "off")).asyncSettings.syncLevel());

        LoggerConfig bad = LoggerConfig.of(settings("syswrite.logger.mode", "later", "syswrite.logger.sync.level", "loud",
                "syswrite.logger.async.full", "explode", "syswrite.logger.async.ring", "2g", "syswrite.logger.async.wait", "sleep"));
        assertEquals(5, bad.problems.size(), bad.problems::toString);
        assertFalse(bad.async || (bad.asyncSettings.waiting() == AsyncSettings.Waiting.SPIN));
        assertEquals(Level.ERROR, bad.asyncSettings.syncLevel());
        assertEquals(AsyncSettings.WhenFull.BLOCK, bad.asyncSettings.whenFull());
        assertEquals(4 << 20, bad.asyncSettings.ringBytes());
        assertEquals(AsyncSettings.RING_LEAST_BYTES, LoggerConfig.of(settings("syswrite.logger.async.ring", "64k")).asyncSettings.ringBytes());
    }

    @Test
    void longestPrefixWins() {
        LoggerConfig config = LoggerConfig.of(settings(
                "syswrite.logger.level", "WARN",
                "syswrite.logger.level.com.example", "debug",
                "syswrite.logger.level.com.example.noisy", "off",
                "syswrite.logger.level.com.example.noisy.Important", "trace"));
        assertEquals(Level.WARN, config.levelOf("org.other"));
        assertEquals(Level.DEBUG, config.levelOf("com.example.Service"));
        assertEquals(Level.OFF, config.levelOf("com.example.noisy.Chatter"));
        assertEquals(Level.TRACE, config.levelOf("com.example.noisy.Important"));
        assertTrue(config.problems.isEmpty(), config.problems::toString);
    }

    /** As slf4j-simple and Logback: a setting covers its logger and those below it, not its string prefixes. */
    @Test
    void levelsFollowTheDottedHierarchy() {
        LoggerConfig config = LoggerConfig.of(settings(
                "syswrite.logger.level", "info",
                "syswrite.logger.level.com.foo", "debug",
                "syswrite.logger.level.com.foo.Outer", "error"));
        assertEquals(Level.DEBUG, config.levelOf("com.foo"));
        assertEquals(Level.DEBUG, config.levelOf("com.foo.Bar"));
        assertEquals(Level.INFO, config.levelOf("com.foobar.Other"));
        assertEquals(Level.INFO, config.levelOf("com.fo"));
        assertEquals(Level.ERROR, config.levelOf("com.foo.Outer$Inner"));
        assertEquals(Level.DEBUG, config.levelOf("com.foo.OuterMost"));
    }

    /** {@code level.} with nothing after it names no logger: said, as any other bad setting, and not applied. */
    @Test
    void aLevelForAnEmptyLoggerNameIsReported() {
        LoggerConfig config = LoggerConfig.of(settings("syswrite.logger.level.", "debug"));
        assertEquals(List.of("syswrite.logger.level.=debug (no logger name: the level of all loggers is syswrite.logger.level)"),
                config.problems);
        assertEquals(Map.of(LevelTable.ROOT, Level.INFO), config.levels.names());
        assertEquals(Level.INFO, config.levelOf(""));
    }

    /** {@code stderr} and {@code stdout} in any case, as every enumerated value; any other output is a path, kept as written. */
    @Test
    void standardOutputsAreCaseInsensitive() {
        assertEquals("stdout", LoggerConfig.of(settings("syswrite.logger.output", " STDOUT ")).settings.output().target());
        assertEquals("stderr", LoggerConfig.of(settings("syswrite.logger.output", "StdErr")).settings.output().target());
        assertEquals("./STDOUT", LoggerConfig.of(settings("syswrite.logger.output", "./STDOUT")).settings.output().target(), "a file of that name");
        assertEquals("logs/App.log", LoggerConfig.of(settings("syswrite.logger.output", "logs/App.log")).settings.output().target());
    }

    /** An empty output names nothing to open: a bad value like any other, not a file that fails to open. */
    @Test
    void anEmptyOutputIsABadValue() {
        for (String empty : new String[] {"", "  "}) {
            LoggerConfig config = LoggerConfig.of(settings("syswrite.logger.output", empty));
            assertEquals("stderr", config.settings.output().target());
            assertEquals(List.of("syswrite.logger.output=" + empty + " (empty: not stderr, stdout nor a file path)"), config.problems);
        }
    }

    @Test
    void lineLimitReadsSizes() {
        assertEquals(1 << 20, LoggerConfig.of(settings()).settings.layout().lineMax());
        assertEquals(64 << 10, LoggerConfig.of(settings("syswrite.logger.line.max", "64k")).settings.layout().lineMax());
        assertEquals(2 << 20, LoggerConfig.of(settings("syswrite.logger.line.max", "2M")).settings.layout().lineMax());
        assertEquals(5000, LoggerConfig.of(settings("syswrite.logger.line.max", "5000")).settings.layout().lineMax());
        for (String bad : new String[] {"12", "1g", "999999999999m", "-1k", "lots", "300m"}) {
            LoggerConfig config = LoggerConfig.of(settings("syswrite.logger.line.max", bad));
            assertEquals(1 << 20, config.settings.layout().lineMax(), bad);
            assertEquals(1, config.problems.size(), bad);
        }
    }

    @Test
    void rotationSettings() {
        LoggerConfig defaults = LoggerConfig.of(settings());
        assertEquals(1_000_000_000L, defaults.settings.output().reopenNanos(), "1s");
        assertEquals(0, defaults.settings.output().rolloverSize(), "off");
        assertEquals(7, defaults.settings.output().rolloverKeep());

        LoggerConfig config = LoggerConfig.of(settings("syswrite.logger.reopen.interval", "250ms", "syswrite.logger.rollover.size", "64M",
                "syswrite.logger.rollover.keep", "30"));
        assertTrue(config.problems.isEmpty(), config.problems::toString);
        assertEquals(250_000_000L, config.settings.output().reopenNanos());
        assertEquals(64L << 20, config.settings.output().rolloverSize());
        assertEquals(30, config.settings.output().rolloverKeep());
        assertEquals(2_000_000_000L, LoggerConfig.of(settings("syswrite.logger.reopen.interval", "2s")).settings.output().reopenNanos());
        assertEquals(500_000_000L, LoggerConfig.of(settings("syswrite.logger.reopen.interval", "500")).settings.output().reopenNanos(), "milliseconds");
        assertEquals(0, LoggerConfig.of(settings("syswrite.logger.reopen.interval", "OFF")).settings.output().reopenNanos());
        assertEquals(0, LoggerConfig.of(settings("syswrite.logger.reopen.interval", "0")).settings.output().reopenNanos());
        assertEquals(5L << 30, LoggerConfig.of(settings("syswrite.logger.rollover.size", "5g")).settings.output().rolloverSize());
        assertEquals(1024, LoggerConfig.of(settings("syswrite.logger.rollover.size", "1k")).settings.output().rolloverSize());
        assertEquals(0, LoggerConfig.of(settings("syswrite.logger.rollover.size", "off")).settings.output().rolloverSize());

        for (String bad : new String[] {"5ms", "2h", "3601s", "soon", "-1s", "999999999999999s"}) {
            LoggerConfig c = LoggerConfig.of(settings("syswrite.logger.reopen.interval", bad));
            assertEquals(1_000_000_000L, c.settings.output().reopenNanos(), bad);
            assertEquals(1, c.problems.size(), bad);
        }
        for (String bad : new String[] {"1023", "-1m", "big", "99999999999g", "1t"}) {
            LoggerConfig c = LoggerConfig.of(settings("syswrite.logger.rollover.size", bad));
            assertEquals(0, c.settings.output().rolloverSize(), bad);
            assertEquals(1, c.problems.size(), bad);
        }
        for (String bad : new String[] {"0", "1001", "-3", "all"}) {
            LoggerConfig c = LoggerConfig.of(settings("syswrite.logger.rollover.keep", bad));
            assertEquals(7, c.settings.output().rolloverKeep(), bad);
            assertEquals(1, c.problems.size(), bad);
        }
    }

    /** 0 means off whatever its unit, for the reopen interval and the roll's size alike: never a bad value. */
    @Test
    void zeroIsOffInAnyUnit() {
        Map<String, List<String>> zeros = Map.of("reopen.interval", List.of("0", "0ms", "0s", "0S", "00"),
                "rollover.size", List.of("0", "0k", "0M", "0g"));
        zeros.forEach((key, values) -> values.forEach(zero -> {
            LoggerConfig config = LoggerConfig.of(settings("syswrite.logger." + key, zero));
            assertEquals(List.of(), config.problems, key + "=" + zero);
            assertEquals(0, key.equals("rollover.size") ? config.settings.output().rolloverSize() : config.settings.output().reopenNanos(), key + "=" + zero);
        }));
    }

    @Test
    void badValuesAreReportedAndReplacedByDefaults() {
        LoggerConfig config = LoggerConfig.of(settings(
                "syswrite.logger.level", "loud",
                "syswrite.logger.level.com.example", "verbose",
                "syswrite.logger.time", "nanos",
                "syswrite.logger.thread", "maybe",
                "syswrite.logger.name", "long",
                "syswrite.logger.colour", "red"));
        assertEquals(Level.INFO, config.levelOf("com.example.Service"));
        assertEquals(3, config.settings.layout().time().digits());
        assertTrue(config.settings.layout().thread());
        assertEquals(LayoutSettings.LoggerNames.FULL, config.settings.layout().names());
        String problems = String.join("; ", config.problems);
        for (String named : new String[] {"level=loud", "level.com.example=verbose", "time=nanos", "thread=maybe", "name=long", "colour (unknown key)"}) {
            assertTrue(problems.contains("syswrite.logger." + named), problems);
        }
        assertEquals(6, config.problems.size(), problems);
    }

    /**
     * A line of the file that cannot be parsed (a backslash and a u that start no Unicode escape, as
     * in a Windows path) costs its own setting, named with its line number, as a bad value does;
     * every other line, before or after it, is applied. Each malformed line here follows one that
     * must not be continued by it: a value ending in an escaped backslash, and a comment.
     */
    @Test
    void aMalformedLineOfTheFileCostsOnlyItsOwnSetting() {
        for (String end : new String[] {"\n", "\r\n", "\r"}) {
            String file = String.join(end,
                    "# settings, with a bad value and lines the format cannot read",
                    "syswrite.logger.level=debug",
                    "syswrite.logger.output=logs\\\\",
                    "syswrite.logger.format=C:\\users\\json",
                    "syswrite.logger.time=none",
                    "syswrite.logger.thread=sometimes",
                    "syswrite.logger.name=\\",
                    "    short",
                    "! a comment ending with a backslash, which continues nothing \\",
                    "syswrite.logger.mdc=\\unknown",
                    "syswrite.logger.markers=false");
            LoggerConfig config = LoggerConfig.of(file, settings("syswrite.logger.keyvalues", "false"));
            assertEquals(Level.DEBUG, config.levelOf("any"));
            assertEquals("logs\\", config.settings.output().target());
            assertEquals(0, config.settings.layout().time().digits());
            assertEquals(LayoutSettings.LoggerNames.SHORT, config.settings.layout().names());
            assertFalse(config.settings.layout().markers() || config.settings.layout().keyValues());
            assertFalse((config.settings.layout().format() == LayoutSettings.Format.JSON), "the line is ignored: its default");
            assertTrue(config.settings.layout().mdc(), "the line is ignored: its default");
            assertTrue(config.settings.layout().thread(), "a bad value: its default");
            assertEquals(List.of(
                    "syswrite-logger.properties line 4: syswrite.logger.format=C:\\users\\json (Malformed \\uxxxx encoding.; the line is ignored)",
                    "syswrite-logger.properties line 10: syswrite.logger.mdc=\\unknown (Malformed \\uxxxx encoding.; the line is ignored)",
                    "syswrite.logger.thread=sometimes (not one of true, false)"), config.problems);
        }
    }

    /** Read a line at a time, a file the format can read gives what the format gives for it whole. */
    @Test
    void theFileIsSplitWhereTheFormatSplitsIt() throws Exception {
        String[] files = {
            "a=1\nb=2",
            "a=1 \\\n  2\nb=3",
            "a=1\\\\\nb=2",
            "a=1\\\\\\\n  2",
            "# a comment \\\nb=2",
            "  ! a comment \\\r\nb=2\r\n",
            "a=\\\n# not a comment, continued\nb=2",
            "a=1\\\n\nb=2",
            "a=1\\\n   \nb=2",
            "\f\t # comment\rb= 2 \\\r  3\r",
            "a\\ b\\=c=\\u0041\\\n\\u0042",
            "a=1\\",
            "a=1\na=2",
            "",
        };
        for (String file : files) {
            Properties whole = new Properties();
            whole.load(new java.io.StringReader(file));
            List<String> problems = new java.util.ArrayList<>();
            assertEquals(whole, LoggerConfig.fileSettings(file, problems), file);
            assertEquals(List.of(), problems, file);
        }
    }

    @Test
    void choicesAreCaseInsensitive() {
        LoggerConfig config = LoggerConfig.of(settings("syswrite.logger.time", "MICROS", "syswrite.logger.name", "Short",
                "syswrite.logger.mdc", "FALSE"));
        assertEquals(6, config.settings.layout().time().digits());
        assertEquals(LayoutSettings.LoggerNames.SHORT, config.settings.layout().names());
        assertTrue(!config.settings.layout().mdc() && config.problems.isEmpty());
    }

    /**
     * The fields every JSON line carries, in ECS's order; {@code event.dataset} is the service name
     * unless set; a field that would clash, a pair with no key, or fields longer than every line
     * can spare, are bad settings.
     */
    @Test
    void theFieldsEveryJsonLineCarries() {
        LoggerConfig config = LoggerConfig.of(settings("syswrite.logger.json.fields", " team = payments ,message=x,log=y,a..b=z,nokey, =v,region=eu",
                "syswrite.logger.service.version", "1.0", "syswrite.logger.service.name", " orders "));
        assertEquals("{service.name=orders, service.version=1.0, event.dataset=orders, team=payments, region=eu}",
                config.settings.layout().jsonFields().toString());
        assertEquals(List.of("syswrite.logger.json.fields: message (the same as a field every line has, or its object or inside it)",
                "syswrite.logger.json.fields: log (the same as a field every line has, or its object or inside it)",
                "syswrite.logger.json.fields: a..b (an empty part between its dots names no field)",
                "syswrite.logger.json.fields: nokey (not key=value)", "syswrite.logger.json.fields: =v (not key=value)"), config.problems);
        LoggerConfig tooLong = LoggerConfig.of(settings("syswrite.logger.json.fields", "k=" + "v".repeat(300),
                "syswrite.logger.service.name", "orders"));
        assertEquals("{service.name=orders, event.dataset=orders}", tooLong.settings.layout().jsonFields().toString());
        assertEquals(1, tooLong.problems.size(), tooLong.problems::toString);
        assertEquals(0, LoggerConfig.of(settings()).settings.layout().jsonFields().size());
    }

    static Properties settings(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }
}
