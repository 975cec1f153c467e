package dev.syswrite.bench.report;

import dev.syswrite.bench.report.Measurements.PathKey;
import dev.syswrite.bench.report.Measurements.Score;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/**
 * What a write costs each way of making it, beside the C floor: one panel per size (16 B, 4 KiB,
 * 64 KiB, 1 MiB, those the run measured), a group of bars per target, one bar per path, on a
 * linear scale from zero, in µs per call, JMH's 99.9% error drawn on each bar (capped at its height). The paths are the
 * ones docs/performance.md compares: syswrite's address path and its {@code byte[]} path, the JDK's
 * {@code FileOutputStream} and {@code FileChannel} with a direct buffer, and the fastest FFM
 * downcall (the one of lowest total time over the drawn sizes, named in the legend).
 */
final class WritePathChart {
    /** The picture's alternative text in Markdown. */
    static final String ALT = "time per write, by path, beside the C floor";
    private static final List<Integer> SIZES = List.of(16, 4096, 65536, 1048576);
    private static final Map<String, String> TARGETS = Map.of("devnull", "/dev/null", "file", "page-cache file");
    private static final String JDK17 = "JDK 17";
    private static final String JDK25 = "JDK 25";

    /** One bar of each group: what it is called, its colour, and where its figures come from. */
    private record Bar(String name, Color color, PathKey path) {}

    private WritePathChart() {}

    static void write(Path png, Measurements m) throws IOException {
        List<Integer> sizes = SIZES.stream().filter(m.sizes::contains).toList();
        if (sizes.isEmpty()) {
            sizes = m.sizes.stream().limit(4).toList();
        }
        List<Bar> bars = new ArrayList<>();
        bars.add(new Bar("syswrite writeAddress (JDK 17)", new Color(0x1f5fa8), new PathKey("syswriteAddress", JDK17)));
        bars.add(new Bar("syswrite write(fd, byte[]) (JDK 17)", new Color(0x6fa8dc), new PathKey("syswriteArray", JDK17)));
        bars.add(new Bar("FileOutputStream (JDK 17)", new Color(0xd1492e), new PathKey(Analysis.FILE_OUTPUT_STREAM, JDK17)));
        bars.add(new Bar("FileChannel, direct buffer (JDK 17)", new Color(0xf2a541), new PathKey("jdkFileChannelDirect", JDK17)));
        fastestFfm(m, sizes).ifPresent(ffm -> bars.add(new Bar("FFM " + ffm.method() + " (JDK 25)", new Color(0x5a9e4b), ffm)));
        bars.removeIf(bar -> m.paths.values().stream().noneMatch(byPath -> byPath.containsKey(bar.path())));

        Color floorColor = new Color(0x9a9a9a);
        List<CategoryChart> panels = new ArrayList<>();
        List<String> targets = m.paths.keySet().stream().map(t -> TARGETS.getOrDefault(t, t)).toList();
        for (int size : sizes) {
            CategoryChart chart = ChartSheet.panel(ChartSheet.WIDTH / 2, 300, size(size) + " per write", "µs per call");
            chart.getStyler().setAvailableSpaceFill(0.85);
            chart.getStyler().setErrorBarsColor(Color.BLACK);
            List<Double> floor = new ArrayList<>();
            for (String target : m.paths.keySet()) {
                Double ns = m.floorStub.getOrDefault(target, Map.of()).get(size);
                floor.add(ns == null ? 0.0 : ns / 1000);
            }
            chart.addSeries("C floor", targets, floor).setFillColor(floorColor);
            for (Bar bar : bars) {
                List<Double> micros = new ArrayList<>();
                List<Double> errors = new ArrayList<>();
                for (String target : m.paths.keySet()) {
                    Score score = m.paths.get(target).getOrDefault(bar.path(), Map.of()).get(size);
                    micros.add(score == null ? 0.0 : score.ns() / 1000);
                    // Capped at the bar's own height: three short iterations give errors that would set the scale alone.
                    errors.add(score == null || Double.isNaN(score.error()) ? 0.0 : Math.min(score.error(), score.ns()) / 1000);
                }
                CategorySeries series = chart.addSeries(bar.name(), targets, micros, errors);
                series.setFillColor(bar.color());
            }
            panels.add(chart);
        }
        List<ChartSheet.Key> legend = new ArrayList<>();
        legend.add(new ChartSheet.Key("C floor: syswrite's stub called from C (the least a write can cost)", floorColor));
        bars.forEach(bar -> legend.add(new ChartSheet.Key(bar.name(), bar.color())));
        ChartSheet.write(png, "Time per write(2), µs: lower is better; the grey bar is the floor", legend,
                List.of("Each bar: JMH's mean, its 99.9% error as a whisker (at most the bar's height); the floor: median of the C loop's runs. "
                        + "Every path and size: the report's tables."),
                panels, 2);
    }

    /** The FFM downcall of lowest total time over {@code sizes} and both targets, on JDK 25. */
    private static Optional<PathKey> fastestFfm(Measurements m, List<Integer> sizes) {
        return m.paths.values().stream()
                .flatMap(byPath -> byPath.keySet().stream())
                .filter(key -> key.jvm().equals(JDK25) && key.method().startsWith("ffm"))
                .distinct()
                .min(Comparator.comparingDouble(key -> total(m, key, sizes)));
    }

    private static double total(Measurements m, PathKey key, List<Integer> sizes) {
        double total = 0;
        for (Map<PathKey, Map<Integer, Score>> byPath : m.paths.values()) {
            for (int size : sizes) {
                Score score = byPath.getOrDefault(key, Map.of()).get(size);
                total += score == null ? Double.MAX_VALUE / 16 : score.ns();
            }
        }
        return total;
    }

    /** 16 B, 4 KiB, 64 KiB, 1 MiB. */
    static String size(int bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }
}
