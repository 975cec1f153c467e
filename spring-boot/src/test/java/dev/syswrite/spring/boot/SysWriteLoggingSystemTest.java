package dev.syswrite.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.slf4j.SysWriteLogging;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The logging system as Spring Boot drives it, without an application around it: initialized
 * with a log file and, or not, a {@code logging.config} file; its levels from that file over
 * Spring Boot's quiet defaults; the levels of a first initialization gone after a second; a
 * level set mirrored into {@code java.util.logging}; the names {@code /loggers} shows.
 * (spring-boot/app/run.sh runs a whole Spring Boot application.)
 */
class SysWriteLoggingSystemTest {
    @TempDir
    Path dir;

    private SysWriteLoggingSystem system;

    /** Initializes the system as Spring Boot does, logging to {@code log}, with {@code config} as {@code logging.config}. */
    private void initialize(Path log, String config) {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> properties = new HashMap<>();
        properties.put("logging.file.name", log.toString());
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        system = new SysWriteLoggingSystem(getClass().getClassLoader());
        system.beforeInitialize();
        system.initialize(new LoggingInitializationContext(environment), config, LogFile.get(environment));
    }

    @AfterEach
    void cleanUp() {
        system.cleanUp();
        assertTrue(SysWriteLogging.reconfigure(Map.of()), "back to the backend's own settings");
    }

    @Test
    void aConfigFilesLevelsStandOverTheQuietDefaults() throws Exception {
        Path log = dir.resolve("app.log");
        Path config = Files.writeString(dir.resolve("syswrite.properties"), String.join("\n", "syswrite.logger.time=none",
                "syswrite.logger.thread=false", "syswrite.logger.level.a.b=debug",
                "syswrite.logger.level.org.apache.catalina.util.LifecycleBase=info"));
        initialize(log, config.toUri().toString());
        LoggerFactory.getLogger("a.b.C").debug("one");
        LoggerFactory.getLogger("a.x").debug("not at debug");
        assertEquals(List.of("DEBUG a.b.C - one"), Files.readAllLines(log, StandardCharsets.UTF_8));
        assertEquals(LogLevel.INFO, system.getLoggerConfiguration("org.apache.catalina.util.LifecycleBase").getConfiguredLevel());
        assertEquals(LogLevel.WARN, system.getLoggerConfiguration("org.apache.coyote.http11.Http11NioProtocol").getConfiguredLevel());
    }

    @Test
    void aSecondInitializationKeepsNoneOfTheFirstsLevels() {
        initialize(dir.resolve("first.log"), null);
        LoggerFactory.getLogger("restart.A");
        system.setLogLevel("restart", LogLevel.DEBUG);
        assertEquals(LogLevel.DEBUG, system.getLoggerConfiguration("restart.A").getEffectiveLevel());
        system.cleanUp();
        initialize(dir.resolve("second.log"), null);
        assertNull(system.getLoggerConfiguration("restart").getConfiguredLevel());
        assertEquals(LogLevel.INFO, system.getLoggerConfiguration("restart.A").getEffectiveLevel());
    }

    @Test
    void aLevelSetReachesJavaUtilLoggingToo() throws Exception {
        Path log = dir.resolve("jul.log");
        initialize(log, null);
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("jul.X");
        jul.fine("before");
        system.setLogLevel("jul", LogLevel.DEBUG);
        jul.fine("at debug");
        system.setLogLevel("jul", null);
        jul.fine("after");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).endsWith("DEBUG jul.X - at debug"), lines.get(0));
    }

    @Test
    void theNamesAboveALoggerAreListedAndAnUnknownOneIsNot() {
        initialize(dir.resolve("names.log"), null);
        LoggerFactory.getLogger("p.q.R");
        assertNotNull(system.getLoggerConfiguration("p.q"));
        assertEquals(LogLevel.INFO, system.getLoggerConfiguration("p").getEffectiveLevel());
        assertEquals("ROOT", system.getLoggerConfigurations().get(0).getName());
        assertNull(system.getLoggerConfiguration("no.such.logger"));
    }
}
