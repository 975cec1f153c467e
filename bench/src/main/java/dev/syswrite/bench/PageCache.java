package dev.syswrite.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Every write path, to a page-cache file rewound before each call (see {@link WriteTarget}). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PageCache extends WritePaths {
    @Override
    protected boolean pageCache() {
        return true;
    }

    @Setup(Level.Invocation)
    public void rewindBeforeEachCall() {
        rewind();
    }
}
