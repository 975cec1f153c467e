package dev.syswrite.slf4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BrokenBarrierException;
import org.junit.Test;
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
 *
 * <p>SLF4J 2.0.17 itself has a race here, whatever the provider: {@code SubstituteLoggerFactory.getLogger}
 * locks the factory, reads {@code postInitialization} and then adds the new logger to its map, while
 * {@code LoggerFactory.fixSubstituteLoggers} locks another object, sets {@code postInitialization}
 * and copies the map. A thread between the read and the add gets a substitute logger that the copy
 * missed and that nothing ever fixes, and the harness then fails with "has a delegate of type
 * EventRecodingLogger". The window is a few instructions wide; under QEMU a CI run met it once. That
 * failure, and only that one, is run again from a fresh SLF4J state, at most twice; a lost or
 * duplicated event fails at once.
 */
public class SysWriteMultithreadedInitializationTest extends MultithreadedInitializationTest {
    private static final int RUNS_FOR_SLF4J_RACE = 3;

    private Path file;

    @Test
    @Override
    public void multiThreadedInitialization() throws InterruptedException, BrokenBarrierException {
        for (int run = 1; ; run++) {
            // The harness's counters are private and count up: each run needs an instance of its own.
            SysWriteMultithreadedInitializationTest fresh = new SysWriteMultithreadedInitializationTest();
            fresh.startAfresh();
            try {
                fresh.runHarness();
                return;
            } catch (AssertionError e) {
                if (run == RUNS_FOR_SLF4J_RACE || !isSlf4jSubstituteRace(e)) {
                    throw e;
                }
                System.err.println("SLF4J's substitute-logger race met on run " + run + ", running again: " + e.getMessage());
            } finally {
                fresh.leaveAfresh();
            }
        }
    }

    private void runHarness() throws InterruptedException, BrokenBarrierException {
        super.multiThreadedInitialization();
    }

    private static boolean isSlf4jSubstituteRace(AssertionError e) {
        String message = String.valueOf(e.getMessage());
        return message.startsWith("substLogger ") && message.endsWith(" has a delegate of type EventRecodingLogger");
    }

    private void startAfresh() {
        try {
            file = Files.createTempFile("slf4j-init", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("slf4j.provider", SysWriteServiceProvider.class.getName());
        System.setProperty("syswrite.logger.output", file.toString());
        resetSlf4j();
    }

    private void leaveAfresh() {
        resetSlf4j();
        System.clearProperty("slf4j.provider");
        System.clearProperty("syswrite.logger.output");
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
