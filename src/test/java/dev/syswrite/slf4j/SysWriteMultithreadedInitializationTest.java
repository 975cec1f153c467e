package dev.syswrite.slf4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.After;
import org.junit.Before;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.SubstituteLoggerFactory;
import org.slf4j.helpers.SubstituteServiceProvider;
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

    /**
     * Puts SLF4J back as a JVM that never logged has it. LoggerFactory.reset() is package-private
     * (slf4j-simple's tests reach it from a class in org.slf4j, these by reflection), and it only
     * resets the state: the factory of substitute loggers keeps the mark a first start left, and
     * would then hand out loggers that drop what is logged while this provider starts, rather than
     * record it for replay. Every test class that logs before this one in the same JVM leaves it.
     */
    private static void resetSlf4j() {
        try {
            Method reset = LoggerFactory.class.getDeclaredMethod("reset");
            reset.setAccessible(true);
            reset.invoke(null);
            Field substitutes = LoggerFactory.class.getDeclaredField("SUBST_PROVIDER");
            substitutes.setAccessible(true);
            SubstituteLoggerFactory factory = ((SubstituteServiceProvider) substitutes.get(null)).getSubstituteLoggerFactory();
            Field started = SubstituteLoggerFactory.class.getDeclaredField("postInitialization");
            started.setAccessible(true);
            started.setBoolean(factory, false);
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
