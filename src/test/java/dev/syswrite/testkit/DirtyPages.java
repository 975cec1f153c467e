package dev.syswrite.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's count of written data not yet on the device, to see a sync happen: memory that is
 * dirty or under writeback, system-wide, from /proc/meminfo. Another process may dirty memory
 * at the same time, so tests compare changes of many megabytes, never exact figures.
 */
public final class DirtyPages {
    private DirtyPages() {}

    /** Dirty plus under-writeback memory, in kB. */
    public static long kilobytes() throws IOException {
        long kb = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("Dirty:") || line.startsWith("Writeback:")) {
                kb += Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return kb;
    }
}
