package dev.syswrite.bench.report;

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
 * The SLF4J backends side by side: events per second, ns per event, bytes allocated per event
 * and the 99.9th percentile of one call's latency, at each thread count, with the provider's
 * goals checked against the backends that also make each event durable before the call returns.
 */
final class LoggingReport {
    /** Backends whose logging call returns only once the event has reached the kernel. */
    static final List<String> PER_EVENT_DURABLE = List.of("LogbackFile", "Log4j2File", "Log4j2GarbageFree", "Slf4jSimple");
    static final String SYSWRITE = "SysWriteProvider";
    /** The same, writing JSON Lines: syswrite's JSON layout against its peers', with the goal of beating them. */
    static final List<String> PER_EVENT_DURABLE_JSON = List.of("LogbackJson", "Log4j2Json");
    static final String SYSWRITE_JSON = "SysWriteJson";
    /** Backends whose logging call returns only once the event is on the device (fdatasync). */
    static final List<String> PER_EVENT_SYNCED = List.of("SysWriteFsync");

    /** One backend's results at one thread count. */
    static final class Row {
        double opsPerMicro = Double.NaN;
        double bytesPerOp = Double.NaN;
        double p999Micros = Double.NaN;
        double disabledNs = Double.NaN;
    }

    /** threads -> backend -> row, in the order first seen. */
    private final Map<Integer, Map<String, Row>> rows = new LinkedHashMap<>();

    void read(Path json) throws IOException {
        for (JsonElement e : JsonParser.parseString(Files.readString(json)).getAsJsonArray()) {
            JsonObject r = e.getAsJsonObject();
            String[] name = r.get("benchmark").getAsString().split("\\.");
            String backend = name[name.length - 2];
            String method = name[name.length - 1];
            Row row = rows.computeIfAbsent(r.get("threads").getAsInt(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(backend, b -> new Row());
            JsonObject primary = r.getAsJsonObject("primaryMetric");
            String mode = r.get("mode").getAsString();
            if (method.equals("disabled") && mode.equals("thrpt")) {
                row.disabledNs = r.get("threads").getAsInt() * 1000 / primary.get("score").getAsDouble(); // per call
            } else if (method.equals("enabled") && mode.equals("thrpt")) {
                row.opsPerMicro = primary.get("score").getAsDouble();
                JsonObject secondary = r.getAsJsonObject("secondaryMetrics");
                if (secondary != null && secondary.has("gc.alloc.rate.norm")) {
                    row.bytesPerOp = secondary.getAsJsonObject("gc.alloc.rate.norm").get("score").getAsDouble();
                }
            } else if (method.equals("enabled") && mode.equals("sample")) {
                row.p999Micros = primary.getAsJsonObject("scorePercentiles").get("99.9").getAsDouble();
            }
        }
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * @param appendFloor the C floor's append of one line (size in bytes, median ns), or null if
     *     not measured: the least any backend's call can cost, so each row is also quoted above it
     * @param syncedFloor the C floor's append and fdatasync of that line, or null: the floor of
     *     the synced rows
     */
    String render(Map.Entry<Integer, Double> appendFloor, Map.Entry<Integer, Double> syncedFloor) {
        StringBuilder md = new StringBuilder("## SLF4J backends: one INFO event with two arguments, to a file\n\n");
        md.append("Durable: the call returns once the event is in the kernel (a SIGKILL right after loses nothing). ");
        md.append("Synced: once it is on the device (a power cut right after loses nothing). ");
        md.append("Async: the event may still be in a queue.");
        if (appendFloor != null) {
            md.append(String.format(" Above the floor: ns/event less the C floor, syswrite's stub appending a %d-byte line "
                    + "to an `O_APPEND` file from C (%,.0f ns)", appendFloor.getKey(), appendFloor.getValue()));
            md.append(syncedFloor == null ? "." : String.format(", or for synced rows appending it and calling `fdatasync` (%,.0f ns).",
                    syncedFloor.getValue()));
        }
        md.append("\n\n| backend | durability | threads | events/s | ns/event | above the floor, ns | B/event | p99.9 µs | disabled call, ns |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach((threads, byBackend) -> byBackend.forEach((backend, row) -> {
            double nsPerEvent = threads * 1000 / row.opsPerMicro; // each thread's time per call
            boolean synced = PER_EVENT_SYNCED.contains(backend);
            Map.Entry<Integer, Double> floor = synced ? syncedFloor : appendFloor;
            md.append(String.format("| %s | %s | %d | %,.0f | %,.0f | %s | %.1f | %,.1f | %.1f |%n", backend,
                    synced ? "synced" : durable(backend) ? "durable" : "async", threads,
                    row.opsPerMicro * 1e6, nsPerEvent, floor == null ? "–" : String.format("%+,.0f", nsPerEvent - floor.getValue()),
                    row.bytesPerOp, row.p999Micros, row.disabledNs));
        }));
        md.append("\n### Goals for syswrite's provider\n\n");
        for (String line : goals()) {
            md.append("- ").append(line).append('\n');
        }
        return md.append('\n').toString();
    }

    private static boolean durable(String backend) {
        return backend.equals(SYSWRITE) || backend.equals(SYSWRITE_JSON) || PER_EVENT_DURABLE.contains(backend)
                || PER_EVENT_DURABLE_JSON.contains(backend);
    }

    private List<String> goals() {
        List<String> lines = new ArrayList<>();
        goals(SYSWRITE, PER_EVENT_DURABLE, 1.5, lines);
        goals(SYSWRITE_JSON, PER_EVENT_DURABLE_JSON, 1.0, lines);
        return lines;
    }

    /** The goals of {@code self} against the best of {@code peers}: {@code goal}× their events/s, a lower p99.9, no allocation. */
    private void goals(String self, List<String> peers, double goal, List<String> lines) {
        for (Map.Entry<Integer, Map<String, Row>> byThreads : rows.entrySet()) {
            Row own = byThreads.getValue().get(self);
            if (own == null) {
                continue;
            }
            String bestPeer = null;
            double worstP999 = Double.MAX_VALUE;
            for (String peer : peers) {
                Row r = byThreads.getValue().get(peer);
                if (r == null) {
                    continue;
                }
                if (bestPeer == null || r.opsPerMicro > byThreads.getValue().get(bestPeer).opsPerMicro) {
                    bestPeer = peer;
                }
                worstP999 = Math.min(worstP999, r.p999Micros);
            }
            if (bestPeer == null) {
                continue;
            }
            double ratio = own.opsPerMicro / byThreads.getValue().get(bestPeer).opsPerMicro;
            int threads = byThreads.getKey();
            lines.add(String.format("%s: %s at %d thread(s): %.2f× the events/s of the best durable peer (%s); goal %.1f×",
                    self, ratio >= goal ? "**holds**" : "**misses**", threads, ratio, bestPeer, goal));
            lines.add(String.format("%s: %s at %d thread(s): p99.9 %.1f µs against the best durable peer's %.1f µs",
                    self, own.p999Micros < worstP999 ? "**holds**" : "**misses**", threads, own.p999Micros, worstP999));
            lines.add(String.format("%s: %s at %d thread(s): %.2f B/event", self, own.bytesPerOp < 1 ? "**holds**" : "**misses**", threads,
                    own.bytesPerOp));
        }
    }

    /** Thread counts seen, for the JSON summary. */
    TreeSet<Integer> threadCounts() {
        return new TreeSet<>(rows.keySet());
    }
}
