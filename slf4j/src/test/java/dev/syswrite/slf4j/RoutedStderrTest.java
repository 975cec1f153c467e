package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.syswrite.testkit.Emulation;
import dev.syswrite.slf4j.testkit.SmallTmpfs;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

/**
 * {@code System.err} routed to SLF4J, as sysout-over-slf4j and many containers do, while the disk
 * fills up and frees up again: every line the provider says about its failures on stderr is an
 * event that enters it again. Nothing may deadlock: the provider says nothing on stderr while it
 * holds a lock, and no logging path waits on a lock another can hold while it waits on this one.
 */
class RoutedStderrTest {
    private static final long DEADLINE_SECONDS = 120; // a deadlock never ends; a slow machine does

    @TempDir
    Path dir;

    /** A stderr that logs each line it is given at ERROR, like sysout-over-slf4j's. */
    private static final class LoggingStream extends OutputStream {
        private final Logger log;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LoggingStream(Logger log) {
            this.log = log;
        }

        @Override
        public void write(int b) {
            if (b == '\n') {
                log.error("stderr: {}", line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sync", "async"})
    void failingWritesNeverDeadlockWithARoutedStderr(String mode) throws Exception {
        int threads = 48;
        int events = Emulation.underQemu() ? 60 : 300;
        PrintStream realErr = System.err;
        try (SmallTmpfs tmpfs = new SmallTmpfs(dir, "64k")) {
            Path file = tmpfs.mount.resolve("app.log");
            TestLoggers loggers = new TestLoggers(file, true, "syswrite.logger.mode", mode, "syswrite.logger.time", "none");
            Logger log = loggers.factory.getLogger("app");
            System.setErr(new PrintStream(new LoggingStream(loggers.factory.getLogger("stderr")), true, StandardCharsets.UTF_8));

            AtomicBoolean running = new AtomicBoolean(true);
            Thread freer = new Thread(() -> { // frees the disk now and then: writes fail, then succeed again
                while (running.get()) {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.truncate(0);
                        Thread.sleep(5);
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "freer");
            freer.start();
            String large = "l".repeat(70 << 10); // over a slot's buffer: written under the large-line lock
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread worker = new Thread(() -> {
                    for (int i = 0; i < events; i++) {
                        log.info("worker {} event {} {}", id, i, i % 25 == 0 ? large : "x".repeat(i % 200));
                        if (i % 10 == 0) {
                            System.err.println("the application says " + id + " " + i); // routed: an ERROR event
                        }
                    }
                }, "worker-" + t);
                worker.setDaemon(true); // a deadlocked one must not keep the test JVM alive
                worker.start();
                workers.add(worker);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            for (Thread worker : workers) {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            running.set(false);
            freer.join();
            List<Thread> stuck = workers.stream().filter(Thread::isAlive).toList();
            if (!stuck.isEmpty()) {
                StringBuilder dump = new StringBuilder();
                for (Thread t : stuck.subList(0, Math.min(4, stuck.size()))) {
                    dump.append('\n').append(t.getName());
                    for (StackTraceElement e : t.getStackTrace()) {
                        dump.append("\n    at ").append(e);
                    }
                }
                fail(stuck.size() + " of " + threads + " threads still inside a logging call after " + DEADLINE_SECONDS + " s:" + dump);
            }
            assertTrue(loggers.factory.lostEvents().total() > 0, "the disk never filled: nothing was tested");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(0); // room again, for good
            }
            log.info("after the run");
            assertTrue(loggers.factory.writer().flush());
            assertTrue(Files.readAllLines(file, StandardCharsets.UTF_8).stream().anyMatch(l -> l.endsWith("after the run")),
                    "writes did not recover once the disk had room");
        } finally {
            System.setErr(realErr);
        }
    }
}
