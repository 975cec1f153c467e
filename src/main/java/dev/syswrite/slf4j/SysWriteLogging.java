package dev.syswrite.slf4j;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Operations on the syswrite provider SLF4J is bound to, for an application that chose it.
 */
public final class SysWriteLogging {
    private SysWriteLogging() {}

    /**
     * Writes every event queued by the asynchronous mode to the kernel before returning, in order
     * (in the synchronous mode every event is already there). Events logged by other threads
     * meanwhile may or may not be included. A failed write is counted in {@link LostEvents}, not
     * thrown.
     *
     * @return whether everything queued before the call is now in the kernel or counted as lost;
     *     false if SLF4J is bound to another backend
     */
    public static boolean flush() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        return factory instanceof SysWriteLoggerFactory ours && ours.writer().flush();
    }
}
