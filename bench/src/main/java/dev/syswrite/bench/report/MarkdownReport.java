package dev.syswrite.bench.report;

import static dev.syswrite.bench.report.Analysis.ns;

import com.google.gson.JsonObject;
import dev.syswrite.bench.report.Analysis.Goal;
import dev.syswrite.bench.report.Measurements.PathKey;
import dev.syswrite.bench.report.Measurements.Score;
import java.util.Map;

/** The run as Markdown: machine, goals, one table per target, and the side studies. */
final class MarkdownReport {
    private static final Map<String, String> TARGETS = Map.of(
            "devnull", "/dev/null (kernel entry and exit, plus the path's own copies)",
            "file", "page-cache file, rewound before each call (the kernel copies the bytes too)");

    private final StringBuilder md = new StringBuilder();
    private final Measurements m;
    private final Analysis a;

    private MarkdownReport(Measurements m, Analysis a) {
        this.m = m;
        this.a = a;
    }

    /**
     * @param picture the file name of {@link WritePathChart}'s picture, beside the report
     * @param raw where the raw results are kept, relative to the report
     */
    static String render(String title, RawRun run, Measurements m, Analysis a, String picture, String raw) {
        MarkdownReport r = new MarkdownReport(m, a);
        r.md.append("# ").append(title).append("\n\n");
        r.md.append("- command: `").append(run.command()).append("`; raw results: `").append(raw).append("` (not in git)\n");
        r.machine(run.machine(), run.mode());
        r.md.append("![").append(WritePathChart.ALT).append("](").append(picture).append(")\n\n");
        r.goals();
        for (String target : m.paths.keySet()) {
            r.targetTable(target);
        }
        r.others();
        r.tlb();
        return r.md.toString();
    }

    private void machine(Machine machine, String mode) {
        md.append("- host: `").append(machine.host()).append("`, ").append(machine.cpus()).append(" CPUs: ").append(machine.cpu()).append('\n');
        md.append("- kernel: ").append(machine.kernel()).append(", clock source ").append(machine.clocksource()).append('\n');
        m.jvms.forEach((label, vm) -> md.append("- ").append(label).append(": ").append(vm).append('\n'));
        md.append("- JMH: ").append(mode).append('\n');
        md.append("- mitigations (`/sys/devices/system/cpu/vulnerabilities`):");
        machine.vulnerabilities().forEach((name, state) -> md.append(" ").append(name).append(": ").append(state).append(";"));
        md.append("\n\n");
    }

    private void goals() {
        md.append("## Goals\n\n");
        for (Goal goal : a.goals()) {
            String verdict = goal.judged() == 0 ? "not judged" : !goal.holds() ? "misses"
                    : goal.notApplicable().isEmpty() ? "holds" : "holds where judged";
            md.append("- **").append(verdict).append("**: ").append(goal.statement()).append('\n');
            md.append("  - judged by: ").append(goal.judgedBy()).append('\n');
            goal.misses().forEach(miss -> md.append("  - missed: ").append(miss).append('\n'));
            goal.notApplicable().forEach(na -> md.append("  - not judged: ").append(na).append('\n'));
        }
        md.append('\n');
    }

    /** Rows: the floor, then every path; columns: sizes. A cell: ns/op (+overhead, ratio to FileOutputStream). */
    private void targetTable(String target) {
        md.append("## ").append(TARGETS.getOrDefault(target, target)).append("\n\n");
        md.append("Each cell: ns/op (overhead above the C floor, ratio to FileOutputStream on the same JVM). ");
        md.append("Last column: the most any size allocated per call in its last measured iteration, from `-prof gc`.\n\n| path |");
        m.sizes.forEach(size -> md.append(' ').append(size).append(" B |"));
        md.append(" B/op |\n|---|");
        m.sizes.forEach(size -> md.append("---:|"));
        md.append("---:|\n");
        floorRow("C floor: syswrite's stub", m.floorStub.get(target));
        floorRow("C floor: libc write", m.floorLibc.get(target));
        for (Map.Entry<PathKey, Map<Integer, Score>> row : m.paths.get(target).entrySet()) {
            md.append("| ").append(row.getKey().label()).append(" |");
            double maxAlloc = Double.NaN;
            for (int size : m.sizes) {
                Score score = row.getValue().get(size);
                if (score == null) {
                    md.append(" |");
                    continue;
                }
                if (score.allocation() != null) {
                    maxAlloc = Double.isNaN(maxAlloc) ? score.allocation().lastIteration() : Math.max(maxAlloc, score.allocation().lastIteration());
                }
                md.append(' ').append(String.format("%,.0f", score.ns()));
                Double overhead = a.overhead(target, size, score);
                Score fos = a.fileOutputStream(target, row.getKey().jvm(), size);
                if (overhead != null) {
                    md.append(String.format(" (%+,.0f", overhead));
                    md.append(fos == null ? ")" : String.format(", %.2f×)", score.ns() / fos.ns()));
                }
                md.append(" |");
            }
            md.append(Double.isNaN(maxAlloc) ? " – |\n" : String.format(" %.1f |%n", maxAlloc));
        }
        md.append('\n');
    }

    private void floorRow(String label, Map<Integer, Double> bySize) {
        if (bySize == null) {
            return;
        }
        md.append("| ").append(label).append(" |");
        m.sizes.forEach(size -> md.append(bySize.containsKey(size) ? String.format(" %,.0f |", bySize.get(size)) : " |"));
        md.append(" – |\n");
    }

    /** What one syscall costs the code that runs after it, by how many pages that code touches. */
    private void tlb() {
        if (m.tlb.isEmpty()) {
            return;
        }
        md.append("## What a syscall costs the code after it\n\n");
        md.append("The C floor's loop touches almost no memory. Here it also reads one byte from each of N pages after ");
        md.append("every 1-byte write to /dev/null; the penalty is that loop's time minus the write's floor and minus the ");
        md.append("time to touch the same pages with no write in between: the cost of refilling what the kernel entry flushed.\n\n");
        md.append("| pages touched | write + touch | touch alone | penalty per write |\n|---:|---:|---:|---:|\n");
        double floor = m.tlb.get(0).get("write_and_touch").getAsDouble();
        for (JsonObject row : m.tlb) {
            double withWrite = row.get("write_and_touch").getAsDouble();
            double alone = row.get("touch_alone").getAsDouble();
            md.append(String.format("| %d | %,.0f | %,.0f | %,.0f |%n", row.get("pages").getAsInt(), withWrite, alone, withWrite - alone - floor));
        }
        md.append('\n');
    }

    /** The empty JNI call, and the large-array copy strategies, as plain lists. */
    private void others() {
        if (m.others.isEmpty()) {
            return;
        }
        md.append("## Side studies\n\n| benchmark | JVM | params | ns/op | B/op |\n|---|---|---|---:|---:|\n");
        for (Measurements.SideStudy r : m.others) {
            md.append(String.format("| %s | %s | %s | %s | %s |%n", r.benchmark(), r.jvm(), r.params(), ns(r.ns()).replace(" ns", ""),
                    Double.isNaN(r.bytesPerOp()) ? "–" : String.format("%.1f", r.bytesPerOp())));
        }
        md.append('\n');
    }
}
