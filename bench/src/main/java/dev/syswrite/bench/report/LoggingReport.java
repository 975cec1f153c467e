package dev.syswrite.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SLF4J backends side by side: events per second, ns per event, bytes allocated per event
 * and the 99.9th percentile of one call's latency, at each thread count, with the provider's
 * goals checked against the backends that also make each event durable before the call returns.
 *
 * <p>Every benchmark class in the JMH results gets a row, named after the class (and the method,
 * for a method other than {@code enabled} and {@code disabled}); the lists below only say which
 * are durable, synced or async, and a name they do not hold is classed by its words.
 */
final class LoggingReport {
    /** Backends whose logging call returns only once the event has reached the kernel. */
    static final List<String> PER_EVENT_DURABLE = List.of("LogbackFile", "Log4j2File", "Log4j2GarbageFree", "Slf4jSimple");
    static final String SYSWRITE = "SysWriteProvider";
    /**
     * Durable too, but not the provider's peers in its goals: the same appenders writing JSON
     * (Log4j2's JSON Template Layout, logstash-logback-encoder, the provider's own JSON Lines).
     */
    static final List<String> ALSO_DURABLE = List.of("SysWriteJson", "Log4j2Json", "LogbackJson");
    /** syswrite's JSON Lines, whose own goal is to beat the JSON layouts of its peers. */
    static final String SYSWRITE_JSON = "SysWriteJson";
    static final List<String> PER_EVENT_DURABLE_JSON = List.of("LogbackJson", "Log4j2Json");
    /** Backends whose logging call returns only once the event is on the device (fdatasync). */
    static final List<String> PER_EVENT_SYNCED = List.of("SysWriteFsync");

    static final String DURABLE = "durable";
    static final String SYNCED = "synced";
    static final String ASYNC = "async";
    static final String UNLISTED = "unlisted";
    /** The order of the groups in the table and the chart. */
    private static final List<String> GROUPS = List.of(DURABLE, ASYNC, UNLISTED, SYNCED);

    /** One backend's results at one thread count. */
    static final class Row {
        double opsPerMicro = Double.NaN;
        Allocation allocation;
        double p999Micros = Double.NaN;
        double disabledNs = Double.NaN;

        double eventsPerSecond() {
            return opsPerMicro * 1e6;
        }

        double bytesPerEvent() {
            return allocation == null ? Double.NaN : allocation.mean();
        }
    }

    /** threads -> backend -> row. */
    private final Map<Integer, Map<String, Row>> rows = new TreeMap<>();

    /** One JMH run of the logging benchmarks. */
    void read(JsonArray results) {
        for (JsonElement e : results) {
            JsonObject r = e.getAsJsonObject();
            String[] name = r.get("benchmark").getAsString().split("\\.");
            String method = name[name.length - 1];
            boolean disabled = method.equals("disabled");
            String backend = name[name.length - 2] + (disabled || method.equals("enabled") ? "" : "." + method);
            Row row = rows.computeIfAbsent(r.get("threads").getAsInt(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(backend, b -> new Row());
            JsonObject primary = r.getAsJsonObject("primaryMetric");
            String mode = r.get("mode").getAsString();
            if (disabled && mode.equals("thrpt")) {
                row.disabledNs = r.get("threads").getAsInt() * 1000 / primary.get("score").getAsDouble(); // per call
            } else if (!disabled && mode.equals("thrpt")) {
                row.opsPerMicro = primary.get("score").getAsDouble();
                row.allocation = Allocation.of(r);
            } else if (!disabled && mode.equals("sample")) {
                row.p999Micros = primary.getAsJsonObject("scorePercentiles").get("99.9").getAsDouble();
            }
        }
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * Durable, synced or async, from the lists; a name in none of them is async if it says so,
     * synced if it says {@code Fsync}, else as the listed backend its name starts with
     * ({@code LogbackFileJson} as {@code LogbackFile}), else {@link #UNLISTED}.
     */
    static String durability(String backend) {
        String name = backend.split("\\.")[0];
        if (PER_EVENT_SYNCED.contains(name)) {
            return SYNCED;
        }
        if (name.equals(SYSWRITE) || PER_EVENT_DURABLE.contains(name) || ALSO_DURABLE.contains(name)) {
            return DURABLE;
        }
        if (name.contains("Async")) {
            return ASYNC;
        }
        if (name.contains("Fsync")) {
            return SYNCED;
        }
        List<String> listed = new ArrayList<>(PER_EVENT_DURABLE);
        listed.addAll(ALSO_DURABLE);
        listed.add(SYSWRITE);
        listed.addAll(PER_EVENT_SYNCED);
        return listed.stream().filter(name::startsWith).findFirst().map(LoggingReport::durability).orElse(UNLISTED);
    }

    /**
     * Durable first, then async, unlisted and synced; in each group the goals' peers before other
     * variants (the JSON layouts), syswrite's first among either, then by name.
     */
    static final Comparator<String> ORDER = Comparator.<String>comparingInt(b -> GROUPS.indexOf(durability(b)))
            .thenComparing(b -> !b.equals(SYSWRITE) && !PER_EVENT_DURABLE.contains(b))
            .thenComparing(b -> !b.startsWith("SysWrite"))
            .thenComparing(Comparator.naturalOrder());

    /** threads -> backend -> row, each thread count's backends in {@link #ORDER}. */
    Map<Integer, Map<String, Row>> rows() {
        Map<Integer, Map<String, Row>> sorted = new TreeMap<>();
        rows.forEach((threads, byBackend) -> {
            Map<String, Row> ordered = new LinkedHashMap<>();
            byBackend.keySet().stream().sorted(ORDER).forEach(b -> ordered.put(b, byBackend.get(b)));
            sorted.put(threads, ordered);
        });
        return sorted;
    }

    /**
     * @param appendFloor the C floor's append of one line (size in bytes, median ns), or null if
     *     not measured: the least any backend's call can cost, so each row is also quoted above it
     * @param syncedFloor the C floor's append and fdatasync of that line, or null: the floor of
     *     the synced rows
     * @param picture the file name of {@link LoggingChart}'s picture, beside the report
     */
    String render(Map.Entry<Integer, Double> appendFloor, Map.Entry<Integer, Double> syncedFloor, String picture) {
        StringBuilder md = new StringBuilder("## SLF4J backends: one INFO event with two arguments, to a file\n\n");
        md.append("Durable: the call returns once the event is in the kernel (a SIGKILL right after loses nothing). ");
        md.append("Synced: once it is on the device (a power cut right after loses nothing). ");
        md.append("Async: the event may still be in a queue. Unlisted: a benchmark this report does not know; its durability is not claimed.");
        if (appendFloor != null) {
            md.append(String.format(" Above the floor: ns/event less the C floor, syswrite's stub appending a %d-byte line "
                    + "to an `O_APPEND` file from C (%,.0f ns)", appendFloor.getKey(), appendFloor.getValue()));
            md.append(syncedFloor == null ? "." : String.format(", or for synced rows appending it and calling `fdatasync` (%,.0f ns).",
                    syncedFloor.getValue()));
        }
        md.append(" B/event: `-prof gc`'s mean over the measured iterations.\n\n");
        md.append("![").append(LoggingChart.ALT).append("](").append(picture).append(")\n\n");
        md.append("| backend | durability | threads | events/s | ns/event | above the floor, ns | B/event | p99.9 µs | disabled call, ns |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        rows().forEach((threads, byBackend) -> byBackend.forEach((backend, row) -> {
            double nsPerEvent = threads * 1000 / row.opsPerMicro; // each thread's time per call
            String durability = durability(backend);
            Map.Entry<Integer, Double> floor = durability.equals(SYNCED) ? syncedFloor : appendFloor;
            md.append(String.format("| %s | %s | %d | %,.0f | %,.0f | %s | %.1f | %,.1f | %.1f |%n", backend, durability, threads,
                    row.eventsPerSecond(), nsPerEvent, floor == null ? "–" : String.format("%+,.0f", nsPerEvent - floor.getValue()),
                    row.bytesPerEvent(), row.p999Micros, row.disabledNs));
        }));
        md.append("\n### Goals for syswrite's provider\n\n");
        md.append(String.format("Judged against the best of the listed durable peers (%s) at each thread count; B/event as the write paths' "
                + "allocation goal: the last measured iteration, %.0f B or more is an allocation.%n%n",
                String.join(", ", PER_EVENT_DURABLE), Allocation.THRESHOLD_BYTES));
        md.append(String.format("JSON goals: %s against the best of %s, goal 1.0×.%n%n", SYSWRITE_JSON, String.join(", ", PER_EVENT_DURABLE_JSON)));
        for (String line : goals()) {
            md.append("- ").append(line).append('\n');
        }
        return md.append('\n').toString();
    }

    /** The provider's goals at each thread count, one line each, in the report's words. */
    List<String> goals() {
        List<String> lines = new ArrayList<>();
        goals(SYSWRITE, PER_EVENT_DURABLE, 1.5, "", lines);
        goals(SYSWRITE_JSON, PER_EVENT_DURABLE_JSON, 1.0, "JSON: ", lines);
        return lines;
    }

    /** The goals of {@code self} against the best of {@code peers}: {@code goal}× their events/s, a lower p99.9, no allocation. */
    private void goals(String self, List<String> peers, double goal, String prefix, List<String> lines) {
        for (Map.Entry<Integer, Map<String, Row>> byThreads : rows.entrySet()) {
            Row own = byThreads.getValue().get(self);
            if (own == null) {
                continue;
            }
            String bestPeer = null;
            double bestP999 = Double.MAX_VALUE;
            for (String peer : peers) {
                Row r = byThreads.getValue().get(peer);
                if (r == null) {
                    continue;
                }
                if (bestPeer == null || r.opsPerMicro > byThreads.getValue().get(bestPeer).opsPerMicro) {
                    bestPeer = peer;
                }
                bestP999 = Math.min(bestP999, r.p999Micros);
            }
            if (bestPeer == null) {
                continue;
            }
            double ratio = own.opsPerMicro / byThreads.getValue().get(bestPeer).opsPerMicro;
            int threads = byThreads.getKey();
            lines.add(String.format("%s%s at %d thread(s): %.2f× the events/s of the best durable peer (%s); goal %.1f×",
                    prefix, ratio >= goal ? "**holds**" : "**misses**", threads, ratio, bestPeer, goal));
            lines.add(String.format("%s%s at %d thread(s): p99.9 %.1f µs against the best durable peer's %.1f µs",
                    prefix, own.p999Micros < bestP999 ? "**holds**" : "**misses**", threads, own.p999Micros, bestP999));
            Allocation a = own.allocation;
            String verdict = a == null ? "**not judged**" : switch (a.verdict()) {
                case FREE -> "**holds**";
                case ALLOCATES -> "**misses**";
                case UNJUDGED -> "**not judged**";
            };
            lines.add(prefix + (a == null ? verdict + String.format(" at %d thread(s): 0 B/event, run without -prof gc", threads)
                    : String.format("%s at %d thread(s): 0 B/event; %.2f B/event in the last iteration (mean %.2f) after %,d calls",
                            verdict, threads, a.lastIteration(), a.mean(), a.calls())));
        }
    }
}
