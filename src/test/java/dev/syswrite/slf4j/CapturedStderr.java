package dev.syswrite.slf4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What the provider says on stderr while a piece of a test runs. */
final class CapturedStderr {
    private CapturedStderr() {}

    /** Runs {@code run} with System.err captured; returns what it received. */
    static String of(Runnable run) {
        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            run.run();
        } finally {
            System.setErr(realErr);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
