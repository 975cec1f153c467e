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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.ILoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Without syswrite's native library (here: a fresh copy of the classes on a JVM claiming another
 * architecture), the provider still logs, through the JDK, and says once on stderr why.
 */
class FallbackProviderTest {
    @TempDir
    Path dir;

    @Test
    void logsThroughTheJdkAndSaysWhyOnce() throws Exception {
        Path file = dir.resolve("log");
        String realArch = System.getProperty("os.arch");
        PrintStream realErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        URL[] classes = {
            SysWrite.class.getProtectionDomain().getCodeSource().getLocation(),
            ILoggerFactory.class.getProtectionDomain().getCodeSource().getLocation()
        };
        System.setProperty("syswrite.logger.output", file.toString());
        System.setProperty("syswrite.logger.time", "none");
        System.setProperty("syswrite.logger.thread", "false");
        System.setProperty("os.arch", "sparcv9");
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
            System.setProperty("os.arch", realArch);
            for (String key : new String[] {"syswrite.logger.output", "syswrite.logger.time", "syswrite.logger.thread"}) {
                System.clearProperty(key);
            }
        }
        String said = stderr.toString(StandardCharsets.UTF_8);
        assertEquals(1, said.lines().count(), said);
        assertTrue(said.startsWith("syswrite-logger: writing through the JDK's FileOutputStream: ") && said.contains("os.arch=sparcv9"), said);
        assertEquals(List.of("INFO a.B - still here", "INFO a.B - and again"), Files.readAllLines(file, StandardCharsets.UTF_8));
    }
}
