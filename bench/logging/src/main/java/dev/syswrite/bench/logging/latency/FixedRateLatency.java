package dev.syswrite.bench.logging.latency;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed-rate response-time test of the SLF4J backends, in the manner of Log4j2's async
 * logger latency pages: one child JVM per backend, rate and thread count ({@link FixedRateChild}),
 * one after the other, then the report, named {@code <UTC date>-<HHMM>-<host>-latency} unless
 * {@code --stem} names it: {@code .md} (the tables), {@code .json} (every figure they show) and
 * {@code .png} (the percentile distributions); {@code raw/<stem>.json.gz} (every histogram, out of
 * git); and each cell's HdrHistogram percentile output ({@code .hgrm}) in the work folder.
 *
 * <p>usage: see {@link LatencyPlan#USAGE}; run with the benchmark jar on the class path:
 * {@code java -cp bench/logging/target/benchmarks-logging.jar dev.syswrite.bench.logging.latency.FixedRateLatency quick}.
 */
public final class FixedRateLatency {
    private FixedRateLatency() {}

    /** Runs every cell of the plan the arguments describe, then writes the report; or writes it again from raw results. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--rebuild")) {
            if (args.length != 4) {
                System.err.println(LatencyPlan.USAGE);
                System.exit(2);
            }
            LatencyResults.read(Path.of(args[1]), Path.of(args[2]), args[3]).write();
            return;
        }
        LatencyPlan plan;
        try {
            plan = LatencyPlan.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        AppendFloor floor = plan.floor() == null ? null : AppendFloor.read(plan.floor());
        Files.createDirectories(plan.work());
        List<Cell> cells = plan.cells();
        List<CellSummary> summaries = new ArrayList<>();
        for (Cell cell : cells) {
            CellSummary summary = run(cell, plan, floor);
            summaries.add(summary);
            System.out.printf("[%d/%d] %-18s %d thread(s) %,10d/s: achieved %,10.0f/s%s, response p50 %s µs, p99.9 %s µs, max %s µs%n",
                    summaries.size(), cells.size(), cell.backend(), cell.threads(), cell.eventsPerSecond(),
                    summary.result().achievedRate(), summary.saturated() ? " (saturated)" : "",
                    LatencyTable.micros(summary.fromIntendedStart().getValueAtPercentile(50)),
                    LatencyTable.micros(summary.fromIntendedStart().getValueAtPercentile(99.9)),
                    LatencyTable.micros(summary.fromIntendedStart().getMaxValue()));
        }

        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        new LatencyResults(host, plan, floor, summaries).write();
    }

    /** One cell in its own JVM; its result, what its backend wrote, and its percentile output. */
    private static CellSummary run(Cell cell, LatencyPlan plan, AppendFloor floor) throws IOException, InterruptedException {
        Path result = plan.work().resolve(cell.id() + ".json");
        Path logs = plan.work().resolve("logs-" + cell.id());
        Files.deleteIfExists(result);
        ChildJvm.run(cell, plan, logs, result, plan.work().resolve(cell.id() + ".out"));
        CellSummary summary = CellSummary.of(new Gson().fromJson(Files.readString(result), CellResult.class),
                WrittenLog.measureAndDelete(logs), floor);
        try (PrintStream hgrm = new PrintStream(plan.work().resolve(cell.id() + ".hgrm").toFile())) {
            summary.fromIntendedStart().outputPercentileDistribution(hgrm, 1000.0); // in µs, as HdrHistogram's plotter expects
        }
        return summary;
    }
}
