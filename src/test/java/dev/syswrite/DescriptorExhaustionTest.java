package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.ChildJvm;
import dev.syswrite.testkit.DescriptorExhaustionChild;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loading with almost no file descriptor left: extraction fails inside the JDK (on JDK 17 the NIO
 * file dispatcher's own initializer throws), and so did the hint the loader looked up while
 * failing, an Error that escaped the class initializer and left syswrite throwing
 * NoClassDefFoundError for good. Now the answer is always a plain true or false, twice the same.
 */
class DescriptorExhaustionTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8, 64})
    void aProcessOutOfDescriptorsGetsAnAnswerNotAnError(int free) throws Exception {
        List<String> answers = answersWith(free);
        assertEquals(2, answers.size(), answers::toString);
        assertTrue(answers.get(0).equals("available") || answers.get(0).equals("unavailable"), answers::toString);
        assertEquals(answers.get(0), answers.get(1));
    }

    @Test
    void withDescriptorsToSpareItLoads() throws Exception {
        assertEquals(List.of("available", "available"), answersWith(128));
    }

    /** What the child answered with at most 256 descriptors, {@code free} of them left free. */
    private static List<String> answersWith(int free) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "ulimit -n 256 && exec \"$@\"", "sh"));
        command.addAll(ChildJvm.command(List.of(), DescriptorExhaustionChild.class, Integer.toString(free)));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, child.exitValue(), out);
        return out.lines().toList();
    }
}
