package dev.syswrite.testkit;

import dev.syswrite.SysWrite;
import dev.syswrite.WriteResult;
import dev.syswrite.internal.OffHeapCopy;
import java.io.FileOutputStream;

/**
 * Writes {@code args[1]} heap arrays of {@code args[0]} bytes to /dev/null, each from the top of
 * the stack ({@code plain}) or at the very bottom, where it overflows mid-write ({@code overflow});
 * prints how many were Ok, then what syswrite still holds off the heap once the GC has run.
 */
public final class LargeHeapWriteChild {
    private static int ok;

    private LargeHeapWriteChild() {}

    public static void main(String[] args) throws Exception {
        byte[] data = new byte[Integer.parseInt(args[0])];
        int writes = Integer.parseInt(args[1]);
        boolean overflow = args[2].equals("overflow");
        try (FileOutputStream devNull = new FileOutputStream("/dev/null")) {
            for (int i = 0; i < writes; i++) {
                if (overflow) {
                    try {
                        deep(devNull, data);
                    } catch (StackOverflowError expected) {
                        // at some depth, inside syswrite: its buffer must not be lost for good
                    }
                } else {
                    write(devNull, data);
                }
            }
        }
        for (int i = 0; i < 50 && OffHeapCopy.heldBytes() > (long) OffHeapCopy.SLOTS * (1 << 20); i++) {
            System.gc();
            Thread.sleep(20); // the cleaner's thread frees what the collector found
        }
        System.out.println(ok);
        System.out.println(OffHeapCopy.heldBytes());
    }

    private static void deep(FileOutputStream out, byte[] data) throws Exception {
        write(out, data);
        deep(out, data);
    }

    private static void write(FileOutputStream out, byte[] data) throws Exception {
        if (SysWrite.write(out.getFD(), data, 0, data.length).equals(new WriteResult.Ok(data.length))) {
            ok++;
        }
    }
}
