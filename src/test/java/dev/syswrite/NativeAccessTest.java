package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.ChildJvm;
import dev.syswrite.testkit.NativeAccessChild;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * JDK 24+ restricts System.load (JEP 472). On the class path: without a grant it works and the
 * JDK warns; with {@code --enable-native-access=ALL-UNNAMED} it is silent; under
 * {@code --illegal-native-access=deny} syswrite is unavailable with a cause that names the grant,
 * and nothing is thrown. Runs in the suite's JDK 25 run.
 */
class NativeAccessTest {
    private record Run(String stdout, String stderr, int exit) {}

    private static Run child(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(ChildJvm.java(), "-Xshare:auto"));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NativeAccessChild.class.getName()));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        return new Run(out, err, process.exitValue());
    }

    @Test
    void theThreeWaysOnTheClassPath() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 24, "restricted methods are enforced from JDK 24; the JDK 25 run has them");
        Run warned = child();
        assertEquals("available true\n", warned.stdout(), warned.stderr());
        assertTrue(warned.stderr().contains("--enable-native-access=ALL-UNNAMED"), warned.stderr());

        Run granted = child("--enable-native-access=ALL-UNNAMED", "--illegal-native-access=deny");
        assertEquals(new Run("available true\n", "", 0), granted);

        Run denied = child("--illegal-native-access=deny");
        assertEquals(0, denied.exit(), denied.stderr());
        assertTrue(denied.stdout().startsWith("available false\n"), denied.stdout());
        assertTrue(denied.stdout().contains("native access is denied to the class path: start the JVM with --enable-native-access=ALL-UNNAMED"),
                denied.stdout());
        assertTrue(denied.stdout().contains("cause java.lang.IllegalCallerException"), denied.stdout());
    }
}
