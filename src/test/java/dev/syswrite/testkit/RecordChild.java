package dev.syswrite.testkit;

import dev.syswrite.SysWrite;
import dev.syswrite.WriteResult;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A child JVM for the multi-process tests of the raw API: appends {@code count} numbered records
 * to FILE (O_APPEND), one write each, and after each write returns Ok prints its number.
 *
 * <p>usage: {@code RecordChild FILE ID COUNT}
 */
public final class RecordChild {
    private RecordChild() {}

    public static void main(String[] args) throws IOException {
        String id = args[1];
        int count = Integer.parseInt(args[2]);
        PrintStream acks = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
        try (FileOutputStream out = new FileOutputStream(args[0], true)) {
            for (int i = 0; i < count; i++) {
                byte[] record = Records.of(id, i);
                if (!SysWrite.write(out.getFD(), record, 0, record.length).equals(new WriteResult.Ok(record.length))) {
                    System.exit(3);
                }
                acks.println(i);
            }
        }
    }
}
