package dev.syswrite.bench.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.syswrite.bench.report.Analysis.Goal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one run of {@code ./build.sh bench} into {@code <out>/<date>-<host>.json}, {@code .md}
 * and {@code .png}.
 *
 * <p>usage: {@code Report OUT_DIR MODE FLOOR_JSONL... -- LABEL=JMH_JSON...}; a label that starts
 * with {@code logging} names a run of the SLF4J backend benchmarks.
 */
public final class Report {
    private Report() {}

    public static void main(String[] args) throws IOException {
        int split = List.of(args).indexOf("--");
        if (args.length < 3 || split < 3) {
            System.err.println("usage: Report OUT_DIR MODE FLOOR_JSONL... -- LABEL=JMH_JSON...");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        String mode = args[1];
        Measurements m = new Measurements();
        List<Path> floors = new ArrayList<>();
        for (int i = 2; i < split; i++) {
            floors.add(Path.of(args[i]));
            m.readFloor(floors.get(floors.size() - 1));
        }
        Map<String, Path> jmh = new LinkedHashMap<>();
        LoggingReport logging = new LoggingReport();
        for (int i = split + 1; i < args.length; i++) {
            String[] labelAndPath = args[i].split("=", 2);
            jmh.put(labelAndPath[0], Path.of(labelAndPath[1]));
            if (labelAndPath[0].startsWith("logging")) {
                logging.read(Path.of(labelAndPath[1]));
            } else {
                m.readJmh(Path.of(labelAndPath[1]), labelAndPath[0]);
            }
        }

        Machine machine = Machine.read();
        Analysis analysis = new Analysis(m);
        String stem = LocalDate.now(ZoneOffset.UTC) + "-" + machine.host();
        Files.createDirectories(out);
        String title = "syswrite benchmarks, " + stem;
        String markdown = MarkdownReport.render(title, mode, machine, m, analysis)
                + (logging.isEmpty() ? "" : logging.render(loggerFloor(m, Measurements.APPEND), loggerFloor(m, Measurements.SYNCED)));
        Files.writeString(out.resolve(stem + ".md"), markdown);
        OverheadChart.write(out.resolve(stem + ".png"), m, analysis);
        Files.writeString(out.resolve(stem + ".json"), json(mode, machine, floors, jmh, analysis));
        System.out.println("wrote " + out.resolve(stem) + ".{json,md,png}");
    }

    /** A logger's C floor on {@code target}: (line size, median ns), or null if it was not measured. */
    private static Map.Entry<Integer, Double> loggerFloor(Measurements m, String target) {
        return m.floorStub.getOrDefault(target, Map.of()).entrySet().stream().findFirst().orElse(null);
    }

    /** Everything: the machine, the goals, and every raw measurement they came from. */
    private static String json(String mode, Machine machine, List<Path> floors, Map<String, Path> jmh, Analysis analysis)
            throws IOException {
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
        JsonObject root = new JsonObject();
        root.addProperty("mode", mode);
        root.add("machine", gson.toJsonTree(machine));
        JsonObject goals = new JsonObject();
        for (Goal goal : new Goal[] {analysis.thirdOfFileOutputStream(), analysis.withinFivePercentOfFloor(), analysis.allocationFree()}) {
            goals.add(goal.statement(), gson.toJsonTree(goal));
        }
        root.add("goals", goals);
        JsonArray floor = new JsonArray();
        for (Path file : floors) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    floor.add(JsonParser.parseString(line));
                }
            }
        }
        root.add("floor", floor);
        JsonObject runs = new JsonObject();
        for (Map.Entry<String, Path> run : jmh.entrySet()) {
            runs.add(run.getKey(), JsonParser.parseString(Files.readString(run.getValue())));
        }
        root.add("jmh", runs);
        return gson.toJson(root);
    }
}
