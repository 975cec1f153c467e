package dev.syswrite.testkit;

import dev.syswrite.SysWrite;
import dev.syswrite.WriteResult;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Writes buffers over JDK 17's incubating foreign memory ({@code --add-modules
 * jdk.incubator.foreign}, reached by reflection: {@code --release 17} has no incubator API) to
 * {@code args[0]}: one whose scope is closed, one from a thread its confined scope does not
 * belong to, then one that is fine. Prints what each write gave or threw.
 */
public final class IncubatorSegmentChild {
    private IncubatorSegmentChild() {}

    public static void main(String[] args) throws Exception {
        Class<?> scopes = Class.forName("jdk.incubator.foreign.ResourceScope");
        Class<?> segments = Class.forName("jdk.incubator.foreign.MemorySegment");
        try (FileOutputStream out = new FileOutputStream(args[0])) {
            Object closed = scopes.getMethod("newConfinedScope").invoke(null);
            ByteBuffer stale = buffer(segments, scopes, closed, "freed!!!");
            scopes.getMethod("close").invoke(closed);
            System.out.println("closed: " + attempt(() -> SysWrite.write(out.getFD(), stale)));

            Object confined = scopes.getMethod("newConfinedScope").invoke(null);
            ByteBuffer mine = buffer(segments, scopes, confined, "foreign!");
            System.out.println("other thread: " + CompletableFuture.supplyAsync(() -> attempt(() -> SysWrite.write(out.getFD(), mine))).get());
            System.out.println("owner: " + attempt(() -> SysWrite.write(out.getFD(), mine)));
            scopes.getMethod("close").invoke(confined);
        }
    }

    /** A segment of {@code text.length()} bytes in {@code scope}, holding {@code text}, as a buffer. */
    private static ByteBuffer buffer(Class<?> segments, Class<?> scopes, Object scope, String text) throws Exception {
        Object segment = segments.getMethod("allocateNative", long.class, scopes).invoke(null, (long) text.length(), scope);
        ByteBuffer buffer = (ByteBuffer) segments.getMethod("asByteBuffer").invoke(segment);
        return buffer.put(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).flip();
    }

    private static String attempt(java.util.concurrent.Callable<WriteResult> write) {
        try {
            return String.valueOf(write.call());
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }
}
