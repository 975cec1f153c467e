package dev.syswrite.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every measurement of one run of {@code ./build.sh bench}: the C floor's medians and the JMH
 * scores, keyed by target ({@code devnull}, {@code file}), path and size.
 */
final class Measurements {
    /** One JMH result: mean ns/op, its 99.9% error, and what it allocated (null without {@code -prof gc}). */
    record Score(double ns, double error, Allocation allocation) {
        /** Mean bytes per call, NaN if not measured. */
        double bytesPerOp() {
            return allocation == null ? Double.NaN : allocation.mean();
        }
    }

    /** A write path as the table lists it: benchmark method, and the JVM it ran on. */
    record PathKey(String method, String jvm) {
        String label() {
            return method + " (" + jvm + ")";
        }
    }

    /** The floor target of a logger: a line appended to an O_APPEND file, as each logging backend does. */
    static final String APPEND = "append";
    /** The floor of a synced logger: the same line appended, then fdatasync(2). */
    static final String SYNCED = "synced";

    /** target -> size -> floor ns (the stub's median), and libc's. */
    final Map<String, Map<Integer, Double>> floorStub = new LinkedHashMap<>();
    final Map<String, Map<Integer, Double>> floorLibc = new LinkedHashMap<>();
    /** target -> path -> size -> score, in the order first seen. */
    final Map<String, Map<PathKey, Map<Integer, Score>>> paths = new LinkedHashMap<>();
    /** A benchmark that is not a write path over a target: the JNI transition, a copy strategy. */
    record SideStudy(String benchmark, String jvm, String params, double ns, double bytesPerOp) {}

    /** Results of benchmarks that are not write paths over a target (JNI transition, copy strategies). */
    final List<SideStudy> others = new ArrayList<>();
    /** The floor program's TLB experiment: the cost of touching N pages after a write, and without one. */
    final List<JsonObject> tlb = new ArrayList<>();
    final TreeSet<Integer> sizes = new TreeSet<>();
    final Map<String, String> jvms = new LinkedHashMap<>();

    /** One line of {@code floor.bin}'s output. */
    void readFloor(JsonObject o) {
        if (o.has("pages")) {
            tlb.add(o);
            return;
        }
        String target = o.get("target").getAsString();
        int size = o.get("size").getAsInt();
        Map<String, Map<Integer, Double>> into = o.get("caller").getAsString().equals("stub") ? floorStub : floorLibc;
        into.computeIfAbsent(target, t -> new LinkedHashMap<>()).put(size, o.get("median").getAsDouble());
        if (!target.equals(APPEND) && !target.equals(SYNCED)) { // the loggers' floors are one line's size, not a column of the write-path tables
            sizes.add(size);
        }
    }

    /** One JMH run's results, from the JVM {@code jvm} names. */
    void readJmh(JsonArray results, String jvm) {
        for (JsonElement e : results) {
            JsonObject r = e.getAsJsonObject();
            jvms.put(jvm, r.get("vmName").getAsString() + " " + r.get("vmVersion").getAsString());
            String[] name = r.get("benchmark").getAsString().split("\\.");
            String target = target(name[name.length - 2]);
            JsonObject params = r.getAsJsonObject("params");
            if (target == null || params == null || !params.has("size") || params.size() != 1) {
                Allocation allocation = Allocation.of(r);
                others.add(new SideStudy(r.get("benchmark").getAsString().replaceFirst("^dev\\.syswrite\\.bench\\.", ""), jvm,
                        params == null ? "" : new TreeMap<>(params.asMap()).toString().replace("\"", ""),
                        r.getAsJsonObject("primaryMetric").get("score").getAsDouble(), allocation == null ? Double.NaN : allocation.mean()));
                continue;
            }
            int size = params.get("size").getAsInt();
            JsonObject primary = r.getAsJsonObject("primaryMetric");
            paths.computeIfAbsent(target, t -> new LinkedHashMap<>())
                    .computeIfAbsent(new PathKey(name[name.length - 1], jvm), k -> new LinkedHashMap<>())
                    .put(size, new Score(primary.get("score").getAsDouble(), primary.get("scoreError").getAsDouble(), Allocation.of(r)));
            sizes.add(size);
        }
    }

    /** DevNull and FfmDevNull write to /dev/null; PageCache and FfmPageCache to a file. */
    private static String target(String benchmarkClass) {
        if (benchmarkClass.endsWith("DevNull")) {
            return "devnull";
        }
        if (benchmarkClass.endsWith("PageCache")) {
            return "file";
        }
        return null;
    }
}
