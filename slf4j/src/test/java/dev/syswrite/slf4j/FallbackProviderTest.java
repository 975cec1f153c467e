package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.SysWrite;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.ILoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Without syswrite's native library (here: a fresh copy of the classes on a JVM claiming another
 * architecture, or refusing its tmpdir), the provider still logs, through the JDK, and says once
 * on stderr why.
 */
class FallbackProviderTest {
    @TempDir
    Path dir;

    @Test
    void logsThroughTheJdkAndSaysWhyOnce() throws Exception {
        Path file = dir.resolve("log");
        String said = logThroughAFreshCopy(Map.of("syswrite.logger.output", file.toString(), "os.arch", "sparcv9"));
        assertEquals(1, said.lines().count(), said);
        assertTrue(said.startsWith("syswrite-logger: writing through the JDK's FileOutputStream: ") && said.contains("os.arch=sparcv9"), said);
        assertEquals(List.of("INFO a.B - still here", "INFO a.B - and again"), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** The line is all the application sees: it gives the loader's reason, not only what was tried. */
    @Test
    void theLineSaysWhyTheTmpdirWasRefused() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "");
        Path notSticky = Files.createDirectory(dir.resolve("shared"));
        Files.setAttribute(notSticky, "unix:mode", 0777);
        Map<Path, String> reasons = Map.of(notADirectory, " is not a writable directory", notSticky, " is writable by other users and not sticky");
        for (Map.Entry<Path, String> refused : reasons.entrySet()) {
            Path file = dir.resolve(refused.getKey().getFileName() + ".log");
            String said = logThroughAFreshCopy(Map.of("syswrite.logger.output", file.toString(), "syswrite.tmpdir", refused.getKey().toString()));
            assertEquals(1, said.lines().count(), said);
            assertTrue(said.startsWith("syswrite-logger: writing through the JDK's FileOutputStream: ")
                    && said.contains("-Dsyswrite.tmpdir=" + refused.getKey() + refused.getValue()), said);
            assertEquals(List.of("INFO a.B - still here", "INFO a.B - and again"), Files.readAllLines(file, StandardCharsets.UTF_8));
        }
    }

    /**
     * Initializes a fresh copy of the provider while {@code properties} hold, with neither time
     * nor thread in its lines, and logs two events through it. Its file is never checked: a
     * rotation thread would outlive the test and say on a later test's stderr that the temporary
     * directory is gone.
     *
     * @return what it said on stderr
     */
    private static String logThroughAFreshCopy(Map<String, String> properties) throws Exception {
        Map<String, String> set = new HashMap<>(properties);
        set.put("syswrite.logger.time", "none");
        set.put("syswrite.logger.thread", "false");
        set.put("syswrite.logger.reopen.interval", "off");
        Map<String, String> saved = new HashMap<>();
        set.keySet().forEach(key -> saved.put(key, System.getProperty(key)));
        PrintStream realErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        URL[] classes = { // the bridge, the backend and SLF4J, wherever the build keeps them
            SysWrite.class.getProtectionDomain().getCodeSource().getLocation(),
            SysWriteServiceProvider.class.getProtectionDomain().getCodeSource().getLocation(),
            ILoggerFactory.class.getProtectionDomain().getCodeSource().getLocation()
        };
        set.forEach(System::setProperty);
        try (URLClassLoader loader = new URLClassLoader(classes, ClassLoader.getPlatformClassLoader())) {
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            Class<?> providerClass = loader.loadClass(SysWriteServiceProvider.class.getName());
            Object provider = providerClass.getConstructor().newInstance();
            providerClass.getMethod("initialize").invoke(provider);
            Object factory = providerClass.getMethod("getLoggerFactory").invoke(provider);
            // Through the interfaces as this loader sees them: the implementations are package-private.
            Object logger = loader.loadClass("org.slf4j.ILoggerFactory").getMethod("getLogger", String.class).invoke(factory, "a.B");
            Class<?> loggerInterface = loader.loadClass("org.slf4j.Logger");
            loggerInterface.getMethod("info", String.class, Object.class).invoke(logger, "still {}", "here");
            loggerInterface.getMethod("info", String.class).invoke(logger, "and again");
            assertTrue(SLF4JServiceProvider.class.isAssignableFrom(SysWriteServiceProvider.class));
        } finally {
            System.setErr(realErr);
            saved.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
