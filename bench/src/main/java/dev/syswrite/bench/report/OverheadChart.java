package dev.syswrite.bench.report;

import dev.syswrite.bench.report.Measurements.PathKey;
import dev.syswrite.bench.report.Measurements.Score;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * One panel per target: each path's overhead above the C floor, by write size. The y axis is
 * logarithmic, since overheads run from nanoseconds to tens of microseconds; a path at or below
 * the floor is drawn at 1 ns.
 */
final class OverheadChart {
    private OverheadChart() {}

    static void write(Path png, Measurements m, Analysis a) throws IOException {
        List<CategoryChart> panels = new ArrayList<>();
        for (Map.Entry<String, Map<PathKey, Map<Integer, Score>>> target : m.paths.entrySet()) {
            CategoryChart chart = new CategoryChartBuilder()
                    .width(1100)
                    .height(650)
                    .title("overhead above the C floor: " + target.getKey())
                    .xAxisTitle("bytes per write")
                    .yAxisTitle("ns per call above the floor (log)")
                    .build();
            chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
            chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setOverlapped(true);
            List<String> sizes = m.sizes.stream().map(String::valueOf).toList();
            for (Map.Entry<PathKey, Map<Integer, Score>> path : target.getValue().entrySet()) {
                List<Double> overheads = new ArrayList<>();
                for (int size : m.sizes) {
                    Score score = path.getValue().get(size);
                    Double overhead = score == null ? null : a.overhead(target.getKey(), size, score);
                    overheads.add(overhead == null ? null : Math.max(1.0, overhead));
                }
                chart.addSeries(path.getKey().label(), sizes, overheads);
            }
            panels.add(chart);
        }
        BitmapEncoder.saveBitmap(panels, panels.size(), 1, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
