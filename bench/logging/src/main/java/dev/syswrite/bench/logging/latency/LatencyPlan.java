package dev.syswrite.bench.logging.latency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * What one run of the fixed-rate test covers: backends × rates × producer threads, the length
 * of each cell's two phases, the child JVMs' own options, and where files go.
 *
 * @param mode {@code quick} or {@code full}, the preset the other values started from
 * @param childJvmArgs options every child JVM gets before its backend's fork arguments
 * @param work where each cell's result, console output and log files go
 * @param out where the report ({@code <stem>.md}, {@code .json}, {@code .png}) goes, and the raw
 *     results ({@code raw/<stem>.json.gz})
 * @param floor the C floor's {@code append} output (JSON lines), or null to quote no floor
 * @param stem the name of the report's files, {@code <UTC date>-<HHMM>-<host>-latency} unless given
 */
record LatencyPlan(
        String mode,
        List<String> backends,
        List<Long> rates,
        List<Integer> threads,
        long warmUpMillis,
        long measuredMillis,
        List<String> childJvmArgs,
        Path work,
        Path out,
        Path floor,
        String stem) {

    static final String USAGE = """
            usage: FixedRateLatency [quick|full] [--backends A,B,...] [--rates N,...] [--threads N,...]
                                    [--warm-up-seconds S] [--measured-seconds S] [--jvm-args "ARGS"]
                                    [--work DIR] [--out DIR] [--floor FLOOR_APPEND_JSONL] [--stem NAME]
                   FixedRateLatency --rebuild RAW_JSON[.gz] OUT_DIR NAME   (the report again, from a run's raw results)
              quick (default): 1 producer thread, 3 s warm-up, 5 s measured: 30 cells, about 5 minutes
              full:            1 and 2 producer threads, 5 s warm-up, 20 s measured: 60 cells, about 27 minutes""";

    /** The JMH classes whose backends are compared: each async backend beside its durable twin. */
    static final List<String> BACKENDS = List.of(
            "SysWriteAsync", "SysWriteProvider", "Log4j2Async", "Log4j2GarbageFree", "LogbackAsync", "LogbackFile");
    /** Rates the durable backends sustain on a VM where a syscall costs ~1 µs, and one well past any. */
    static final List<Long> RATES = List.of(50_000L, 100_000L, 200_000L, 400_000L, 1_600_000L);

    /** The preset named by the first argument, if any, with every later option applied. */
    static LatencyPlan parse(String[] args) {
        int i = 0;
        String mode = args.length > 0 && !args[0].startsWith("--") ? args[i++] : "quick";
        List<Integer> threads;
        long warmUpMillis;
        long measuredMillis;
        switch (mode) {
            case "quick" -> {
                threads = List.of(1);
                warmUpMillis = 3_000;
                measuredMillis = 5_000;
            }
            case "full" -> {
                threads = List.of(1, 2);
                warmUpMillis = 5_000;
                measuredMillis = 20_000;
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode + "\n" + USAGE);
        }
        List<String> backends = BACKENDS;
        List<Long> rates = RATES;
        List<String> childJvmArgs = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");
        Path work = Path.of("target", "latency");
        Path out = work;
        Path floor = null;
        String stem = defaultStem();
        for (; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value\n" + USAGE);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--backends" -> backends = list(value, Function.identity());
                case "--rates" -> rates = list(value, Long::valueOf);
                case "--threads" -> threads = list(value, Integer::valueOf);
                case "--warm-up-seconds" -> warmUpMillis = millis(value);
                case "--measured-seconds" -> measuredMillis = millis(value);
                case "--jvm-args" -> childJvmArgs = List.of(value.trim().split("\\s+"));
                case "--work" -> work = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--floor" -> floor = Path.of(value);
                case "--stem" -> stem = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        return new LatencyPlan(mode, backends, rates, threads, warmUpMillis, measuredMillis, childJvmArgs, work, out, floor, stem);
    }

    /** {@code 2026-11-28-0140-vm-latency}: runs on the same day, or on hosts of the same name, stay apart. */
    private static String defaultStem() {
        String host;
        try {
            host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            host = "unknown";
        }
        return DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").format(LocalDateTime.now(ZoneOffset.UTC)) + "-" + host + "-latency";
    }

    private static <T> List<T> list(String commaSeparated, Function<String, T> parse) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).map(parse).toList();
    }

    private static long millis(String seconds) {
        return Math.round(Double.parseDouble(seconds) * 1000);
    }

    /** Every cell, by thread count, then rate, then backend: the order of the report's tables. */
    List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (int t : threads) {
            for (long rate : rates) {
                for (String backend : backends) {
                    cells.add(new Cell(backend, rate, t));
                }
            }
        }
        return cells;
    }

    /** One line for the report's header. */
    String describe() {
        return String.format("%s: %,.1f s warm-up (discarded) and %,.1f s measured per cell, child JVM options %s",
                mode, warmUpMillis / 1000.0, measuredMillis / 1000.0, String.join(" ", childJvmArgs));
    }
}
