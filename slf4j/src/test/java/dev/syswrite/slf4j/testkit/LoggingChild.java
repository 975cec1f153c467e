package dev.syswrite.slf4j.testkit;

import dev.syswrite.slf4j.SysWriteLogging;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM for the multi-process tests: logs {@code count} numbered events through SLF4J (the
 * provider named by {@code -Dslf4j.provider}, or found on the class path), and after each call returns prints its number
 * on stdout, so the parent knows which events the logging call said were written.
 *
 * <p>usage: {@code LoggingChild ID COUNT [each|error|flush]}: by default every call is
 * acknowledged; with {@code error} (for the asynchronous mode, whose sync level is ERROR) every
 * hundredth event is an ERROR, and only those are acknowledged; with {@code flush} every
 * hundredth is followed by {@link SysWriteLogging#flush()}, and only those are acknowledged.
 */
public final class LoggingChild {
    private LoggingChild() {}

    public static void main(String[] args) {
        String id = args[0];
        int count = Integer.parseInt(args[1]);
        Logger log = LoggerFactory.getLogger("child");
        PrintStream acks = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
        String acknowledge = args.length > 2 ? args[2] : "each";
        for (int i = 0; i < count; i++) {
            boolean milestone = i % 100 == 99;
            if (milestone && acknowledge.equals("error")) {
                log.error("{} {} {}", id, i, "x".repeat(i % 53));
            } else {
                log.info("{} {} {}", id, i, "x".repeat(i % 53));
            }
            if (milestone && acknowledge.equals("flush") && !SysWriteLogging.flush()) {
                throw new AssertionError("flush failed");
            }
            if (milestone || acknowledge.equals("each")) {
                acks.println(i);
            }
        }
    }
}
