package dev.syswrite.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The facts that decide what a syscall costs here: CPU, kernel, mitigations, clock source. */
record Machine(String host, String cpu, int cpus, String kernel, String clocksource, Map<String, String> vulnerabilities) {

    static Machine read() throws IOException {
        Map<String, String> vulnerabilities = new LinkedHashMap<>();
        Path dir = Path.of("/sys/devices/system/cpu/vulnerabilities");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    vulnerabilities.put(file.getFileName().toString(), firstLine(file));
                }
            }
        }
        return new Machine(
                firstLine(Path.of("/proc/sys/kernel/hostname")),
                cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                firstLine(Path.of("/proc/sys/kernel/osrelease")) + " " + System.getProperty("os.arch"),
                firstLine(Path.of("/sys/devices/system/clocksource/clocksource0/current_clocksource")),
                vulnerabilities);
    }

    /** x86 names its model; arm64 kernels give only implementer and part numbers. */
    private static String cpuModel() throws IOException {
        String implementer = null;
        String part = null;
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            String[] kv = line.split("\\s*:\\s*", 2);
            if (kv.length < 2) {
                continue;
            }
            switch (kv[0]) {
                case "model name":
                    return kv[1];
                case "CPU implementer":
                    implementer = kv[1];
                    break;
                case "CPU part":
                    part = kv[1];
                    break;
                default:
                    break;
            }
        }
        return "CPU implementer " + implementer + ", part " + part;
    }

    private static String firstLine(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            return "unknown";
        }
        return Files.readAllLines(file).stream().findFirst().orElse("").trim();
    }
}
