package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syswrite.testkit.ChildJvm;
import dev.syswrite.testkit.Emulation;
import dev.syswrite.slf4j.testkit.JsonLog;
import dev.syswrite.slf4j.testkit.LongLineChild;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lines longer than {@code PIPE_BUF} (4096 bytes) from several threads to stdout, a pipe whose
 * reader is slow, as a container's log collector can be: the kernel splits such a write wherever
 * the pipe fills and lets other writers in between, so the provider writes them alone. Every line
 * the reader gets is whole: each one parses, and each event is there once.
 */
class PipeOutputTest {
    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"text, sync", "json, sync", "text, async"})
    void longLinesToASlowPipeStayWhole(String format, String mode) throws Exception {
        int threads = 4;
        int events = Emulation.underQemu() ? 40 : 300;
        Process child = new ProcessBuilder(ChildJvm.command(List.of("-Dslf4j.provider=" + SysWriteServiceProvider.class.getName(),
                "-Dsyswrite.logger.output=stdout", "-Dsyswrite.logger.format=" + format, "-Dsyswrite.logger.mode=" + mode,
                "-Dsyswrite.logger.time=none", "-Dsyswrite.logger.name=none", "-Dsyswrite.logger.thread=false"),
                LongLineChild.class, Integer.toString(threads), Integer.toString(events)))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = readSlowly(child.getInputStream());
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child hung");
        assertEquals(0, child.exitValue());

        Set<String> seen = new HashSet<>();
        int start = 0;
        int torn = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == '\n') {
                byte[] line = Arrays.copyOfRange(out, start, i);
                start = i + 1;
                String message = format.equals("json") ? message(line) : new String(line, StandardCharsets.UTF_8).replaceFirst("^INFO - ", "");
                String[] parts = message.split(" ", 3);
                boolean whole = parts.length == 3 && parts[2].length() == LongLineChild.padding(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]))
                        && parts[2].chars().allMatch(c -> c == 'x');
                if (!whole || !seen.add(parts[0] + " " + parts[1])) {
                    torn++;
                }
            }
        }
        assertEquals(out.length, start, "the output ends inside a line");
        assertEquals(0, torn, "lines torn, glued or repeated");
        assertEquals(threads * events, seen.size());
    }

    /** The message of a JSON line, which must parse as one object. */
    private static String message(byte[] line) {
        JsonNode node = JsonLog.parse(line);
        return node.path("message").asText();
    }

    /** Reads everything, 4 KiB at a time with a pause now and then: the pipe stays full, and writers wait on it. */
    private static byte[] readSlowly(InputStream in) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        for (int n, reads = 0; (n = in.read(chunk)) > 0; reads++) {
            all.write(chunk, 0, n);
            if (reads % 16 == 0) {
                Thread.sleep(1);
            }
        }
        return all.toByteArray();
    }
}
