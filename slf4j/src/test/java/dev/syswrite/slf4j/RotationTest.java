package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.Emulation;
import dev.syswrite.logging.EventWriter;
import dev.syswrite.logging.output.LogSink;
import dev.syswrite.logging.output.OutputFile;
import dev.syswrite.slf4j.testkit.CapturedStderr;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

/**
 * Rotation while eight threads log: the file renamed or deleted from under the provider, which
 * reopens it (on its own, or when asked), and rolled by size; every event lands exactly once,
 * whole, across all the files. And what rotation must never do: write into a descriptor number
 * reused by another file, delete or follow a file it did not make.
 */
class RotationTest {
    private static final boolean EMULATED = Emulation.underQemu();
    private static final int THREADS = 8;
    /** 100,000 events in all; fewer under QEMU, which runs them some 20 times slower. */
    private static final int EVENTS = EMULATED ? 20_000 : 100_000;
    private static final String[] PLAIN = {"syswrite.logger.time", "none", "syswrite.logger.thread", "false", "syswrite.logger.name", "none"};

    @TempDir
    Path dir;

    private final List<LogSink> sinks = new ArrayList<>();

    @AfterEach
    void stopWatchers() {
        sinks.forEach(sink -> sink.outputFile().stopWatching());
    }

    /** A sink on {@code file}, as the provider opens it, and its writer. */
    private EventWriter writer(Path file, boolean nativeWrites, String... settings) throws IOException {
        Properties p = LoggerConfigTest.settings(PLAIN);
        p.putAll(LoggerConfigTest.settings(settings));
        p.setProperty("syswrite.logger.output", file.toString());
        LoggerConfig config = LoggerConfig.of(p);
        assertTrue(config.problems.isEmpty(), config.problems::toString);
        LogSink sink = LogSink.open(config.settings.output(), nativeWrites);
        sinks.add(sink);
        return new EventWriter(config.settings, sink, new SysWriteMdcAdapter()::current);
    }

    private static Logger logger(EventWriter writer) {
        return TestLoggers.factory(writer).getLogger("x");
    }

    /**
     * Renamed several times a second while logging; the provider reopens through the API right
     * after each rename, or on its own within 10 ms. Every event is in one of the files, once.
     */
    @ParameterizedTest(name = "{0}, reopen by {1}")
    @CsvSource({"sync, api", "sync, interval", "async, api", "async, interval"})
    void renamedWhileLogging(String mode, String reopenBy) throws Exception {
        Path file = dir.resolve("app.log");
        EventWriter writer = writer(file, true, "syswrite.logger.mode", mode, "syswrite.logger.reopen.interval",
                reopenBy.equals("api") ? "off" : "10ms");
        boolean api = reopenBy.equals("api");
        int renames = logWhile(logger(writer), writer, n -> {
            if (!hasEvents(file)) {
                return false; // not reopened yet, or nothing written to it since
            }
            Files.move(file, dir.resolve("app.log.r" + n));
            if (api) {
                assertTrue(writer.reopen(), "the path names a new file now");
            }
            return true;
        });
        assertTrue(renames >= 3, "renamed " + renames + " times");
        int[] perFile = assertEachEventOnce(EVENTS);
        assertTrue(countNonEmpty(perFile) >= 3, "events after the renames went to new files at the path");
    }

    /**
     * Deleted several times a second while logging (the test keeps each deleted file open to read
     * it after): the provider creates the path again and writes on there.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sync", "async"})
    void deletedWhileLogging(String mode) throws Exception {
        Path file = dir.resolve("app.log");
        EventWriter writer = writer(file, true, "syswrite.logger.mode", mode, "syswrite.logger.reopen.interval", "10ms");
        List<InputStream> deleted = new ArrayList<>();
        try {
            int deletions = logWhile(logger(writer), writer, n -> {
                if (!hasEvents(file)) {
                    return false; // not created again yet, or nothing written to it since
                }
                deleted.add(Files.newInputStream(file));
                Files.delete(file);
                return true;
            });
            assertTrue(deletions >= 3, "deleted " + deletions + " times");
            for (int i = 0; i < deleted.size(); i++) {
                Files.write(dir.resolve("deleted." + i), deleted.get(i).readAllBytes());
            }
        } finally {
            for (InputStream in : deleted) {
                in.close();
            }
        }
        int[] perFile = assertEachEventOnce(EVENTS);
        assertTrue(countNonEmpty(perFile) >= 3, "events after the deletions went to the path created again");
    }

    /** Rolled by size several times a second: every event in one of the rolled files or the live one, once, and no line split. */
    @ParameterizedTest(name = "{0}, native {1}")
    @CsvSource({"sync, true", "async, true", "sync, false"})
    void rolledBySizeWhileLogging(String mode, boolean nativeWrites) throws Exception {
        Path file = dir.resolve("app.log");
        long size = EMULATED ? 16 << 10 : 64 << 10;
        EventWriter writer = writer(file, nativeWrites, "syswrite.logger.mode", mode, "syswrite.logger.rollover.size", String.valueOf(size),
                "syswrite.logger.rollover.keep", "1000", "syswrite.logger.reopen.interval", "off");
        logWhile(logger(writer), writer, null);
        // A roll under way links the live file to its new name before it removes the old one: for a
        // moment both names show the same lines.
        Thread watcher = lastSink().outputFile().watcherThread();
        lastSink().outputFile().stopWatching();
        watcher.join();
        long rolled;
        try (Stream<Path> files = Files.list(dir)) {
            rolled = files.filter(f -> f.getFileName().toString().startsWith("app.log.")).count();
        }
        String sizes;
        try (Stream<Path> files = Files.list(dir)) {
            sizes = files.map(f -> f.getFileName() + "=" + f.toFile().length()).sorted().toList().toString();
        }
        assertTrue(rolled >= 5, "rolled " + rolled + " times: " + sizes);
        for (int n = 1; n <= rolled; n++) {
            assertTrue(Files.size(dir.resolve("app.log." + n)) >= size, "app.log." + n + " rolled before reaching the size");
        }
        assertEachEventOnce(EVENTS);
    }

    /**
     * The hazard of closing a descriptor: its number goes to the next file anyone opens. Swapped
     * again and again while threads log, each swap followed at once by files opened so they take
     * the old number; none of them may receive a byte of the log.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sync", "async"})
    void aClosedDescriptorsNumberNeverReceivesTheLog(String mode) throws Exception {
        Path file = dir.resolve("app.log");
        EventWriter writer = writer(file, true, "syswrite.logger.mode", mode, "syswrite.logger.reopen.interval", "off");
        Path victims = Files.createDirectory(dir.resolve("victims"));
        List<java.io.FileOutputStream> open = new ArrayList<>();
        try {
            logWhile(logger(writer), writer, n -> {
                Files.move(file, dir.resolve("app.log.r" + n));
                writer.reopen();
                for (int i = 0; i < 4; i++) {
                    open.add(new java.io.FileOutputStream(victims.resolve(n + "." + i).toFile()));
                }
                return true;
            });
        } finally {
            for (java.io.FileOutputStream out : open) {
                out.close();
            }
        }
        try (Stream<Path> files = Files.list(victims)) {
            for (Path victim : (Iterable<Path>) files::iterator) {
                assertEquals(0, Files.size(victim), () -> victim + " received part of the log");
            }
        }
        assertEachEventOnce(EVENTS);
    }

    /**
     * keep=2 with a stranger's {@code app.log.2} and a symbolic link planted at {@code app.log.1}:
     * both are left as they are (the link not followed: its target is untouched), the rolled files
     * take the free numbers, and only those this provider made are deleted past the two kept.
     */
    @Test
    void foreignFilesAndLinksAreNeverDeletedNorFollowed() throws Exception {
        Path file = dir.resolve("app.log");
        Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
        Files.createSymbolicLink(dir.resolve("app.log.1"), victim);
        Files.writeString(dir.resolve("app.log.2"), "someone else's\n");
        EventWriter writer = writer(file, true, "syswrite.logger.rollover.size", "1k", "syswrite.logger.rollover.keep", "2",
                "syswrite.logger.reopen.interval", "off");
        Logger log = logger(writer);
        OutputFile output = lastSink().outputFile();
        for (int i = 0; i < 200; i++) {
            log.info("event {} {}", i, "x".repeat(40));
            output.rollIfDue(); // as the watcher would, at once
        }
        assertEquals("precious\n", Files.readString(victim));
        assertTrue(Files.isSymbolicLink(dir.resolve("app.log.1")));
        assertEquals(victim, Files.readSymbolicLink(dir.resolve("app.log.1")));
        assertEquals("someone else's\n", Files.readString(dir.resolve("app.log.2")));
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("app.log", "app.log.1", "app.log.2", "app.log.3", "app.log.4", "victim"), names);
        assertTrue(Files.readString(dir.resolve("app.log.3")).startsWith("INFO - event "));
        assertTrue(Files.readString(dir.resolve("app.log.4")).startsWith("INFO - event "));
    }

    /** A file that was there before the provider (the previous run's) rolls, but is never deleted. */
    @Test
    void aFileFromBeforeRollsButIsNeverDeleted() throws Exception {
        Path file = Files.writeString(dir.resolve("app.log"), "from the last run\n".repeat(100));
        EventWriter writer = writer(file, true, "syswrite.logger.rollover.size", "1k", "syswrite.logger.rollover.keep", "1",
                "syswrite.logger.reopen.interval", "off");
        Logger log = logger(writer);
        for (int i = 0; i < 200; i++) {
            log.info("event {} {}", i, "x".repeat(40));
            lastSink().outputFile().rollIfDue();
        }
        assertTrue(Files.readString(dir.resolve("app.log.1")).startsWith("from the last run\n".repeat(100)));
        assertTrue(Files.readString(dir.resolve("app.log.2")).startsWith("INFO - event "));
        assertFalse(Files.exists(dir.resolve("app.log.3")), "keep=1: only one of the provider's own");
    }

    /** An output path that is a symbolic link keeps working: it is not reopened for being a link, and its target rolls. */
    @Test
    void anOutputPathThatIsALinkKeepsWorking() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real")).resolve("app.log");
        Path link = Files.createSymbolicLink(dir.resolve("app.log"), real);
        EventWriter writer = writer(link, true, "syswrite.logger.rollover.size", "1k", "syswrite.logger.rollover.keep", "2",
                "syswrite.logger.reopen.interval", "off");
        Logger log = logger(writer);
        log.info("first");
        assertFalse(writer.reopen(), "the link leads to the open file");
        for (int i = 0; i < 100; i++) { // some five rolls
            log.info("event {} {}", i, "x".repeat(40));
            lastSink().outputFile().rollIfDue();
        }
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.readString(dir.resolve("real/app.log.1")).startsWith("INFO - event "));
        assertFalse(Files.exists(dir.resolve("app.log.1")), "the link itself never rolls");
        assertFalse(Files.exists(dir.resolve("real/app.log.3")), "files made through the link are the provider's, deleted past keep");
        log.info("last");
        assertTrue(Files.readString(real).endsWith("INFO - last\n"));
    }

    @Test
    void reopenWithNothingToDoSaysFalse() throws Exception {
        Path file = dir.resolve("app.log");
        EventWriter writer = writer(file, true, "syswrite.logger.reopen.interval", "off");
        Logger log = logger(writer);
        log.info("one");
        assertFalse(writer.reopen());
        Files.move(file, dir.resolve("app.log.old"));
        assertTrue(writer.reopen());
        assertFalse(writer.reopen());
        log.info("two");
        assertEquals("INFO - one\n", Files.readString(dir.resolve("app.log.old")));
        assertEquals("INFO - two\n", Files.readString(file));

        Properties p = LoggerConfigTest.settings("syswrite.logger.output", "stderr");
        LogSink stderr = LogSink.open(LoggerConfig.of(p).settings.output(), true);
        assertFalse(stderr.reopen());
        assertNull(stderr.outputFile().watcherThread(), "no watcher for stderr");
    }

    /** The caller's interrupt neither stops the reopen nor is lost. */
    @Test
    void anInterruptedCallerReopensAndKeepsItsFlag() throws Exception {
        EventWriter writer = movedAfterOneEvent();
        Logger log = logger(writer);
        Thread.currentThread().interrupt();
        try {
            assertTrue(writer.reopen());
            log.info("two");
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertEquals("INFO - two\n", Files.readString(dir.resolve("app.log")));
    }

    /** A writer on {@code app.log}, reopened on demand only, that logged "one" there before it was moved to {@code app.log.old}. */
    private EventWriter movedAfterOneEvent() throws IOException {
        Path file = dir.resolve("app.log");
        EventWriter writer = writer(file, true, "syswrite.logger.reopen.interval", "off");
        logger(writer).info("one");
        Files.move(file, dir.resolve("app.log.old"));
        return writer;
    }

    /**
     * The path becomes a directory, then the directory goes: the reopen fails, is said once, and
     * the provider writes on to the file it has; once the path is free, it reopens.
     */
    @Test
    void aFailedReopenKeepsTheOldFileAndSaysSoOnce() throws Exception {
        EventWriter writer = movedAfterOneEvent();
        Logger log = logger(writer);
        Path file = Files.createDirectory(dir.resolve("app.log"));
        PrintStream realErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            assertFalse(writer.reopen());
            assertFalse(writer.reopen());
            log.info("two");
            Files.delete(file);
            assertTrue(writer.reopen());
            log.info("three");
        } finally {
            System.setErr(realErr);
        }
        String said = stderr.toString(StandardCharsets.UTF_8);
        assertEquals(2, said.lines().count(), said);
        assertTrue(said.startsWith("syswrite-logger: reopen of " + file + " failed"), said);
        assertTrue(said.lines().skip(1).findFirst().orElseThrow().contains("succeeded again"), said);
        assertEquals("INFO - one\nINFO - two\n", Files.readString(dir.resolve("app.log.old")));
        assertEquals("INFO - three\n", Files.readString(file));
        assertEquals(0, writer.losses().total());
    }

    /**
     * What a hostile neighbour in a shared directory puts at the path once logrotate moved the
     * file: a FIFO (whose open would block the switch, and every later one, for good) or a link
     * to another file (which would take the log's lines, then be rolled). The reopen refuses
     * both at once and says so; the provider writes on to the file it has.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fifo", "link"})
    void aFifoOrALinkPlantedAtThePathIsNotOpened(String planted) throws Exception {
        EventWriter writer = movedAfterOneEvent();
        Logger log = logger(writer);
        Path file = dir.resolve("app.log");
        Path victim = Files.writeString(dir.resolve("victim.db"), "precious\n");
        if (planted.equals("fifo")) {
            assertEquals(0, new ProcessBuilder("mkfifo", file.toString()).inheritIO().start().waitFor());
        } else {
            Files.createSymbolicLink(file, victim);
        }
        String said = CapturedStderr.of(() -> {
            ExecutorService reopening = Executors.newSingleThreadExecutor();
            try {
                assertFalse(reopening.submit(writer::reopen).get(10, TimeUnit.SECONDS), "no reopen through a " + planted);
            } catch (Exception e) {
                throw new AssertionError("the reopen hung or failed: " + e, e);
            } finally {
                reopening.shutdownNow();
            }
            log.info("two");
        });
        assertTrue(said.startsWith("syswrite-logger: reopen of " + file + " failed"), said);
        assertEquals("INFO - one\nINFO - two\n", Files.readString(dir.resolve("app.log.old")));
        assertEquals("precious\n", Files.readString(victim));
    }

    /** The watcher: a named daemon, only for files, that ends when told or when the output is gone. */
    @Test
    void theWatcherIsADaemonThatEnds() throws Exception {
        Path file = dir.resolve("app.log");
        EventWriter writer = writer(file, true, "syswrite.logger.reopen.interval", "10ms");
        Thread watcher = lastSink().outputFile().watcherThread();
        assertNotNull(watcher);
        assertTrue(watcher.isDaemon() && watcher.isAlive());
        assertEquals("syswrite-logger-rotation", watcher.getName());
        watcher.interrupt(); // survives it
        Files.delete(file);
        for (int i = 0; i < 500 && !Files.exists(file); i++) {
            Thread.sleep(10);
        }
        assertTrue(Files.exists(file), "the watcher created the path again");
        assertTrue(watcher.isAlive());
        lastSink().outputFile().stopWatching();
        watcher.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(watcher.isAlive());

        // Unreachable output: its watcher ends by itself.
        Properties p = LoggerConfigTest.settings("syswrite.logger.output", dir.resolve("other.log").toString(), "syswrite.logger.reopen.interval", "10ms");
        Thread orphan = LogSink.open(LoggerConfig.of(p).settings.output(), true).outputFile().watcherThread();
        for (int i = 0; i < 100 && orphan.isAlive(); i++) {
            System.gc();
            orphan.join(100);
        }
        assertFalse(orphan.isAlive(), "the watcher of an unreachable output ended");
    }

    /** Whether the output's path names a file again, and nothing is in it yet. */
    private static boolean madeAgainEmpty(EventWriter writer) throws IOException {
        return sizeOf(Path.of(writer.settings().output().target())) == 0;
    }

    /**
     * Whether {@code file} exists and holds a line: a rotation waits for both, so that each file
     * the test makes gets events (in the async mode events logged are not yet in the file).
     */
    private static boolean hasEvents(Path file) throws IOException {
        return sizeOf(file) > 0;
    }

    /** The size of {@code file}; -1 if the path names none (not made again yet). */
    private static long sizeOf(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException notYet) {
            return -1;
        }
    }

    /** The sink of the last {@link #writer(Path, boolean, String...)}. */
    private LogSink lastSink() {
        return sinks.get(sinks.size() - 1);
    }

    /** Something done to the output while threads log; {@code n} counts from 1. */
    private interface Rotation {
        /** Returns whether it did it. */
        boolean rotate(int n) throws Exception;
    }

    /**
     * Logs {@link #EVENTS} numbered events from {@link #THREADS} threads while {@code rotation}
     * runs every 5 ms (or, if null, while the file rolls by size); then flushes. However fast the
     * machine logs, and however slow its rotation thread, rotations fall among the events: at
     * each fifth of its events a thread waits (up to 10 s) until that many rotations ran, or that
     * many rolled files exist.
     *
     * @return how many rotations ran
     */
    private static int logWhile(Logger log, EventWriter writer, Rotation rotation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        CyclicBarrier start = new CyclicBarrier(THREADS + 1);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger rotated = new AtomicInteger();
        AtomicLong logged = new AtomicLong();
        int perThread = EVENTS / THREADS;
        int stage = perThread / 5;
        try {
            Future<Integer> rotations = pool.submit(() -> {
                start.await();
                long since = 0; // events logged when the last rotation ran
                while (rotation != null && !done.get()) {
                    Thread.sleep(5);
                    if (logged.get() - since < EVENTS / 50) {
                        continue; // let events reach the file the last rotation left
                    }
                    // Not ready (the path not made again yet, or nothing in it) is tried again in 5 ms,
                    // not after more events: the writers may all be waiting at a stage for it.
                    long now = logged.get();
                    if (rotation.rotate(rotated.get() + 1)) {
                        since = now;
                        rotated.incrementAndGet();
                    }
                }
                return rotated.get();
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t * perThread;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = first; i < first + perThread; i++) {
                        // Lengths vary, so a torn or glued line cannot pass as an event.
                        log.info("{} {}", i, "é".repeat(i % 53));
                        logged.incrementAndGet();
                        int reached = (i - first + 1) / stage;
                        if ((i - first + 1) % stage == 0) {
                            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                            while ((rotation != null ? rotated.get() : rolledFiles(writer)) < reached && System.nanoTime() < deadline) {
                                // A file made again that stays empty once every event queued is written
                                // waits for more events, not for a rotation: log on.
                                if (rotation != null && madeAgainEmpty(writer) && writer.flush() && madeAgainEmpty(writer)) {
                                    break;
                                }
                                Thread.sleep(1);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get();
            }
            done.set(true);
            int n = rotations.get();
            assertTrue(writer.flush());
            return n;
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many rolled files ({@code <output>.N}) are beside the writer's output now. */
    private static int rolledFiles(EventWriter writer) throws IOException {
        Path output = Path.of(writer.settings().output().target());
        try (Stream<Path> files = Files.list(output.getParent())) {
            return (int) files.filter(f -> f.getFileName().toString().matches(java.util.regex.Pattern.quote(output.getFileName().toString()) + "\\.\\d+"))
                    .count();
        }
    }

    /**
     * Reads every file in the directory tree: each event must appear exactly once, and every line
     * must be an event, whole.
     *
     * @return the events found in each file
     */
    private int[] assertEachEventOnce(int events) throws IOException {
        Path[] seen = new Path[events];
        List<Integer> perFile = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                int found = 0;
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String[] parts = line.split(" ", -1);
                    assertTrue(parts.length == 4 && parts[0].equals("INFO") && parts[1].equals("-"), () -> f + ": not an event: " + line);
                    int i = Integer.parseInt(parts[2]);
                    assertEquals("é".repeat(i % 53), parts[3], () -> f + ": torn: " + line);
                    assertNull(seen[i], () -> "event " + i + " in " + seen[i] + " and again in " + f);
                    seen[i] = f;
                    found++;
                }
                perFile.add(found);
            }
        }
        for (int i = 0; i < events; i++) {
            assertNotNull(seen[i], "event " + i + " lost");
        }
        return perFile.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int countNonEmpty(int[] perFile) {
        int n = 0;
        for (int found : perFile) {
            n += found > 0 ? 1 : 0;
        }
        return n;
    }
}
