package dev.syswrite.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one run of {@code ./build.sh bench} into its results, named {@code <stem>} (the run's
 * UTC date and time and the host, {@code 2026-11-28-0140-vm}), in {@code OUT_DIR}:
 * {@code <stem>.md}, the report; {@code <stem>.json}, every figure it uses ({@link Summary});
 * {@code <stem>-writes.png} and {@code <stem>-logging.png}, its pictures; and
 * {@code raw/<stem>.json.gz}, every raw measurement ({@link RawRun}), which git ignores.
 *
 * <p>usage: {@code Report OUT_DIR STEM MODE FLOOR_JSONL... -- LABEL=JMH_JSON...}, where a label
 * that starts with {@code logging} names a run of the SLF4J backend benchmarks; or
 * {@code Report --rebuild RAW_JSON[.gz] OUT_DIR STEM} to make everything again from a raw file.
 */
public final class Report {
    private static final String USAGE = """
            usage: Report OUT_DIR STEM MODE FLOOR_JSONL... -- LABEL=JMH_JSON...
                   Report --rebuild RAW_JSON[.gz] OUT_DIR STEM""";

    private Report() {}

    /** Writes the report of a run just made, or of a raw file kept from one. */
    public static void main(String[] args) throws IOException {
        if (args.length == 4 && args[0].equals("--rebuild")) {
            write(RawRun.read(Path.of(args[1])), Path.of(args[2]), args[3]);
            return;
        }
        int split = List.of(args).indexOf("--");
        if (split < 3) {
            System.err.println(USAGE);
            System.exit(2);
        }
        List<Path> floors = new ArrayList<>();
        for (int i = 3; i < split; i++) {
            floors.add(Path.of(args[i]));
        }
        Map<String, Path> jmh = new LinkedHashMap<>();
        for (int i = split + 1; i < args.length; i++) {
            String[] labelAndPath = args[i].split("=", 2);
            jmh.put(labelAndPath[0], Path.of(labelAndPath[1]));
        }
        String mode = args[2];
        write(RawRun.fromFiles(mode, "./build.sh bench " + mode.split(" ")[0], Machine.read(), floors, jmh), Path.of(args[0]), args[1]);
    }

    private static void write(RawRun run, Path out, String stem) throws IOException {
        Measurements m = new Measurements();
        run.floor().forEach(m::readFloor);
        LoggingReport logging = new LoggingReport();
        run.jmh().forEach((label, results) -> {
            if (RawRun.isLogging(label)) {
                logging.read(results);
            } else {
                m.readJmh(results, label);
            }
        });
        double residue = Allocation.residueBytesPerSecond(run.jmh().values());
        Analysis analysis = new Analysis(m, residue);

        Map<String, String> files = new LinkedHashMap<>();
        files.put("report", stem + ".md");
        files.put("writePicture", stem + "-writes.png");
        if (!logging.isEmpty()) {
            files.put("loggingPicture", stem + "-logging.png");
        }
        files.put("raw", "raw/" + stem + ".json.gz");
        Files.createDirectories(out);
        Path raw = out.resolve(files.get("raw"));
        run.write(raw); // first: the summary below may replace the file the run was read from
        String markdown = MarkdownReport.render("syswrite benchmarks, " + stem, run, m, analysis, files.get("writePicture"), files.get("raw"));
        if (!logging.isEmpty()) {
            markdown += logging.render(loggerFloor(m, Measurements.APPEND), loggerFloor(m, Measurements.SYNCED), files.get("loggingPicture"));
            LoggingChart.write(out.resolve(files.get("loggingPicture")), logging);
        }
        Files.writeString(out.resolve(files.get("report")), markdown);
        WritePathChart.write(out.resolve(files.get("writePicture")), m);
        Files.writeString(out.resolve(stem + ".json"), Summary.render(stem, run, m, analysis, logging, residue, files));
        System.out.println("wrote " + out.resolve(stem) + ".{md,json}, " + stem + "-*.png and " + raw);
    }

    /** A logger's C floor on {@code target}: (line size, median ns), or null if it was not measured. */
    private static Map.Entry<Integer, Double> loggerFloor(Measurements m, String target) {
        return m.floorStub.getOrDefault(target, Map.of()).entrySet().stream().findFirst().orElse(null);
    }
}
