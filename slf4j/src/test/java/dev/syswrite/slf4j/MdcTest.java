package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.logging.event.ContextMap;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

/** The provider's MDC as the application meets it: per thread, not inherited, a snapshot per event. */
class MdcTest {
    private static final String[] BARE = {"syswrite.logger.time", "none", "syswrite.logger.thread", "false", "syswrite.logger.name", "none"};

    @TempDir
    Path dir;

    /**
     * A pool thread created while a request's context is set (its first task submitted from the
     * request) logs without that context, then and after the request ends: with SLF4J's
     * inheritable adapter it stamped the request's id on every line for its whole life.
     */
    @Test
    void aThreadCreatedDuringARequestDoesNotLogItsContext() throws Exception {
        Path file = dir.resolve("log");
        TestLoggers loggers = new TestLoggers(file, true, BARE);
        Logger log = loggers.factory.getLogger("x");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            loggers.mdc.put("request", "r-1");
            pool.submit(() -> log.info("housekeeping")).get(); // the pool's thread is created here
            log.info("request");
            loggers.mdc.clear();
            pool.submit(() -> log.info("later")).get();
        } finally {
            pool.shutdown();
        }
        assertTrue(loggers.factory.writer().flush());
        assertEquals(List.of("INFO - housekeeping", "INFO {request=r-1} - request", "INFO - later"),
                Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** What an event took is the context at its call; a context handed over by copy is the receiver's own. */
    @Test
    void aSnapshotIsTheContextAtTheCallAndACopyIsIndependent() throws Exception {
        SysWriteMdcAdapter mdc = new SysWriteMdcAdapter();
        assertNull(mdc.getCopyOfContextMap());
        mdc.put("request", "r-1");
        ContextMap taken = mdc.current();
        mdc.put("request", "r-2");
        mdc.remove("request");
        assertEquals("{request=r-1}", taken.toString());
        mdc.put("user", "ada");
        Map<String, String> copy = mdc.getCopyOfContextMap();
        copy.put("user", "eve");
        assertEquals("ada", mdc.get("user"));
        Thread other = new Thread(() -> {
            mdc.setContextMap(copy);
            copy.put("user", "mallory");
            assertEquals("eve", mdc.get("user"));
        });
        other.start();
        other.join();
        mdc.setContextMap(null);
        assertEquals(0, mdc.current().size());
    }

    @Test
    void dequesArePerKeyLastInFirstOutAndHoldNulls() {
        SysWriteMdcAdapter mdc = new SysWriteMdcAdapter();
        assertNull(mdc.popByKey("ndc"));
        mdc.pushByKey("ndc", "outer");
        mdc.pushByKey("ndc", null);
        mdc.pushByKey("ndc", "inner");
        mdc.pushByKey(null, "ignored");
        assertEquals(Arrays.asList("inner", null, "outer"), new ArrayList<>(mdc.getCopyOfDequeByKey("ndc")));
        mdc.getCopyOfDequeByKey("ndc").clear(); // a copy: the deque keeps its values
        assertEquals("inner", mdc.popByKey("ndc"));
        assertNull(mdc.popByKey("ndc"));
        assertEquals("outer", mdc.popByKey("ndc"));
        assertNull(mdc.popByKey("ndc"));
        mdc.pushByKey("ndc", "again");
        mdc.clearDequeByKey("ndc");
        assertEquals(0, mdc.getCopyOfDequeByKey("ndc").size());
        assertNull(mdc.getCopyOfDequeByKey("other"));
    }

    /**
     * An event with a context of three entries, written synchronously, allocates nothing: the
     * event takes the thread's context as one reference and the layout reads it by index (SLF4J's
     * adapter copied a map per event).
     */
    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void anEventWithAContextAllocatesNothing(String format) {
        TestLoggers loggers = new TestLoggers(Path.of("/dev/null"), true, "syswrite.logger.format", format);
        Logger log = loggers.factory.getLogger("orders");
        loggers.mdc.put("request", "r-7");
        loggers.mdc.put("user", "ada");
        loggers.mdc.put("trace", "4bf92f3577b34da6a3ce929d0e0e4736");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int events = 20_000;
        for (int round = 0; round < 3; round++) { // the first rounds warm up; the last is measured
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < events; i++) {
                log.info("order {} filled by {}", "o-42", "desk-3");
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round == 2) {
                // A map per event would be 48 bytes or more each: allow less than a byte.
                assertTrue(allocated < events, allocated + " bytes allocated by " + events + " events");
            }
        }
    }

    /**
     * The same in the async mode, on the writer thread too, which formats each event from its
     * record: two threads' contexts in turn are each rebuilt once, not once an event (under JSON
     * the layout reads the context as a map; under text the pre-rendered line reads the record).
     */
    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void anAsyncEventWithAContextAllocatesNothingOnTheWriter(String format) throws Exception {
        TestLoggers loggers = new TestLoggers(Path.of("/dev/null"), true, "syswrite.logger.format", format, "syswrite.logger.mode", "async");
        Logger log = loggers.factory.getLogger("orders");
        Thread other = new Thread(() -> {
            loggers.mdc.put("request", "r-8");
            loggers.mdc.put("user", "grace");
            for (int i = 0; i < 60_000; i++) {
                log.info("order {} filled by {}", "o-43", "desk-4");
            }
        });
        loggers.mdc.put("request", "r-7");
        loggers.mdc.put("user", "ada");
        loggers.mdc.put("trace", "4bf92f3577b34da6a3ce929d0e0e4736");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Thread writer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("syswrite-logger-writer"))
                .max(java.util.Comparator.comparingLong(Thread::getId)).orElseThrow(); // this factory's: the last started
        int events = 20_000;
        for (int round = 0; round < 3; round++) { // the first rounds warm up; the last is measured
            if (round == 2) {
                other.start();
            }
            assertTrue(loggers.factory.writer().flush());
            long before = threads.getThreadAllocatedBytes(writer.getId());
            for (int i = 0; i < events; i++) {
                log.info("order {} filled by {}", "o-42", "desk-3");
            }
            if (round == 2) {
                other.join();
            }
            assertTrue(loggers.factory.writer().flush());
            long allocated = threads.getThreadAllocatedBytes(writer.getId()) - before;
            if (round == 2) {
                assertTrue(allocated < events, allocated + " bytes allocated by the writer for " + events + " events and 60,000 of another thread");
            }
        }
    }
}
