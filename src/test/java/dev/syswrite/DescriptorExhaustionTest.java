package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.ChildJvm;
import dev.syswrite.testkit.DescriptorExhaustionChild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Loading with almost no file descriptor left: extraction fails inside the JDK (on JDK 17 the NIO
 * file dispatcher's own initializer throws), and so did the hint the loader looked up while
 * failing, an Error that escaped the class initializer and left syswrite throwing
 * NoClassDefFoundError for good. Now the answer is always a plain true or false, twice the same.
 */
class DescriptorExhaustionTest {
    /** Descriptors left free in each child: too few to extract the library, then enough. */
    private static final int[] FREE = {1, 2, 4, 8, 64};
    private static final int TO_SPARE = 128;

    /** All children at once: each is a JVM start, which QEMU makes seconds long. */
    @Test
    void aProcessOutOfDescriptorsGetsAnAnswerNotAnError() throws Exception {
        Map<Integer, Process> children = new LinkedHashMap<>();
        for (int free : FREE) {
            children.put(free, start(free));
        }
        children.put(TO_SPARE, start(TO_SPARE));
        for (Map.Entry<Integer, Process> child : children.entrySet()) {
            List<String> answers = answers(child.getValue());
            String with = child.getKey() + " free: " + answers;
            if (child.getKey() == TO_SPARE) {
                assertEquals(List.of("available", "available"), answers, with);
            } else {
                assertEquals(2, answers.size(), with);
                assertTrue(answers.get(0).equals("available") || answers.get(0).equals("unavailable"), with);
                assertEquals(answers.get(0), answers.get(1), with);
            }
        }
    }

    /** A child with at most 256 descriptors, {@code free} of them left free. */
    private static Process start(int free) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "ulimit -n 256 && exec \"$@\"", "sh"));
        command.addAll(ChildJvm.command(List.of(), DescriptorExhaustionChild.class, Integer.toString(free)));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** What the child answered. */
    private static List<String> answers(Process child) throws Exception {
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, child.exitValue(), out);
        return out.lines().toList();
    }
}
