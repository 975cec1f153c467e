package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.slf4j.testkit.LoggingChild;
import dev.syswrite.testkit.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J finds the provider as it finds any backend's: the jar registers it with
 * {@code ServiceLoader}, so being on the class path is choosing it, with no flag and no line from
 * SLF4J; {@code -Dslf4j.provider} still names it.
 */
class Slf4jBindingTest {
    @TempDir
    Path dir;

    @Test
    void explicitProviderIsUsed() throws Exception {
        Path file = dir.resolve("explicit.log");
        try {
            System.setProperty("slf4j.provider", SysWriteServiceProvider.class.getName());
            System.setProperty("syswrite.logger.output", file.toString());
            System.setProperty("syswrite.logger.time", "none");
            System.setProperty("syswrite.logger.thread", "false");
            Logger log = LoggerFactory.getLogger(Slf4jBindingTest.class);
            assertInstanceOf(SysWriteLoggerFactory.class, LoggerFactory.getILoggerFactory());
            log.info("through {}", "SLF4J");
            assertEquals(List.of("INFO dev.syswrite.slf4j.Slf4jBindingTest - through SLF4J"), Files.readAllLines(file, StandardCharsets.UTF_8));
        } finally {
            for (String key : new String[] {"slf4j.provider", "syswrite.logger.output", "syswrite.logger.time", "syswrite.logger.thread"}) {
                System.clearProperty(key);
            }
        }
    }

    @Test
    void theServiceIsRegistered() {
        List<Class<?>> found = ServiceLoader.load(SLF4JServiceProvider.class).stream().map(ServiceLoader.Provider::type).collect(Collectors.toList());
        assertEquals(List.of(SysWriteServiceProvider.class), found);
    }

    /** A fresh JVM with no flag at all: SLF4J binds it, says nothing, and every event is in the file. */
    @Test
    void onTheClassPathItIsChosenWithNoFlag() throws Exception {
        Path file = dir.resolve("found.log");
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(List.of("-Dsyswrite.logger.output=" + file, "-Dsyswrite.logger.time=none",
                "-Dsyswrite.logger.thread=false"), LoggingChild.class, "found", "3"));
        builder.redirectErrorStream(true);
        Process child = builder.start();
        String said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, child.exitValue(), said);
        assertEquals("0\n1\n2\n", said, "only the child's acknowledgements: no SLF4J line on stderr");
        assertEquals(List.of("INFO child - found 0 ", "INFO child - found 1 x", "INFO child - found 2 xx"), Files.readAllLines(file, StandardCharsets.UTF_8));
    }
}
