package dev.syswrite.consumer;

import dev.syswrite.SysWrite;
import dev.syswrite.WriteResult;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * Writes one line with syswrite's raw API and logs one event through SLF4J, then says how it
 * went: what a first user of the published jar would try. Exits 1 if syswrite is unavailable,
 * after printing why.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        String where = Main.class.getModule().isNamed() ? "module path" : "class path";
        if (!SysWrite.isAvailable()) {
            System.out.println("unavailable on the " + where + ": " + SysWrite.unavailabilityCause().getMessage());
            System.exit(1);
        }
        WriteResult result = SysWrite.write(1, ("raw write on the " + where + "\n").getBytes(StandardCharsets.UTF_8));
        System.out.flush();
        LoggerFactory.getLogger("consumer").info("logged on the {}", where);
        System.out.println("result " + result);
        System.out.println("internals " + internals());
    }

    /** Whether a caller can reach syswrite's native entry points: never on the module path. */
    private static String internals() {
        try {
            Class.forName("dev.syswrite.internal.NativeWrite").getMethod("abiVersion").invoke(null);
            return "reachable";
        } catch (IllegalAccessException sealed) {
            return "sealed";
        } catch (ReflectiveOperationException e) {
            return "unexpected " + e;
        }
    }
}
