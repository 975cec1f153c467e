package dev.syswrite.testkit;

import dev.syswrite.SysWrite;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A child JVM for the fault tests, started under a limit the parent sets.
 *
 * <p>usage: {@code FaultChild efbig FILE} writes 4 KiB twice to FILE (under a 2 KiB
 * RLIMIT_FSIZE) and prints both results, then proves the JVM still works. {@code FaultChild
 * efbigv FILE} does the same with writev of three buffers (3 KiB in all), then prints how far
 * each buffer was advanced.
 */
public final class FaultChild {
    private FaultChild() {}

    public static void main(String[] args) throws IOException {
        try (FileOutputStream out = new FileOutputStream(args[1])) {
            if (args[0].equals("efbigv")) {
                ByteBuffer[] srcs = {ByteBuffer.allocate(1024), ByteBuffer.allocateDirect(1536), ByteBuffer.allocate(512)};
                System.out.println(SysWrite.writev(out.getFD(), srcs));
                System.out.println(SysWrite.writev(out.getFD(), srcs));
                System.out.println(srcs[0].position() + " " + srcs[1].position() + " " + srcs[2].position());
            } else {
                System.out.println(SysWrite.write(out.getFD(), new byte[4096], 0, 4096));
                System.out.println(SysWrite.write(out.getFD(), new byte[4096], 0, 4096));
            }
        }
        System.out.println("alive " + SysWrite.write(1, "x\n".getBytes()).isOk());
    }
}
