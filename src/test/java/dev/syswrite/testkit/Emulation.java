package dev.syswrite.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Whether this JVM runs under QEMU's user-mode emulation, judged from what the process can
 * observe, so that a test is right on a native host, in the build's emulated run, and in a whole
 * foreign root file system run under binfmt QEMU (where no build property says so). Tests that
 * depend on it: noexec does not bind an emulated JVM (QEMU translates guest code from plain data
 * mappings), an empty writev is not checked for its descriptor, and everything runs 10 to 50
 * times slower.
 */
public final class Emulation {
    private static final boolean UNDER_QEMU = observe();

    private Emulation() {}

    /** Whether this JVM is emulated. */
    public static boolean underQemu() {
        return UNDER_QEMU;
    }

    /**
     * Two independent signs, either enough: QEMU hides its own mappings from /proc/self/maps but
     * not from a thread's own view of them (/proc/self/task/TID/maps); and QEMU 7 leaves
     * /proc/cpuinfo to the host, which then describes another architecture than the JVM's.
     */
    private static boolean observe() {
        try {
            return threadMapsShowQemu() || cpuinfoIsForeign();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean threadMapsShowQemu() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            Path task = tasks.findFirst().orElseThrow();
            return Files.readAllLines(task.resolve("maps")).stream().anyMatch(line -> line.matches(".*/qemu-[^/]*$"));
        }
    }

    private static boolean cpuinfoIsForeign() throws IOException {
        String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        boolean armCpu = cpuinfo.contains("CPU implementer");
        boolean x86Cpu = cpuinfo.contains("vendor_id");
        return switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "aarch64" -> x86Cpu && !armCpu;
            case "amd64", "x86_64" -> armCpu && !x86Cpu;
            default -> false;
        };
    }
}
