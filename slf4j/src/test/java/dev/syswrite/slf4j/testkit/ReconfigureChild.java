package dev.syswrite.slf4j.testkit;

import dev.syswrite.slf4j.SysWriteLogging;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM in which SLF4J found syswrite's backend by itself: logs, has the backend
 * reconfigured through {@link SysWriteLogging#reconfigure} to {@code SECOND} in JSON, logs again,
 * and says on stdout what the public API answered.
 *
 * <p>usage: {@code ReconfigureChild SECOND}
 */
public final class ReconfigureChild {
    private ReconfigureChild() {}

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("child.before");
        log.info("one");
        Map<String, String> settings = new HashMap<>();
        settings.put("syswrite.logger.output", args[0]);
        settings.put("syswrite.logger.format", "json");
        System.out.println("bound " + SysWriteLogging.isBound());
        System.out.println("reconfigured " + SysWriteLogging.reconfigure(settings));
        System.out.println("null refused " + !SysWriteLogging.reconfigure(null));
        log.info("two");
        LoggerFactory.getLogger("child.after").info("three");
        System.out.println("loggers " + SysWriteLogging.loggerNames());
        System.out.println("flushed " + SysWriteLogging.flush());
    }
}
