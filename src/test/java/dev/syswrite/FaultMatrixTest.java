package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.ChildJvm;
import dev.syswrite.testkit.FaultChild;
import dev.syswrite.testkit.Fds;
import dev.syswrite.internal.NativeLibrary;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults the kernel can give a write, each checked for its documented result and a healthy process after. */
class FaultMatrixTest {
    @TempDir
    Path dir;

    /**
     * A write past RLIMIT_FSIZE: first a short write up to the limit, then EFBIG, and the process
     * lives on, since the JVM ignores SIGXFSZ. In a child JVM, so the limit binds only it.
     */
    @Test
    void fileSizeLimitIsShortWriteThenEfbig() throws Exception {
        assertEquals(List.of("Ok[bytesWritten=2048]", "Err[errno=EFBIG (27): File too large]", "x", "alive true"), underFileSizeLimit("efbig"));
    }

    /** The same with writev: the short write drains the first buffers and takes part of the next. */
    @Test
    void fileSizeLimitIsShortWritevThenEfbig() throws Exception {
        assertEquals(List.of("Ok[bytesWritten=2048]", "Err[errno=EFBIG (27): File too large]", "1024 1024 0", "x", "alive true"),
                underFileSizeLimit("efbigv"));
    }

    /** Runs {@link FaultChild} in {@code mode} under a 2 KiB RLIMIT_FSIZE; returns its lines. */
    private List<String> underFileSizeLimit(String mode) throws Exception {
        String java = ChildJvm.java();
        // The library is loaded in place: under a 2 KiB limit it could not be extracted.
        String platform = NativeLibrary.platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        Path library = Path.of(getClass().getResource("/META-INF/native/" + platform + "/libsyswrite.so").toURI());
        String command = "ulimit -f 4 && exec \"$0\" -XX:-UsePerfData -Xshare:auto --enable-native-access=ALL-UNNAMED"
                + " -Dsyswrite.library.path=\"$3\" -cp \"$1\" " + FaultChild.class.getName() + " " + mode + " \"$2\"";
        Process child = new ProcessBuilder("sh", "-c", command, java, System.getProperty("java.class.path"), dir.resolve("big").toString(),
                        library.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, child.exitValue(), output);
        return output.lines().toList(); // ulimit -f counts 512-byte blocks
    }

    /**
     * Linux takes at most MAX_RW_COUNT = INT_MAX rounded down to a page per call, whatever the
     * length: a longer write is short, not an error. The page size is asked of the system, not
     * assumed. A sparse 2 GiB mapping gives a readable range that long without using memory.
     */
    @Test
    void lengthOverThePerCallCapIsAShortWrite() throws Exception {
        long pageSize = Long.parseLong(new String(new ProcessBuilder("getconf", "PAGESIZE").start().getInputStream().readAllBytes(),
                StandardCharsets.US_ASCII).trim());
        long cap = Integer.MAX_VALUE & -pageSize;
        try (RandomAccessFile sparse = new RandomAccessFile(dir.resolve("sparse").toFile(), "rw");
                FileOutputStream devNull = new FileOutputStream("/dev/null")) {
            sparse.setLength(Integer.MAX_VALUE);
            MappedByteBuffer mapped = sparse.getChannel().map(FileChannel.MapMode.READ_ONLY, 0, Integer.MAX_VALUE);
            WriteResult result = SysWrite.writeAddress(Fds.of(devNull.getFD()), Fds.addressOf(mapped), Integer.MAX_VALUE);
            assertEquals(new WriteResult.Ok(cap), result, "page size " + pageSize);
            assertEquals(new WriteResult.Ok(5), SysWrite.write(Fds.of(devNull.getFD()), ByteBuffer.allocateDirect(5)));
        }
    }
}
