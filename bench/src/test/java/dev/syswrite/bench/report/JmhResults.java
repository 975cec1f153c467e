package dev.syswrite.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** JMH results as its {@code -rf json} writes them, with only the fields the report reads. */
final class JmhResults {
    private JmhResults() {}

    /**
     * One result of one fork.
     *
     * @param timing warm-up iterations, their time, measured iterations, their time: {@code 3, "1 s", 5, "1 s"}
     * @param bytesPerIteration {@code gc.alloc.rate.norm} of each measured iteration
     * @param allocationRate {@code gc.alloc.rate}, MB/s
     */
    static JsonObject result(String benchmark, String mode, String unit, double score, int threads, Object[] timing,
            double[] bytesPerIteration, double allocationRate) {
        JsonObject r = new JsonObject();
        r.addProperty("benchmark", benchmark);
        r.addProperty("mode", mode);
        r.addProperty("threads", threads);
        r.addProperty("vmName", "OpenJDK 64-Bit Server VM");
        r.addProperty("vmVersion", "17");
        r.addProperty("warmupIterations", (Integer) timing[0]);
        r.addProperty("warmupTime", (String) timing[1]);
        r.addProperty("measurementIterations", (Integer) timing[2]);
        r.addProperty("measurementTime", (String) timing[3]);
        JsonObject primary = new JsonObject();
        primary.addProperty("score", score);
        primary.addProperty("scoreError", score / 10);
        primary.addProperty("scoreUnit", unit);
        JsonObject percentiles = new JsonObject();
        percentiles.addProperty("99.9", score * 20);
        primary.add("scorePercentiles", percentiles);
        r.add("primaryMetric", primary);
        JsonObject secondary = new JsonObject();
        JsonObject norm = new JsonObject();
        double sum = 0;
        JsonArray fork = new JsonArray();
        for (double b : bytesPerIteration) {
            fork.add(b);
            sum += b;
        }
        JsonArray forks = new JsonArray();
        forks.add(fork);
        norm.addProperty("score", sum / bytesPerIteration.length);
        norm.add("rawData", forks);
        secondary.add("gc.alloc.rate.norm", norm);
        JsonObject rate = new JsonObject();
        rate.addProperty("score", allocationRate);
        secondary.add("gc.alloc.rate", rate);
        r.add("secondaryMetrics", secondary);
        return r;
    }
}
