package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.logging.text.StackTrace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * A logging call never throws into the application, whatever the Throwable it is handed does;
 * and an ordinary one is printed exactly as {@code printStackTrace()} prints it.
 */
class HostileThrowableTest {
    @TempDir
    Path dir;

    private Logger logger() {
        return new TestLoggers(dir.resolve("log"), true, "syswrite.logger.time", "none", "syswrite.logger.thread", "false",
                "syswrite.logger.name", "none").factory.getLogger("x");
    }

    private List<String> lines() throws IOException {
        return Files.readAllLines(dir.resolve("log"), StandardCharsets.UTF_8);
    }

    static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Boom() {
            super("unused");
        }

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage");
        }
    }

    @Test
    void aThrowableWhoseGetMessageThrows() throws IOException {
        logger().error("failed", new Boom());
        List<String> lines = lines();
        assertEquals("ERROR - failed", lines.get(0));
        assertEquals(Boom.class.getName() + ": [FAILED toString()]", lines.get(1));
        assertTrue(lines.get(2).startsWith("\tat dev.syswrite.slf4j.HostileThrowableTest."), lines.get(2));
    }

    /** Every method a logger may call on it throws. */
    static final class Hostile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Hostile() {
            super("x");
        }

        @Override
        public String getMessage() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String toString() {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized Throwable getCause() {
            throw new UnsupportedOperationException();
        }

        @Override
        public StackTraceElement[] getStackTrace() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aThrowableWhoseToStringAndGetCauseAndGetStackTraceThrow() throws IOException {
        Logger log = logger();
        log.warn("w {}", "arg", new Hostile());
        log.info("after");
        assertEquals(List.of("WARN - w arg", Hostile.class.getName() + ": [FAILED toString()]", "INFO - after"), lines());
    }

    /** Each asked for its cause makes a new one: a chain without end and without a cycle to detect. */
    static final class Endless extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Endless() {
            super("again", null, false, false);
        }

        @Override
        public synchronized Throwable getCause() {
            return new Endless();
        }
    }

    @Test
    void nullFramesAndAnEndlessChainOfCauses() throws IOException {
        RuntimeException first = new RuntimeException("first", new Endless()) {
            @Override
            public StackTraceElement[] getStackTrace() {
                return new StackTraceElement[] {null};
            }
        };
        Logger log = logger();
        log.error("chain", first);
        log.info("after");
        List<String> lines = lines();
        assertEquals("\tat null", lines.get(2));
        assertEquals("Caused by: [more throwables not printed]", lines.get(lines.size() - 2));
        assertEquals("INFO - after", lines.get(lines.size() - 1));
        assertEquals(StackTrace.MAX_THROWABLES - 1, lines.stream().filter(l -> l.equals("Caused by: " + Endless.class.getName() + ": again")).count());
    }

    @Test
    void ordinaryTracesMatchPrintStackTraceEvenWithCycles() throws IOException {
        IllegalStateException a = new IllegalStateException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b); // a -> b -> a
        b.addSuppressed(new IllegalArgumentException("s", a));
        logger().error("cycle", a);
        StringWriter expected = new StringWriter();
        a.printStackTrace(new PrintWriter(expected));
        assertEquals("ERROR - cycle\n" + expected, Files.readString(dir.resolve("log"), StandardCharsets.UTF_8));
    }
}
