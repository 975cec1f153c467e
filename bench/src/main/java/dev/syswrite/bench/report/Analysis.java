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

    /** A goal, whether it held, and where it did not. */
    record Goal(String statement, List<String> misses, List<String> notApplicable) {
        boolean holds() {
            return misses.isEmpty();
        }
    }

    private final Measurements m;

    Analysis(Measurements m) {
        this.m = m;
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
            if (fosOverhead <= 0) {
                notApplicable.add(where + ": FileOutputStream " + ns(fos.ns()) + " is at or below the floor " + ns(floor(target, size)));
            } else if (own > fosOverhead / 3) {
                misses.add(where + ": +" + ns(own) + " vs FileOutputStream +" + ns(fosOverhead) + " (" + pct(own / fosOverhead) + ")");
            }
        });
        return new Goal("every syswrite path's overhead above the C floor is at most one third of FileOutputStream's, at every size", misses, notApplicable);
    }

    /** The zero-copy paths cost at most 5% more than the floor. */
    Goal withinFivePercentOfFloor() {
        List<String> misses = new ArrayList<>();
        forEachSyswrite((target, key, size, score) -> {
            if (!key.method().equals("syswriteDirectBuffer") && !key.method().equals("syswriteAddress")) {
                return;
            }
            Double floor = floor(target, size);
            if (floor != null && score.ns() > floor * 1.05) {
                misses.add(target + " " + key.label() + " @" + size + " B: " + ns(score.ns()) + " vs floor " + ns(floor) + " (+" + pct(score.ns() / floor - 1) + ")");
            }
        });
        return new Goal("direct-buffer and address paths within 5% of the C floor", misses, List.of());
    }

    /** No syswrite path allocates: under 1 B/op is JMH's own residue, not an allocation. */
    Goal allocationFree() {
        List<String> misses = new ArrayList<>();
        forEachSyswrite((target, key, size, score) -> {
            if (!(score.bytesPerOp() < 1.0)) {
                misses.add(target + " " + key.label() + " @" + size + " B: " + String.format("%.1f B/op", score.bytesPerOp()));
            }
        });
        return new Goal("0 B/op on every syswrite path", misses, List.of());
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
