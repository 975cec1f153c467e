package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.logging.event.ContextMap;
import dev.syswrite.logging.event.Level;
import dev.syswrite.logging.layout.EventBuffers;
import dev.syswrite.logging.layout.Layout;
import dev.syswrite.logging.layout.LayoutSettings;
import dev.syswrite.logging.layout.LineBytes;
import dev.syswrite.slf4j.testkit.HugeTemplateChild;
import dev.syswrite.testkit.ChildJvm;
import dev.syswrite.testkit.Emulation;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The synchronous mode's capture and pre-rendered pieces keep the mode's promises: the general
 * layout's line, whatever many threads log at once; no allocation
 * once warm, whether a template's argument count alternates or the name tables are full (names
 * they do not hold go the general way, not through a record that copies them), and a huge
 * template costs a call one line limit, not its own size, in a small heap.
 */
class SyncPrerenderedTest {
    @TempDir
    Path dir;

    /** The general layout's bytes for one call, with the thread's name as it was at the call. */
    private static byte[] oracle(LayoutSettings settings, ContextMap mdc, String thread, Level level, String logger, String marker, String template,
            Object[] args) {
        Layout layout = Layout.of(settings, () -> mdc);
        LineBytes lineBytes = new LineBytes(settings, layout.escapesOnEncode());
        EventBuffers.Slot slot = EventBuffers.unpooled();
        slot.line.reset(settings.lineMax(), layout.escapesOnEncode(), false);
        layout.head(slot, 0, thread, level, logger, marker, null);
        layout.body(slot, null, template, args.length, null, null, args, null);
        long bytes = lineBytes.bytes(slot.line);
        ByteBuffer out = ByteBuffer.allocate(settings.lineMax() + 64);
        int end = lineBytes.encode(slot.encoder, slot.line, out, 0, lineBytes.cut(slot.line, bytes));
        return Arrays.copyOf(out.array(), end);
    }

    /**
     * 100 threads on the pool's slots at once: escapes, more and fewer arguments than the template
     * takes, markers, the MDC, a thread renamed and a {@code toString()} that logs, lines near the
     * limit, surrogates; every line is the general layout's line of the call's own objects, once,
     * text or JSON.
     */
    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void manyThreadsWriteWhatTheGeneralLayoutWrites(String format) throws Exception {
        Path file = dir.resolve("log");
        TestLoggers loggers = new TestLoggers(file, true, "syswrite.logger.time", "none", "syswrite.logger.level", "trace", "syswrite.logger.line.max",
                "1k", "syswrite.logger.fsync.level", "error", "syswrite.logger.format", format);
        boolean json = format.equals("json"); // JSON reads the thread's name after the message, text before it
        LayoutSettings settings = loggers.factory.writer().settings().layout();
        Logger log = loggers.factory.getLogger("dev.syswrite.adv.Many");
        Logger inner = loggers.factory.getLogger("inner");
        Marker audit = MarkerFactory.getMarker("AUDIT");
        int threads = 100;
        int events = Emulation.underQemu() ? 100 : 400;
        List<byte[]> expected = Collections.synchronizedList(new ArrayList<>());
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < events; i++) {
                    String name = Thread.currentThread().getName();
                    String logger = "dev.syswrite.adv.Many";
                    switch (i % 12) {
                        case 0 -> {
                            log.info("t {} i {}", id, i);
                            expected.add(oracle(settings, null, name, Level.INFO, logger, null, "t {} i {}", new Object[] {id, i}));
                        }
                        case 1 -> {
                            log.warn("esc \\{} {} \\\\{} \\{}", "a" + i, 'c');
                            expected.add(oracle(settings, null, name, Level.WARN, logger, null, "esc \\{} {} \\\\{} \\{}", new Object[] {"a" + i, 'c'}));
                        }
                        case 2 -> {
                            log.warn("esc \\{} {} \\\\{} \\{}", "b" + i);
                            expected.add(oracle(settings, null, name, Level.WARN, logger, null, "esc \\{} {} \\\\{} \\{}", new Object[] {"b" + i}));
                        }
                        case 3 -> {
                            log.info("more {} \\{}", id, i, "x");
                            expected.add(oracle(settings, null, name, Level.INFO, logger, null, "more {} \\{}", new Object[] {id, i, "x"}));
                        }
                        case 4 -> {
                            log.info("more {} \\{}", id);
                            expected.add(oracle(settings, null, name, Level.INFO, logger, null, "more {} \\{}", new Object[] {id}));
                        }
                        case 5 -> {
                            log.error(audit, "audit {} {}", new int[] {id, i}, null);
                            expected.add(oracle(settings, null, name, Level.ERROR, logger, "AUDIT", "audit {} {}", new Object[] {new int[] {id, i}, null}));
                        }
                        case 6 -> {
                            String renamed = "w-" + id + "-r" + i + (i % 5 == 0 ? "\t\u00e9" : "");
                            Object renames = new Object() {
                                @Override
                                public String toString() {
                                    Thread.currentThread().setName(renamed);
                                    return "renamed";
                                }
                            };
                            log.info("rename {}", renames);
                            expected.add(oracle(settings, null, json ? renamed : name, Level.INFO, logger, null, "rename {}", new Object[] {"renamed"}));
                        }
                        case 7 -> {
                            Object logs = new Object() {
                                @Override
                                public String toString() {
                                    inner.debug("inner {} {}", id, Thread.currentThread().getName());
                                    return "logged";
                                }
                            };
                            log.info("outer {}", logs);
                            expected.add(oracle(settings, null, name, Level.DEBUG, "inner", null, "inner {} {}", new Object[] {id, name}));
                            expected.add(oracle(settings, null, name, Level.INFO, logger, null, "outer {}", new Object[] {"logged"}));
                        }
                        case 8 -> {
                            loggers.mdc.put("k", "v" + i);
                            log.info("mdc {}", i);
                            expected.add(oracle(settings, ContextMap.EMPTY.with("k", "v" + i), name, Level.INFO, logger, null, "mdc {}", new Object[] {i}));
                            loggers.mdc.clear();
                        }
                        case 9 -> {
                            String big = "y".repeat(900 + id);
                            log.info("near limit {} {}", big, i);
                            expected.add(oracle(settings, null, name, Level.INFO, logger, null, "near limit {} {}", new Object[] {big, i}));
                        }
                        case 10 -> {
                            log.trace("surrogates \ud83d{}\ude00 {}", "", "\ud83d\ude00");
                            expected.add(oracle(settings, null, name, Level.TRACE, logger, null, "surrogates \ud83d{}\ude00 {}", new Object[] {"", "\ud83d\ude00"}));
                        }
                        default -> {
                            log.info("doubles {} {} {}", 0.1 + 0.2, -0.0f, Double.NaN);
                            expected.add(oracle(settings, null, name, Level.INFO, logger, null, "doubles {} {} {}", new Object[] {0.1 + 0.2, -0.0f, Double.NaN}));
                        }
                    }
                }
            }, "w-" + t + (t % 7 == 0 ? " \u2028" : ""));
            all.add(thread);
        }
        all.forEach(Thread::start);
        for (Thread thread : all) {
            thread.join();
        }
        assertTrue(loggers.factory.writer().flush());
        Map<String, Integer> want = new HashMap<>();
        for (byte[] line : expected) {
            want.merge(new String(line, StandardCharsets.ISO_8859_1), 1, Integer::sum);
        }
        Map<String, Integer> got = new HashMap<>();
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                got.merge(new String(bytes, start, i + 1 - start, StandardCharsets.ISO_8859_1), 1, Integer::sum);
                start = i + 1;
            }
        }
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        want.forEach((k, v) -> {
            if (!v.equals(got.get(k))) {
                missing.add(v + "x want / " + got.get(k) + "x got: " + k);
            }
        });
        got.forEach((k, v) -> {
            if (!want.containsKey(k)) {
                extra.add(v + "x " + k);
            }
        });
        assertEquals(List.of(), missing.stream().limit(5).map(s -> s.substring(0, Math.min(300, s.length()))).toList());
        assertEquals(List.of(), extra.stream().limit(5).map(s -> s.substring(0, Math.min(300, s.length()))).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void aTemplateWhoseArgumentCountAlternatesAllocatesNothing(String format) {
        Logger log = new TestLoggers(dir.resolve("log"), true, "syswrite.logger.format", format).factory.getLogger("alloc");
        Runnable calls = () -> {
            for (int i = 0; i < 20_000; i++) {
                if ((i & 1) == 0) {
                    log.info("user {} logged in", "ada");
                } else {
                    log.info("user {} logged in", "ada", "extra");
                }
            }
        };
        calls.run(); // warm
        calls.run();
        assertEquals(0, allocatedBy(calls) / 20_000, "bytes a call");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void fullNameTablesAllocateNothingPerCall(String format) {
        Logger log = new TestLoggers(dir.resolve("log"), true, "syswrite.logger.format", format).factory.getLogger("full");
        String original = Thread.currentThread().getName();
        try {
            for (int i = 0; i < 17_000; i++) { // more than the tables hold: pool threads come and go, templates built at run time
                Thread.currentThread().setName("pool-1-thread-" + i);
                log.info("request " + i + " done in {} ms", i);
            }
            Runnable calls = () -> {
                for (int i = 0; i < 20_000; i++) {
                    log.info("a template first used late {} {}", "ada", "lovelace");
                }
            };
            calls.run(); // warm
            calls.run();
            assertEquals(0, allocatedBy(calls) / 20_000, "bytes a call");
        } finally {
            Thread.currentThread().setName(original);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void aHugeTemplateInASmallHeapIsWrittenCut(String format) throws Exception {
        hugeTemplateInASmallHeapIsWrittenCut(List.of("-Dsyswrite.logger.format=" + format), "50000000");
    }

    /**
     * In the async mode a template too long for its table is carried in the record: one of 25
     * million placeholders (substitution could shorten each, but one argument fills only one) is
     * carried only as far as it can reach the line.
     */
    @Test
    void aTemplateOfPlaceholdersCapturedInASmallHeapIsWrittenCut() throws Exception {
        hugeTemplateInASmallHeapIsWrittenCut(List.of("-Dsyswrite.logger.mode=async"), "25000000", "{}");
    }

    private void hugeTemplateInASmallHeapIsWrittenCut(List<String> settings, String... template) throws Exception {
        Path file = dir.resolve("log");
        List<String> options = new ArrayList<>(List.of("-Xmx200m", "-Dslf4j.provider=" + SysWriteServiceProvider.class.getName(),
                "-Dsyswrite.logger.output=" + file, "-Dsyswrite.logger.time=none", "-Dsyswrite.logger.thread=false",
                "-Dsyswrite.logger.name=none"));
        options.addAll(settings);
        Process child = ChildJvm.start(options, HugeTemplateChild.class, template);
        String said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, child.exitValue(), said);
        assertTrue(said.contains("lost 0"), said);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("truncated"), "cut with its mark");
        assertTrue(lines.get(1).contains("after"), lines.get(1));
    }

    private static long allocatedBy(Runnable calls) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        calls.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
