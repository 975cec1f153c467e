package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a captured event could part from the line its caller would have written, each case once
 * through the sync mode and once through the async mode, the files compared: escapes after the
 * last substitution, names and templates longer than the tables take, a {@code toString()} that
 * renames its thread under the JSON layout (which reads the name after the message). Found by an
 * adversarial pass over the capture; CapturedEventGoldenTest is the broad stream.
 */
class CapturedEventEdgeTest {
    @TempDir
    Path dir;

    @Test
    void anEscapeWithAnArgumentTheTemplateNeverTakes() throws Exception {
        sameInBothModes(l -> l.factory.getLogger("x").info("literal \\{} here", 42));
        sameInBothModes(l -> l.factory.getLogger("x").info("literal \\{} here", 42), "syswrite.logger.format", "json");
        sameInBothModes(l -> l.factory.getLogger("x").info("{} \\{} and \\\\{}", "a", "b", "c"));
    }

    @Test
    void aShortNameOfALoggerNameLongerThanTheTableTakes() throws Exception {
        for (String format : List.of("text", "json")) {
            sameInBothModes(l -> l.factory.getLogger("x".repeat(1100) + ".Tail").info("hello"), "syswrite.logger.name", "short",
                    "syswrite.logger.line.max", "1024", "syswrite.logger.format", format);
        }
    }

    @Test
    void aTemplateLongerThanTheTableTakesThatSubstitutionShortens() throws Exception {
        Object[] empty = new Object[3000];
        Arrays.fill(empty, "");
        sameInBothModes(l -> l.factory.getLogger("x").info("{}".repeat(3000) + "END", empty), "syswrite.logger.line.max", "1024");
        sameInBothModes(l -> l.factory.getLogger("x").info("\\{}".repeat(2000) + "END", 1), "syswrite.logger.line.max", "1024");
        sameInBothModes(l -> l.factory.getLogger("x").info("z".repeat(9000)), "syswrite.logger.line.max", "1024");
    }

    @Test
    void aToStringThatRenamesItsThread() throws Exception {
        for (String format : List.of("text", "json")) {
            sameInBothModes(l -> l.factory.getLogger("x").info("{}", new Object() {
                @Override
                public String toString() {
                    Thread.currentThread().setName("renamed by toString()");
                    return "r";
                }
            }), "syswrite.logger.format", format);
        }
    }

    private void sameInBothModes(Consumer<TestLoggers> events, String... layout) throws Exception {
        String sync = run("sync", events, layout);
        assertEquals(sync, run("async", events, layout), "async unlike sync");
    }

    private String run(String mode, Consumer<TestLoggers> events, String... layout) throws Exception {
        List<String> settings = new ArrayList<>(List.of(layout));
        settings.addAll(List.of("syswrite.logger.mode", mode, "syswrite.logger.time", "none"));
        Path file = Files.createTempFile(dir, mode, ".log");
        TestLoggers loggers = new TestLoggers(file, true, settings.toArray(new String[0]));
        Thread thread = new Thread(() -> events.accept(loggers), "edge");
        thread.start();
        thread.join();
        assertTrue(loggers.factory.writer().flush());
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
