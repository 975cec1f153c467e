package dev.syswrite.bench.logging.latency;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The fixed-rate test as JSON: the plan, the floor, and for every cell each figure the tables
 * show. The summary (committed beside the report) stops there; the raw form (gzipped, out of
 * git) adds each cell's full percentile distribution and both histograms in HdrHistogram's
 * compressed Base64 form, from which any other figure, and the report itself
 * ({@link LatencyResults}), can be made again.
 */
final class LatencyJson {
    private LatencyJson() {}

    /** @param raw whether to include the distributions and the histograms */
    static String render(String host, LatencyPlan plan, AppendFloor floor, List<CellSummary> cells, boolean raw) {
        Gson gson = (raw ? new GsonBuilder() : new GsonBuilder().setPrettyPrinting()).disableHtmlEscaping().serializeSpecialFloatingPointValues()
                .create();
        JsonObject root = new JsonObject();
        root.addProperty("host", host);
        root.addProperty("mode", plan.mode());
        root.addProperty("plan", plan.describe());
        root.addProperty("warmUpMillis", plan.warmUpMillis());
        root.addProperty("measuredMillis", plan.measuredMillis());
        root.add("childJvmArgs", gson.toJsonTree(plan.childJvmArgs()));
        root.addProperty("saturationShare", CellSummary.SATURATION_SHARE);
        if (floor != null) {
            root.add("appendFloorMedianNanosBySize", gson.toJsonTree(floor.medianNanosBySize()));
        }
        JsonArray array = new JsonArray();
        for (CellSummary c : cells) {
            JsonObject o = new JsonObject();
            o.addProperty("backend", c.cell().backend());
            o.addProperty("durability", c.cell().durability());
            o.addProperty("threads", c.cell().threads());
            o.addProperty("eventsPerSecond", c.cell().eventsPerSecond());
            o.addProperty("achievedEventsPerSecond", c.result().achievedRate());
            o.addProperty("saturated", c.saturated());
            o.addProperty("scheduledEvents", c.result().scheduledEvents());
            o.addProperty("issuedEvents", c.result().issuedEvents());
            o.addProperty("warmUpEvents", c.result().warmUpEvents());
            o.addProperty("elapsedNanos", c.result().elapsedNanos());
            o.addProperty("linesWritten", c.written().lines());
            o.addProperty("bytesPerLine", c.written().bytesPerLine());
            o.addProperty("lostEvents", c.lostEvents());
            if (c.floor() != null) {
                o.addProperty("floorLineBytes", c.floor().getKey());
                o.addProperty("floorNanos", c.floor().getValue());
                o.addProperty("p50AboveFloorNanos", c.medianAboveFloorNanos()); // null when saturated
            }
            o.add("responseTimeNanos", histogram(c.fromIntendedStart(), raw ? c.result().fromIntendedStart() : null));
            o.add("serviceTimeNanos", histogram(c.fromActualStart(), raw ? c.result().fromActualStart() : null));
            o.addProperty("jvm", c.result().jvm());
            array.add(o);
        }
        root.add("cells", array);
        return gson.toJson(root);
    }

    /** The percentiles, mean and count; with {@code base64} (raw form), the distribution and the histogram too. */
    private static JsonObject histogram(Histogram histogram, String base64) {
        JsonObject o = new JsonObject();
        CellSummary.percentiles(histogram).forEach(o::addProperty);
        o.addProperty("mean", histogram.getMean());
        o.addProperty("count", histogram.getTotalCount());
        if (base64 == null) {
            return o;
        }
        JsonArray distribution = new JsonArray();
        for (HistogramIterationValue v : histogram.percentiles(5)) {
            JsonArray point = new JsonArray();
            point.add(v.getPercentileLevelIteratedTo());
            point.add(histogram.highestEquivalentValue(v.getValueIteratedTo()));
            distribution.add(point);
        }
        o.add("percentileDistribution", distribution);
        o.addProperty("compressedBase64", base64);
        return o;
    }
}
