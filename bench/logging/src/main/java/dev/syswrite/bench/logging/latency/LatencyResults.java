package dev.syswrite.bench.logging.latency;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The results of a fixed-rate run, and its files: {@code <stem>.md}, {@code <stem>.json} and
 * {@code <stem>.png} in the plan's output folder, {@code raw/<stem>.json.gz} under it. It comes
 * from the cells just run, or from the raw file of an earlier run ({@link #read}), so a report can
 * be drawn again, by newer code, from what a run measured.
 */
record LatencyResults(String host, LatencyPlan plan, AppendFloor floor, List<CellSummary> cells) {

    /** Writes the report, the summary, the picture, and the raw results gzipped. */
    void write() throws IOException {
        Path out = plan.out();
        String stem = plan.stem();
        Path raw = out.resolve("raw").resolve(stem + ".json.gz");
        Files.createDirectories(raw.getParent());
        try (Writer writer = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(raw)), StandardCharsets.UTF_8)) {
            writer.write(LatencyJson.render(host, plan, floor, cells, true));
        }
        Files.writeString(out.resolve(stem + ".md"), LatencyTable.render("SLF4J backends at a fixed rate: response time, " + stem, host, plan,
                floor, cells));
        Files.writeString(out.resolve(stem + ".json"), LatencyJson.render(host, plan, floor, cells, false));
        LatencyChart.write(out.resolve(stem + ".png"), plan, cells);
        System.out.println("wrote " + out.resolve(stem) + ".{md,json,png} and " + raw);
    }

    /** The run a raw file (gzipped or not) holds, to be written to {@code out} as {@code stem}. */
    static LatencyResults read(Path rawFile, Path out, String stem) throws IOException {
        JsonObject root;
        try (InputStream file = Files.newInputStream(rawFile);
                InputStream in = rawFile.toString().endsWith(".gz") ? new GZIPInputStream(file) : file;
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(reader).getAsJsonObject();
        }
        Gson gson = new Gson();
        AppendFloor floor = null;
        if (root.has("appendFloorMedianNanosBySize")) {
            TreeMap<Integer, Double> bySize = new TreeMap<>();
            root.getAsJsonObject("appendFloorMedianNanosBySize").entrySet()
                    .forEach(e -> bySize.put(Integer.valueOf(e.getKey()), e.getValue().getAsDouble()));
            floor = AppendFloor.of(bySize);
        }
        long warmUpMillis = root.get("warmUpMillis").getAsLong();
        long measuredMillis = root.get("measuredMillis").getAsLong();
        Set<String> backends = new LinkedHashSet<>();
        Set<Long> rates = new LinkedHashSet<>();
        Set<Integer> threads = new LinkedHashSet<>();
        List<CellSummary> cells = new ArrayList<>();
        for (JsonElement e : root.getAsJsonArray("cells")) {
            JsonObject c = e.getAsJsonObject();
            Cell cell = new Cell(c.get("backend").getAsString(), c.get("eventsPerSecond").getAsLong(), c.get("threads").getAsInt());
            backends.add(cell.backend());
            rates.add(cell.eventsPerSecond());
            threads.add(cell.threads());
            CellResult result = new CellResult(cell, warmUpMillis, measuredMillis, c.get("scheduledEvents").getAsLong(),
                    c.get("issuedEvents").getAsLong(), c.get("warmUpEvents").getAsLong(), c.get("elapsedNanos").getAsLong(),
                    base64(c, "responseTimeNanos"), base64(c, "serviceTimeNanos"), c.get("jvm").getAsString());
            long lines = c.get("linesWritten").getAsLong();
            long bytes = lines == 0 ? 0 : Math.round(lines * c.get("bytesPerLine").getAsDouble());
            cells.add(CellSummary.of(result, new WrittenLog(lines, bytes), floor));
        }
        String mode = root.has("mode") ? root.get("mode").getAsString() : root.get("plan").getAsString().split(":")[0];
        List<String> jvmArgs = List.of(gson.fromJson(root.get("childJvmArgs"), String[].class));
        LatencyPlan plan = new LatencyPlan(mode, List.copyOf(backends), List.copyOf(rates), List.copyOf(threads), warmUpMillis, measuredMillis,
                jvmArgs, out, out, null, stem);
        return new LatencyResults(root.get("host").getAsString(), plan, floor, cells);
    }

    private static String base64(JsonObject cell, String histogram) {
        JsonObject h = cell.getAsJsonObject(histogram);
        if (!h.has("compressedBase64")) {
            throw new IllegalArgumentException("no histograms in this file: a summary, not the raw results (raw/<stem>.json.gz)");
        }
        return h.get("compressedBase64").getAsString();
    }
}
