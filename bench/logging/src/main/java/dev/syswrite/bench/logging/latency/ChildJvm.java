package dev.syswrite.bench.logging.latency;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Fork;

/**
 * Starts the JVM that runs one cell: this JVM's java and class path, the plan's options, then
 * the backend's JMH fork arguments read from its class's {@link Fork} annotation, so the test
 * chooses and configures each backend exactly as the JMH benchmarks do.
 */
final class ChildJvm {
    private ChildJvm() {}

    /**
     * Runs {@link FixedRateChild} for {@code cell} with its log files under {@code logs}, its
     * output in {@code console}; fails if the child does.
     */
    static void run(Cell cell, LatencyPlan plan, Path logs, Path result, Path console) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(plan.childJvmArgs());
        command.add("-Dbench.logs=" + logs.toAbsolutePath());
        command.addAll(List.of(forkArguments(cell)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FixedRateChild.class.getName(),
                cell.backend(), String.valueOf(cell.eventsPerSecond()), String.valueOf(cell.threads()),
                String.valueOf(plan.warmUpMillis()), String.valueOf(plan.measuredMillis()), result.toAbsolutePath().toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        int status = child.waitFor();
        if (status != 0) {
            throw new IOException(cell.id() + ": the child JVM exited with " + status + "; its output is in " + console);
        }
    }

    private static String[] forkArguments(Cell cell) {
        try {
            Fork fork = Class.forName(cell.backendClassName(), false, ChildJvm.class.getClassLoader()).getAnnotation(Fork.class);
            if (fork == null) {
                throw new IllegalArgumentException(cell.backend() + " has no @Fork: which backend would it run?");
            }
            return fork.jvmArgsAppend();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no backend " + cell.backend() + " in " + Cell.BACKEND_PACKAGE, e);
        }
    }
}
