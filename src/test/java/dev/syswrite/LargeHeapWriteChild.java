package dev.syswrite;

import java.io.FileOutputStream;

/** Writes {@code args[1]} heap arrays of {@code args[0]} bytes to /dev/null; prints how many were Ok. */
public final class LargeHeapWriteChild {
    private LargeHeapWriteChild() {}

    public static void main(String[] args) throws Exception {
        byte[] data = new byte[Integer.parseInt(args[0])];
        int writes = Integer.parseInt(args[1]);
        int ok = 0;
        try (FileOutputStream devNull = new FileOutputStream("/dev/null")) {
            for (int i = 0; i < writes; i++) {
                if (SysWrite.write(devNull.getFD(), data, 0, data.length).equals(new WriteResult.Ok(data.length))) {
                    ok++;
                }
            }
        }
        System.out.println(ok);
    }
}
