package dev.syswrite.bench.logging;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logging call through SLF4J, whichever backend the subclass's forks choose with
 * {@code -Dslf4j.provider}: an enabled INFO event with two arguments (a String-free message
 * with an Integer and a Double, boxed once up front, as a hot path holds them), the same with
 * none and with four (a Long and a short String more), and a disabled DEBUG call. Every backend writes a comparable line
 * ({@code time [thread] LEVEL logger - message}), or for the {@code *Json} classes a JSON
 * object of the same content, to its own file under {@code -Dbench.logs}.
 *
 * <p>A saturated logger writes hundreds of MB a second, and each trial's backend appends to its
 * file: so a trial first deletes the {@code .log} files an earlier trial left in a directory this
 * class made (marked by {@value #MARK}), and a run leaves one trial's lines at most. A directory
 * it did not make is never emptied.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class LoggingBackend {
    /** The file that marks a logs directory as this class's own, to empty before each trial. */
    static final String MARK = ".syswrite-bench-logs";
    private static final Integer ORDER = 4242;
    private static final Double PRICE = 99.5;
    private static final Long QUANTITY = 1_000_000L;
    private static final String VENUE = "XNAS";

    protected Logger log;

    /** The package of the backend's logger factory, to check SLF4J really chose it. */
    protected abstract String factoryPackage();

    /** Sets whatever the backend reads from system properties before SLF4J starts it. */
    protected void configure(Path logs) {}

    /** Stops the backend, draining any queue, once the trial is over. */
    protected void stop() {}

    @Setup(Level.Trial)
    public void start() throws Exception {
        Path logs = Path.of(System.getProperty("bench.logs", "target/logs")).toAbsolutePath();
        emptyIfOurs(logs);
        configure(logs);
        log = LoggerFactory.getLogger("bench.Orders");
        String factory = LoggerFactory.getILoggerFactory().getClass().getName();
        if (!factory.startsWith(factoryPackage())) {
            throw new IllegalStateException(getClass().getSimpleName() + " runs on " + factory + ": was -Dslf4j.provider overridden?");
        }
        if (!log.isInfoEnabled() || log.isDebugEnabled()) {
            throw new IllegalStateException(getClass().getSimpleName() + ": INFO must be on and DEBUG off");
        }
    }

    /** Makes {@code logs} if it is missing, marked as ours; deletes the {@code .log} files in it if it is ours. */
    private static void emptyIfOurs(Path logs) throws IOException {
        Path mark = logs.resolve(MARK);
        if (Files.isDirectory(logs, LinkOption.NOFOLLOW_LINKS) && !Files.exists(mark, LinkOption.NOFOLLOW_LINKS)) {
            return; // somebody else's directory
        }
        Files.createDirectories(logs);
        if (!Files.exists(mark, LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(mark);
        }
        try (DirectoryStream<Path> earlier = Files.newDirectoryStream(logs, "*.log")) {
            for (Path file : earlier) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(file);
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void finish() {
        stop();
    }

    @Benchmark
    public void enabled() {
        log.info("order {} filled at {}", ORDER, PRICE);
    }

    /** An event with no argument: the message alone. */
    @Benchmark
    public void enabledNoArguments() {
        log.info("order filled at the market");
    }

    /** An event with four arguments, an int, a long, a double and a short String (SLF4J's varargs form). */
    @Benchmark
    public void enabledFourArguments() {
        log.info("order {} of {} filled at {} on {}", ORDER, QUANTITY, PRICE, VENUE);
    }

    @Benchmark
    public void disabled() {
        log.debug("order {} filled at {}", ORDER, PRICE);
    }
}
