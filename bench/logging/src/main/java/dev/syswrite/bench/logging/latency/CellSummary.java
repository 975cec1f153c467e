package dev.syswrite.bench.logging.latency;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One cell as the report shows it: what its child measured, its histograms decoded, what its
 * backend wrote, and the C floor for a line of that size (null when no floor was given).
 */
record CellSummary(CellResult result, Histogram fromIntendedStart, Histogram fromActualStart, WrittenLog written,
        Map.Entry<Integer, Double> floor) {
    /** A cell whose achieved rate falls below this share of its target did not keep up. */
    static final double SATURATION_SHARE = 0.95;
    /** The percentiles every table and the JSON quote; 100 is the maximum. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99, 100};

    static CellSummary of(CellResult result, WrittenLog written, AppendFloor floor) {
        Histogram fromIntendedStart = result.fromIntendedStartHistogram();
        return new CellSummary(result, fromIntendedStart, result.fromActualStartHistogram(), written,
                floor == null ? null : floor.nearest(written.bytesPerLine()));
    }

    Cell cell() {
        return result.cell();
    }

    boolean saturated() {
        return result.achievedRate() < SATURATION_SHARE * cell().eventsPerSecond();
    }

    /** Events logged (warm-up included) that never reached the file: an async backend that dropped some. */
    long lostEvents() {
        return result.warmUpEvents() + result.issuedEvents() - written.lines();
    }

    /**
     * The median response time from the intended start, less the C floor's append of a line; null
     * without a floor, or when saturated, where the median measures the backlog, not the call.
     */
    Double medianAboveFloorNanos() {
        return floor == null || saturated() ? null : fromIntendedStart.getValueAtPercentile(50) - floor.getValue();
    }

    /** {@link #PERCENTILES} of {@code histogram}, in ns, keyed {@code p50} ... {@code max}. */
    static Map<String, Long> percentiles(Histogram histogram) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (double p : PERCENTILES) {
            values.put(label(p), p == 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(p));
        }
        return values;
    }

    /** {@code p50}, {@code p99.9}, ..., or {@code max}. */
    static String label(double percentile) {
        return percentile == 100 ? "max" : "p" + (percentile == Math.rint(percentile) ? String.valueOf((int) percentile) : String.valueOf(percentile));
    }
}
