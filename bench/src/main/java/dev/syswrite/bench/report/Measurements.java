package dev.syswrite.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every measurement of one run of {@code ./build.sh bench}: the C floor's medians and the JMH
 * scores, keyed by target ({@code devnull}, {@code file}), path and size.
 */
final class Measurements {
    /** One JMH result: mean ns/op, its 99.9% error, and bytes allocated per op. */
    record Score(double ns, double error, double bytesPerOp) {}

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
    /** Results of benchmarks that are not write paths over a target (JNI transition, copy strategies). */
    final List<JsonObject> others = new ArrayList<>();
    /** The floor program's TLB experiment: the cost of touching N pages after a write, and without one. */
    final List<JsonObject> tlb = new ArrayList<>();
    final TreeSet<Integer> sizes = new TreeSet<>();
    final Map<String, String> jvms = new LinkedHashMap<>();

    void readFloor(Path jsonLines) throws IOException {
        for (String line : Files.readAllLines(jsonLines)) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            if (o.has("pages")) {
                tlb.add(o);
                continue;
            }
            String target = o.get("target").getAsString();
            int size = o.get("size").getAsInt();
            Map<String, Map<Integer, Double>> into = o.get("caller").getAsString().equals("stub") ? floorStub : floorLibc;
            into.computeIfAbsent(target, t -> new LinkedHashMap<>()).put(size, o.get("median").getAsDouble());
            if (!target.equals(APPEND) && !target.equals(SYNCED)) { // the loggers' floors are one line's size, not a column of the write-path tables
                sizes.add(size);
            }
        }
    }

    void readJmh(Path json, String jvm) throws IOException {
        JsonArray results = JsonParser.parseString(Files.readString(json)).getAsJsonArray();
        for (JsonElement e : results) {
            JsonObject r = e.getAsJsonObject();
            jvms.put(jvm, r.get("vmName").getAsString() + " " + r.get("vmVersion").getAsString());
            String[] name = r.get("benchmark").getAsString().split("\\.");
            String target = target(name[name.length - 2]);
            JsonObject params = r.getAsJsonObject("params");
            if (target == null || params == null || !params.has("size") || params.size() != 1) {
                r.addProperty("jvm", jvm);
                others.add(r);
                continue;
            }
            int size = params.get("size").getAsInt();
            JsonObject primary = r.getAsJsonObject("primaryMetric");
            JsonObject secondary = r.getAsJsonObject("secondaryMetrics");
            double alloc = secondary != null && secondary.has("gc.alloc.rate.norm")
                    ? secondary.getAsJsonObject("gc.alloc.rate.norm").get("score").getAsDouble()
                    : Double.NaN;
            paths.computeIfAbsent(target, t -> new LinkedHashMap<>())
                    .computeIfAbsent(new PathKey(name[name.length - 1], jvm), k -> new LinkedHashMap<>())
                    .put(size, new Score(primary.get("score").getAsDouble(), primary.get("scoreError").getAsDouble(), alloc));
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
