package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SLF4J itself picks the provider up from {@code -Dslf4j.provider}, and only from there: the jar
 * registers no service, so it never takes over an application's logging by being present.
 */
class Slf4jBindingTest {
    @Test
    void explicitProviderIsUsed() throws Exception {
        Path file = Files.createTempFile("slf4j-binding", ".log");
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
            Files.delete(file);
        }
    }

    @Test
    void noServiceRegistration() {
        assertTrue(SysWriteServiceProvider.class.getClassLoader().getResource("META-INF/services/org.slf4j.spi.SLF4JServiceProvider") == null);
    }
}
