package dev.syswrite.bench.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.syswrite.bench.report.Analysis.Goal;
import dev.syswrite.bench.report.LoggingReport.Row;
import dev.syswrite.bench.report.Measurements.PathKey;
import dev.syswrite.bench.report.Measurements.Score;
import java.util.Map;

/**
 * Every figure the report and its pictures use, and nothing else: the machine, the command, the
 * goals and how they were judged, the floor's medians, each path's score, error and allocation by
 * size, the side studies and the logging rows. Tens of kilobytes, so it is committed beside the
 * report; the raw results it came from are not (see {@link RawRun}).
 */
final class Summary {
    private Summary() {}

    /** @param files the run's files by role ({@code report}, {@code raw}, ...), relative to the summary */
    static String render(String stem, RawRun run, Measurements m, Analysis a, LoggingReport logging, double residueBytesPerSecond,
            Map<String, String> files) {
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();
        JsonObject root = new JsonObject();
        root.addProperty("run", stem);
        root.addProperty("command", run.command());
        root.addProperty("mode", run.mode());
        root.add("files", gson.toJsonTree(files));
        root.add("machine", gson.toJsonTree(run.machine()));
        root.add("jvms", gson.toJsonTree(m.jvms));

        JsonObject rule = new JsonObject();
        rule.addProperty("judged", "last measured iteration");
        rule.addProperty("allocatesAtBytesPerCall", Allocation.THRESHOLD_BYTES);
        rule.addProperty("minimumCalls", Allocation.MINIMUM_CALLS);
        rule.addProperty("jmhResidueBytesPerSecond", residueBytesPerSecond);
        root.add("allocationRule", rule);
        JsonArray goals = new JsonArray();
        for (Goal goal : a.goals()) {
            JsonObject o = gson.toJsonTree(goal).getAsJsonObject();
            o.addProperty("holds", goal.holds());
            goals.add(o);
        }
        root.add("goals", goals);

        JsonObject floor = new JsonObject();
        m.floorStub.forEach((target, bySize) -> floor.add(target, byCaller(gson, bySize, m.floorLibc.get(target))));
        root.add("floorMedianNanos", floor);
        root.add("writePaths", writePaths(m));
        root.add("sideStudies", gson.toJsonTree(m.others));
        root.add("syscallPenalty", gson.toJsonTree(m.tlb));
        if (!logging.isEmpty()) {
            root.add("logging", logging(logging));
            root.add("loggingGoals", gson.toJsonTree(logging.goals()));
        }
        return gson.toJson(root);
    }

    private static JsonObject byCaller(Gson gson, Map<Integer, Double> stub, Map<Integer, Double> libc) {
        JsonObject o = new JsonObject();
        o.add("stub", gson.toJsonTree(stub));
        if (libc != null) {
            o.add("libc", gson.toJsonTree(libc));
        }
        return o;
    }

    /** target -> "method (JVM)" -> size -> {ns, error, B/op mean and last iteration, calls}. */
    private static JsonObject writePaths(Measurements m) {
        JsonObject targets = new JsonObject();
        for (Map.Entry<String, Map<PathKey, Map<Integer, Score>>> target : m.paths.entrySet()) {
            JsonObject paths = new JsonObject();
            for (Map.Entry<PathKey, Map<Integer, Score>> path : target.getValue().entrySet()) {
                JsonObject sizes = new JsonObject();
                path.getValue().forEach((size, score) -> {
                    JsonObject o = new JsonObject();
                    o.addProperty("ns", round(score.ns()));
                    o.addProperty("error", round(score.error()));
                    if (score.allocation() != null) {
                        o.addProperty("bytesPerCall", round(score.allocation().mean()));
                        o.addProperty("bytesPerCallLastIteration", round(score.allocation().lastIteration()));
                        o.addProperty("calls", score.allocation().calls());
                    }
                    sizes.add(String.valueOf(size), o);
                });
                paths.add(path.getKey().label(), sizes);
            }
            targets.add(target.getKey(), paths);
        }
        return targets;
    }

    /** threads -> backend -> the logging table's figures. */
    private static JsonObject logging(LoggingReport logging) {
        JsonObject byThreads = new JsonObject();
        for (Map.Entry<Integer, Map<String, Row>> threads : logging.rows().entrySet()) {
            JsonObject backends = new JsonObject();
            threads.getValue().forEach((backend, row) -> {
                JsonObject o = new JsonObject();
                o.addProperty("durability", LoggingReport.durability(backend));
                o.addProperty("eventsPerSecond", round(row.eventsPerSecond()));
                o.addProperty("bytesPerEvent", round(row.bytesPerEvent()));
                if (row.allocation != null) {
                    o.addProperty("bytesPerEventLastIteration", round(row.allocation.lastIteration()));
                }
                o.addProperty("p999Micros", round(row.p999Micros));
                o.addProperty("disabledCallNanos", round(row.disabledNs));
                backends.add(backend, o);
            });
            byThreads.add(String.valueOf(threads.getKey()), backends);
        }
        return byThreads;
    }

    /** Three decimals: the figures' own noise is far larger, and the file stays small. */
    private static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 1000) / 1000.0;
    }
}
