package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad settings cost the application one line on stderr, never an exception. */
class ProviderInitializationTest {
    @TempDir
    Path dir;

    @Test
    void badSettingsGiveOneLineAndDefaults() throws Exception {
        Path file = dir.resolve("log");
        // Never checked: a rotation thread would outlive the test, and say on a later test's stderr that the directory is gone.
        String stderr = initializeWith(Map.of("syswrite.logger.level", "chatty", "syswrite.logger.time", "none",
                "syswrite.logger.thread", "sometimes", "syswrite.logger.output", file.toString(), "syswrite.logger.reopen.interval", "off"), provider ->
                provider.getLoggerFactory().getLogger("a").info("still logs at the default level"));
        assertEquals(1, stderr.lines().count(), stderr);
        assertTrue(stderr.startsWith("syswrite-logger: ignoring bad settings") && stderr.contains("syswrite.logger.level=chatty")
                && stderr.contains("syswrite.logger.thread=sometimes"), stderr);
        assertEquals(List.of("[" + Thread.currentThread().getName() + "] INFO a - still logs at the default level"),
                Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    @Test
    void unopenableOutputFallsBackToStderr() throws Exception {
        String stderr = initializeWith(Map.of("syswrite.logger.output", dir.resolve("missing/dir/log").toString()), provider -> { });
        assertEquals(1, stderr.lines().count(), stderr);
        assertTrue(stderr.startsWith("syswrite-logger: cannot open syswrite.logger.output="), stderr);
    }

    /** The line names what is wrong with the value, not the exception an empty path once threw. */
    @Test
    void anEmptyOutputIsReportedAsABadSetting() throws Exception {
        String stderr = initializeWith(Map.of("syswrite.logger.output", ""), provider -> { });
        assertEquals("syswrite-logger: ignoring bad settings, using defaults for them: syswrite.logger.output= (empty: not stderr, stdout"
                + " nor a file path)" + System.lineSeparator(), stderr);
    }

    interface Use {
        void with(SysWriteServiceProvider provider) throws Exception;
    }

    private static String initializeWith(Map<String, String> properties, Use use) throws Exception {
        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        properties.forEach(System::setProperty);
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            SysWriteServiceProvider provider = new SysWriteServiceProvider();
            provider.initialize();
            use.with(provider);
        } finally {
            System.setErr(realErr);
            properties.keySet().forEach(System::clearProperty);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
