package dev.syswrite.bench.logging.latency;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Response-time percentile distributions, as HdrHistogram plots them: one panel per rate (rows)
 * and producer-thread count (columns), one line per backend, each backend in the same colour in
 * every panel; 900 px wide in all, for a Markdown page. The x axis is log10(1/(1-p)), so
 * 90%, 99%, 99.9% ... are evenly spaced at 1, 2, 3 ... (a linear axis of the logarithm: XChart's
 * log axis cannot take tick labels of its own, and its custom labels ignore tick spacing); the y axis is logarithmic, since a saturated backend's
 * response times run from microseconds to seconds.
 */
final class LatencyChart {
    /** HdrHistogram's own default resolution for percentile output: points per halving of the tail. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    /** Six colours told apart at a glance (XChart's default theme has two yellows among its first six). */
    private static final Color[] SERIES_COLORS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b),
        new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private LatencyChart() {}

    static void write(Path png, LatencyPlan plan, List<CellSummary> cells) throws IOException {
        List<XYChart> panels = new ArrayList<>();
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        for (long rate : plan.rates()) {
            for (int threads : plan.threads()) {
                XYChart chart = new XYChartBuilder()
                        .width(900 / plan.threads().size())
                        .height(260)
                        .title(String.format("%,d events/s, %d producer%s%s", rate, threads, threads == 1 ? "" : "s",
                                anySaturated(cells, rate, threads) ? " (dashed: saturated)" : ""))
                        .xAxisTitle("percentile: 1 = 90%, 2 = 99%, 3 = 99.9%, 4 = 99.99% ...")
                        .yAxisTitle("response time, µs (log)")
                        .build();
                chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
                chart.getStyler().setChartBackgroundColor(Color.WHITE);
                chart.getStyler().setChartTitleBoxVisible(false);
                chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
                chart.getStyler().setAxisTitleFont(small);
                chart.getStyler().setAxisTickLabelsFont(small);
                chart.getStyler().setLegendFont(small);
                chart.getStyler().setLegendPadding(3);
                // One legend, in the first panel (the colours hold in all), where the curves leave the lower right corner empty.
                chart.getStyler().setLegendVisible(panels.isEmpty());
                chart.getStyler().setLegendPosition(LegendPosition.InsideSE);
                chart.getStyler().setPlotGridVerticalLinesVisible(false);
                chart.getStyler().setYAxisLogarithmic(true);
                // From 0% to the nine past the largest count, so every panel shares one x scale.
                chart.getStyler().setXAxisMin(0.0);
                chart.getStyler().setXAxisMax(Math.ceil(Math.log10(largestCount(cells))));
                chart.getStyler().setXAxisDecimalPattern("0.#");
                chart.getStyler().setYAxisDecimalPattern("#,##0.##");
                for (CellSummary cell : cells) {
                    if (cell.cell().eventsPerSecond() == rate && cell.cell().threads() == threads) {
                        addSeries(chart, cell, SERIES_COLORS[plan.backends().indexOf(cell.cell().backend()) % SERIES_COLORS.length]);
                    }
                }
                panels.add(chart);
            }
        }
        BitmapEncoder.saveBitmap(panels, plan.rates().size(), plan.threads().size(), png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static boolean anySaturated(List<CellSummary> cells, long rate, int threads) {
        return cells.stream().anyMatch(c -> c.cell().eventsPerSecond() == rate && c.cell().threads() == threads && c.saturated());
    }

    private static long largestCount(List<CellSummary> cells) {
        return Math.max(10, cells.stream().mapToLong(c -> c.fromIntendedStart().getTotalCount()).max().orElse(10));
    }

    private static void addSeries(XYChart chart, CellSummary cell, Color color) {
        Histogram histogram = cell.fromIntendedStart();
        if (histogram.getTotalCount() == 0) {
            return;
        }
        List<Double> nines = new ArrayList<>();
        List<Double> micros = new ArrayList<>();
        for (HistogramIterationValue v : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double percentile = v.getPercentileLevelIteratedTo();
            if (percentile >= 100) {
                break; // 1/(1-p) is infinite; the maximum is drawn below, at the last event's own percentile
            }
            nines.add(Math.log10(100 / (100 - percentile)));
            micros.add(Math.max(histogram.highestEquivalentValue(v.getValueIteratedTo()), 1) / 1000.0);
        }
        nines.add(Math.log10(histogram.getTotalCount()));
        micros.add(histogram.getMaxValue() / 1000.0);
        String name = cell.cell().backend(); // one legend for every panel: saturation is the line style
        XYSeries series = chart.addSeries(name, nines, micros);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        if (cell.saturated()) {
            series.setLineStyle(SeriesLines.DASH_DASH);
        }
    }
}
