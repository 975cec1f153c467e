package dev.syswrite.slf4j.testkit;

import dev.syswrite.slf4j.SysWriteLogging;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM for {@code TornLineRestartTest}: logs {@code COUNT} events, each
 * {@code "NAME i xxx…"} with {@code LENGTH} x's (long enough, and a SIGKILL can tear one mid-write),
 * and prints {@code i} on stdout after each call returns.
 *
 * <p>usage: {@code TornLineChild NAME LENGTH COUNT [reopen]}: with {@code reopen}, it then flushes,
 * prints {@code flushed}, waits for a line on stdin (the parent puts another file at the path
 * meanwhile), prints what {@link SysWriteLogging#reopen()} returned and logs {@code "NAME reopened"}.
 */
public final class TornLineChild {
    private TornLineChild() {}

    public static void main(String[] args) throws IOException {
        String name = args[0];
        String padding = "x".repeat(Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        Logger log = LoggerFactory.getLogger("child");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            log.info("{} {} {}", name, i, padding);
            out.println(i);
        }
        if (args.length > 3 && args[3].equals("reopen")) {
            if (!SysWriteLogging.flush()) {
                throw new AssertionError("flush failed");
            }
            out.println("flushed");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
            out.println(SysWriteLogging.reopen());
            log.info("{} reopened", name);
        }
    }
}
