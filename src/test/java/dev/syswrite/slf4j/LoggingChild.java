package dev.syswrite.slf4j;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM for the multi-process tests: logs {@code count} numbered events through SLF4J (the
 * provider chosen by {@code -Dslf4j.provider}), and after each call returns prints its number
 * on stdout, so the parent knows which events the logging call said were written.
 *
 * <p>usage: {@code LoggingChild ID COUNT}
 */
public final class LoggingChild {
    private LoggingChild() {}

    public static void main(String[] args) {
        String id = args[0];
        int count = Integer.parseInt(args[1]);
        Logger log = LoggerFactory.getLogger("child");
        PrintStream acks = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            log.info("{} {} {}", id, i, "x".repeat(i % 53));
            acks.println(i);
        }
    }
}
