package dev.syswrite.logging.output;

import dev.syswrite.SysWrite;
import dev.syswrite.internal.EngineAccess;
import java.nio.ByteBuffer;

/** syswrite's write(2): one call, continued only if the kernel took part of the line. */
final class NativeSink extends LogSink {
    NativeSink(String output, OutputFile file) {
        super(output, file);
        SysWrite.ensureAvailable();
        EngineAccess.initializeWritePath(); // here, not in the first write (LogSink.initialize says why)
    }

    @Override
    public ByteBuffer allocate(int capacity) {
        return ByteBuffer.allocateDirect(capacity); // written in place by the kernel
    }

    @Override
    long writeOnce(OpenFile pinned, ByteBuffer line, int from, int to) {
        line.limit(to).position(from);
        return SysWrite.writeRaw(pinned.descriptor, line); // raw: nothing to allocate
    }

    @Override
    public boolean gathers() {
        return true;
    }

    @Override
    public long writev(OpenFile pinned, long iov, int count, ByteBuffer note) {
        return EngineAccess.writevAddress(pinned.fd, iov, count, note);
    }

    @Override
    public long addressOf(ByteBuffer direct) {
        return EngineAccess.bufferAddress(direct);
    }
}
