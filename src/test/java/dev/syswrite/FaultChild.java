package dev.syswrite;

import java.io.FileOutputStream;
import java.io.IOException;

/**
 * A child JVM for the fault tests, started under a limit the parent sets.
 *
 * <p>usage: {@code FaultChild efbig FILE} writes 4 KiB twice to FILE (under a 2 KiB
 * RLIMIT_FSIZE) and prints both results, then proves the JVM still works.
 */
public final class FaultChild {
    private FaultChild() {}

    public static void main(String[] args) throws IOException {
        try (FileOutputStream out = new FileOutputStream(args[1])) {
            System.out.println(SysWrite.write(out.getFD(), new byte[4096], 0, 4096));
            System.out.println(SysWrite.write(out.getFD(), new byte[4096], 0, 4096));
        }
        System.out.println("alive " + SysWrite.write(1, "x\n".getBytes()).isOk());
    }
}
