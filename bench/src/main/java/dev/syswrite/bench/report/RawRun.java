package dev.syswrite.bench.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Everything one run of {@code ./build.sh bench} measured, as the programs wrote it: the C
 * floor's JSON lines and each JMH run's JSON, with the mode, the command and the machine. It is
 * megabytes (every iteration and every sample), so it is kept gzipped beside the results and out
 * of git; the report and the summary are made from it, and can be made again from it.
 *
 * @param mode the JMH options and sizes, as {@code build.sh} describes them
 * @param command what produced the run
 * @param machine where it ran
 * @param floor every line {@code floor.bin} printed, in order
 * @param jmh each JMH run's results, by label ({@code JDK 17}, {@code logging 1}, ...)
 */
record RawRun(String mode, String command, Machine machine, List<JsonObject> floor, Map<String, JsonArray> jmh) {

    /** The run as its programs left it: floor output files and JMH result files, by label. */
    static RawRun fromFiles(String mode, String command, Machine machine, List<Path> floorFiles, Map<String, Path> jmhFiles)
            throws IOException {
        List<JsonObject> floor = new ArrayList<>();
        for (Path file : floorFiles) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    floor.add(JsonParser.parseString(line).getAsJsonObject());
                }
            }
        }
        Map<String, JsonArray> jmh = new LinkedHashMap<>();
        for (Map.Entry<String, Path> run : jmhFiles.entrySet()) {
            jmh.put(run.getKey(), JsonParser.parseString(Files.readString(run.getValue())).getAsJsonArray());
        }
        return new RawRun(mode, command, machine, floor, jmh);
    }

    /**
     * Reads what {@link #write} wrote, gzipped or not; also the single JSON file runs before
     * 2026-11-28 committed (the same fields, and goals that are computed again here).
     */
    static RawRun read(Path file) throws IOException {
        JsonObject root;
        try (InputStream in = open(file); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(reader).getAsJsonObject();
        }
        List<JsonObject> floor = new ArrayList<>();
        for (JsonElement line : root.getAsJsonArray("floor")) {
            floor.add(line.getAsJsonObject());
        }
        Map<String, JsonArray> jmh = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> run : root.getAsJsonObject("jmh").entrySet()) {
            jmh.put(run.getKey(), run.getValue().getAsJsonArray());
        }
        String command = root.has("command") ? root.get("command").getAsString() : "./build.sh bench " + root.get("mode").getAsString().split(" ")[0];
        return new RawRun(root.get("mode").getAsString(), command, new Gson().fromJson(root.get("machine"), Machine.class), floor, jmh);
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }

    /** Writes the run gzipped, compact: a full run's 12 MB of JSON is about 1 MB. */
    void write(Path gz) throws IOException {
        Gson gson = new GsonBuilder().serializeSpecialFloatingPointValues().create();
        JsonObject root = new JsonObject();
        root.addProperty("mode", mode);
        root.addProperty("command", command);
        root.add("machine", gson.toJsonTree(machine));
        JsonArray lines = new JsonArray();
        floor.forEach(lines::add);
        root.add("floor", lines);
        JsonObject runs = new JsonObject();
        jmh.forEach(runs::add);
        root.add("jmh", runs);
        Files.createDirectories(gz.toAbsolutePath().getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz));
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            gson.toJson(root, writer);
        }
    }

    /** The JMH runs of the SLF4J backends, whose labels start with {@code logging}. */
    static boolean isLogging(String label) {
        return label.startsWith("logging");
    }
}
