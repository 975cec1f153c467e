package dev.syswrite.bench.logging.latency;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The C floor for a logger: one {@code write(2)} of a line to a file opened with
 * {@code O_APPEND}, through syswrite's own stub ({@code floor.bin append}), median ns per call
 * by line size. No JVM-side logger can append a line for less.
 */
final class AppendFloor {
    private final TreeMap<Integer, Double> medianNanosBySize = new TreeMap<>();

    /** Reads {@code floor.bin append}'s JSON lines; other targets and libc's calls are skipped. */
    static AppendFloor read(Path jsonLines) throws IOException {
        AppendFloor floor = new AppendFloor();
        for (String line : Files.readAllLines(jsonLines)) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            if (o.has("target") && o.get("target").getAsString().equals("append") && o.get("caller").getAsString().equals("stub")) {
                floor.medianNanosBySize.put(o.get("size").getAsInt(), o.get("median").getAsDouble());
            }
        }
        if (floor.medianNanosBySize.isEmpty()) {
            throw new IOException(jsonLines + " holds no append floor (floor.bin append PATH RUNS MILLIS SIZE...)");
        }
        return floor;
    }

    /** A floor already read: median ns by line size, as the raw results keep it. */
    static AppendFloor of(Map<Integer, Double> medianNanosBySize) {
        AppendFloor floor = new AppendFloor();
        floor.medianNanosBySize.putAll(medianNanosBySize);
        return floor;
    }

    /** The floor measured at the size closest to {@code lineBytes}, and that size. */
    Map.Entry<Integer, Double> nearest(double lineBytes) {
        int size = (int) Math.round(lineBytes);
        Map.Entry<Integer, Double> below = medianNanosBySize.floorEntry(size);
        Map.Entry<Integer, Double> above = medianNanosBySize.ceilingEntry(size);
        if (below == null || above == null) {
            return below == null ? above : below;
        }
        return size - below.getKey() <= above.getKey() - size ? below : above;
    }

    /** Every size measured, with its median ns. */
    Map<Integer, Double> medianNanosBySize() {
        return medianNanosBySize;
    }
}
