package dev.syswrite.bench.report;

import dev.syswrite.bench.report.Measurements.PathKey;
import dev.syswrite.bench.report.Measurements.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the numbers mean: overhead above the C floor, ratio to FileOutputStream, and the goals. */
final class Analysis {
    static final String FILE_OUTPUT_STREAM = "jdkFileOutputStream";
    /** The JVM whose FileOutputStream is the reference when a path's own JVM did not run it. */
    static final String REFERENCE_JVM = "JDK 17";

    /** A goal, how it was judged, whether it held, and where it did not or could not be judged. */
    record Goal(String statement, String judgedBy, int judged, List<String> misses, List<String> notApplicable) {
        boolean holds() {
            return misses.isEmpty();
        }
    }

    private final Measurements m;
    private final double residueBytesPerSecond;

    /** @param residueBytesPerSecond JMH's own allocation in this run, see {@link Allocation#residueBytesPerSecond} */
    Analysis(Measurements m, double residueBytesPerSecond) {
        this.m = m;
        this.residueBytesPerSecond = residueBytesPerSecond;
    }

    /** The three goals of the write paths, in the report's order. */
    List<Goal> goals() {
        return List.of(thirdOfFileOutputStream(), withinFivePercentOfFloor(), allocationFree());
    }

    Double floor(String target, int size) {
        Map<Integer, Double> bySize = m.floorStub.get(target);
        return bySize == null ? null : bySize.get(size);
    }

    /** ns above the C floor (the stub called from C) for the same target and size. */
    Double overhead(String target, int size, Score score) {
        Double floor = floor(target, size);
        return floor == null ? null : score.ns() - floor;
    }

    Score fileOutputStream(String target, String jvm, int size) {
        Map<PathKey, Map<Integer, Score>> paths = m.paths.getOrDefault(target, Map.of());
        Map<Integer, Score> own = paths.get(new PathKey(FILE_OUTPUT_STREAM, jvm));
        Map<Integer, Score> reference = own != null ? own : paths.get(new PathKey(FILE_OUTPUT_STREAM, REFERENCE_JVM));
        return reference == null ? null : reference.get(size);
    }

    /** Every syswrite path's overhead is at most a third of FileOutputStream's, at every size. */
    Goal thirdOfFileOutputStream() {
        int[] judged = {0};
        List<String> misses = new ArrayList<>();
        List<String> notApplicable = new ArrayList<>();
        forEachSyswrite((target, key, size, score) -> {
            Score fos = fileOutputStream(target, key.jvm(), size);
            Double own = overhead(target, size, score);
            if (fos == null || own == null) {
                return;
            }
            double fosOverhead = overhead(target, size, fos);
            String where = target + " " + key.label() + " @" + size + " B";
            judged[0] += fosOverhead <= 0 ? 0 : 1;
            if (fosOverhead <= 0) {
                notApplicable.add(where + ": FileOutputStream " + ns(fos.ns()) + " is at or below the floor " + ns(floor(target, size)));
            } else if (own > fosOverhead / 3) {
                misses.add(where + ": +" + ns(own) + " vs FileOutputStream +" + ns(fosOverhead) + " (" + pct(own / fosOverhead) + ")");
            }
        });
        return new Goal("every syswrite path's overhead above the C floor is at most one third of FileOutputStream's, at every size",
                "JMH's mean ns/op less the floor's median, against FileOutputStream's on the same JVM (JDK 17's where the JVM ran none)",
                judged[0], misses, notApplicable);
    }

    /** The zero-copy paths cost at most 5% more than the floor. */
    Goal withinFivePercentOfFloor() {
        int[] judged = {0};
        List<String> misses = new ArrayList<>();
        forEachSyswrite((target, key, size, score) -> {
            if (!key.method().equals("syswriteDirectBuffer") && !key.method().equals("syswriteAddress")) {
                return;
            }
            Double floor = floor(target, size);
            judged[0] += floor == null ? 0 : 1;
            if (floor != null && score.ns() > floor * 1.05) {
                misses.add(target + " " + key.label() + " @" + size + " B: " + ns(score.ns()) + " vs floor " + ns(floor) + " (+" + pct(score.ns() / floor - 1) + ")");
            }
        });
        return new Goal("direct-buffer and address paths within 5% of the C floor", "JMH's mean ns/op against the floor's median",
                judged[0], misses, List.of());
    }

    /** No syswrite path allocates, judged as {@link Allocation} explains. */
    Goal allocationFree() {
        List<String> misses = new ArrayList<>();
        List<String> unjudged = new ArrayList<>();
        double[] slowestJudged = {0};
        int[] judged = {0};
        forEachSyswrite((target, key, size, score) -> {
            Allocation a = score.allocation();
            String where = target + " " + key.label() + " @" + size + " B: ";
            if (a == null) {
                unjudged.add(where + "run without -prof gc");
                return;
            }
            switch (a.verdict()) {
                case ALLOCATES -> misses.add(where + String.format("%.1f B/op in the last iteration (mean %.1f), after %,d calls",
                        a.lastIteration(), a.mean(), a.calls()));
                case UNJUDGED -> unjudged.add(where + String.format("%,d calls in %.0f ms iterations, too few or too short for C2 to "
                        + "have settled (last iteration %.1f B/op, mean %.1f)", a.calls(), a.iterationSeconds() * 1000, a.lastIteration(), a.mean()));
                case FREE -> slowestJudged[0] = Math.max(slowestJudged[0], score.ns());
            }
            judged[0] += a.verdict() == Allocation.Verdict.UNJUDGED ? 0 : 1;
        });
        String residue = Double.isNaN(residueBytesPerSecond) ? "" : String.format(
                "; JMH's own allocation in this run, the lowest rate of any benchmark, was %,.0f bytes/s: at most %.2f B/op at the slowest call judged (%s)",
                residueBytesPerSecond, residueBytesPerSecond * slowestJudged[0] / 1e9, ns(slowestJudged[0]));
        return new Goal("0 B/op on every syswrite path",
                String.format("-prof gc's bytes per call in each benchmark's last measured iteration (the mean also counts the warm-up "
                        + "before C2 scalar-replaces a returned WriteResult); a path allocates if that reads %.0f B/op or more, half the "
                        + "smallest object; judged only where the fork had made %,d calls by then, in iterations of %.0f s or more "
                        + "(full mode: quick mode's 200 ms iterations end before C2 has settled at 64 KiB and more)%s",
                        Allocation.THRESHOLD_BYTES, Allocation.MINIMUM_CALLS, Allocation.MINIMUM_ITERATION_SECONDS, residue),
                judged[0], misses, unjudged);
    }

    interface ScoreVisitor {
        void visit(String target, PathKey key, int size, Score score);
    }

    private void forEachSyswrite(ScoreVisitor visitor) {
        m.paths.forEach((target, byPath) -> byPath.forEach((key, bySize) -> {
            if (key.method().startsWith("syswrite")) {
                bySize.forEach((size, score) -> visitor.visit(target, key, size, score));
            }
        }));
    }

    static String ns(double ns) {
        return String.format("%,.0f ns", ns);
    }

    static String pct(double fraction) {
        return String.format("%.0f%%", fraction * 100);
    }
}
