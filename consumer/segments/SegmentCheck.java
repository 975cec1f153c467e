import dev.syswrite.SegmentWrite;
import dev.syswrite.SysWrite;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The multi-release jar's JDK 22 part as a user meets it, run by run.sh as a source file on a
 * JDK 22+: a segment written with SegmentWrite, and a buffer of a closed arena refused.
 */
public class SegmentCheck {
    public static void main(String[] args) {
        try (Arena arena = Arena.ofConfined()) {
            byte[] line = ("segment written on the " + args[0] + "\n").getBytes(StandardCharsets.UTF_8);
            MemorySegment segment = arena.allocate(line.length).copyFrom(MemorySegment.ofArray(line));
            SegmentWrite.write(1, segment).orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Arena closed = Arena.ofConfined();
        ByteBuffer stale = closed.allocate(8).asByteBuffer();
        closed.close();
        try {
            SysWrite.write(1, stale);
            System.out.println("a closed arena's buffer was written");
        } catch (IllegalStateException refused) {
            System.out.println("a closed arena's buffer refused: " + refused.getMessage());
        }
    }
}
