package dev.syswrite.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * What one JMH result allocated per call ({@code -prof gc}'s {@code gc.alloc.rate.norm}), and
 * how the goals judge it.
 *
 * <p>The mean over the measured iterations is not a fair judge: C2 scalar-replaces a returned
 * {@code WriteResult} only once it has compiled the caller, so early iterations can read 24 B/op
 * and the mean anything between, and in quick mode's 200 ms iterations of a 60 µs call (a few
 * thousand calls) C2 may not have run at all. JMH's own allocation, by contrast, is a steady
 * few KB per second of the benchmark thread (this run's is in the report): 0.2 B/op at 30 µs a
 * call. So a path is judged on its <b>last</b> measured iteration, as allocating when that reads at
 * least {@link #THRESHOLD_BYTES} (half the smallest object a call could allocate, 16 bytes), and
 * only if its fork had made at least {@link #MINIMUM_CALLS} calls by then in iterations of at least
 * {@link #MINIMUM_ITERATION_SECONDS}: quick mode's 200 ms iterations end, at 64 KiB and more,
 * before C2 has settled (a quick run read 24 B/op in the last iteration after 120,000 calls of
 * {@code writeAddress}, which a full run reads 0.2), so quick mode judges no allocation at all.
 *
 * @param mean bytes per call, mean of the measured iterations (the figure JMH prints)
 * @param lastIteration bytes per call in the last measured iteration of the last fork
 * @param calls calls the last fork made by the end of its last iteration, warm-up included
 * @param iterationSeconds the length of each measured iteration
 */
record Allocation(double mean, double lastIteration, long calls, double iterationSeconds) {
    /** Half the smallest object (16 bytes): one allocation per call reads 16 B/op or more. */
    static final double THRESHOLD_BYTES = 8;
    /** Calls after which C2 has compiled a benchmark's loop and what it inlines. */
    static final long MINIMUM_CALLS = 100_000;
    /** Iterations this long or longer: full mode's, not quick mode's. */
    static final double MINIMUM_ITERATION_SECONDS = 1;

    /** How a path's allocation is judged. */
    enum Verdict {
        /** Under the threshold in the last iteration. */
        FREE,
        /** At or over it. */
        ALLOCATES,
        /** Too few calls to say what the compiled path does. */
        UNJUDGED
    }

    /** The allocation of {@code result}, or null if it ran without {@code -prof gc}. */
    static Allocation of(JsonObject result) {
        JsonObject secondary = result.getAsJsonObject("secondaryMetrics");
        if (secondary == null || !secondary.has("gc.alloc.rate.norm")) {
            return null;
        }
        JsonObject norm = secondary.getAsJsonObject("gc.alloc.rate.norm");
        JsonArray forks = norm.getAsJsonArray("rawData");
        JsonArray lastFork = forks.get(forks.size() - 1).getAsJsonArray();
        double last = lastFork.get(lastFork.size() - 1).getAsDouble();
        return new Allocation(norm.get("score").getAsDouble(), last, calls(result), seconds(result.get("measurementTime").getAsString()));
    }

    Verdict verdict() {
        if (calls < MINIMUM_CALLS || iterationSeconds < MINIMUM_ITERATION_SECONDS) {
            return Verdict.UNJUDGED;
        }
        return lastIteration >= THRESHOLD_BYTES ? Verdict.ALLOCATES : Verdict.FREE;
    }

    /**
     * JMH's own allocation in bytes per second of the measured threads: the lowest
     * {@code gc.alloc.rate} of any result, since some benchmark always allocates nothing itself.
     */
    static double residueBytesPerSecond(Iterable<JsonArray> runs) {
        double lowest = Double.NaN;
        for (JsonArray run : runs) {
            for (JsonElement e : run) {
                JsonObject secondary = e.getAsJsonObject().getAsJsonObject("secondaryMetrics");
                if (secondary != null && secondary.has("gc.alloc.rate")) {
                    double rate = secondary.getAsJsonObject("gc.alloc.rate").get("score").getAsDouble() * 1024 * 1024; // MB/sec
                    lowest = Double.isNaN(lowest) ? rate : Math.min(lowest, rate);
                }
            }
        }
        return lowest;
    }

    /** Calls the fork made through warm-up and measurement, from the time it ran and the score. */
    private static long calls(JsonObject result) {
        double seconds = result.get("warmupIterations").getAsInt() * seconds(result.get("warmupTime").getAsString())
                + result.get("measurementIterations").getAsInt() * seconds(result.get("measurementTime").getAsString());
        return Math.round(seconds * 1e9 / nanosPerCall(result));
    }

    /** The primary score as ns per call, whatever JMH's mode and unit ({@code ns/op}, {@code ops/us}, ...). */
    static double nanosPerCall(JsonObject result) {
        JsonObject primary = result.getAsJsonObject("primaryMetric");
        double score = primary.get("score").getAsDouble();
        String[] unit = primary.get("scoreUnit").getAsString().split("/");
        return unit[0].equals("ops") ? 1 / score * seconds("1 " + unit[1]) * 1e9 : score * seconds("1 " + unit[0]) * 1e9;
    }

    /** JMH's time values: {@code 200 ms}, {@code 1 s}, {@code 10 us}, ... */
    private static double seconds(String jmhTime) {
        String[] valueAndUnit = jmhTime.trim().split("\\s+");
        double value = Double.parseDouble(valueAndUnit[0]);
        return switch (valueAndUnit[1]) {
            case "ns" -> value / 1e9;
            case "us" -> value / 1e6;
            case "ms" -> value / 1e3;
            case "s" -> value;
            case "min" -> value * 60;
            default -> throw new IllegalArgumentException("unknown JMH time unit in " + jmhTime);
        };
    }
}
