package dev.syswrite.bench.logging.latency;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The fixed-rate test as Markdown: how it was run, then one table per producer-thread count. */
final class LatencyTable {
    private LatencyTable() {}

    static String render(String title, String host, LatencyPlan plan, AppendFloor floor, List<CellSummary> cells) {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        md.append("- host: `").append(host).append("`, ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs; child JVM: ")
                .append(cells.isEmpty() ? "none ran" : cells.get(0).result().jvm()).append('\n');
        md.append("- run: ").append(plan.describe()).append('\n');
        md.append("- files: this report, `").append(plan.stem()).append(".json` (every figure it shows), `").append(plan.stem())
                .append(".png` (the percentile distributions, below), and `raw/").append(plan.stem())
                .append(".json.gz` (every histogram; not in git)\n");
        if (floor != null) {
            md.append("- C floor (`floor.bin append`: syswrite's stub appending one line to an `O_APPEND` file, median):");
            floor.medianNanosBySize().forEach((size, ns) -> md.append(String.format(" %d B: %,.0f ns;", size, ns)));
            md.append('\n');
        }
        DoubleSummaryStatistics lineBytes = cells.stream().mapToDouble(c -> c.written().bytesPerLine())
                .filter(b -> !Double.isNaN(b)).summaryStatistics();
        if (lineBytes.getCount() > 0) {
            md.append(String.format("- lines the backends wrote: %.0f to %.0f bytes%n", lineBytes.getMin(), lineBytes.getMax()));
        }
        md.append("""

                Each producer thread calls `log.info("order {} filled at {}", ORDER, PRICE)` on a fixed schedule \
                (event i is due at t0 + i / rate, the threads interleaved), busy-waiting until an event is due \
                unless it is already late. **Response time** runs from when the event was due to when the call \
                returned, so a stall also delays every event queued behind it (corrected for coordinated omission); \
                **service time** runs from the call's actual start, as a benchmark that waits for each call sees it. \
                A rate is **saturated** when the achieved rate falls below %.0f%% of it: the backend could not keep up, \
                and response times grow for as long as the phase lasts. Durable: the call returns once the event is \
                in the kernel; async: it may still be in a queue. Times in µs unless marked.

                """.formatted(CellSummary.SATURATION_SHARE * 100));
        md.append("![response-time percentiles by rate and producer count](").append(plan.stem()).append(".png)\n\n");
        Map<Integer, List<CellSummary>> byThreads = new TreeMap<>();
        cells.forEach(c -> byThreads.computeIfAbsent(c.cell().threads(), t -> new ArrayList<>()).add(c));
        byThreads.forEach((threads, rows) -> table(md, threads, rows));
        losses(md, cells);
        return md.toString();
    }

    private static void table(StringBuilder md, int threads, List<CellSummary> rows) {
        md.append("## ").append(threads).append(threads == 1 ? " producer thread" : " producer threads").append("\n\n");
        md.append("| events/s | backend | durability | achieved events/s |");
        for (double p : CellSummary.PERCENTILES) {
            md.append(' ').append(CellSummary.label(p)).append(" |");
        }
        md.append(" p50 above C floor, ns | service time p50 / p99.9 |\n|---:|---|---|---:|");
        md.append("---:|".repeat(CellSummary.PERCENTILES.length)).append("---:|---:|\n");
        for (CellSummary row : rows) {
            Cell cell = row.cell();
            md.append(String.format("| %,d | %s | %s | %,.0f%s |", cell.eventsPerSecond(), cell.backend(), cell.durability(),
                    row.result().achievedRate(), row.saturated() ? " **saturated**" : ""));
            CellSummary.percentiles(row.fromIntendedStart()).values().forEach(ns -> md.append(' ').append(micros(ns)).append(" |"));
            Double aboveFloor = row.medianAboveFloorNanos();
            md.append(aboveFloor == null ? " – |" : String.format(" %+,.0f |", aboveFloor));
            Map<String, Long> service = CellSummary.percentiles(row.fromActualStart());
            md.append(' ').append(micros(service.get("p50"))).append(" / ").append(micros(service.get("p99.9"))).append(" |\n");
        }
        md.append('\n');
    }

    /** Async backends may drop events at shutdown; say so rather than leave it to the JSON. */
    private static void losses(StringBuilder md, List<CellSummary> cells) {
        List<CellSummary> lossy = cells.stream().filter(c -> c.lostEvents() != 0).toList();
        if (lossy.isEmpty()) {
            md.append("Every event logged (warm-up included) was in its backend's file once the JVM had exited.\n");
            return;
        }
        md.append("Events logged that were not in the backend's file once its JVM had exited:\n\n");
        for (CellSummary c : lossy) {
            md.append(String.format("- %s, %d thread(s), %,d events/s: %,d of %,d%n", c.cell().backend(), c.cell().threads(),
                    c.cell().eventsPerSecond(), c.lostEvents(), c.result().warmUpEvents() + c.result().issuedEvents()));
        }
    }

    /** Three significant figures or so: sub-microsecond medians and multi-second stalls in one column. */
    static String micros(long nanos) {
        double us = nanos / 1000.0;
        return us < 10 ? String.format("%.2f", us) : us < 1000 ? String.format("%.1f", us) : String.format("%,.0f", us);
    }
}
