package dev.syswrite.bench.report;

import dev.syswrite.bench.report.LoggingReport.Row;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;

/**
 * The SLF4J backends saturated by JMH: events per second, and the 99.9th percentile of one call,
 * a bar per thread count for every backend the run measured, in the report's order (durable,
 * then async, then unlisted), each labelled with its durability. Synced backends (one
 * {@code fdatasync} per event, milliseconds) are left out and named under the legend: on one
 * linear scale their p99.9 would flatten every other bar to nothing.
 */
final class LoggingChart {
    /** The picture's alternative text in Markdown. */
    static final String ALT = "SLF4J backends: events per second and p99.9 at 1 and 2 threads";
    private static final Color[] THREAD_COLORS = {new Color(0x6fa8dc), new Color(0xf2a541), new Color(0x5a9e4b), new Color(0xd1492e)};

    private LoggingChart() {}

    static void write(Path png, LoggingReport logging) throws IOException {
        Map<Integer, Map<String, Row>> rows = logging.rows();
        Set<String> backends = new LinkedHashSet<>();
        Set<String> synced = new LinkedHashSet<>();
        rows.values().forEach(byBackend -> byBackend.keySet().forEach(b -> (isSynced(b) ? synced : backends).add(b)));
        List<String> labels = backends.stream().map(b -> b + " (" + LoggingReport.durability(b) + ")").toList();

        CategoryChart throughput = panel("thousand events per second, saturated (higher is better)", "thousand events/s");
        CategoryChart p999 = panel("p99.9 of one call, µs (lower is better)", "µs");
        List<ChartSheet.Key> legend = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Integer, Map<String, Row>> byThreads : rows.entrySet()) {
            Color color = THREAD_COLORS[i++ % THREAD_COLORS.length];
            String name = byThreads.getKey() + (byThreads.getKey() == 1 ? " thread" : " threads");
            throughput.addSeries(name, labels, values(backends, byThreads.getValue(), row -> row.eventsPerSecond() / 1000)).setFillColor(color);
            p999.addSeries(name, labels, values(backends, byThreads.getValue(), row -> row.p999Micros)).setFillColor(color);
            legend.add(new ChartSheet.Key(name, color));
        }
        List<String> notes = new ArrayList<>();
        notes.add("One INFO event with two arguments to a file, JMH back to back. Durable: the call returns once the event is in the kernel;"
                + " async: it may be in a queue.");
        if (!synced.isEmpty()) {
            StringBuilder note = new StringBuilder("Not drawn (synced, one fdatasync per event):");
            rows.forEach((threads, byBackend) -> synced.stream().filter(byBackend::containsKey).forEach(b -> note.append(String.format(
                    " %s at %d thread(s) %,.0f events/s, p99.9 %,.0f µs;", b, threads, byBackend.get(b).eventsPerSecond(),
                    byBackend.get(b).p999Micros))));
            notes.add(note.substring(0, note.length() - 1) + ".");
        }
        ChartSheet.write(png, "SLF4J backends, saturated: events/s and p99.9 by thread count", legend, notes, List.of(throughput, p999), 1);
    }

    private static boolean isSynced(String backend) {
        return LoggingReport.durability(backend).equals(LoggingReport.SYNCED);
    }

    private static CategoryChart panel(String title, String yTitle) {
        CategoryChart chart = ChartSheet.panel(ChartSheet.WIDTH, 330, title, yTitle);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsPosition(1.0);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.BLACK);
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        chart.getStyler().setAvailableSpaceFill(0.8);
        return chart;
    }

    /** The figure of each backend at one thread count; null (no bar) where it did not run. */
    private static List<Double> values(Set<String> backends, Map<String, Row> byBackend, ToDoubleFunction<Row> figure) {
        List<Double> values = new ArrayList<>();
        for (String backend : backends) {
            Row row = byBackend.get(backend);
            double value = row == null ? Double.NaN : figure.applyAsDouble(row);
            values.add(Double.isNaN(value) ? null : value);
        }
        return values;
    }
}
