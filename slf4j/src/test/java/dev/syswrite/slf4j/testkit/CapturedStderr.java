package dev.syswrite.slf4j.testkit;

import dev.syswrite.logging.output.Notices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What the provider says on stderr while a piece of a test runs. */
public final class CapturedStderr {
    private CapturedStderr() {}

    /** Runs {@code run} with System.err captured; returns what it received. */
    public static String of(Runnable run) {
        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            run.run();
            // Another provider's background thread may have taken a notice of run's from the queue
            // (Notices is one per JVM): printAll waits until it has printed it.
            Notices.printAll();
        } finally {
            System.setErr(realErr);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
