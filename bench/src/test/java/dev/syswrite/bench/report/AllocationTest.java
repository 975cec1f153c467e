package dev.syswrite.bench.report;

import static dev.syswrite.bench.report.JmhResults.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocationTest {
    private static final Object[] FULL = {3, "1 s", 5, "1 s"};
    private static final Object[] QUICK = {1, "200 ms", 3, "200 ms"};

    @Test
    void warmUpAllocationBeforeScalarReplacementIsNotAMiss() {
        // A WriteResult path: 24 B/op until C2 compiles the caller, JMH's residue after. Its mean, 4.9, misses a 1 B/op rule.
        Allocation a = Allocation.of(result("b.PageCache.syswriteAddress", "avgt", "ns/op", 32_000, 1, FULL,
                new double[] {23.9, 0.2, 0.2, 0.2, 0.2}, 0.13));
        assertEquals(4.94, a.mean(), 0.01);
        assertEquals(Allocation.Verdict.FREE, a.verdict());
    }

    @Test
    void aSixteenByteObjectPerCallAllocates() {
        Allocation a = Allocation.of(result("b.DevNull.leaky", "avgt", "ns/op", 1_300, 1, FULL, new double[] {16, 16, 16, 16, 16}, 12));
        assertEquals(Allocation.Verdict.ALLOCATES, a.verdict());
    }

    @Test
    void tooFewCallsForC2AreNotJudged() {
        // Quick mode at 1 MiB to the page cache: 0.8 s of 65 µs calls is ~12,000 calls.
        Allocation a = Allocation.of(result("b.PageCache.syswriteArray", "avgt", "ns/op", 65_000, 1, QUICK, new double[] {24, 24, 24}, 0.4));
        assertEquals(12_308, a.calls(), 1);
        assertEquals(Allocation.Verdict.UNJUDGED, a.verdict());
    }

    @Test
    void quickModeJudgesNoAllocation() {
        // A quick run's writeAddress at 64 KiB to the page cache: 24 B/op after 121,613 calls, 0.2 in a full run.
        Allocation a = Allocation.of(result("b.PageCache.syswriteAddress", "avgt", "ns/op", 6_578, 1, QUICK, new double[] {0.3, 12, 24.2}, 2));
        assertEquals(Allocation.Verdict.UNJUDGED, a.verdict());
    }

    @Test
    void throughputScoresCountCalls() {
        // 0.375 ops/µs for 3 + 5 s: three million calls.
        Allocation a = Allocation.of(result("b.SysWriteProvider.enabled", "thrpt", "ops/us", 0.375, 1, FULL, new double[] {0, 0, 0, 0, 0}, 0));
        assertEquals(3_000_000, a.calls(), 1);
        assertEquals(2_666.7, Allocation.nanosPerCall(result("x", "sample", "us/op", 2.6667, 1, FULL, new double[] {0}, 0)), 0.1);
    }

    @Test
    void residueIsTheLowestRateOfTheRun() {
        JsonArray run = new JsonArray();
        run.add(result("a", "avgt", "ns/op", 10, 1, FULL, new double[] {0}, 0.0055));
        run.add(result("b", "avgt", "ns/op", 10, 1, FULL, new double[] {24}, 15));
        assertEquals(0.0055 * 1024 * 1024, Allocation.residueBytesPerSecond(List.of(run)), 1e-6);
    }
}
