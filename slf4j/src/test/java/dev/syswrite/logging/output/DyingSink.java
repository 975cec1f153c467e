package dev.syswrite.logging.output;

import dev.syswrite.SysWrite;
import dev.syswrite.internal.EngineAccess;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A file sink whose gathering writes go to the real kernel, but whose caller dies where a test
 * says: a throwable thrown on a given call, before the system call or after it (once the shim has
 * stored the result, as a {@code Thread.stop} or a stack overflow would leave it), and calls cut
 * short to a given number of bytes, as a full disk cuts them.
 */
public final class DyingSink extends LogSink {
    /** Where a call dies: never, before the kernel sees it, or after the kernel took its bytes. */
    public enum Death { NONE, BEFORE, AFTER }

    private final Map<Integer, Death> deaths = new HashMap<>();
    private final Map<Integer, Long> cuts = new HashMap<>();
    private long iovecsGiven;
    private final Throwable death;
    private final ByteBuffer shortened = ByteBuffer.allocateDirect(16 * SysWrite.IOV_MAX).order(ByteOrder.nativeOrder());
    private ByteBuffer iovecs;
    private long iovecsAddress;
    private int calls;

    /**
     * @param path the file, appended to
     * @param death what a dying call throws
     */
    public DyingSink(Path path, Throwable death) throws IOException {
        super(path.toString(), open(path));
        this.death = death;
    }

    private static OutputFile open(Path path) throws IOException {
        SysWrite.ensureAvailable(); // loads the library, which reads the descriptor's number
        return OutputFile.open(path, true, 0, 0, 0, false);
    }

    /** Reads the iovecs the caller passes through this buffer, whose address they are in. */
    public void readIovecsFrom(ByteBuffer iov) {
        this.iovecs = iov.duplicate().order(ByteOrder.nativeOrder());
        this.iovecsAddress = EngineAccess.bufferAddress(iov);
    }

    /** Call {@code call} (from 1) dies as {@code how} says. */
    public DyingSink dieAt(int call, Death how) {
        deaths.put(call, how);
        return this;
    }

    /** Call {@code call} (from 1) offers the kernel at most {@code bytes} of its iovecs. */
    public DyingSink cutAt(int call, long bytes) {
        cuts.put(call, bytes);
        return this;
    }

    /** The iovecs the gathering writes were given, in all. */
    public long iovecs() {
        return iovecsGiven;
    }

    /** Gathering writes made so far, dying ones included. */
    public int calls() {
        return calls;
    }

    @Override
    public ByteBuffer allocate(int capacity) {
        return ByteBuffer.allocateDirect(capacity);
    }

    @Override
    long writeOnce(OpenFile pinned, ByteBuffer line, int from, int to) {
        return SysWrite.writeRaw(pinned.descriptor, line.limit(to).position(from));
    }

    @Override
    public boolean gathers() {
        return true;
    }

    @Override
    public long addressOf(ByteBuffer direct) {
        return EngineAccess.bufferAddress(direct);
    }

    @Override
    public long writev(OpenFile pinned, long iov, int count, ByteBuffer note) {
        Death how = deaths.getOrDefault(++calls, Death.NONE);
        iovecsGiven += count;
        if (how == Death.BEFORE) {
            throw sneaky(death);
        }
        long budget = cuts.getOrDefault(calls, Long.MAX_VALUE);
        int from = (int) (iov - iovecsAddress);
        int used = 0;
        for (; used < count && budget > 0; used++) {
            long length = Math.min(budget, iovecs.getLong(from + used * 16 + 8));
            shortened.putLong(used * 16, iovecs.getLong(from + used * 16)).putLong(used * 16 + 8, length);
            budget -= length;
        }
        long n = EngineAccess.writevAddress(pinned.fd, EngineAccess.bufferAddress(shortened), used, note);
        if (how == Death.AFTER) {
            throw sneaky(death);
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable thrown) throws T {
        throw (T) thrown;
    }
}
