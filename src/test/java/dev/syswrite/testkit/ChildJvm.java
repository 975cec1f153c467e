package dev.syswrite.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a test's main class in a JVM of the architecture under test: the build names its
 * launcher ({@code syswrite.test.java}), which for the emulated run goes through QEMU.
 */
public final class ChildJvm {
    private ChildJvm() {}

    /** The launcher of the JVM under test. */
    public static String java() {
        return System.getProperty("syswrite.test.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Starts {@code main} with this class path, the given options before it and arguments after it. */
    public static Process start(List<String> options, Class<?> main, String... args) throws IOException {
        return new ProcessBuilder(command(options, main, args)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /**
     * The command line {@link #start} runs, for a test that wants the child's stderr too. Under
     * QEMU the child compiles with C1 alone: C2's compilations, emulated too, are a third of a
     * short child's CPU time, and the host and JDK 25 runs still run these children with C2.
     */
    public static List<String> command(List<String> options, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:+UseSerialGC", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED"));
        if (Emulation.underQemu()) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
