package dev.syswrite.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** An empty JNI call: separates the cost of the Java-to-native transition from the syscall's. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JniTransition {
    @Benchmark
    public void emptyJniCall() {
        BenchNative.empty();
    }
}
