package dev.syswrite.demo;

import dev.syswrite.SysWrite;
import dev.syswrite.WriteResult;
import dev.syswrite.internal.NativeLibrary;
import java.nio.charset.StandardCharsets;

/**
 * {@code java -jar syswrite.jar [--fd N] [message]}: shows the bridge at work. Writes a line
 * through syswrite's own {@code write(2)} (to stdout, or to descriptor N), then to a descriptor
 * that is not open, and prints both results, the architecture and the library that served them.
 */
public final class Main {
    /** A descriptor no process has open: far above any RLIMIT_NOFILE. */
    private static final int CLOSED_FD = Integer.MAX_VALUE;

    private Main() {}

    /**
     * Runs the demonstration.
     *
     * @param args {@code [--fd N] [message]}
     */
    public static void main(String[] args) {
        int fd = 1;
        String message = "hello from write(2), by syswrite's own assembly";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--fd") && i + 1 < args.length) {
                fd = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println("usage: java -jar syswrite.jar [--fd N] [message]");
                return;
            } else {
                message = args[i];
            }
        }
        System.out.println("arch:    " + System.getProperty("os.arch") + " (" + System.getProperty("java.vm.name") + ")");
        if (!SysWrite.isAvailable()) {
            System.out.println("library: unavailable");
            SysWrite.unavailabilityCause().printStackTrace(System.out);
            System.exit(1);
        }
        System.out.println("library: " + NativeLibrary.source());
        System.out.flush();

        byte[] line = (message + "\n").getBytes(StandardCharsets.UTF_8);
        WriteResult ok = SysWrite.write(fd, line);
        System.out.println("write(" + fd + ", " + line.length + " bytes) -> " + ok);

        WriteResult err = SysWrite.write(CLOSED_FD, line);
        System.out.println("write(" + CLOSED_FD + ", " + line.length + " bytes) -> " + err);
        if (err instanceof WriteResult.Err e) {
            System.out.println("  " + e.errno().name() + ": " + e.errno().description());
        }
        System.exit(ok.isOk() ? 0 : 1);
    }
}
