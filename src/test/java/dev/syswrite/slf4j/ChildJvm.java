package dev.syswrite.slf4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@link LoggingChild} in a JVM of the architecture under test: the build names its
 * launcher ({@code syswrite.test.java}), which for the emulated run goes through QEMU.
 */
final class ChildJvm {
    private ChildJvm() {}

    static Process start(Path logFile, String id, int count) throws IOException {
        String java = System.getProperty("syswrite.test.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED",
                "-Dslf4j.provider=" + SysWriteServiceProvider.class.getName(),
                "-Dsyswrite.logger.output=" + logFile, "-Dsyswrite.logger.time=none", "-Dsyswrite.logger.name=none",
                "-Dsyswrite.logger.thread=false",
                "-cp", System.getProperty("java.class.path"), LoggingChild.class.getName(), id, Integer.toString(count)));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
