package dev.syswrite.slf4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.After;
import org.junit.Before;
import org.slf4j.LoggerFactory;
import org.slf4j.testHarness.MultithreadedInitializationTest;

/**
 * SLF4J's own provider test, from slf4j-api's test jar, run against this provider as
 * slf4j-simple runs it: threads log while SLF4J is still starting the provider, SLF4J records
 * their events and replays them through {@code SysWriteLogger.log(LoggingEvent)}; every event
 * must reach the file (SLF4J allows 20 fewer than were logged, for events logged just as it
 * switches over).
 */
public class SysWriteMultithreadedInitializationTest extends MultithreadedInitializationTest {
    private Path file;

    @Before
    public void startAfresh() throws IOException {
        file = Files.createTempFile("slf4j-init", ".log");
        System.setProperty("slf4j.provider", SysWriteServiceProvider.class.getName());
        System.setProperty("syswrite.logger.output", file.toString());
        resetSlf4j();
    }

    @After
    public void leaveAfresh() throws IOException {
        resetSlf4j();
        System.clearProperty("slf4j.provider");
        System.clearProperty("syswrite.logger.output");
        Files.delete(file);
    }

    /** LoggerFactory.reset() is package-private: slf4j-simple's tests reach it from a class in org.slf4j, these by reflection. */
    private static void resetSlf4j() {
        try {
            java.lang.reflect.Method reset = LoggerFactory.class.getDeclaredMethod("reset");
            reset.setAccessible(true);
            reset.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reset SLF4J", e);
        }
    }

    @Override
    protected long getRecordedEventCount() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
