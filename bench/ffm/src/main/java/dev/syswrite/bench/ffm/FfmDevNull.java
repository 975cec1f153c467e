package dev.syswrite.bench.ffm;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Every FFM downcall, to {@code /dev/null} (see {@link dev.syswrite.bench.WriteTarget}). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FfmDevNull extends FfmPaths {
    @Override
    protected boolean pageCache() {
        return false;
    }
}
